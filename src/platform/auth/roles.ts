export const ROLES = [
  'admin_kabupaten',
  'opd',
  'camat',
  'kepala_desa',
  'sekretaris_desa',
  'operator_desa',
  'kader_posyandu',
] as const;
export type Role = (typeof ROLES)[number];

/** Every role but the posyandu kader's, whose pages are the posyandu's: those who work at an office. */
export const OFFICE_ROLES: readonly Role[] = ROLES.filter((role) => role !== 'kader_posyandu');

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

/** The platform itself: CLI commands, background jobs, seeding. Never a visitor (that is `null`). */
export interface SystemActor {
  kind: 'system';
  name: string;
}

export const SYSTEM: SystemActor = { kind: 'system', name: 'sistem' };

export type Actor = StaffActor | ResidentActor | SystemActor;

/** The region level each role's scope must be: regency 36.04, kecamatan 36.04.05, village 36.04.05.2001. */
export const ROLE_SCOPE_LEVEL: Record<Role, 'regency' | 'kecamatan' | 'village' | 'agency'> = {
  admin_kabupaten: 'regency',
  opd: 'agency',
  camat: 'kecamatan',
  kepala_desa: 'village',
  sekretaris_desa: 'village',
  operator_desa: 'village',
  kader_posyandu: 'village',
};

/** The id of a person acting (staff or resident); null for the system and for visitors. */
export function actorId(actor: Actor | null): string | null {
  return actor && actor.kind !== 'system' ? actor.id : null;
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
