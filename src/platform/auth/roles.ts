import type { SelectQueryBuilder } from 'kysely';

export const ROLES = [
  'admin_kabupaten',
  'opd',
  'camat',
  'kepala_desa',
  'sekretaris_desa',
  'operator_desa',
] as const;
export type Role = (typeof ROLES)[number];

export type Scope = { type: 'region'; code: string } | { type: 'agency'; code: string };

export interface StaffActor {
  kind: 'staff';
  id: string;
  name: string;
  email: string;
  role: Role;
  scope: Scope;
}

export interface ResidentActor {
  kind: 'resident';
  id: string;
  nik: string;
  name: string;
  villageCode: string;
  familyNumber: string;
}

export type Actor = StaffActor | ResidentActor;

export type Action = 'view' | 'view_personal' | 'edit' | 'sign' | 'handle' | 'manage';
export type Target = { villageCode?: string; agencyCode?: string };

/** The region level each role's scope must be: regency 36.04, kecamatan 36.04.05, village 36.04.05.2001. */
export const ROLE_SCOPE_LEVEL: Record<Role, 'regency' | 'kecamatan' | 'village' | 'agency'> = {
  admin_kabupaten: 'regency',
  opd: 'agency',
  camat: 'kecamatan',
  kepala_desa: 'village',
  sekretaris_desa: 'village',
  operator_desa: 'village',
};

const ACTIONS_BY_ROLE: Record<Role, ReadonlySet<Action>> = {
  admin_kabupaten: new Set(['view', 'view_personal', 'edit', 'handle', 'manage']),
  opd: new Set(['view', 'handle']),
  camat: new Set(['view']),
  kepala_desa: new Set(['view', 'view_personal', 'edit', 'sign']),
  sekretaris_desa: new Set(['view', 'view_personal', 'edit', 'sign']),
  operator_desa: new Set(['view', 'view_personal', 'edit']),
};

export function regionContains(scopeCode: string, code: string): boolean {
  return code === scopeCode || code.startsWith(`${scopeCode}.`);
}

/**
 * The one answer to "may this actor do this to that data". Region scopes cover every village
 * beneath them; an agency officer sees regency-wide figures and acts on what is routed to the agency.
 */
export function can(actor: Actor | null, action: Action, target: Target = {}): boolean {
  if (!actor || actor.kind !== 'staff') return false;
  if (!ACTIONS_BY_ROLE[actor.role].has(action)) return false;
  const { scope } = actor;
  if (scope.type === 'agency') {
    if (action === 'handle') return target.agencyCode === scope.code;
    // figures across the regency, never personal data outside what is routed to the agency
    return action === 'view';
  }
  if (target.villageCode) return regionContains(scope.code, target.villageCode);
  if (target.agencyCode) return actor.role === 'admin_kabupaten';
  // regency-wide actions (manage, or no target) need a regency scope
  return scope.code.split('.').length === 2;
}

export interface ScopeFilter {
  /** rows whose village code starts with this prefix; null = every village */
  villagePrefix: string | null;
  /** for agency officers: the agency whose routed items they act on */
  agencyCode: string | null;
}

export function scopeFilter(actor: Actor | null): ScopeFilter {
  if (!actor) return { villagePrefix: '\u0000none', agencyCode: null };
  if (actor.kind === 'resident') return { villagePrefix: actor.villageCode, agencyCode: null };
  if (actor.scope.type === 'agency') return { villagePrefix: null, agencyCode: actor.scope.code };
  return { villagePrefix: actor.scope.code, agencyCode: null };
}

/** Adds "village code within the actor's scope" to a query. */
export function whereVillageInScope<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  column: string,
  actor: Actor | null,
): SelectQueryBuilder<DB, TB, O> {
  const { villagePrefix } = scopeFilter(actor);
  if (villagePrefix === null) return query;
  // biome-ignore lint/suspicious/noExplicitAny: column names are checked by the caller's table types
  const ref = column as any;
  return query.where((eb) => eb.or([eb(ref, '=', villagePrefix), eb(ref, 'like', `${villagePrefix}.%`)]));
}

export function isStaff(actor: Actor | null): actor is StaffActor {
  return actor?.kind === 'staff';
}

/** 3604051234560012 → 3604••••••••0012 */
export function mask(value: string | null | undefined): string {
  if (!value) return '';
  if (value.length <= 8) return '•'.repeat(value.length);
  return `${value.slice(0, 4)}${'•'.repeat(value.length - 8)}${value.slice(-4)}`;
}

export function scopeLabel(scope: Scope): string {
  return `${scope.type === 'agency' ? 'OPD' : 'wilayah'} ${scope.code}`;
}
