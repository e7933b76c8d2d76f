import type { Ctx } from '../../platform/context.ts';
import { t } from '../../platform/i18n/index.ts';
import type { WorkCount, WorkItem, WorkQueueItem } from '../../platform/module.ts';
import { keptVillage } from './policy.ts';
import * as repo from './repo.ts';

/** For the village office: enterprises residents registered that wait for its check. */
export async function umkmWorkQueue(ctx: Ctx): Promise<WorkQueueItem[]> {
  const village = keptVillage(ctx.actor);
  if (!village) return [];
  const count = await repo.pendingCount(ctx.db, village);
  if (count === 0) return [];
  return [
    {
      kind: 'umkm.check',
      count,
      overdue: 0,
      href: '/kelola/umkm?status=menunggu',
      label: t('umkm.queue.check', { count }),
    },
  ];
}

/**
 * Each registration waiting for the village office's check (`/kelola/kerja`), new ones and returned
 * ones the owner sent again alike, the longest waiting first. No rule sets a deadline for the check,
 * so none is late; the age counts from when it was last sent (a resubmission sets `updated_at`).
 */
export async function umkmWorkItems(ctx: Ctx, options: { limit: number }): Promise<WorkItem[]> {
  const village = keptVillage(ctx.actor);
  if (!village) return [];
  const rows = await repo.pendingOldestFirst(ctx.db, village, options.limit);
  return rows.map((r) => ({
    kind: 'umkm.check',
    title: t('umkm.workItem.check', { name: r.name, owner: r.owner_name }),
    href: `/kelola/umkm/${r.id}`,
    dueAt: null,
    receivedAt: new Date(r.updated_at),
    overdue: false,
  }));
}

/** How many registrations `umkmWorkItems` lists (uncapped); none is ever late. */
export async function umkmWorkCount(ctx: Ctx): Promise<WorkCount> {
  const village = keptVillage(ctx.actor);
  if (!village) return { waiting: 0, late: 0 };
  return { waiting: await repo.pendingCount(ctx.db, village), late: 0 };
}
