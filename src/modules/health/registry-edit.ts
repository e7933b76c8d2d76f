// Registry edits (issue #14): the village office corrects a posyandu (name, dusun, schedule day,
// address, active) and a child (name, sex, birth date, NIK, family number, posyandu, registry link).
// A child's z-scores, categories and weight gain depend on the sex and the age at each visit, so a
// changed birth date or sex judges every stored measurement of the child again
// (`rejudgeChildMeasurements`, the one place that rewrites them for an edit).
import { audit } from '../../platform/audit/service.ts';
import { type Ctx, inTransaction } from '../../platform/context.ts';
import { Invalid, NotFound } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/http/input.ts';
import { t } from '../../platform/i18n/index.ts';
import { isCalendarDate } from '../../platform/time.ts';
import { findResidentByNik } from '../residents/service.ts';
import { ageInDays, type Sex } from './growth/index.ts';
import { judge, type MeasurementInput, monthOf, needsConfirmation, type Previous } from './measure.ts';
import { assertMayKeepPosyandu, assertMayRecordAt } from './policy.ts';
import * as repo from './repo.ts';
import { indexChildren, indexPosyandu } from './search.ts';
import { healthAccess, motherFor, today } from './service.ts';

type Form = Record<string, string | undefined>;
type Errors = Record<string, string>;

const field = (form: Form, key: string): string => (form[key] ?? '').trim();
const num = (v: string | null): number | null => (v === null ? null : Number(v));

function found<T>(row: T | undefined): T {
  if (!row) throw new NotFound(t('health.error.notFound'));
  return row;
}

async function posyanduOrNotFound(ctx: Ctx, id: string) {
  return found(isUuid(id) ? await repo.posyanduById(ctx.db, id) : undefined);
}

/** The posyandu form's current values (for the edit page). */
export async function posyanduForEdit(ctx: Ctx, id: string) {
  const row = await posyanduOrNotFound(ctx, id);
  assertMayKeepPosyandu(ctx.actor, row.village_code);
  return row;
}

/** The office corrects its posyandu; an inactive one leaves the lists of sessions to hold. */
export async function editPosyandu(ctx: Ctx, id: string, form: Form): Promise<void> {
  const row = await posyanduForEdit(ctx, id);
  const errors: Errors = {};
  const name = field(form, 'nama');
  if (!name) errors.nama = t('health.error.nameRequired');
  const dayText = field(form, 'jadwal');
  const day = dayText === '' ? null : Number(dayText);
  if (day !== null && !(Number.isInteger(day) && day >= 1 && day <= 31))
    errors.jadwal = t('health.error.scheduleDay');
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  const changes = {
    name,
    dusun: field(form, 'dusun'),
    schedule_day: day,
    address: field(form, 'alamat'),
    active: field(form, 'aktif') === 'ya',
  };
  await repo.updatePosyandu(ctx.db, row.id, changes).catch((error: { code?: string }) => {
    if (error.code === '23505') throw new Invalid({ nama: t('health.error.posyanduExists') });
    throw error;
  });
  const changed = (Object.keys(changes) as Array<keyof typeof changes>).filter((k) => changes[k] !== row[k]);
  await audit(ctx, {
    action: 'update',
    entity: 'health_posyandu',
    entityId: row.id,
    villageCode: row.village_code,
    detail: { fields: changed },
  });
  await indexPosyandu(ctx, row.id);
}

/** A child's registry fields and the posyandu of the village it may move to (for the edit page). */
export async function childForEdit(ctx: Ctx, id: string) {
  const child = found(isUuid(id) ? await repo.childById(ctx.db, id) : undefined);
  const access = await healthAccess(ctx);
  assertMayRecordAt(access, { id: child.posyandu_id, villageCode: child.village_code });
  const posyandu = (await repo.listPosyandu(ctx.db, { region: child.village_code }, monthOf(today(ctx))))
    .filter(
      (p) =>
        p.id === child.posyandu_id ||
        (p.active && (!access.kaderPosyanduId || p.id === access.kaderPosyanduId)),
    )
    .map((p) => ({ id: p.id, name: p.name }));
  await audit(ctx, {
    action: 'read_personal',
    entity: 'health_child',
    entityId: child.id,
    villageCode: child.village_code,
  });
  return { child, posyandu };
}

/**
 * Saves the corrected child. A NIK found in the village's registry links the child to that
 * resident (name, sex and birth date are the registry's then); "lepas" unlinks it. A new birth date
 * or sex judges the child's measurements again.
 */
export async function editChild(ctx: Ctx, id: string, form: Form): Promise<{ rejudged: number }> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => editChild(tx, id, form));
  const child = found(isUuid(id) ? await repo.childById(ctx.db, id) : undefined);
  const access = await healthAccess(ctx);
  assertMayRecordAt(access, { id: child.posyandu_id, villageCode: child.village_code });
  const errors: Errors = {};
  const nik = field(form, 'nik');
  const familyNumber = field(form, 'no_kk');
  const motherName = field(form, 'nama_ibu');
  const motherNik = field(form, 'nik_ibu');
  for (const [key, value] of [
    ['nik', nik],
    ['no_kk', familyNumber],
    ['nik_ibu', motherNik],
  ] as const)
    if (value && !/^\d{16}$/.test(value)) errors[key] = t('health.error.sixteenDigits');
  if (nik && !errors.nik) {
    const other = await repo.childByNik(ctx.db, nik);
    if (other && other.id !== child.id) errors.nik = t('health.error.childExists');
  }
  const unlink = field(form, 'lepas') === 'ya';
  const resident = nik && !errors.nik && !unlink ? await findResidentByNik(ctx, nik) : null;
  if (resident && resident.villageCode !== child.village_code) errors.nik = t('health.error.noSuchResident');
  const name = resident?.name ?? field(form, 'nama');
  const sexText = field(form, 'jenis_kelamin');
  const sex = resident ? (resident.sex as Sex) : sexText === '1' ? 1 : sexText === '2' ? 2 : null;
  const birthDate = resident?.birthDate ?? field(form, 'tanggal_lahir');
  if (!name) errors.nama = t('health.error.nameRequired');
  if (!sex) errors.jenis_kelamin = t('health.error.sexRequired');
  if (!isCalendarDate(birthDate) || birthDate > today(ctx))
    errors.tanggal_lahir = t('health.error.birthDate');
  const history = await repo.historyOf(ctx.db, child.id);
  const firstVisit = history[0]?.measured_on;
  if (!errors.tanggal_lahir && firstVisit && birthDate > firstVisit)
    errors.tanggal_lahir = t('health.error.bornAfterVisit');
  const posyanduId = field(form, 'posyandu') || child.posyandu_id;
  const target = isUuid(posyanduId) ? await repo.posyanduById(ctx.db, posyanduId) : undefined;
  if (
    !target ||
    target.village_code !== child.village_code ||
    (!target.active && target.id !== child.posyandu_id)
  )
    errors.posyandu = t('health.error.noSuchPosyandu');
  else if (target.id !== child.posyandu_id)
    assertMayRecordAt(access, { id: target.id, villageCode: target.village_code });
  if (Object.keys(errors).length > 0 || !sex) throw new Invalid(errors);
  const changes = {
    name,
    mother_id: await pairedMother(ctx, child, motherName, motherNik),
    sex,
    birth_date: birthDate,
    nik: nik || null,
    family_number: resident?.familyNumber ?? (familyNumber || null),
    resident_id: resident ? resident.id : unlink || !nik ? null : child.resident_id,
    posyandu_id: target?.id ?? child.posyandu_id,
  };
  const changed = (Object.keys(changes) as Array<keyof typeof changes>).filter(
    (k) => changes[k] !== child[k],
  );
  await repo.updateChild(ctx.db, child.id, { ...changes, updated_at: ctx.clock.now() });
  const rejudged =
    changes.birth_date !== child.birth_date || changes.sex !== child.sex
      ? await rejudgeChildMeasurements(ctx, child.id, { sex, birthDate })
      : 0;
  await audit(ctx, {
    action: 'update',
    entity: 'health_child',
    entityId: child.id,
    villageCode: child.village_code,
    detail: { fields: changed, rejudged },
  });
  await indexChildren(ctx, [child.id]);
  return { rejudged };
}

/**
 * The KIA pairing after an edit: both fields empty unpair the child; the same name without a NIK
 * keeps the mother; a NIK finds (or makes) the mother with it; another name makes a mother by name.
 */
async function pairedMother(
  ctx: Ctx,
  child: {
    village_code: string;
    mother_id: string | null;
    mother_name: string | null;
    mother_nik: string | null;
  },
  name: string,
  nik: string,
): Promise<string | null> {
  if (!name && !nik) return null;
  if (child.mother_id && nik === (child.mother_nik ?? '') && (nik || name === child.mother_name))
    return child.mother_id;
  return motherFor(ctx, child.village_code, name, nik);
}

/**
 * Judges every stored measurement of a child again for its (new) sex and birth date, oldest first,
 * each against the one before it (age at the visit, z-scores, categories, KMS weight gain, 2T,
 * implausibility flags), and rewrites the rows that changed in `health_measurements`. A row that
 * becomes implausible waits for a person's confirmation unless it was confirmed before. Returns
 * the number of rows rewritten. (Anything kept from these rows, such as a monthly rollup, is to be
 * refreshed here.)
 */
export async function rejudgeChildMeasurements(
  ctx: Ctx,
  childId: string,
  child: { sex: Sex; birthDate: string },
): Promise<number> {
  let previous: Previous | null = null;
  let rewritten = 0;
  for (const m of await repo.historyOf(ctx.db, childId)) {
    const ageDays = Math.max(0, ageInDays(child.birthDate, m.measured_on));
    const input: MeasurementInput = {
      weightKg: num(m.weight_kg),
      heightCm: num(m.height_cm),
      position: m.position,
      headCm: num(m.head_cm),
      armCm: num(m.arm_cm),
      oedema: m.oedema,
      vitaminA: m.vitamin_a,
      exclusiveBreastfeeding: m.exclusive_breastfeeding,
      immunisations: m.immunisations,
    };
    const month = monthOf(m.measured_on);
    const judged = judge({ sex: child.sex }, ageDays, input, previous, month);
    const row = {
      age_days: ageDays,
      haz: judged.growth.haz,
      waz: judged.growth.waz,
      whz: judged.growth.whz,
      height_for_age: judged.growth.categories.heightForAge,
      weight_for_age: judged.growth.categories.weightForAge,
      weight_for_height: judged.growth.categories.weightForHeight,
      weight_gain: judged.weightGain,
      two_t: judged.twoT,
      flags: judged.flags,
      confirmed_implausible: m.confirmed_implausible && needsConfirmation(judged.flags),
    };
    const same =
      m.age_days === row.age_days &&
      num(m.haz) === row.haz &&
      num(m.waz) === row.waz &&
      num(m.whz) === row.whz &&
      m.height_for_age === row.height_for_age &&
      m.weight_for_age === row.weight_for_age &&
      m.weight_for_height === row.weight_for_height &&
      m.weight_gain === row.weight_gain &&
      m.two_t === row.two_t &&
      m.flags.join(',') === row.flags.join(',') &&
      m.confirmed_implausible === row.confirmed_implausible;
    if (!same) {
      await repo.setJudgement(ctx.db, m.id, row, ctx.clock.now());
      rewritten++;
    }
    previous = {
      measuredOn: m.measured_on,
      measuredMonth: month,
      ageDays,
      weightKg: input.weightKg,
      heightCm: input.heightCm,
      weightGain: judged.weightGain,
    };
  }
  return rewritten;
}
