import { sql } from 'kysely';
import { whereInRegion } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { countInRegion, type FigureDefinition } from '../../platform/figures/index.ts';
import { jakartaYearMonth, startOfJakartaDay } from '../../platform/time.ts';
import './schema.ts';

/** Waiting on the office: filed and not yet decided (a draft is the resident's, not the office's). */
const OPEN = ['diperiksa', 'belum_lengkap', 'menunggu_tanda_tangan'] as const;
/** Decided by the office (a cancelled request was withdrawn by its applicant, so it is no measure). */
const DECIDED = ['siap_diambil', 'sudah_diambil', 'ditolak'] as const;

function startOfYear(ctx: Ctx): Date {
  return startOfJakartaDay(`${jakartaYearMonth(ctx.clock.now()).year}-01-01`);
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Done for the applicant: the letter or document is ready or collected. */
const COMPLETED = ['siap_diambil', 'sudah_diambil'] as const;

function completedLast30Days(ctx: Ctx) {
  const since = new Date(ctx.clock.now().getTime() - 30 * DAY_MS);
  return ctx.db
    .selectFrom('service_requests')
    .where('state', 'in', COMPLETED)
    .where('finished_at', '>=', since);
}

async function completedByVillage(ctx: Ctx, villages: readonly string[]): Promise<Map<string, number>> {
  if (villages.length === 0) return new Map();
  const rows = await completedLast30Days(ctx)
    .select(['village_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('village_code', 'in', [...villages])
    .groupBy('village_code')
    .execute();
  return new Map(rows.map((r) => [r.village_code, Number(r.n)]));
}

export const serviceFigures: FigureDefinition[] = [
  {
    name: 'services.requestsOpen',
    label: 'services.figures.requestsOpen',
    unit: 'request',
    compute: (ctx, region) =>
      countInRegion(ctx, ctx.db.selectFrom('service_requests').where('state', 'in', OPEN), region),
  },
  {
    // calendar days from filing to the office's decision, for requests decided this year (Jakarta)
    name: 'services.medianProcessingDays',
    label: 'services.figures.medianProcessingDays',
    unit: 'day',
    details: '/kelola/layanan/kinerja',
    async compute(ctx, region) {
      const decided = ctx.db
        .selectFrom('service_requests')
        .select(
          sql<
            number | null
          >`percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - submitted_at) / 86400)`.as(
            'median',
          ),
        )
        .where('state', 'in', DECIDED)
        .where('submitted_at', 'is not', null)
        .where('finished_at', '>=', startOfYear(ctx));
      const row = await whereInRegion(decided, 'village_code', region).executeTakeFirstOrThrow();
      const median = row.median === null ? null : Math.round(Number(row.median) * 10) / 10;
      return { value: median, asOf: ctx.clock.now() };
    },
  },
  {
    name: 'services.completedLast30Days',
    label: 'services.figures.completedLast30Days',
    unit: 'request',
    compute: (ctx, region) => countInRegion(ctx, completedLast30Days(ctx), region),
    computeMany: completedByVillage,
  },
];
