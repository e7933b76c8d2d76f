import type { Ctx } from '../../platform/context.ts';
import { t } from '../../platform/i18n/index.ts';
import type { WorkQueueItem } from '../../platform/module.ts';
import { mayDecideAid, mayKeepVillageAid } from './policy.ts';
import * as repo from './repo.ts';

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
