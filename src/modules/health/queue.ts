import type { Ctx } from '../../platform/context.ts';
import { t } from '../../platform/i18n/index.ts';
import type { WorkQueueItem } from '../../platform/module.ts';
import { MAX_AGE_DAYS } from './growth/index.ts';
import { monthOf } from './measure.ts';
import { isKader, readsRecords } from './policy.ts';
import * as repo from './repo.ts';
import { healthAccess, today } from './service.ts';

/**
 * For those who measure (a kader, the village office): children not yet measured this month and
 * imported rows with implausible values waiting for a person to confirm them. Dinkes and admin read
 * the records but do not weigh, so their queue stays empty.
 */
export async function healthWorkQueue(ctx: Ctx): Promise<WorkQueueItem[]> {
  const actor = ctx.actor;
  if (actor?.kind !== 'staff') return [];
  const village = actor.scope.type === 'region' && /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(actor.scope.code);
  if (
    !isKader(actor) &&
    !(village && ['operator_desa', 'sekretaris_desa', 'kepala_desa'].includes(actor.role))
  )
    return [];
  const access = await healthAccess(ctx);
  if (!readsRecords(access)) return [];
  const scope = access.kaderPosyanduId
    ? { posyanduId: access.kaderPosyanduId }
    : { region: actor.scope.code };
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
