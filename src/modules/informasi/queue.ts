import { isStaff } from '../../platform/auth/roles.ts';
import type { Ctx } from '../../platform/context.ts';
import { t } from '../../platform/i18n/index.ts';
import type { WorkCount, WorkDoneRow, WorkItem, WorkQueueItem } from '../../platform/module.ts';
import { byUrgency } from '../../platform/work/index.ts';
import { requestScopeFor } from './policy.ts';
import * as repo from './repo.ts';
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

const TITLE_CHARS = 80;

/**
 * Each open request and objection on this PPID desk, due by its legal deadline (extended when the
 * extension was recorded); past it first, then nearest deadline first.
 */
export async function informasiWorkItems(ctx: Ctx, options: { limit: number }): Promise<WorkItem[]> {
  if (!isStaff(ctx.actor)) return [];
  const [open, objections] = await Promise.all([
    listStaffRequests(ctx, { status: 'terbuka' }),
    listOpenObjections(ctx),
  ]);
  const items: WorkItem[] = [
    ...open.map((r) => ({
      kind: 'informasi.request',
      title: t('informasi.workItem.request', { number: r.number, information: shorten(r.information) }),
      href: `/kelola/informasi/permohonan/${r.id}`,
      dueAt: r.effectiveDue,
      receivedAt: r.received_at,
      overdue: r.overdue,
    })),
    ...objections.map((o) => ({
      kind: 'informasi.objection',
      title: t('informasi.workItem.objection', { number: o.number }),
      href: `/kelola/informasi/permohonan/${o.id}`,
      dueAt: o.due_at,
      // the objection's own filing date is not read here; its deadline is what orders it
      receivedAt: o.due_at,
      overdue: o.overdue,
    })),
  ];
  return items.sort(byUrgency).slice(0, options.limit);
}

/** How many requests and objections `informasiWorkItems` lists (uncapped), and how many are late. */
export async function informasiWorkCount(ctx: Ctx): Promise<WorkCount> {
  const actor = ctx.actor;
  if (!isStaff(actor)) return { waiting: 0, late: 0 };
  return repo.countOpenWork(ctx.db, requestScopeFor(actor), ctx.clock.now());
}

function shorten(text: string): string {
  return text.length > TITLE_CHARS ? `${text.slice(0, TITLE_CHARS - 1)}…` : text;
}

/** Requests decided in the period on the officer's desk; within target when decided by the legal deadline. */
export async function informasiWorkDone(ctx: Ctx, period: { from: Date; to: Date }): Promise<WorkDoneRow[]> {
  const actor = ctx.actor;
  if (!isStaff(actor)) return [];
  const rows = await repo.selectDecidedBetween(ctx.db, requestScopeFor(actor), period);
  return rows.map((r) => ({
    kind: 'informasi.request',
    officerId: r.officer_id,
    officerName: r.officer_name ?? t('informasi.workDone.unknownOfficer'),
    unit: { type: r.body_kind === 'agency' ? 'agency' : 'region', code: r.body_code },
    receivedAt: new Date(r.received_at),
    doneAt: new Date(r.decided_at as Date),
    withinTarget: new Date(r.decided_at as Date) <= new Date(r.deadline),
  }));
}
