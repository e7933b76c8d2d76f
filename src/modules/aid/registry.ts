import { audit, auditStaffRead } from '../../platform/audit/service.ts';
import { mask } from '../../platform/auth/roles.ts';
import { type Ctx, inTransaction } from '../../platform/context.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import { pageNumber, uuidOrNotFound } from '../../platform/http/input.ts';
import { t } from '../../platform/i18n/index.ts';
import { isCalendarDate, jakartaDate } from '../../platform/time.ts';
import { findResidentByNik, listFamilyMembers } from '../residents/service.ts';
import {
  aidRecordRegion,
  assertMayKeepProgramme,
  assertMayKeepVillageAid,
  assertMayReadAidRecord,
  mayKeepVillageAid,
  seesAidInFull,
} from './policy.ts';
import * as repo from './repo.ts';
import type { AidSource, AidTarget, BeneficiaryEventKind } from './schema.ts';

type Form = Record<string, string | undefined>;

const PAGE_SIZE = 50;
const SOURCES: AidSource[] = ['apbn', 'apbd', 'dana_desa'];
const TARGETS: AidTarget[] = ['person', 'family', 'household'];

function text(form: Form, key: string): string {
  return (form[key] ?? '').trim();
}

/** Who acts, as the programme's history records them: a staff member or a resident, else the system. */
export function actorOf(ctx: Ctx): {
  kind: 'resident' | 'staff' | 'system';
  id: string | null;
  name: string;
} {
  const actor = ctx.actor;
  if (actor?.kind === 'staff' || actor?.kind === 'resident')
    return { kind: actor.kind, id: actor.id, name: actor.name };
  return { kind: 'system', id: null, name: '' };
}

export function isPeriod(value: string): boolean {
  return /^20\d{2}(-(0[1-9]|1[0-2]))?$/.test(value);
}

/** "Siti Aminah" → "Sit* Ami***": enough for neighbours to recognise a list, not to copy a name. */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      const keep = word.length > 3 ? 3 : 1;
      return word.slice(0, keep) + '*'.repeat(Math.max(word.length - keep, 1));
    })
    .join(' ');
}

// ---- programmes ----

/** Every programme the actor may see: the regency's, and the villages' own within their region. */
export async function listProgrammes(ctx: Ctx) {
  const actor = ctx.actor;
  const village =
    actor?.kind === 'staff' &&
    actor.scope.type === 'region' &&
    /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(actor.scope.code)
      ? actor.scope.code
      : null;
  if (actor?.kind !== 'staff' && actor?.kind !== 'system') throw new Forbidden();
  return repo.programmesFor(ctx.db, village);
}

/** A new programme: the regency's (admin kabupaten, Dinsos) or, with `desa`, a village's own BLT-DD. */
export async function createProgramme(ctx: Ctx, villageCode: string | null, form: Form) {
  assertMayKeepProgramme(ctx.actor, villageCode);
  const errors: Record<string, string> = {};
  const code = text(form, 'kode').toUpperCase();
  const name = text(form, 'nama');
  const source = (villageCode ? 'dana_desa' : text(form, 'sumber')) as AidSource;
  const target = text(form, 'sasaran') as AidTarget;
  const start = text(form, 'mulai');
  const end = text(form, 'selesai');
  if (!/^[A-Z0-9][A-Z0-9-]{1,29}$/.test(code)) errors.kode = t('aid.error.programmeCode');
  if (!name) errors.nama = t('aid.error.programmeName');
  if (!SOURCES.includes(source)) errors.sumber = t('aid.error.programmeSource');
  if (!TARGETS.includes(target)) errors.sasaran = t('aid.error.programmeTarget');
  if (start && !isCalendarDate(start)) errors.mulai = t('aid.error.date');
  if (end && (!isCalendarDate(end) || (start && end < start))) errors.selesai = t('aid.error.periodEnd');
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  const row = await repo
    .insertProgramme(ctx.db, {
      code,
      name: name.slice(0, 200),
      source,
      target,
      benefit: text(form, 'manfaat').slice(0, 300),
      period_start: start || null,
      period_end: end || null,
      village_code: villageCode,
    })
    .catch((error: { code?: string }) => {
      if (error.code === '23505') throw new Invalid({ kode: t('aid.error.programmeExists') });
      throw error;
    });
  await audit(ctx, { action: 'create', entity: 'aid_programme', entityId: row.id, villageCode });
  return row;
}

// ---- DTSEN deciles ----

export async function decileOf(ctx: Ctx, familyNumber: string) {
  const row = (await repo.decilesOf(ctx.db, [familyNumber]))[0];
  return row ? { decile: row.decile, asOf: row.as_of, source: row.source } : null;
}

/** The village office (or an import) records a family's decile with the date of the data it comes from. */
export async function setDecile(ctx: Ctx, familyNumber: string, form: Form) {
  const family = await familyVillage(ctx, familyNumber);
  assertMayKeepVillageAid(ctx.actor, family);
  const errors: Record<string, string> = {};
  const decile = Number(text(form, 'desil'));
  const asOf = text(form, 'tanggal_data');
  if (!(Number.isInteger(decile) && decile >= 1 && decile <= 10)) errors.desil = t('aid.error.decile');
  if (!isCalendarDate(asOf) || asOf > jakartaDate(ctx.clock.now()))
    errors.tanggal_data = t('aid.error.decileDate');
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  await repo.saveDecile(ctx.db, {
    familyNumber,
    villageCode: family,
    decile,
    asOf,
    source: (text(form, 'sumber') || 'DTSEN').slice(0, 100),
    by: actorOf(ctx).id,
    at: ctx.clock.now(),
  });
  await audit(ctx, { action: 'aid_decile', entity: 'family', entityId: familyNumber, villageCode: family });
}

async function familyVillage(ctx: Ctx, familyNumber: string): Promise<string> {
  if (!/^\d{16}$/.test(familyNumber)) throw new NotFound(t('aid.error.familyNotFound'));
  const members = await listFamilyMembers(ctx, familyNumber);
  const entries = await repo.beneficiariesOfFamily(ctx.db, familyNumber);
  const village = members[0]?.villageCode ?? entries[0]?.village_code;
  if (!village) throw new NotFound(t('aid.error.familyNotFound'));
  return village;
}

// ---- beneficiaries ----

export async function addBeneficiaryEvent(
  ctx: Ctx,
  entry: { id: string; villageCode: string },
  kind: BeneficiaryEventKind,
  note: string,
  extra: { onDate?: string | null; amount?: number | null; goods?: string | null } = {},
) {
  const who = actorOf(ctx);
  await repo.insertBeneficiaryEvent(ctx.db, {
    beneficiary_id: entry.id,
    village_code: entry.villageCode,
    kind,
    note,
    on_date: extra.onDate ?? null,
    amount: extra.amount ?? null,
    goods: extra.goods ?? null,
    actor_id: who.id,
    actor_name: who.name,
    at: ctx.clock.now(),
  });
}

function subjectKeyOf(target: AidTarget, nik: string | null, familyNumber: string | null): string | null {
  return target === 'person' ? nik : (familyNumber ?? nik);
}

/** A disbursed application's registry entry: made (added and verified by the process), or taken up again. */
export async function upsertFromDisbursement(
  ctx: Ctx,
  a: repo.ApplicationView,
  disbursedOn: string,
): Promise<string> {
  const period = disbursedOn.slice(0, 4);
  const key = subjectKeyOf(a.programme_target, a.nik, a.family_number) ?? a.nik;
  const known = await repo.findBeneficiary(ctx.db, a.programme_id, period, key);
  const entry = { villageCode: a.village_code };
  if (known) {
    if (!known.active || !known.verified_at)
      await repo.updateBeneficiary(ctx.db, known.id, {
        active: true,
        stopped_reason: null,
        verified_at: known.verified_at ?? ctx.clock.now(),
        application_id: a.id,
        updated_at: ctx.clock.now(),
      });
    return known.id;
  }
  const row = await repo.insertBeneficiary(ctx.db, {
    village_code: a.village_code,
    programme_id: a.programme_id,
    period,
    subject_key: key,
    nik: a.nik,
    family_number: a.family_number,
    resident_id: a.resident_id,
    name: a.name,
    dusun: a.dusun,
    rt: a.rt,
    verified_at: ctx.clock.now(),
    application_id: a.id,
  });
  await addBeneficiaryEvent(
    ctx,
    { id: row.id, ...entry },
    'ditambahkan',
    t('aid.history.fromApplication', { code: a.code }),
  );
  await addBeneficiaryEvent(ctx, { id: row.id, ...entry }, 'diverifikasi', '');
  return row.id;
}

export interface NewBeneficiary {
  program: string;
  periode: string;
  nik: string;
  no_kk: string;
  /** for import rows: the village the file is for */
  villageCode: string;
}

/** Checks one new entry and says, field by field, what is wrong; the resident's registry row when right. */
export async function checkNewBeneficiary(ctx: Ctx, input: NewBeneficiary) {
  const errors: Record<string, string> = {};
  const programme = input.program
    ? /^[0-9a-f-]{36}$/.test(input.program)
      ? (await repo.programmesFor(ctx.db, input.villageCode)).find((p) => p.id === input.program)
      : await repo.programmeByCode(ctx.db, input.program, input.villageCode)
    : undefined;
  if (!programme) errors.program = t('aid.error.programmeRequired');
  if (!isPeriod(input.periode)) errors.periode = t('aid.error.period');
  const nik = input.nik.replace(/\s/g, '');
  const familyNumber = input.no_kk.replace(/\s/g, '');
  let resident = null;
  if (nik) {
    resident = /^\d{16}$/.test(nik) ? await findResidentByNik(ctx, nik) : null;
    if (!resident || resident.villageCode !== input.villageCode) errors.nik = t('aid.error.unknownNik');
  }
  let members: Awaited<ReturnType<typeof listFamilyMembers>> = [];
  if (familyNumber) {
    members = (await listFamilyMembers(ctx, familyNumber)).filter((m) => m.villageCode === input.villageCode);
    if (members.length === 0) errors.no_kk = t('aid.error.unknownFamily');
  }
  if (programme?.target === 'person' && !nik) errors.nik = t('aid.error.nikRequired');
  if (programme && programme.target !== 'person' && !familyNumber && !resident?.familyNumber)
    errors.no_kk = t('aid.error.familyRequired');
  const person = resident ?? members[0] ?? null;
  return {
    errors,
    programme,
    person,
    nik: nik || null,
    familyNumber: familyNumber || resident?.familyNumber || null,
  };
}

/** The village office adds an entry by hand (NIK for a person programme, KK for a family one). */
export async function addBeneficiary(ctx: Ctx, villageCode: string, form: Form): Promise<string> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => addBeneficiary(tx, villageCode, form));
  assertMayKeepVillageAid(ctx.actor, villageCode);
  const checked = await checkNewBeneficiary(ctx, {
    program: text(form, 'program'),
    periode: text(form, 'periode'),
    nik: text(form, 'nik'),
    no_kk: text(form, 'no_kk'),
    villageCode,
  });
  if (Object.keys(checked.errors).length > 0 || !checked.programme || !checked.person)
    throw new Invalid(checked.errors);
  const id = await insertEntry(ctx, villageCode, checked, text(form, 'periode'));
  if (!id) throw new Invalid({ nik: t('aid.error.alreadyListed') });
  return id;
}

/** Inserts a checked entry with its "added" line; null when the programme and period already list it. */
export async function insertEntry(
  ctx: Ctx,
  villageCode: string,
  checked: Awaited<ReturnType<typeof checkNewBeneficiary>>,
  period: string,
): Promise<string | null> {
  const { programme, person } = checked;
  if (!programme || !person) return null;
  const key = subjectKeyOf(programme.target, checked.nik, checked.familyNumber);
  if (!key || (await repo.findBeneficiary(ctx.db, programme.id, period, key))) return null;
  const head = programme.target === 'person' ? person : person;
  const row = await repo.insertBeneficiary(ctx.db, {
    village_code: villageCode,
    programme_id: programme.id,
    period,
    subject_key: key,
    nik: programme.target === 'person' ? checked.nik : (checked.nik ?? null),
    family_number: checked.familyNumber,
    resident_id: checked.nik ? person.id : null,
    name: head.name,
    dusun: head.dusun ?? '',
    rt: head.rt ?? '',
  });
  await addBeneficiaryEvent(ctx, { id: row.id, villageCode }, 'ditambahkan', '');
  await audit(ctx, { action: 'create', entity: 'aid_beneficiary', entityId: row.id, villageCode });
  return row.id;
}

async function loadEntry(ctx: Ctx, id: string) {
  const row = await repo.beneficiaryById(ctx.db, uuidOrNotFound(id, t('aid.error.notFound')));
  if (!row) throw new NotFound(t('aid.error.notFound'));
  return row;
}

function entrySubject(b: { village_code: string; resident_id: string | null; family_number: string | null }) {
  return { villageCode: b.village_code, residentId: b.resident_id, familyNumber: b.family_number };
}

export async function verifyBeneficiary(ctx: Ctx, id: string): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => verifyBeneficiary(tx, id));
  const b = await loadEntry(ctx, id);
  assertMayKeepVillageAid(ctx.actor, b.village_code);
  if (b.verified_at || !b.active) throw new Conflict(t('aid.error.alreadyVerified'));
  await repo.updateBeneficiary(ctx.db, b.id, { verified_at: ctx.clock.now(), updated_at: ctx.clock.now() });
  await addBeneficiaryEvent(ctx, { id: b.id, villageCode: b.village_code }, 'diverifikasi', '');
  await audit(ctx, {
    action: 'aid_verify',
    entity: 'aid_beneficiary',
    entityId: b.id,
    villageCode: b.village_code,
  });
}

/** Stopping an entry (moved away, died, no longer eligible): the reason stays in its history. */
export async function stopBeneficiary(ctx: Ctx, id: string, form: Form): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => stopBeneficiary(tx, id, form));
  const b = await loadEntry(ctx, id);
  assertMayKeepVillageAid(ctx.actor, b.village_code);
  const reason = text(form, 'alasan').slice(0, 500);
  if (!reason) throw new Invalid({ alasan: t('aid.error.stopReasonRequired') });
  if (!b.active) throw new Conflict(t('aid.error.alreadyStopped'));
  await repo.updateBeneficiary(ctx.db, b.id, {
    active: false,
    stopped_reason: reason,
    updated_at: ctx.clock.now(),
  });
  await addBeneficiaryEvent(ctx, { id: b.id, villageCode: b.village_code }, 'dihentikan', reason);
  await audit(ctx, {
    action: 'aid_stop',
    entity: 'aid_beneficiary',
    entityId: b.id,
    villageCode: b.village_code,
  });
}

function maskedEntry<B extends { nik: string | null; family_number: string | null; subject_key: string }>(
  b: B,
): B {
  return {
    ...b,
    nik: b.nik ? mask(b.nik) : null,
    family_number: b.family_number ? mask(b.family_number) : null,
    subject_key: mask(b.subject_key),
  };
}

/** One entry with its history, for staff (audited) or the resident it is about. */
export async function getBeneficiary(ctx: Ctx, id: string) {
  const b = await loadEntry(ctx, id);
  assertMayReadAidRecord(ctx.actor, entrySubject(b));
  const inFull = seesAidInFull(ctx.actor, entrySubject(b));
  await auditStaffRead(ctx, { entity: 'aid_beneficiary', entityId: b.id, villageCode: b.village_code });
  const events = await repo.beneficiaryEvents(ctx.db, b.id);
  return {
    entry: inFull ? b : maskedEntry(b),
    events: events.map((e) => ({
      ...e,
      note: inFull ? e.note : '',
      actor_name: ctx.actor?.kind === 'staff' ? e.actor_name : '',
    })),
    inFull,
    mayKeep: mayKeepVillageAid(ctx.actor, b.village_code),
  };
}

export interface RegistryFilter {
  program?: string;
  periode?: string;
  desa?: string;
  tinjau?: string;
  page?: string;
}

export async function listBeneficiaries(ctx: Ctx, filter: RegistryFilter) {
  const region = aidRecordRegion(ctx.actor);
  let scoped = region;
  if (filter.desa) {
    if (region !== null && !filter.desa.startsWith(region))
      throw new Forbidden(t('aid.error.recordsOutOfScope'));
    scoped = filter.desa;
  }
  const page = pageNumber(filter.page);
  const result = await repo.listBeneficiaries(ctx.db, {
    region: scoped,
    programmeId: filter.program && /^[0-9a-f-]{36}$/.test(filter.program) ? filter.program : undefined,
    period: filter.periode && isPeriod(filter.periode) ? filter.periode : undefined,
    unverifiedOnly: filter.tinjau === '1',
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const deciles = new Map(
    (
      await repo.decilesOf(ctx.db, [
        ...new Set(result.rows.flatMap((r) => (r.family_number ? [r.family_number] : []))),
      ])
    ).map((d) => [d.family_number, d.decile]),
  );
  const rows = result.rows.map((b) => {
    const decile = b.family_number ? (deciles.get(b.family_number) ?? null) : null;
    return { ...(seesAidInFull(ctx.actor, entrySubject(b)) ? b : maskedEntry(b)), decile };
  });
  if (rows.length > 0 && ctx.actor?.kind === 'staff')
    await audit(ctx, {
      action: 'read_personal',
      entity: 'aid_beneficiary_list',
      villageCode: scoped,
      detail: { count: rows.length },
    });
  return { rows, total: result.total, page, pageSize: PAGE_SIZE };
}

/** A family's page: every programme it receives (or received), its members' own, and its DTSEN decile. */
export async function familyAid(ctx: Ctx, familyNumber: string) {
  const village = await familyVillage(ctx, familyNumber);
  const subject = { villageCode: village, familyNumber };
  assertMayReadAidRecord(ctx.actor, subject);
  const inFull = seesAidInFull(ctx.actor, subject);
  await auditStaffRead(ctx, { entity: 'aid_family', entityId: familyNumber, villageCode: village });
  const entries = await repo.beneficiariesOfFamily(ctx.db, familyNumber);
  const members = await listFamilyMembers(ctx, familyNumber);
  return {
    familyNumber: inFull ? familyNumber : mask(familyNumber),
    rawFamilyNumber: familyNumber,
    villageCode: village,
    head: members[0]?.name ?? entries[0]?.name ?? '',
    entries: inFull ? entries : entries.map(maskedEntry),
    activeProgrammes: [...new Set(entries.filter((e) => e.active).map((e) => e.programme_code))],
    decile: inFull ? await decileOf(ctx, familyNumber) : null,
    mayKeep: mayKeepVillageAid(ctx.actor, village),
  };
}

/** The village's public BLT-DD list: masked names, dusun and RT, no NIK or KK (anyone may read it). */
export async function publicDanaDesaList(ctx: Ctx, villageCode: string, period: string) {
  const rows = await repo.publicDanaDesaList(ctx.db, villageCode, period);
  return rows.map((r) => ({
    name: maskName(r.name),
    dusun: r.dusun,
    rt: r.rt,
    programme: r.programme_name,
  }));
}
