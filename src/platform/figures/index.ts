import { assertMayReadFigures, scopeLevel } from '../auth/policy.ts';
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
  | 'enterprise';

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

/** Figures the platform itself owns (its own tables). */
export const platformFigures: FigureSource = {
  name: 'platform',
  figures: [
    {
      name: 'platform.staff',
      label: 'dashboard.staffInScope',
      unit: 'account',
      async compute(ctx, region) {
        const row = await ctx.db
          .selectFrom('staff_users')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('scope_type', '=', 'region')
          .where((eb) => eb.or([eb('scope_code', '=', region), eb('scope_code', 'like', `${region}.%`)]))
          .executeTakeFirstOrThrow();
        return { value: Number(row.n), asOf: ctx.clock.now() };
      },
    },
  ],
};

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
