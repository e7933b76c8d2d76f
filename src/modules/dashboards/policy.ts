import { assertMayReadFigures, regionContains, scopeLevel } from '../../platform/auth/policy.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import type { Ctx } from '../../platform/context.ts';
import { homeRegion } from '../../platform/figures/index.ts';
import { Forbidden, Invalid } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';

/** The parts of the dashboards; an agency officer sees those of its field only. */
export type Section = 'adoption' | 'services' | 'complaints' | 'health' | 'aid' | 'population' | 'umkm';

const ALL_SECTIONS: readonly Section[] = [
  'adoption',
  'services',
  'complaints',
  'health',
  'aid',
  'population',
  'umkm',
];

/**
 * An agency's field. Every agency also sees the complaints routed to it and the requests for its
 * own services (those are counted by handler, not by field): see `maySee`.
 */
const AGENCY_FIELDS: Record<string, readonly Section[]> = {
  DINKES: ['health'],
  DINSOS: ['aid'],
  DPMD: ['adoption', 'services'],
  DISKOMINFOSATIK: ['adoption'],
  DISDUKCAPIL: ['population'],
  DISKOPERINDAG: ['umkm'],
};

/** Does this actor see this part of the dashboards at all (before the region is asked)? */
export function maySee(actor: Actor | null, section: Section): boolean {
  if (!actor) return false;
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'staff') return false;
  if (actor.role === 'kader_posyandu') return false;
  if (actor.scope.type === 'region') return ALL_SECTIONS.includes(section);
  if (section === 'complaints' || section === 'services') return true;
  return (AGENCY_FIELDS[actor.scope.code] ?? []).includes(section);
}

/** The sections of a page the actor sees; Forbidden when none. */
export function assertMaySeeAny(actor: Actor | null, sections: readonly Section[]): Section[] {
  const seen = sections.filter((s) => maySee(actor, s));
  if (seen.length === 0) throw new Forbidden(t('dashboards.error.notYourField'));
  return seen;
}

/** For an agency officer, counts are of what is routed to the agency (complaints, its own services). */
export function agencyOf(actor: Actor | null): string | null {
  return actor?.kind === 'staff' && actor.scope.type === 'agency' ? actor.scope.code : null;
}

/**
 * The region a page shows: the one asked for, or the actor's own (the regency for an agency
 * officer). Invalid for no region code; Forbidden outside the actor's scope (`view_figures`).
 */
export function pageRegion(ctx: Ctx, asked: string | undefined): string {
  const actor = ctx.actor;
  const own = homeRegion(ctx);
  const region = asked?.trim() || own;
  if (!scopeLevel(region) || !regionContains(ctx.config.regencyCode, region))
    throw new Invalid({ wilayah: t('dashboards.error.region') }, t('dashboards.error.region'));
  assertMayReadFigures(actor, region, t('dashboards.error.outOfScope'));
  return region;
}
