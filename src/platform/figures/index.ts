import { type SelectQueryBuilder, sql } from 'kysely';
import { assertMayReadFigures, scopeLevel, whereInRegion } from '../auth/policy.ts';
import type { Ctx } from '../context.ts';
import { Invalid, NotFound } from '../http/errors.ts';
import { t } from '../i18n/index.ts';
import { regionDirectory } from '../region-directory.ts';

/** What a figure counts: dashboards pick a format and a word by it. */
export type FigureUnit =
  | 'person'
  | 'family'
  | 'request'
  | 'letter'
  | 'report'
  | 'region'
  | 'account'
  | 'day'
  | 'child'
  | 'percent'
  | 'enterprise'
  | 'article';

export interface FigureValue {
  /** null when there is nothing to measure yet (the median of no finished request) */
  value: number | null;
  /** the moment the number is true for: the time of counting for figures counted live */
  asOf: Date;
}

/**
 * A named aggregate a module publishes about a region (a village, a kecamatan or the regency).
 * No person is in a figure, so the only question asked before `compute` runs is whether the actor
 * may read figures of that region (`view_figures`); `compute` itself checks nothing.
 */
export interface FigureDefinition {
  /** `module.what`, stable: dashboards and the API name a figure by it */
  name: string;
  /** i18n key of the label */
  label: string;
  unit: FigureUnit;
  /** a staff page that breaks the figure down (the dashboard links its label there) */
  details?: string;
  compute(ctx: Ctx, region: string): Promise<FigureValue>;
  /**
   * The same figure for many villages in one query (a dashboard's table of 326 villages), keyed by
   * village code; a village missing from the map has 0. Without it, `compute` runs per village.
   */
  computeMany?(ctx: Ctx, villages: readonly string[]): Promise<Map<string, number | null>>;
}

/**
 * The figure most modules publish: how many rows of `rows` lie in the region (`column` holds a
 * village code, or a region code for regional tables), counted now.
 */
export async function countInRegion<DB, TB extends keyof DB>(
  ctx: Ctx,
  rows: SelectQueryBuilder<DB, TB, object>,
  region: string,
  column = 'village_code',
): Promise<FigureValue> {
  const counted = rows.select(sql<string>`count(*)`.as('n'));
  // the row's type cannot be worked out for any table: it is the one count asked for
  const row = await whereInRegion(counted, column, region).$castTo<{ n: string }>().executeTakeFirstOrThrow();
  return { value: Number(row.n), asOf: ctx.clock.now() };
}

/** A module as the figures service sees it (the app hands the module list in; the platform imports none). */
export interface FigureSource {
  name: string;
  figures?: FigureDefinition[];
}

export interface Figure {
  name: string;
  module: string;
  /** the label in the request's language */
  label: string;
  unit: FigureUnit;
  value: number | null;
  asOf: Date;
  details?: string;
}

export interface RegionFigures {
  region: string;
  level: 'regency' | 'kecamatan' | 'village';
  figures: Figure[];
}

/** The middle value of a list (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Figures the platform itself owns (its own tables). */
export const platformFigures: FigureSource = {
  name: 'platform',
  figures: [
    {
      name: 'platform.staff',
      label: 'dashboard.staffInScope',
      unit: 'account',
      compute: (ctx, region) =>
        countInRegion(
          ctx,
          ctx.db.selectFrom('staff_users').where('scope_type', '=', 'region'),
          region,
          'scope_code',
        ),
    },
    {
      name: 'platform.operatorsActive14Days',
      label: 'dashboard.operatorsActive14Days',
      unit: 'account',
      async compute(ctx, region) {
        return { value: (await operatorsActive(ctx, [region])).get(region) ?? 0, asOf: ctx.clock.now() };
      },
      computeMany: operatorsActive,
    },
  ],
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** Staff accounts of a village scope that logged in within the last 14 days. */
async function operatorsActive(ctx: Ctx, villages: readonly string[]): Promise<Map<string, number>> {
  if (villages.length === 0) return new Map();
  const since = new Date(ctx.clock.now().getTime() - 14 * DAY_MS);
  const rows = await ctx.db
    .selectFrom('staff_users')
    .select(['scope_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('scope_type', '=', 'region')
    .where('scope_code', 'in', [...villages])
    .where('last_login_at', '>=', since)
    .groupBy('scope_code')
    .execute();
  return new Map(rows.map((r) => [r.scope_code, Number(r.n)]));
}

/** Every figure published, as `{ module, definition }`, in module order, the platform's last. */
export function figureCatalog(sources: readonly FigureSource[]) {
  return [...sources, platformFigures].flatMap((source) =>
    (source.figures ?? []).map((definition) => ({ module: source.name, definition })),
  );
}

/**
 * The figures of one region the actor may read: refused (Forbidden) for a region outside the
 * actor's scope, Invalid for something that is no region code, NotFound for a code not in this
 * regency. `names` narrows the list (unknown names are ignored).
 */
export async function readFigures(
  ctx: Ctx,
  sources: readonly FigureSource[],
  region: string,
  options: { names?: readonly string[] } = {},
): Promise<RegionFigures> {
  const level = scopeLevel(region);
  if (!level) throw new Invalid({ region: t('figures.badRegion') }, t('figures.badRegion'));
  if (!(await regionDirectory().exists(ctx, region))) throw new NotFound(t('figures.unknownRegion'));
  assertMayReadFigures(ctx.actor, region, t('figures.outOfScope'));
  const wanted = options.names && options.names.length > 0 ? new Set(options.names) : null;
  const figures: Figure[] = [];
  for (const { module, definition } of figureCatalog(sources)) {
    if (wanted && !wanted.has(definition.name)) continue;
    const { value, asOf } = await definition.compute(ctx, region);
    figures.push({
      name: definition.name,
      module,
      label: t(definition.label),
      unit: definition.unit,
      value,
      asOf,
      ...(definition.details ? { details: definition.details } : {}),
    });
  }
  return { region, level, figures };
}

/** The region a staff member's dashboard shows: their own, or the regency for an agency officer. */
export function homeRegion(ctx: Ctx): string {
  const actor = ctx.actor;
  return actor?.kind === 'staff' && actor.scope.type === 'region' ? actor.scope.code : ctx.config.regencyCode;
}

/** Figures of every village in a region, one map per figure name, and when they were counted. */
export interface VillageFigures {
  values: Map<string, Map<string, number | null>>;
  asOf: Date;
}

/**
 * The named figures for each of `villages` (the caller has asked the policy about their region):
 * one `computeMany` query per figure where the module offers it, `compute` per village otherwise.
 */
export async function readVillageFigures(
  ctx: Ctx,
  sources: readonly FigureSource[],
  villages: readonly string[],
  names: readonly string[],
): Promise<VillageFigures> {
  const wanted = new Set(names);
  const values = new Map<string, Map<string, number | null>>();
  for (const { definition } of figureCatalog(sources)) {
    if (!wanted.has(definition.name)) continue;
    values.set(definition.name, await computeForVillages(ctx, definition, villages));
  }
  return { values, asOf: ctx.clock.now() };
}

async function computeForVillages(
  ctx: Ctx,
  definition: FigureDefinition,
  villages: readonly string[],
): Promise<Map<string, number | null>> {
  if (definition.computeMany) return definition.computeMany(ctx, villages);
  const byVillage = new Map<string, number | null>();
  for (const village of villages) byVillage.set(village, (await definition.compute(ctx, village)).value);
  return byVillage;
}
