import { isStaff } from '../../platform/auth/roles.ts';
import type { Ctx } from '../../platform/context.ts';
import { t } from '../../platform/i18n/index.ts';
import type { WorkQueueItem } from '../../platform/module.ts';
import { listOpenObjections, listStaffRequests } from './requests.ts';

/**
 * What waits for a PPID officer: requests past their deadline first, then requests waiting for
 * an answer, then objections for the superior. Counted within the officer's scope as the policy
 * sets it; each links to the list filtered the same way.
 */
export async function informasiWorkQueue(ctx: Ctx): Promise<WorkQueueItem[]> {
  if (!isStaff(ctx.actor)) return [];
  const [open, objections] = await Promise.all([
    listStaffRequests(ctx, { status: 'terbuka' }),
    listOpenObjections(ctx),
  ]);
  const overdue = open.filter((r) => r.overdue).length;
  const items: WorkQueueItem[] = [];
  if (overdue > 0)
    items.push({
      kind: 'informasi.overdue',
      count: overdue,
      overdue,
      href: '/kelola/informasi?status=terlambat',
      label: t('informasi.workQueue.overdue', { n: overdue }),
    });
  if (open.length > 0)
    items.push({
      kind: 'informasi.waiting',
      count: open.length,
      overdue,
      href: '/kelola/informasi?status=terbuka',
      label: t('informasi.workQueue.waiting', { n: open.length }),
    });
  if (objections.length > 0)
    items.push({
      kind: 'informasi.objections',
      count: objections.length,
      overdue: objections.filter((o) => o.overdue).length,
      href: '/kelola/informasi#keberatan',
      label: t('informasi.workQueue.objections', { n: objections.length }),
    });
  return items;
}
