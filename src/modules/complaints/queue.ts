import { isStaff } from '../../platform/auth/roles.ts';
import type { Ctx } from '../../platform/context.ts';
import { t } from '../../platform/i18n/index.ts';
import type { WorkQueueItem } from '../../platform/module.ts';
import { queueScopeFor } from './policy.ts';
import * as repo from './repo.ts';

/** Enough for any one desk; a longer queue is counted as this many. */
const COUNT_CAP = 1000;

/**
 * The reports in this officer's complaints queue (their agency's, or their region's as the
 * complaints policy scopes it) that wait on someone: past their current deadline first, then new
 * ones not yet verified. Each links to the queue filtered the same way, so the numbers agree.
 */
export async function complaintsWorkQueue(ctx: Ctx): Promise<WorkQueueItem[]> {
  const actor = ctx.actor;
  if (!isStaff(actor)) return [];
  const now = ctx.clock.now();
  const scope = queueScopeFor(actor);
  const [overdue, fresh] = await Promise.all([
    repo.selectQueue(ctx.db, scope, { overdueAt: now }, COUNT_CAP, 0),
    repo.selectQueue(ctx.db, scope, { state: 'baru' }, COUNT_CAP, 0),
  ]);
  const items: WorkQueueItem[] = [];
  if (overdue.rows.length > 0)
    items.push({
      kind: 'complaints.overdue',
      count: overdue.rows.length,
      overdue: overdue.rows.length,
      href: '/kelola/pengaduan?overdue=1',
      label: t('complaints.workQueue.overdue', { n: overdue.rows.length }),
    });
  if (fresh.rows.length > 0)
    items.push({
      kind: 'complaints.new',
      count: fresh.rows.length,
      overdue: fresh.rows.filter((r) => new Date(r.current_due) < now).length,
      href: '/kelola/pengaduan?state=baru',
      label: t('complaints.workQueue.new', { n: fresh.rows.length }),
    });
  return items;
}
