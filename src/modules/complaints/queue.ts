import { isStaff, type StaffActor } from '../../platform/auth/roles.ts';
import type { Ctx } from '../../platform/context.ts';
import { t } from '../../platform/i18n/index.ts';
import type { WorkCount, WorkDoneRow, WorkItem, WorkQueueItem } from '../../platform/module.ts';
import { byUrgency } from '../../platform/work/index.ts';
import { complianceScopeFor, ownHandler, queueScopeFor } from './policy.ts';
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

/** The officer's desk: their agency's or village office's own reports, else their policy's queue scope. */
function deskScope(actor: StaffActor): repo.QueueScope {
  const own = ownHandler(actor);
  return own ? { handlerKind: own.kind, handlerCode: own.code } : queueScopeFor(actor);
}

/** How many open reports `complaintsWorkItems` lists (uncapped) and how many are overdue: the menu's count. */
export async function complaintsWorkCount(ctx: Ctx): Promise<WorkCount> {
  const actor = ctx.actor;
  if (!isStaff(actor)) return { waiting: 0, late: 0 };
  const { open, late } = await repo.countOpenInQueue(ctx.db, deskScope(actor), ctx.clock.now());
  return { waiting: open, late };
}

/**
 * Each open report on this officer's desk with its SLA clock: their agency's or village office's
 * own reports (or, for a camat or the regency, the queue their policy scope covers); the due time
 * is the current stage's (verify, first response, resolve). Overdue first, then by due time.
 */
export async function complaintsWorkItems(ctx: Ctx, options: { limit: number }): Promise<WorkItem[]> {
  const actor = ctx.actor;
  if (!isStaff(actor)) return [];
  const now = ctx.clock.now();
  const { rows } = await repo.selectQueue(ctx.db, deskScope(actor), { status: 'open' }, COUNT_CAP, 0);
  return rows
    .map((r) => {
      const dueAt = new Date(r.current_due);
      return {
        kind: 'complaints.open',
        title: t('complaints.workItem', { ticket: r.ticket, title: r.title }),
        href: `/kelola/pengaduan/${r.ticket}`,
        dueAt,
        receivedAt: new Date(r.created_at),
        overdue: dueAt < now,
      };
    })
    .sort(byUrgency)
    .slice(0, options.limit);
}

/** Reports closed in the period within the officer's SLA scope; within target when resolved by the resolve deadline. */
export async function complaintsWorkDone(ctx: Ctx, period: { from: Date; to: Date }): Promise<WorkDoneRow[]> {
  const actor = ctx.actor;
  if (!isStaff(actor)) return [];
  const scope = complianceScopeFor(actor);
  const rows = await repo.closedBetween(ctx.db, period, scope.handler, scope.regionPrefix);
  return rows.map((r) => ({
    kind: 'complaints.closed',
    officerId: r.officer_id,
    officerName: r.officer_name ?? t('complaints.workDone.unknownOfficer'),
    unit: { type: r.handler_kind === 'agency' ? 'agency' : 'region', code: r.handler_code },
    receivedAt: new Date(r.created_at),
    doneAt: new Date(r.resolved_at as Date),
    withinTarget: new Date(r.resolved_at as Date) <= new Date(r.resolve_due_at),
  }));
}
