import type { Ctx } from '../../platform/context.ts';
import { t } from '../../platform/i18n/index.ts';
import type { WorkQueueItem } from '../../platform/module.ts';
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
