import { audit } from '../audit/service.ts';
import { assertMayManagePersonalData } from '../auth/policy.ts';
import { mask } from '../auth/roles.ts';
import { type Ctx, inTransaction } from '../context.ts';
import { Invalid } from '../http/errors.ts';
import { t } from '../i18n/index.ts';

/** A record a module holds about the person: the audit lines about it are part of their data. */
export interface PersonalDataRecord {
  entity: string;
  id: string;
}

export interface PersonalDataSection {
  /** JSON-serialisable (dates become ISO strings); only this person's data, never a family member's */
  data: unknown;
  records?: PersonalDataRecord[];
}

/** One line of an erasure: `what` and `why` are i18n keys (`what` takes `{count}`). */
export interface ErasureLine {
  what: string;
  count: number;
  why?: string;
}

export interface ErasureOutcome {
  erased: ErasureLine[];
  anonymised: ErasureLine[];
  /** what stays, each with the reason the law gives for keeping it */
  kept: ErasureLine[];
}

/**
 * What a module holds about one person (by NIK), for the right of access and the right to erasure
 * of UU 27/2022. `export` gives null when the module holds nothing; `erase` erases or anonymises
 * what the law lets go and says what it kept and why. Neither checks the actor: the platform's
 * service has asked the platform policy first and writes the audit line.
 */
export interface PersonalDataProvider {
  /** i18n key naming the section (on the admin page and in the CLI summary) */
  label: string;
  export(ctx: Ctx, nik: string): Promise<PersonalDataSection | null>;
  erase(ctx: Ctx, nik: string): Promise<ErasureOutcome>;
}

/** A module as this service sees it (the app hands the module list in; the platform imports none). */
export interface PersonalDataSource {
  name: string;
  personalData?: PersonalDataProvider;
}

export interface PersonExport {
  nik: string;
  exportedAt: string;
  /** module name → its section; `platform` holds sessions and the processing record (audit) */
  sections: Record<string, unknown>;
}

export interface PersonErasure {
  /** masked: the summary is printed and shown, and the person is being forgotten */
  nik: string;
  erasedAt: string;
  modules: Array<{ module: string; label: string; outcome: ErasureOutcome }>;
}

function checkNik(nik: string): string {
  const value = nik.trim();
  if (!/^\d{16}$/.test(value)) throw new Invalid({ nik: t('personalData.badNik') }, t('personalData.badNik'));
  return value;
}

function json(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null));
}

function residentIds(records: PersonalDataRecord[]): string[] {
  return [...new Set(records.filter((r) => r.entity === 'resident').map((r) => r.id))];
}

/** The platform's own part: the person's sessions, and the audit lines about their records or by them. */
const platformProvider = {
  label: 'personalData.platform.section',
  async export(ctx: Ctx, records: PersonalDataRecord[]) {
    const residents = residentIds(records);
    const ids = [...new Set(records.map((r) => r.id))];
    const sessions =
      residents.length === 0
        ? []
        : await ctx.db
            .selectFrom('sessions')
            .select(['created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
            .where('subject_kind', '=', 'resident')
            .where('subject_id', 'in', residents)
            .orderBy('created_at')
            .execute();
    const auditLines =
      ids.length === 0
        ? []
        : await ctx.db
            .selectFrom('audit_log')
            // who read it is told by kind only: an officer's name is the officer's personal data
            .select(['at', 'action', 'entity', 'entity_id', 'actor_kind'])
            .where((eb) =>
              eb.or([
                eb('entity_id', 'in', ids),
                ...(residents.length > 0
                  ? [eb.and([eb('actor_kind', '=', 'resident'), eb('actor_id', 'in', residents)])]
                  : []),
              ]),
            )
            .orderBy('at')
            .execute();
    return { sessions, processing: auditLines };
  },
  async erase(ctx: Ctx, records: PersonalDataRecord[]): Promise<ErasureOutcome> {
    const residents = residentIds(records);
    const ids = [...new Set(records.map((r) => r.id))];
    const ended =
      residents.length === 0
        ? 0
        : Number(
            (
              await ctx.db
                .deleteFrom('sessions')
                .where('subject_kind', '=', 'resident')
                .where('subject_id', 'in', residents)
                .executeTakeFirst()
            ).numDeletedRows,
          );
    const auditCount =
      ids.length === 0
        ? 0
        : Number(
            (
              await ctx.db
                .selectFrom('audit_log')
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .where('entity_id', 'in', ids)
                .executeTakeFirstOrThrow()
            ).n,
          );
    return {
      erased: ended > 0 ? [{ what: 'personalData.platform.sessions', count: ended }] : [],
      anonymised: [],
      kept:
        auditCount > 0
          ? [
              {
                what: 'personalData.platform.audit',
                count: auditCount,
                why: 'personalData.platform.auditWhy',
              },
            ]
          : [],
    };
  },
};

async function gather(ctx: Ctx, sources: readonly PersonalDataSource[], nik: string) {
  const sections: Record<string, unknown> = {};
  const records: PersonalDataRecord[] = [];
  for (const source of sources) {
    if (!source.personalData) continue;
    const part = await source.personalData.export(ctx, nik);
    if (!part) continue;
    sections[source.name] = json(part.data);
    records.push(...(part.records ?? []));
  }
  return { sections, records };
}

/** Everything every module holds about one NIK, as one JSON document; written to the audit log. */
export async function exportPerson(
  ctx: Ctx,
  sources: readonly PersonalDataSource[],
  nikInput: string,
): Promise<PersonExport> {
  assertMayManagePersonalData(ctx.actor, t('personalData.forbidden'));
  const nik = checkNik(nikInput);
  const { sections, records } = await gather(ctx, sources, nik);
  const platform = await platformProvider.export(ctx, records);
  if (records.length > 0) sections.platform = json(platform);
  await audit(ctx, {
    action: 'export_personal_data',
    entity: 'person',
    entityId: residentIds(records)[0] ?? null,
    detail: { nik: mask(nik), sections: Object.keys(sections) },
  });
  return { nik, exportedAt: ctx.clock.now().toISOString(), sections };
}

/** Which modules hold something about the NIK (the admin page shows it before asking to confirm). */
export async function personalDataHolders(
  ctx: Ctx,
  sources: readonly PersonalDataSource[],
  nikInput: string,
): Promise<Array<{ module: string; label: string }>> {
  assertMayManagePersonalData(ctx.actor, t('personalData.forbidden'));
  const nik = checkNik(nikInput);
  const holders: Array<{ module: string; label: string }> = [];
  for (const source of sources) {
    if (source.personalData && (await source.personalData.export(ctx, nik)))
      holders.push({ module: source.name, label: source.personalData.label });
  }
  await audit(ctx, {
    action: 'find_personal_data',
    entity: 'person',
    detail: { nik: mask(nik), holders: holders.map((h) => h.module) },
  });
  return holders;
}

/**
 * Erases or anonymises, in every module and in one transaction, what the law lets go of one NIK;
 * what is kept (the population registry, issued letters, the audit log) is said with its reason.
 */
export async function erasePerson(
  ctx: Ctx,
  sources: readonly PersonalDataSource[],
  nikInput: string,
): Promise<PersonErasure> {
  assertMayManagePersonalData(ctx.actor, t('personalData.forbidden'));
  const nik = checkNik(nikInput);
  return inTransaction(ctx, async (tx) => {
    const { records } = await gather(tx, sources, nik);
    const modules: PersonErasure['modules'] = [];
    for (const source of sources) {
      if (!source.personalData) continue;
      const outcome = await source.personalData.erase(tx, nik);
      modules.push({ module: source.name, label: source.personalData.label, outcome });
    }
    modules.push({
      module: 'platform',
      label: platformProvider.label,
      outcome: await platformProvider.erase(tx, records),
    });
    const count = (pick: (o: ErasureOutcome) => ErasureLine[]) =>
      modules.reduce((sum, m) => sum + pick(m.outcome).reduce((s, line) => s + line.count, 0), 0);
    await audit(tx, {
      action: 'erase_personal_data',
      entity: 'person',
      entityId: residentIds(records)[0] ?? null,
      detail: {
        nik: mask(nik),
        erased: count((o) => o.erased),
        anonymised: count((o) => o.anonymised),
        kept: count((o) => o.kept),
      },
    });
    return { nik: mask(nik), erasedAt: tx.clock.now().toISOString(), modules };
  });
}

/** The erasure as lines of text (the CLI prints them; the admin page shows the same in a table). */
export function erasureSummary(erasure: PersonErasure): string[] {
  const lines: string[] = [];
  for (const m of erasure.modules) {
    const parts = [
      ...m.outcome.erased.map((l) => `${t('personalData.erased')}: ${t(l.what, { count: l.count })}`),
      ...m.outcome.anonymised.map((l) => `${t('personalData.anonymised')}: ${t(l.what, { count: l.count })}`),
      ...m.outcome.kept.map(
        (l) => `${t('personalData.kept')}: ${t(l.what, { count: l.count })}${l.why ? ` (${t(l.why)})` : ''}`,
      ),
    ];
    if (parts.length === 0) parts.push(t('personalData.nothingHeld'));
    for (const part of parts) lines.push(`${t(m.label)} — ${part}`);
  }
  return lines;
}
