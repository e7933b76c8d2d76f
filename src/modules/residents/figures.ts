import { sql } from 'kysely';
import { scopeLevel } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import type { FigureDefinition, FigureValue } from '../../platform/figures/index.ts';
import './schema.ts';

interface Totals {
  population: number;
  male: number;
  female: number;
  families: number;
}

/**
 * The four figures come from one sum over the statistics rollup (`resident_stats`, kept current by
 * every import and edit, so a figure is as fresh as the moment it is read). One read serves all
 * four for the same request and region.
 */
const totalsRead = new WeakMap<Ctx, Map<string, Promise<Totals>>>();

function totals(ctx: Ctx, region: string): Promise<Totals> {
  let byRegion = totalsRead.get(ctx);
  if (!byRegion) {
    byRegion = new Map();
    totalsRead.set(ctx, byRegion);
  }
  let pending = byRegion.get(region);
  if (!pending) {
    const prefix = scopeLevel(region) === 'village' ? region : `${region}.`;
    pending = sql<Totals>`
      SELECT coalesce(sum(n) FILTER (WHERE dimension = 'lahir'), 0)::int AS population,
        coalesce(sum(n) FILTER (WHERE dimension = 'lahir' AND sex = 1), 0)::int AS male,
        coalesce(sum(n) FILTER (WHERE dimension = 'lahir' AND sex <> 1), 0)::int AS female,
        coalesce(sum(n) FILTER (WHERE dimension = 'keluarga'), 0)::int AS families
      FROM resident_stats
      WHERE left(village_code, ${prefix.length}) = ${prefix}`
      .execute(ctx.db)
      .then((result) => result.rows[0] ?? { population: 0, male: 0, female: 0, families: 0 });
    byRegion.set(region, pending);
  }
  return pending;
}

function figure(name: keyof Totals, unit: 'person' | 'family'): FigureDefinition {
  return {
    name: `residents.${name}`,
    label: `residents.figures.${name}`,
    unit,
    async compute(ctx, region): Promise<FigureValue> {
      return { value: Number((await totals(ctx, region))[name]), asOf: ctx.clock.now() };
    },
  };
}

/** Living residents of each of the villages, from the statistics rollup, in one query. */
async function populationByVillage(ctx: Ctx, villages: readonly string[]): Promise<Map<string, number>> {
  if (villages.length === 0) return new Map();
  const { rows } = await sql<{ village_code: string; n: number }>`
    SELECT village_code, coalesce(sum(n), 0)::int AS n FROM resident_stats
    WHERE dimension = 'lahir' AND village_code IN (${sql.join([...villages])})
    GROUP BY village_code`.execute(ctx.db);
  return new Map(rows.map((r) => [r.village_code, Number(r.n)]));
}

/** Living residents (all, men, women) and families with a living member. */
export const residentFigures: FigureDefinition[] = [
  { ...figure('population', 'person'), computeMany: populationByVillage },
  figure('male', 'person'),
  figure('female', 'person'),
  figure('families', 'family'),
];
