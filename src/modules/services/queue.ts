import type { Ctx } from '../../platform/context.ts';
import { currentLocale, t } from '../../platform/i18n/index.ts';
import type { WorkCount, WorkDoneRow, WorkItem, WorkQueueItem } from '../../platform/module.ts';
import { byUrgency } from '../../platform/work/index.ts';
import { textOf } from './forms.ts';
import { queueScope } from './policy.ts';
import * as repo from './repo.ts';
import { myTurnCount, myTurns } from './requests.ts';
import type { RequestState } from './schema.ts';
import './messages.ts';

/** The states in which a request waits on a staff step, and the words for each. */
const WAITING: Array<{ state: RequestState; kind: string; label: string }> = [
  { state: 'diperiksa', kind: 'services.check', label: 'services.workQueue.check' },
  { state: 'menunggu_tanda_tangan', kind: 'services.sign', label: 'services.workQueue.sign' },
];

/**
 * Requests whose current step is this actor's turn (the operator's check, the kepala desa's
 * signature, an agency's step), as the services policy decides per request; each item links to
 * the queue filtered on the same turns (`giliran=saya`) in that state.
 */
export async function servicesWorkQueue(ctx: Ctx): Promise<WorkQueueItem[]> {
  if (ctx.actor?.kind !== 'staff') return [];
  const now = ctx.clock.now();
  const items: WorkQueueItem[] = [];
  for (const waiting of WAITING) {
    const mine = await myTurns(ctx, { state: waiting.state });
    if (mine.length === 0) continue;
    items.push({
      kind: waiting.kind,
      count: mine.length,
      overdue: mine.filter((r) => r.due_at !== null && r.due_at < now).length,
      href: `/kelola/layanan?giliran=saya&status=${waiting.state}`,
      label: t(waiting.label, { n: mine.length }),
    });
  }
  return items;
}

/**
 * The same turns one by one (`/kelola/kerja`): each request at the actor's step, its due time the
 * service's target from submission; overdue first, then by due time.
 */
export async function servicesWorkItems(ctx: Ctx, options: { limit: number }): Promise<WorkItem[]> {
  if (ctx.actor?.kind !== 'staff') return [];
  const now = ctx.clock.now();
  const locale = currentLocale();
  const items: WorkItem[] = [];
  for (const waiting of WAITING) {
    for (const r of await myTurns(ctx, { state: waiting.state })) {
      items.push({
        kind: waiting.kind,
        title: t(`services.workItem.${waiting.state}`, {
          code: r.code,
          service: textOf(r.definition.name, locale),
          name: r.applicant_name,
        }),
        href: `/kelola/layanan/permohonan/${r.id}`,
        dueAt: r.due_at,
        receivedAt: r.submitted_at ?? now,
        overdue: r.due_at !== null && r.due_at < now,
      });
    }
  }
  return items.sort(byUrgency).slice(0, options.limit);
}

/** How many requests `servicesWorkItems` lists and how many are overdue, counted (the menu's count). */
export async function servicesWorkCount(ctx: Ctx): Promise<WorkCount> {
  if (ctx.actor?.kind !== 'staff') return { waiting: 0, late: 0 };
  return myTurnCount(ctx);
}

/**
 * Requests decided in the period (issued or refused) within the actor's queue scope: received at
 * submission, done when finished, by the staff member of the last step, within target when
 * finished by the due time the service's working days set.
 */
export async function servicesWorkDone(ctx: Ctx, period: { from: Date; to: Date }): Promise<WorkDoneRow[]> {
  if (ctx.actor?.kind !== 'staff') return [];
  const rows = await repo.decidedBetween(ctx.db, queueScope(ctx.actor), period);
  return rows.map((r) => ({
    kind: 'services.request',
    officerId: r.officer_id,
    officerName: r.officer_name ?? t('services.workDone.unknownOfficer'),
    unit:
      r.owner_type === 'agency' && r.owner_code
        ? { type: 'agency', code: r.owner_code }
        : { type: 'region', code: r.village_code },
    receivedAt: r.submitted_at,
    doneAt: r.finished_at,
    withinTarget: r.due_at === null || r.finished_at <= r.due_at,
  }));
}
