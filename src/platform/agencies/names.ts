import { allMessages, t } from '../i18n/index.ts';

/** What the names need of an agency: its code, and its row's names when the caller has them. */
export type AgencyRef = string | { code: string; short_name?: string | null; name?: string | null };

function parts(agency: AgencyRef): { code: string; acronym: string; official: string | null } {
  if (typeof agency === 'string') return { code: agency, acronym: agency, official: null };
  return { code: agency.code, acronym: agency.short_name || agency.code, official: agency.name ?? null };
}

/**
 * The agency in words a resident understands: "Dinas Pekerjaan Umum dan Penataan Ruang (jalan,
 * jembatan, saluran air)". An agency an admin added later has no plain name here: its official
 * name, or its code, stands in.
 */
export function agencyPlainName(agency: AgencyRef): string {
  const { code, acronym, official } = parts(agency);
  const key = `agencies.plain.${code.toUpperCase()}`;
  return key in allMessages().id ? t(key) : (official ?? acronym);
}

/**
 * "plain name (ACRONYM)": the plain words first, the acronym officers use in brackets, then what
 * the agency looks after: "Dinas Sosial (Dinsos) — bantuan sosial".
 */
export function agencyLabel(agency: AgencyRef): string {
  const { acronym } = parts(agency);
  const plain = agencyPlainName(agency);
  if (plain === acronym) return plain;
  const field = / \(([^()]+)\)$/.exec(plain);
  return field ? `${plain.slice(0, field.index)} (${acronym}) — ${field[1]}` : `${plain} (${acronym})`;
}
