import { holidaySet } from '../../platform/calendar.ts';
import type { Ctx } from '../../platform/context.ts';
import { t } from '../../platform/i18n/index.ts';
import type { WorkCount, WorkDoneRow, WorkItem, WorkQueueItem } from '../../platform/module.ts';
import { AID_AGENCY, aidRecordRegion, mayDecideAid, mayKeepVillageAid, readsAidRecords } from './policy.ts';
import * as repo from './repo.ts';
import type { ApplicationStatus } from './schema.ts';
import { stepDueAt } from './service.ts';

/**
 * The village office: applications to verify, to forward and to record as disbursed, and registry
 * entries still to review. Dinsos: the forwarded proposals of every village, in one queue.
 */
export async function aidWorkQueue(ctx: Ctx): Promise<WorkQueueItem[]> {
  const actor = ctx.actor;
  if (actor?.kind !== 'staff') return [];
  const village = actor.scope.type === 'region' && mayKeepVillageAid(actor, actor.scope.code);
  const dinsos = actor.scope.type === 'agency' && mayDecideAid(actor, ctx.config.regencyCode);
  if (!village && !dinsos) return [];
  const counts = await repo.applicationCounts(ctx.db, village ? actor.scope.code : null, ctx.clock.now());
  const of = (status: string) => counts.find((c) => c.status === status);
  const items: WorkQueueItem[] = [];
  const line = (status: string, kind: string) => {
    const c = of(status);
    if (!c || Number(c.n) === 0) return;
    items.push({
      kind: `aid.${kind}`,
      count: Number(c.n),
      overdue: Number(c.overdue),
      href: `/kelola/bansos?status=${status}`,
      label: t(`aid.queue.${kind}`, { count: Number(c.n) }),
    });
  };
  if (dinsos) {
    line('diteruskan', 'decide');
    return items;
  }
  line('diajukan', 'verify');
  line('diverifikasi_desa', 'forward');
  line('disetujui', 'disburse');
  const unverified = await repo.unverifiedBeneficiaries(ctx.db, actor.scope.code);
  if (unverified > 0)
    items.push({
      kind: 'aid.review',
      count: unverified,
      overdue: 0,
      href: '/kelola/bansos/penerima?tinjau=1',
      label: t('aid.queue.review', { count: unverified }),
    });
  return items;
}

/** Which statuses wait on the village office, and on Dinsos. */
const VILLAGE_STEPS: ApplicationStatus[] = ['diajukan', 'diverifikasi_desa', 'disetujui'];
const DINSOS_STEPS: ApplicationStatus[] = ['diteruskan'];

/** The acting officer's aid desk: their village office (its region) or Dinsos (every village), or none. */
function deskOf(ctx: Ctx): { region: string | null; steps: ApplicationStatus[] } | null {
  const actor = ctx.actor;
  if (actor?.kind !== 'staff') return null;
  if (actor.scope.type === 'region' && mayKeepVillageAid(actor, actor.scope.code))
    return { region: actor.scope.code, steps: VILLAGE_STEPS };
  if (actor.scope.type === 'agency' && mayDecideAid(actor, ctx.config.regencyCode))
    return { region: null, steps: DINSOS_STEPS };
  return null;
}

/** How many applications `aidWorkItems` lists (uncapped) and how many are overdue: the menu's count. */
export async function aidWorkCount(ctx: Ctx): Promise<WorkCount> {
  const desk = deskOf(ctx);
  if (!desk) return { waiting: 0, late: 0 };
  const counts = await repo.applicationCounts(ctx.db, desk.region, ctx.clock.now());
  const mine = counts.filter((c) => desk.steps.includes(c.status));
  return {
    waiting: mine.reduce((n, c) => n + Number(c.n), 0),
    late: mine.reduce((n, c) => n + Number(c.overdue), 0),
  };
}

/**
 * Each application waiting on this desk (`/kelola/kerja`): the village office's to verify, forward
 * and record as paid; Dinsos' proposals to decide. Due at the end of the step's due day.
 */
export async function aidWorkItems(ctx: Ctx, options: { limit: number }): Promise<WorkItem[]> {
  const desk = deskOf(ctx);
  if (!desk) return [];
  const now = ctx.clock.now();
  const rows = await repo.applicationsWaiting(ctx.db, desk.region, desk.steps, options.limit);
  // ordered by due time, so the overdue ones lead
  return rows.map((r) => ({
    kind: `aid.${r.status}`,
    title: t(`aid.workItem.${r.status}`, { code: r.code, programme: r.programme }),
    href: `/kelola/bansos/usulan/${r.id}`,
    dueAt: r.due_at,
    receivedAt: r.status_at,
    overdue: r.due_at !== null && r.due_at < now,
  }));
}

/** What each finished step is on the performance page: the village's verification, Dinsos' decision. */
const FINISHED: Partial<Record<ApplicationStatus, { kind: string; by: 'village' | 'dinsos' }>> = {
  diverifikasi_desa: { kind: 'aid.verified', by: 'village' },
  dikembalikan: { kind: 'aid.verified', by: 'village' },
  disetujui: { kind: 'aid.decided', by: 'dinsos' },
  ditolak: { kind: 'aid.decided', by: 'dinsos' },
};

/**
 * Proposals the village verified (or returned) and Dinsos decided in the period, from the
 * applications' history: received when the step began, done at the officer's line, within target
 * when done by the step's working-day limit. Within the aid records the officer may read.
 */
export async function aidWorkDone(ctx: Ctx, period: { from: Date; to: Date }): Promise<WorkDoneRow[]> {
  if (ctx.actor?.kind !== 'staff' || !readsAidRecords(ctx.actor)) return [];
  const statuses = Object.keys(FINISHED) as ApplicationStatus[];
  const [lines, holidays] = await Promise.all([
    repo.stepsFinishedBetween(ctx.db, aidRecordRegion(ctx.actor), statuses, period),
    holidaySet(ctx),
  ]);
  return lines.flatMap((l) => {
    const step = FINISHED[l.status];
    if (!step || !l.from_status || !l.from_at) return [];
    const receivedAt = new Date(l.from_at);
    const due = stepDueAt(l.from_status, receivedAt, holidays);
    return [
      {
        kind: step.kind,
        officerId: l.actor_kind === 'staff' ? l.actor_id : null,
        officerName: l.actor_name || t('aid.workDone.unknownOfficer'),
        unit:
          step.by === 'dinsos'
            ? { type: 'agency' as const, code: AID_AGENCY }
            : { type: 'region' as const, code: l.village_code },
        receivedAt,
        doneAt: new Date(l.at),
        withinTarget: due === null || new Date(l.at) <= due,
      },
    ];
  });
}
