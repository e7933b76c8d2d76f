import type { Ctx } from '../../platform/context.ts';
import { t } from '../../platform/i18n/index.ts';
import type { WorkQueueItem } from '../../platform/module.ts';
import { MAX_AGE_DAYS } from './growth/index.ts';
import { monthOf } from './measure.ts';
import { isKader, type RecordScope, readsRecords } from './policy.ts';
import * as repo from './repo.ts';
import { healthAccess, today } from './service.ts';

/**
 * Whose work the measuring is: a kader (their posyandu) and a village office (its village). Dinkes
 * and admin read the records but do not weigh; null for them and everybody else.
 */
export async function measuringScope(ctx: Ctx): Promise<RecordScope | null> {
  const actor = ctx.actor;
  if (actor?.kind !== 'staff') return null;
  const village = actor.scope.type === 'region' && /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(actor.scope.code);
  if (
    !isKader(actor) &&
    !(village && ['operator_desa', 'sekretaris_desa', 'kepala_desa'].includes(actor.role))
  )
    return null;
  const access = await healthAccess(ctx);
  if (!readsRecords(access)) return null;
  return access.kaderPosyanduId ? { posyanduId: access.kaderPosyanduId } : { region: actor.scope.code };
}

/** The kader's and village office's counts: children not measured this month, imported rows awaiting confirmation. */
export async function healthWorkQueue(ctx: Ctx): Promise<WorkQueueItem[]> {
  const scope = await measuringScope(ctx);
  if (!scope) return [];
  const day = today(ctx);
  const counts = await repo.queueCounts(ctx.db, scope, monthOf(day), day, MAX_AGE_DAYS);
  const items: WorkQueueItem[] = [];
  if (counts.pending > 0)
    items.push({
      kind: 'health.pending',
      count: counts.pending,
      overdue: 0,
      href: '/kelola/kesehatan/perlu-kunjungan',
      label: t('health.queue.pending', { count: counts.pending }),
    });
  if (counts.unmeasured > 0)
    items.push({
      kind: 'health.unmeasured',
      count: counts.unmeasured,
      overdue: 0,
      href: '/kelola/kesehatan/perlu-kunjungan',
      label: t('health.queue.unmeasured', { count: counts.unmeasured }),
    });
  return items;
}
