import type { Ctx } from '../../platform/context.ts';
import { t } from '../../platform/i18n/index.ts';
import type { WorkItem, WorkQueueItem } from '../../platform/module.ts';
import { mayDecideAid, mayKeepVillageAid } from './policy.ts';
import * as repo from './repo.ts';
import type { ApplicationStatus } from './schema.ts';

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

/**
 * Each application waiting on this desk (`/kelola/kerja`): the village office's to verify, forward
 * and record as paid; Dinsos' proposals to decide. Due at the end of the step's due day.
 */
export async function aidWorkItems(ctx: Ctx, options: { limit: number }): Promise<WorkItem[]> {
  const actor = ctx.actor;
  if (actor?.kind !== 'staff') return [];
  const village = actor.scope.type === 'region' && mayKeepVillageAid(actor, actor.scope.code);
  const dinsos = actor.scope.type === 'agency' && mayDecideAid(actor, ctx.config.regencyCode);
  if (!village && !dinsos) return [];
  const now = ctx.clock.now();
  const rows = await repo.applicationsWaiting(
    ctx.db,
    village ? actor.scope.code : null,
    village ? VILLAGE_STEPS : DINSOS_STEPS,
    options.limit,
  );
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
