import type { Ctx } from '../../platform/context.ts';
import { t } from '../../platform/i18n/index.ts';
import type { WorkItem } from '../../platform/module.ts';
import { addDays, startOfJakartaDay } from '../../platform/time.ts';
import { MAX_AGE_DAYS } from './growth/index.ts';
import { monthOf } from './measure.ts';
import { measuringScope } from './queue.ts';
import { type RiskReason, reasonsOf, today } from './service.ts';
import { BASE, childUrl, posyanduUrl, sessionUrl } from './views/parts.tsx';
import * as repo from './work-items-repo.ts';
import './puskesmas-messages.ts';

/**
 * A pregnant woman at KEK risk is seen at least monthly (a KEK mother's home visit "paling sedikit
 * sebulan sekali", the convergence scorecard's indicator): no check for this long is overdue.
 */
export const KEK_CHECK_DAYS = 30;

/** Most urgent reason first: refer (wasted, 2T), then stunted, underweight, not gaining. */
const SEVERITY: RiskReason[] = ['wasted', 'two_t', 'stunted', 'underweight', 'not_gaining'];

function rank(reasons: RiskReason[]): number {
  const found = reasons.map((r) => SEVERITY.indexOf(r)).filter((i) => i >= 0);
  return found.length === 0 ? SEVERITY.length : Math.min(...found);
}

function previousMonth(month: string): string {
  return monthOf(addDays(month, -1));
}

async function childrenToVisit(ctx: Ctx, scope: NonNullable<Awaited<ReturnType<typeof measuringScope>>>) {
  const day = today(ctx);
  const rows = await repo.latestAtRisk(ctx.db, scope, previousMonth(monthOf(day)), day, MAX_AGE_DAYS);
  const items: Array<WorkItem & { rank: number }> = [];
  for (const r of rows) {
    const reasons = reasonsOf(r);
    const risks = reasons.filter((x) => x !== 'unconfirmed');
    const receivedAt = startOfJakartaDay(r.measured_on);
    if (reasons.includes('unconfirmed'))
      items.push({
        kind: 'health.unconfirmed',
        title: t('health.work.unconfirmed', { name: r.name, posyandu: r.posyandu_name }),
        href: sessionUrl(r.posyandu_id, r.measured_on),
        dueAt: null,
        receivedAt,
        overdue: false,
        rank: SEVERITY.length + 1,
      });
    if (risks.length > 0)
      items.push({
        kind: 'health.visit',
        title: t('health.work.visit', {
          name: r.name,
          posyandu: r.posyandu_name,
          reasons: risks.map((x) => t(`health.reason.${x}`)).join(', '),
        }),
        href: childUrl(r.id),
        dueAt: null,
        receivedAt,
        overdue: false,
        rank: rank(risks),
      });
  }
  return items;
}

/** Children not weighed this month though their posyandu's session day has passed: overdue since that day's end. */
async function childrenToMeasure(ctx: Ctx, scope: NonNullable<Awaited<ReturnType<typeof measuringScope>>>) {
  const day = today(ctx);
  const month = monthOf(day);
  const rows = await repo.unmeasuredAfterSession(ctx.db, scope, month, day, MAX_AGE_DAYS);
  return rows.map((r) => {
    const session = addDays(month, (r.schedule_day ?? 1) - 1);
    return {
      kind: 'health.unmeasured',
      title: t('health.work.unmeasured', {
        name: r.name,
        posyandu: r.posyandu_name,
        day: r.schedule_day ?? '',
      }),
      href: posyanduUrl(r.posyandu_id),
      dueAt: startOfJakartaDay(addDays(session, 1)),
      receivedAt: startOfJakartaDay(session),
      overdue: true,
    };
  });
}

async function mothersToCheck(ctx: Ctx, scope: NonNullable<Awaited<ReturnType<typeof measuringScope>>>) {
  const day = today(ctx);
  const rows = await repo.kekWithoutRecentCheck(ctx.db, scope, addDays(day, -KEK_CHECK_DAYS));
  return rows.map((r) => ({
    kind: 'health.kek',
    title: t('health.work.kek', { name: r.mother_name, date: r.checked_on }),
    href: `${BASE}/ibu-hamil/${r.id}`,
    dueAt: startOfJakartaDay(addDays(r.checked_on, KEK_CHECK_DAYS)),
    receivedAt: startOfJakartaDay(r.checked_on),
    overdue: true,
  }));
}

/**
 * "Kerja saya" for those who measure (a kader, the village office): the children to visit after
 * their latest session (at risk), values awaiting confirmation, children not measured once the
 * session day has passed, and pregnant women at KEK risk without a check for 30 days. Overdue
 * work first (by its due day), then the visits, most serious reason first within a session.
 */
export async function healthWorkItems(ctx: Ctx, options: { limit: number }): Promise<WorkItem[]> {
  const scope = await measuringScope(ctx);
  if (!scope) return [];
  const [visits, unmeasured, mothers] = await Promise.all([
    childrenToVisit(ctx, scope),
    childrenToMeasure(ctx, scope),
    mothersToCheck(ctx, scope),
  ]);
  const overdue = [...mothers, ...unmeasured].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  const ordered = visits
    .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.rank - b.rank)
    .map(({ rank: _rank, ...item }) => item);
  return [...overdue, ...ordered].slice(0, options.limit);
}
