import type { Ctx } from '../../platform/context.ts';
import { countInRegion, type FigureDefinition } from '../../platform/figures/index.ts';
import * as repo from './repo.ts';
import './schema.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** News and announcements that became public in the last 90 days (a live site says something). */
function publishedSince(ctx: Ctx) {
  const now = ctx.clock.now();
  return ctx.db
    .selectFrom('site_articles')
    .where('status', 'in', ['published', 'scheduled'])
    .where('published_at', '<=', now)
    .where('published_at', '>=', new Date(now.getTime() - 90 * DAY_MS));
}

async function recentByVillage(ctx: Ctx, villages: readonly string[]): Promise<Map<string, number>> {
  if (villages.length === 0) return new Map();
  const rows = await publishedSince(ctx)
    .select(['village_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('village_code', 'in', [...villages])
    .groupBy('village_code')
    .execute();
  return new Map(rows.map((r) => [r.village_code, Number(r.n)]));
}

async function profilesFilled(ctx: Ctx, villages: readonly string[]): Promise<Map<string, number>> {
  const filled = await repo.villagesWithProfileText(ctx.db, [...villages]);
  return new Map(filled.map((code) => [code, 1]));
}

/** Village websites: how many villages of the region have a profile that says something, and recent news. */
export const siteFigures: FigureDefinition[] = [
  {
    name: 'sites.profilesFilled',
    label: 'sites.figures.profilesFilled',
    unit: 'region',
    compute: (ctx, region) =>
      countInRegion(
        ctx,
        ctx.db
          .selectFrom('site_profiles')
          .where((eb) => eb.or([eb('history', '<>', ''), eb('vision', '<>', ''), eb('about', '<>', '')])),
        region,
      ),
    computeMany: profilesFilled,
  },
  {
    name: 'sites.publishedLast90Days',
    label: 'sites.figures.publishedLast90Days',
    unit: 'article',
    compute: (ctx, region) => countInRegion(ctx, publishedSince(ctx), region),
    computeMany: recentByVillage,
  },
];
