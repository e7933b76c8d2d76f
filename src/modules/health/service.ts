import { audit } from '../../platform/audit/service.ts';
import { mask } from '../../platform/auth/roles.ts';
import { type Ctx, inTransaction } from '../../platform/context.ts';
import { Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/http/input.ts';
import { t } from '../../platform/i18n/index.ts';
import { isCalendarDate, jakartaDate } from '../../platform/time.ts';
import { awaitingFirstLogin, createAccountWithCode } from '../onboarding/service.ts';
import { findResidentByNik } from '../residents/service.ts';
import {
  ageInDays,
  growthChartSvg,
  MAX_AGE_DAYS,
  type Position,
  type Sex,
  type WeightGain,
} from './growth/index.ts';
import {
  decimalProblem,
  defaultPosition,
  flagText,
  gainOf,
  judge,
  type MeasurementInput,
  monthOf,
  needsConfirmation,
  type Previous,
  parseDecimal,
} from './measure.ts';
import {
  assertMayKeepPosyandu,
  assertMayReadChild,
  assertMayRecordAt,
  type ChildRef,
  type HealthAccess,
  isKader,
  mayKeepPosyandu,
  mayReadPosyanduOf,
  mayRecordAt,
  readsDinkesRecords,
  recordScope,
  scopeHoldsVillage,
} from './policy.ts';
import { officerArea } from './puskesmas-repo.ts';
import * as repo from './repo.ts';
import { indexChildren, indexPosyandu } from './search.ts';

export { type FiguresPage as HealthFiguresPage, figuresPage as healthFiguresPage } from './figures.ts';
export { MAX_AGE_DAYS } from './growth/index.ts';

type Form = Record<string, string | undefined>;

export function today(ctx: Ctx): string {
  return jakartaDate(ctx.clock.now());
}

export async function healthAccess(ctx: Ctx): Promise<HealthAccess> {
  const actor = ctx.actor;
  const kaderPosyanduId =
    actor?.kind === 'staff' && isKader(actor) ? await repo.kaderPosyanduId(ctx.db, actor.id) : null;
  const area =
    actor?.kind === 'staff' && readsDinkesRecords(actor) ? await officerArea(ctx.db, actor.id) : null;
  return { actor, kaderPosyanduId, area };
}

function idOrNotFound(id: string): string {
  if (!isUuid(id)) throw new NotFound(t('health.error.notFound'));
  return id;
}

async function posyanduOrNotFound(ctx: Ctx, id: string) {
  const posyandu = await repo.posyanduById(ctx.db, idOrNotFound(id));
  if (!posyandu) throw new NotFound(t('health.error.notFound'));
  return posyandu;
}

/** The posyandu whose kaders the actor keeps (the village office), or NotFound or Forbidden. */
async function posyanduToKeep(ctx: Ctx, id: string) {
  const posyandu = await posyanduOrNotFound(ctx, id);
  assertMayKeepPosyandu(ctx.actor, posyandu.village_code);
  return posyandu;
}

/** Links a kader account to the posyandu, audited (`detail` beside the user's id). */
async function linkKaderTo(
  ctx: Ctx,
  posyandu: { id: string; village_code: string },
  userId: string,
  detail: Record<string, unknown> = {},
) {
  await repo.linkKader(ctx.db, { userId, posyanduId: posyandu.id, villageCode: posyandu.village_code });
  await audit(ctx, {
    action: 'link_kader',
    entity: 'health_posyandu',
    entityId: posyandu.id,
    villageCode: posyandu.village_code,
    detail: { user: userId, ...detail },
  });
}

function text(form: Form, key: string): string {
  return (form[key] ?? '').trim();
}

// ---- posyandu ----

export interface Posyandu {
  id: string;
  villageCode: string;
  name: string;
  dusun: string;
  scheduleDay: number | null;
  address: string;
  active: boolean;
  children: number;
  measured: number;
}

function toPosyandu(r: Awaited<ReturnType<typeof repo.listPosyandu>>[number]): Posyandu {
  return {
    id: r.id,
    villageCode: r.village_code,
    name: r.name,
    dusun: r.dusun,
    scheduleDay: r.schedule_day,
    address: r.address,
    active: r.active,
    children: Number(r.children ?? 0),
    measured: Number(r.measured ?? 0),
  };
}

/** The posyandu a staff member sees: their own (kader), their region's, or every one (Dinkes, admin). */
export async function listPosyandu(ctx: Ctx): Promise<Posyandu[]> {
  const access = await healthAccess(ctx);
  const month = monthOf(today(ctx));
  if (isKader(ctx.actor)) {
    if (!access.kaderPosyanduId) return [];
    return (await repo.listPosyandu(ctx.db, { id: access.kaderPosyanduId }, month)).map(toPosyandu);
  }
  const actor = ctx.actor;
  if (actor?.kind !== 'staff' && actor?.kind !== 'system') throw new Forbidden();
  const region = actor.kind === 'staff' && actor.scope.type === 'region' ? actor.scope.code : null;
  const rows = (await repo.listPosyandu(ctx.db, { region: region === '36.04' ? null : region }, month)).map(
    toPosyandu,
  );
  return rows.filter((p) => mayReadPosyanduOf(access, p));
}

export async function getPosyandu(ctx: Ctx, id: string) {
  const access = await healthAccess(ctx);
  const row = (await repo.listPosyandu(ctx.db, { id: idOrNotFound(id) }, monthOf(today(ctx))))[0];
  if (!row) throw new NotFound(t('health.error.notFound'));
  const posyandu = toPosyandu(row);
  if (!mayReadPosyanduOf(access, posyandu)) throw new Forbidden(t('health.error.notYourPosyandu'));
  return {
    posyandu,
    mayRecord: mayRecordAt(access, posyandu),
    mayKeep: mayKeepPosyandu(ctx.actor, posyandu.villageCode),
    kaders: mayKeepPosyandu(ctx.actor, posyandu.villageCode) ? await kadersWithStatus(ctx, posyandu.id) : [],
  };
}

async function kadersWithStatus(ctx: Ctx, posyanduId: string) {
  const kaders = await repo.kadersOf(ctx.db, posyanduId);
  const awaiting = await awaitingFirstLogin(
    ctx,
    kaders.map((k) => k.id),
  );
  return kaders.map((k) => ({ ...k, awaitingFirstLogin: awaiting.has(k.id) }));
}

export function mayOpenPosyandu(ctx: Ctx): string | null {
  const actor = ctx.actor;
  if (actor?.kind !== 'staff' || actor.scope.type !== 'region') return null;
  return mayKeepPosyandu(actor, actor.scope.code) ? actor.scope.code : null;
}

export async function createPosyandu(ctx: Ctx, villageCode: string, form: Form): Promise<Posyandu> {
  assertMayKeepPosyandu(ctx.actor, villageCode);
  const errors: Record<string, string> = {};
  const name = text(form, 'nama');
  if (!name) errors.nama = t('health.error.nameRequired');
  const dayText = text(form, 'jadwal');
  const day = dayText === '' ? null : Number(dayText);
  if (day !== null && !(Number.isInteger(day) && day >= 1 && day <= 31))
    errors.jadwal = t('health.error.scheduleDay');
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  const row = await repo
    .insertPosyandu(ctx.db, {
      village_code: villageCode,
      name,
      dusun: text(form, 'dusun'),
      schedule_day: day,
      address: text(form, 'alamat'),
    })
    .catch((error: { code?: string }) => {
      if (error.code === '23505') throw new Invalid({ nama: t('health.error.posyanduExists') });
      throw error;
    });
  await audit(ctx, { action: 'create', entity: 'health_posyandu', entityId: row.id, villageCode });
  await indexPosyandu(ctx, row.id);
  return { ...toPosyandu({ ...row, children: 0, measured: 0 }) };
}

/** Links an existing kader account (role kader_posyandu, scope the village) to the posyandu. */
export async function linkKader(ctx: Ctx, posyanduId: string, form: Form): Promise<void> {
  const posyandu = await posyanduToKeep(ctx, posyanduId);
  const user = await repo.staffByEmail(ctx.db, text(form, 'email'));
  if (!user || user.role !== 'kader_posyandu' || user.scope_code !== posyandu.village_code)
    throw new Invalid({ email: t('health.error.noSuchKader') });
  await linkKaderTo(ctx, posyandu, user.id);
}

/** The form's fields by the names the account check reports them under. */
const KADER_FIELDS = { nama: 'kader_nama', telepon: 'kader_telepon', email: 'kader_email' } as const;

/**
 * "Kader baru": the village office makes a kader account with a first-login code (the onboarding
 * module's, shown once and printed in a letter) and links it to this posyandu.
 */
export async function createKaderAccount(ctx: Ctx, posyanduId: string, form: Form) {
  const posyandu = await posyanduToKeep(ctx, posyanduId);
  const result = await createAccountWithCode(ctx, {
    villageCode: posyandu.village_code,
    role: 'kader_posyandu',
    nama: text(form, KADER_FIELDS.nama),
    telepon: text(form, KADER_FIELDS.telepon),
    email: text(form, KADER_FIELDS.email),
    source: `kader ${posyandu.name}`,
  }).catch((error) => {
    if (!(error instanceof Invalid)) throw error;
    const fields = Object.entries(error.fields).map(([k, m]) => [
      KADER_FIELDS[k as keyof typeof KADER_FIELDS] ?? k,
      m,
    ]);
    throw new Invalid(Object.fromEntries(fields));
  });
  const account = result.created[0];
  await linkKaderTo(ctx, posyandu, account.userId, { created: true });
  return {
    posyandu: { id: posyandu.id, name: posyandu.name },
    name: account.name,
    email: account.email,
    code: account.code,
    validUntil: result.codesValidUntil,
    lettersHref: result.batchId ? `/kelola/onboarding/kiriman/${result.batchId}/surat.pdf` : null,
  };
}

/** The posyandu the actor records at, or NotFound or Forbidden. */
export async function posyanduToRecord(ctx: Ctx, posyanduId: string) {
  const row = await posyanduOrNotFound(ctx, posyanduId);
  const posyandu = { id: row.id, villageCode: row.village_code, name: row.name };
  assertMayRecordAt(await healthAccess(ctx), posyandu);
  return posyandu;
}

// ---- children and mothers ----

function parseSex(raw: string): Sex | null {
  const v = raw.trim().toLowerCase();
  if (['1', 'l', 'laki-laki', 'laki laki', 'lk'].includes(v)) return 1;
  if (['2', 'p', 'perempuan', 'pr'].includes(v)) return 2;
  return null;
}

/** The mother by her NIK (found, or made and linked to the registry when she is a resident), or a new one by name. */
export async function motherFor(
  ctx: Ctx,
  villageCode: string,
  name: string,
  nik: string,
): Promise<string | null> {
  if (!name && !nik) return null;
  if (nik) {
    const known = await repo.motherByNik(ctx.db, nik);
    if (known) return known.id;
  }
  const resident = nik ? await findResidentByNik(ctx, nik) : null;
  const mother = await repo.insertMother(ctx.db, {
    village_code: villageCode,
    resident_id: resident?.id ?? null,
    name: resident?.name ?? name,
    nik: nik || null,
    family_number: resident?.familyNumber ?? null,
    birth_date: resident?.birthDate ?? null,
  });
  return mother.id;
}

/** Registers a child at a posyandu; linked to the registry when the NIK is a resident's. */
export async function registerChild(ctx: Ctx, posyanduId: string, form: Form): Promise<{ id: string }> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => registerChild(tx, posyanduId, form));
  const posyandu = await posyanduToRecord(ctx, posyanduId);
  const errors: Record<string, string> = {};
  const nik = text(form, 'nik');
  const motherNik = text(form, 'nik_ibu');
  for (const [key, value] of [
    ['nik', nik],
    ['nik_ibu', motherNik],
    ['no_kk', text(form, 'no_kk')],
  ] as const)
    if (value && !/^\d{16}$/.test(value)) errors[key] = t('health.error.sixteenDigits');
  const resident = nik && !errors.nik ? await findResidentByNik(ctx, nik) : null;
  if (nik && !errors.nik && (await repo.childByNik(ctx.db, nik))) errors.nik = t('health.error.childExists');
  const name = resident?.name ?? text(form, 'nama');
  const sex = resident ? (resident.sex as Sex) : parseSex(text(form, 'jenis_kelamin'));
  const birthDate = resident?.birthDate ?? text(form, 'tanggal_lahir');
  if (!name) errors.nama = t('health.error.nameRequired');
  if (!sex) errors.jenis_kelamin = t('health.error.sexRequired');
  if (!isCalendarDate(birthDate) || birthDate > today(ctx))
    errors.tanggal_lahir = t('health.error.birthDate');
  else if (ageInDays(birthDate, today(ctx)) > MAX_AGE_DAYS) errors.tanggal_lahir = t('health.error.overFive');
  if (Object.keys(errors).length > 0 || !sex) throw new Invalid(errors);
  const motherId = await motherFor(
    ctx,
    posyandu.villageCode,
    text(form, 'nama_ibu'),
    errors.nik_ibu ? '' : motherNik,
  );
  const child = await repo.insertChild(ctx.db, {
    village_code: posyandu.villageCode,
    posyandu_id: posyandu.id,
    resident_id: resident?.id ?? null,
    name,
    sex,
    birth_date: birthDate,
    nik: nik || null,
    family_number: resident?.familyNumber ?? (text(form, 'no_kk') || null),
    mother_id: motherId,
    birth_weight_kg: null,
    birth_length_cm: null,
    anonymised_at: null,
  });
  await audit(ctx, {
    action: 'create',
    entity: 'health_child',
    entityId: child.id,
    villageCode: posyandu.villageCode,
  });
  await indexChildren(ctx, [child.id]);
  return { id: child.id };
}

/** Links a child registered by name (a newborn) to the registry once the child has a NIK there. */
export async function linkChildToResident(ctx: Ctx, childId: string, form: Form): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => linkChildToResident(tx, childId, form));
  const child = await repo.childById(ctx.db, idOrNotFound(childId));
  if (!child) throw new NotFound(t('health.error.notFound'));
  await posyanduToRecord(ctx, child.posyandu_id);
  const nik = text(form, 'nik');
  const resident = /^\d{16}$/.test(nik) ? await findResidentByNik(ctx, nik) : null;
  if (!resident || resident.villageCode !== child.village_code)
    throw new Invalid({ nik: t('health.error.noSuchResident') });
  const other = await repo.childByNik(ctx.db, nik);
  if (other && other.id !== child.id) throw new Invalid({ nik: t('health.error.childExists') });
  await repo.updateChild(ctx.db, child.id, {
    resident_id: resident.id,
    nik,
    family_number: resident.familyNumber,
    updated_at: ctx.clock.now(),
  });
  await audit(ctx, {
    action: 'link_resident',
    entity: 'health_child',
    entityId: child.id,
    villageCode: child.village_code,
  });
  await indexChildren(ctx, [child.id]);
}

export interface MeasurementView {
  id: string;
  measuredOn: string;
  ageDays: number;
  weightKg: number | null;
  heightCm: number | null;
  position: Position | null;
  headCm: number | null;
  armCm: number | null;
  haz: number | null;
  waz: number | null;
  whz: number | null;
  heightForAge: string | null;
  weightForAge: string | null;
  weightForHeight: string | null;
  weightGain: WeightGain | null;
  twoT: boolean;
  flags: string[];
  confirmed: boolean;
  vitaminA: boolean;
  immunisations: string[];
}

const num = (v: string | null): number | null => (v === null ? null : Number(v));

function toMeasurement(m: repo.MeasurementRow): MeasurementView {
  return {
    id: m.id,
    measuredOn: m.measured_on,
    ageDays: m.age_days,
    weightKg: num(m.weight_kg),
    heightCm: num(m.height_cm),
    position: m.position,
    headCm: num(m.head_cm),
    armCm: num(m.arm_cm),
    haz: num(m.haz),
    waz: num(m.waz),
    whz: num(m.whz),
    heightForAge: m.height_for_age,
    weightForAge: m.weight_for_age,
    weightForHeight: m.weight_for_height,
    weightGain: m.weight_gain as WeightGain | null,
    twoT: m.two_t,
    flags: m.flags,
    confirmed: m.confirmed_implausible,
    vitaminA: m.vitamin_a,
    immunisations: m.immunisations,
  };
}

export interface ChildRecord {
  id: string;
  name: string;
  sex: Sex;
  birthDate: string;
  nik: string | null;
  villageCode: string;
  posyanduId: string;
  linked: boolean;
  motherName: string | null;
  measurements: MeasurementView[];
  charts: Array<{ indicator: string; svg: string }>;
}

function chartsOf(child: { sex: Sex; name: string }, ms: MeasurementView[]) {
  const weighed = ms.filter((m) => m.weightKg !== null);
  const measured = ms.filter((m) => m.heightCm !== null);
  const charts: Array<{
    indicator: 'wfa' | 'lhfa' | 'wfl' | 'wfh';
    points: Array<{ x: number; y: number }>;
  }> = [
    { indicator: 'wfa', points: weighed.map((m) => ({ x: m.ageDays, y: m.weightKg as number })) },
    { indicator: 'lhfa', points: measured.map((m) => ({ x: m.ageDays, y: m.heightCm as number })) },
  ];
  const both = ms.filter((m) => m.weightKg !== null && m.heightCm !== null);
  const young = both.filter((m) => m.ageDays < 731);
  const old = both.filter((m) => m.ageDays >= 731);
  if (young.length > 0)
    charts.push({
      indicator: 'wfl',
      points: young.map((m) => ({ x: m.heightCm as number, y: m.weightKg as number })),
    });
  if (old.length > 0)
    charts.push({
      indicator: 'wfh',
      points: old.map((m) => ({ x: m.heightCm as number, y: m.weightKg as number })),
    });
  return charts.map((c) => ({
    indicator: c.indicator,
    svg: growthChartSvg({
      sex: child.sex,
      indicator: c.indicator,
      points: c.points,
      title: `${t(`health.growth.chart.indicator.${c.indicator}`)} — ${child.name}`,
    }),
  }));
}

/** A child's record with the growth charts: read by whom the policy lets, every staff read audited. */
export async function getChild(ctx: Ctx, id: string): Promise<ChildRecord> {
  const child = await repo.childById(ctx.db, idOrNotFound(id));
  if (!child || child.anonymised_at) throw new NotFound(t('health.error.notFound'));
  const ref: ChildRef = {
    villageCode: child.village_code,
    posyanduId: child.posyandu_id,
    residentId: child.resident_id,
    familyNumber: child.family_number,
    motherResidentId: child.mother_resident_id,
  };
  assertMayReadChild(await healthAccess(ctx), ref);
  // a parent's read is audited as a staff member's is: the record and its chart are health data
  if (ctx.actor?.kind === 'staff' || ctx.actor?.kind === 'resident')
    await audit(ctx, {
      action: 'read_personal',
      entity: 'health_child',
      entityId: child.id,
      villageCode: child.village_code,
      detail: ctx.actor.kind === 'resident' ? { via: 'parent' } : undefined,
    });
  const measurements = (await repo.historyOf(ctx.db, child.id)).map(toMeasurement);
  const sex = child.sex as Sex;
  return {
    id: child.id,
    name: child.name,
    sex,
    birthDate: child.birth_date,
    nik: child.nik,
    villageCode: child.village_code,
    posyanduId: child.posyandu_id,
    linked: child.resident_id !== null,
    motherName: child.mother_name,
    measurements,
    charts: chartsOf({ sex, name: child.name }, measurements),
  };
}

/** The children a parent logged in with NIK + PIN may open. */
export async function myChildren(ctx: Ctx) {
  const actor = ctx.actor;
  if (actor?.kind !== 'resident') throw new Forbidden();
  const rows = await repo.childrenOfParent(ctx.db, {
    residentId: actor.id,
    familyNumber: actor.familyNumber,
  });
  return rows.map((c) => ({ id: c.id, name: c.name, birthDate: c.birth_date, sex: c.sex as Sex }));
}

export async function myChild(ctx: Ctx, id: string): Promise<ChildRecord> {
  if (ctx.actor?.kind !== 'resident') throw new Forbidden();
  return getChild(ctx, id);
}

// ---- the session form ----

export interface SessionRow {
  childId: string;
  name: string;
  sex: Sex;
  birthDate: string;
  ageDays: number;
  defaultPosition: Position;
  previous: MeasurementView | null;
  current: MeasurementView | null;
}

function sessionDay(ctx: Ctx, day: string | undefined): string {
  const value = day?.trim() || today(ctx);
  if (!isCalendarDate(value) || value > today(ctx))
    throw new Invalid({ tanggal: t('health.error.sessionDate') });
  return value;
}

/** One row per child the posyandu follows on the day, with the previous measurement beside it. */
export async function sessionSheet(ctx: Ctx, posyanduId: string, dayText: string | undefined) {
  const posyandu = await posyanduToRecord(ctx, posyanduId);
  const day = sessionDay(ctx, dayText);
  const children = await repo.childrenAt(ctx.db, posyandu.id, day, MAX_AGE_DAYS);
  const around = await repo.measurementsAround(
    ctx.db,
    children.map((c) => c.id),
    monthOf(day),
  );
  await audit(ctx, {
    action: 'read_personal',
    entity: 'health_session',
    entityId: posyandu.id,
    villageCode: posyandu.villageCode,
    detail: { day, shown: children.length },
  });
  const rows: SessionRow[] = children.map((c) => {
    const ageDays = ageInDays(c.birth_date, day);
    const previous = around.previous.get(c.id);
    const current = around.current.get(c.id);
    return {
      childId: c.id,
      name: c.name,
      sex: c.sex as Sex,
      birthDate: c.birth_date,
      ageDays,
      defaultPosition: defaultPosition(ageDays),
      previous: previous ? toMeasurement(previous) : null,
      current: current ? toMeasurement(current) : null,
    };
  });
  return { posyandu, day, rows };
}

/** The form's fields of one child's row. */
export const rowField = (
  name: 'berat' | 'tinggi' | 'posisi' | 'lk' | 'lila' | 'edema' | 'vita' | 'asi' | 'imun' | 'cek',
  childId: string,
) => `${name}_${childId}`;

function readRow(
  form: Form,
  childId: string,
  ageDays: number,
): { input: MeasurementInput; errors: Record<string, string> } | null {
  const f = (name: Parameters<typeof rowField>[0]) => (form[rowField(name, childId)] ?? '').trim();
  if (f('berat') === '' && f('tinggi') === '') return null;
  const errors: Record<string, string> = {};
  const weightKg = parseDecimal(f('berat'));
  const heightCm = parseDecimal(f('tinggi'));
  const headCm = parseDecimal(f('lk'));
  const armCm = parseDecimal(f('lila'));
  const checks: Array<[Parameters<typeof rowField>[0], number | null, number, number]> = [
    ['berat', weightKg, 0.5, 40],
    ['tinggi', heightCm, 35, 130],
    ['lk', headCm, 25, 60],
    ['lila', armCm, 5, 30],
  ];
  for (const [name, value, min, max] of checks) {
    const problem = decimalProblem(value, min, max);
    if (problem) errors[rowField(name, childId)] = problem;
  }
  const position =
    f('posisi') === 'standing' ? 'standing' : f('posisi') === 'lying' ? 'lying' : defaultPosition(ageDays);
  const asi = f('asi');
  return {
    errors,
    input: {
      weightKg,
      heightCm,
      position: heightCm === null ? null : position,
      headCm,
      armCm,
      oedema: f('edema') === 'ya',
      vitaminA: f('vita') === 'ya',
      exclusiveBreastfeeding: asi === 'ya' ? true : asi === 'tidak' ? false : null,
      immunisations: f('imun')
        .toUpperCase()
        .split(/[\s,;]+/)
        .filter((code) => /^[A-Z0-9-]{2,12}$/.test(code)),
    },
  };
}

export function previousOf(m: MeasurementView | null): Previous | null {
  if (!m) return null;
  return {
    measuredOn: m.measuredOn,
    measuredMonth: monthOf(m.measuredOn),
    ageDays: m.ageDays,
    weightKg: m.weightKg,
    heightCm: m.heightCm,
    weightGain: m.weightGain,
  };
}

interface MeasurementTarget {
  childId: string;
  villageCode: string;
  posyanduId: string;
  sex: Sex;
  ageDays: number;
  day: string;
}

/** One measurement judged (z-scores, weight gain, flags) as the row it is stored as. */
function measurementRow(
  ctx: Ctx,
  target: MeasurementTarget,
  input: MeasurementInput,
  previous: Previous | null,
  confirmed: boolean,
) {
  const month = monthOf(target.day);
  const judged = judge({ sex: target.sex }, target.ageDays, input, previous, month);
  const { growth } = judged;
  const row = {
    child_id: target.childId,
    village_code: target.villageCode,
    posyandu_id: target.posyanduId,
    measured_on: target.day,
    measured_month: month,
    age_days: target.ageDays,
    weight_kg: input.weightKg,
    height_cm: input.heightCm,
    position: input.position,
    head_cm: input.headCm,
    arm_cm: input.armCm,
    oedema: input.oedema,
    immunisations: input.immunisations,
    vitamin_a: input.vitaminA,
    exclusive_breastfeeding: input.exclusiveBreastfeeding,
    haz: growth.haz,
    waz: growth.waz,
    whz: growth.whz,
    height_for_age: growth.categories.heightForAge,
    weight_for_age: growth.categories.weightForAge,
    weight_for_height: growth.categories.weightForHeight,
    weight_gain: judged.weightGain,
    two_t: judged.twoT,
    flags: judged.flags,
    confirmed_implausible: confirmed && needsConfirmation(judged.flags),
    entered_by: ctx.actor?.kind === 'staff' ? ctx.actor.id : null,
  };
  const next: Previous = {
    measuredOn: row.measured_on,
    measuredMonth: month,
    ageDays: row.age_days,
    weightKg: row.weight_kg,
    heightCm: row.height_cm,
    weightGain: judged.weightGain,
  };
  return { row, judged, next };
}

/** Stores one judged measurement (insert or, for the month's row, replace). */
async function storeMeasurement(
  ctx: Ctx,
  target: MeasurementTarget,
  input: MeasurementInput,
  previous: Previous | null,
  confirmed: boolean,
) {
  const { row, judged } = measurementRow(ctx, target, input, previous, confirmed);
  const result = await repo.upsertMeasurement(ctx.db, row, ctx.clock.now());
  await rejudgeLaterMonths(ctx, target.childId, target.sex, row.measured_month);
  return { ...result, judged };
}

/**
 * A child's measurements oldest first, each judged against the one before it, stored in one
 * statement: for a history that is new as a whole (the demo seed), where nothing later needs judging again.
 */
async function storeHistory(
  ctx: Ctx,
  target: Omit<MeasurementTarget, 'ageDays' | 'day'>,
  visits: Array<{ ageDays: number; day: string; input: MeasurementInput }>,
): Promise<void> {
  // one row a month, as the form keeps it: a later visit in the same month replaces the earlier
  const byMonth = new Map(visits.map((visit) => [monthOf(visit.day), visit]));
  let previous: Previous | null = null;
  const rows = [];
  for (const visit of byMonth.values()) {
    const judged = measurementRow(ctx, { ...target, ...visit }, visit.input, previous, true);
    rows.push(judged.row);
    previous = judged.next;
  }
  await repo.insertMeasurements(ctx.db, rows, ctx.clock.now());
}

/**
 * The months after an edited one were judged against it: their weight gain and 2T are judged
 * again, each against the (possibly changed) month before it.
 */
async function rejudgeLaterMonths(ctx: Ctx, childId: string, sex: Sex, month: string): Promise<void> {
  const history = (await repo.historyOf(ctx.db, childId)).map(toMeasurement);
  let previous: MeasurementView | null = null;
  for (const m of history) {
    if (monthOf(m.measuredOn) > month && previous) {
      const gain = gainOf(sex, m.ageDays, m.weightKg, previousOf(previous), monthOf(m.measuredOn));
      if (gain.weightGain !== m.weightGain || gain.twoT !== m.twoT) {
        await repo.setWeightGain(ctx.db, m.id, gain, ctx.clock.now());
        m.weightGain = gain.weightGain;
        m.twoT = gain.twoT;
      }
    }
    previous = m;
  }
}

function sameValues(stored: MeasurementView, input: MeasurementInput): boolean {
  return (
    stored.weightKg === input.weightKg &&
    stored.heightCm === input.heightCm &&
    (input.heightCm === null || stored.position === input.position) &&
    stored.headCm === input.headCm &&
    stored.armCm === input.armCm &&
    stored.vitaminA === input.vitaminA &&
    stored.immunisations.join(',') === input.immunisations.join(',')
  );
}

export interface SessionOutcome {
  saved: number;
  /** rows held back: field → message (the form shows them, with the confirmation box) */
  held: Record<string, string>;
}

/**
 * Saves a session's rows. A row with a value out of range, or an implausible one not yet confirmed,
 * is held back and named; every other row is stored (committed) before the form comes back, so
 * nothing typed is lost and nothing doubtful is stored silently.
 */
export async function saveSession(
  ctx: Ctx,
  posyanduId: string,
  dayText: string | undefined,
  form: Form,
): Promise<SessionOutcome> {
  const sheet = await sessionSheet(ctx, posyanduId, dayText);
  const outcome = await inTransaction(ctx, async (tx) => {
    const held: Record<string, string> = {};
    let saved = 0;
    for (const row of sheet.rows) {
      const read = readRow(form, row.childId, row.ageDays);
      if (!read) continue;
      if (Object.keys(read.errors).length > 0) {
        Object.assign(held, read.errors);
        continue;
      }
      const confirmed = (form[rowField('cek', row.childId)] ?? '') === 'ya';
      // a row drawn back unchanged (this month's values, already stored) is not written again,
      // unless this is the confirmation an imported implausible value waits for
      const awaitsConfirmation =
        row.current !== null && row.current.flags.length > 0 && !row.current.confirmed;
      if (row.current && sameValues(row.current, read.input) && !(confirmed && awaitsConfirmation)) continue;
      const previous = previousOf(row.previous);
      const judged = judge({ sex: row.sex }, row.ageDays, read.input, previous, monthOf(sheet.day));
      if (needsConfirmation(judged.flags) && !confirmed) {
        held[rowField('cek', row.childId)] = t('health.error.implausible', {
          name: row.name,
          flags: flagText(judged.flags),
        });
        continue;
      }
      await storeMeasurement(
        tx,
        {
          childId: row.childId,
          villageCode: sheet.posyandu.villageCode,
          posyanduId: sheet.posyandu.id,
          sex: row.sex,
          ageDays: row.ageDays,
          day: sheet.day,
        },
        read.input,
        previous,
        confirmed,
      );
      saved++;
    }
    if (saved > 0)
      await audit(tx, {
        action: 'record_measurements',
        entity: 'health_posyandu',
        entityId: sheet.posyandu.id,
        villageCode: sheet.posyandu.villageCode,
        detail: { day: sheet.day, saved },
      });
    return { saved, held };
  });
  return outcome;
}

/** The route's answer to a session: the held rows become the form's field errors (422, rows kept). */
export function refuseHeldRows(outcome: SessionOutcome): void {
  if (Object.keys(outcome.held).length > 0)
    throw new Invalid(
      outcome.held,
      t('health.error.rowsHeld', { saved: outcome.saved, held: Object.keys(outcome.held).length }),
    );
}

export { storeHistory, storeMeasurement, toMeasurement };

// ---- at risk ----

export type RiskReason =
  | 'stunted'
  | 'wasted'
  | 'underweight'
  | 'not_gaining'
  | 'two_t'
  | 'not_measured'
  | 'unconfirmed';

export interface AtRiskChild {
  id: string;
  name: string;
  posyanduName: string;
  villageCode: string;
  ageDays: number;
  measuredOn: string | null;
  reasons: RiskReason[];
}

/** A child's latest measurement of the month, as the at-risk list and the work items read it. */
export interface RiskMeasurement {
  measured_on: string | null;
  haz: string | null;
  waz: string | null;
  whz: string | null;
  weight_gain: string | null;
  two_t: boolean | null;
  flags: string[] | null;
  confirmed_implausible: boolean | null;
}

export function reasonsOf(r: RiskMeasurement): RiskReason[] {
  if (!r.measured_on) return ['not_measured'];
  const reasons: RiskReason[] = [];
  const unconfirmed = (r.flags ?? []).length > 0 && !r.confirmed_implausible;
  if (unconfirmed) reasons.push('unconfirmed');
  if (r.haz !== null && Number(r.haz) < -2) reasons.push('stunted');
  if (r.whz !== null && Number(r.whz) < -2) reasons.push('wasted');
  if (r.waz !== null && Number(r.waz) < -2) reasons.push('underweight');
  if (r.two_t) reasons.push('two_t');
  else if (r.weight_gain === 'tidak_naik') reasons.push('not_gaining');
  return reasons;
}

/** The children to act on this month (or a given month), in the actor's scope or one posyandu of it. */
export async function atRisk(ctx: Ctx, options: { posyanduId?: string; month?: string } = {}) {
  const access = await healthAccess(ctx);
  let scope = recordScope(access);
  if (options.posyanduId) {
    const posyandu = await posyanduOrNotFound(ctx, options.posyanduId);
    if (
      'posyanduId' in scope
        ? scope.posyanduId !== posyandu.id
        : !scopeHoldsVillage(scope, posyandu.village_code)
    )
      throw new Forbidden(t('health.error.notYourPosyandu'));
    scope = { posyanduId: posyandu.id };
  }
  const now = today(ctx);
  const month = options.month && /^\d{4}-\d{2}$/.test(options.month) ? `${options.month}-01` : monthOf(now);
  const day = month === monthOf(now) ? now : lastDayOf(month);
  const rows = await repo.atRiskRows(ctx.db, scope, month, day, MAX_AGE_DAYS);
  await audit(ctx, {
    action: 'read_personal',
    entity: 'health_at_risk',
    villageCode: 'region' in scope ? scope.region : null,
    detail: { month, shown: rows.length },
  });
  const children: AtRiskChild[] = rows
    .map((r) => ({
      id: r.id,
      name: r.name,
      posyanduName: r.posyandu_name,
      villageCode: r.village_code,
      ageDays: ageInDays(r.birth_date, day),
      measuredOn: r.measured_on,
      reasons: reasonsOf(r),
    }))
    .filter((c) => c.reasons.length > 0);
  return { month, children };
}

function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** What to do for each reason, in plain words for the kader and the midwife. */
export function actionsFor(reasons: RiskReason[]): string[] {
  const keys = new Set<string>();
  for (const r of reasons) {
    if (r === 'stunted' || r === 'wasted' || r === 'two_t') keys.add('health.todo.refer');
    if (r === 'wasted' || r === 'underweight' || r === 'not_gaining' || r === 'two_t')
      keys.add('health.todo.counsel');
    if (r === 'stunted' || r === 'not_gaining' || r === 'not_measured') keys.add('health.todo.visit');
    if (r === 'unconfirmed') keys.add('health.todo.recheck');
  }
  return [...keys].map((k) => t(k));
}

export function maskedNik(nik: string | null): string {
  return nik ? mask(nik) : '';
}
