import { audit, auditStaffRead } from '../../platform/audit/service.ts';
import { type Ctx, inTransaction } from '../../platform/context.ts';
import { Invalid, NotFound } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/http/input.ts';
import { t } from '../../platform/i18n/index.ts';
import { isCalendarDate } from '../../platform/time.ts';
import { findResidentByNik } from '../residents/service.ts';
import { decimalProblem, parseDecimal } from './measure.ts';
import { assertMayReadChild, assertMayRecordAt, recordScope } from './policy.ts';
import * as repo from './repo.ts';
import { healthAccess, today } from './service.ts';

type Form = Record<string, string | undefined>;

/** LiLA under 23.5 cm: the mother is at risk of chronic energy deficiency (KEK), Permenkes 97/2014. */
export const KEK_LILA_CM = 23.5;

export async function listPregnancies(ctx: Ctx) {
  const scope = recordScope(await healthAccess(ctx));
  const rows = await repo.pregnanciesIn(ctx.db, scope);
  await audit(ctx, {
    action: 'read_personal',
    entity: 'health_pregnancies',
    villageCode: 'region' in scope ? scope.region : null,
    detail: { shown: rows.length },
  });
  return rows.map((r) => ({
    id: r.id,
    motherName: r.mother_name,
    villageCode: r.village_code,
    expectedDate: r.expected_date,
    checks: Number(r.checks ?? 0),
    kekRisk: r.kek_risk === true,
  }));
}

function optionalDate(form: Form, key: string, errors: Record<string, string>): string | null {
  const value = (form[key] ?? '').trim();
  if (!value) return null;
  if (!isCalendarDate(value)) errors[key] = t('health.error.date');
  return value;
}

/** Registers a pregnant woman at a posyandu (by the registry's NIK when she has one). */
export async function registerPregnancy(ctx: Ctx, posyanduId: string, form: Form): Promise<{ id: string }> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => registerPregnancy(tx, posyanduId, form));
  if (!isUuid(posyanduId)) throw new NotFound(t('health.error.notFound'));
  const posyandu = await repo.posyanduById(ctx.db, posyanduId);
  if (!posyandu) throw new NotFound(t('health.error.notFound'));
  assertMayRecordAt(await healthAccess(ctx), { id: posyandu.id, villageCode: posyandu.village_code });
  const errors: Record<string, string> = {};
  const nik = (form.nik ?? '').trim();
  if (nik && !/^\d{16}$/.test(nik)) errors.nik = t('health.error.sixteenDigits');
  const resident = nik && !errors.nik ? await findResidentByNik(ctx, nik) : null;
  const name = resident?.name ?? (form.nama ?? '').trim();
  if (!name) errors.nama = t('health.error.nameRequired');
  const expected = optionalDate(form, 'hpl', errors);
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  const mother =
    (nik ? await repo.motherByNik(ctx.db, nik) : undefined) ??
    (await repo.insertMother(ctx.db, {
      village_code: posyandu.village_code,
      resident_id: resident?.id ?? null,
      name,
      nik: nik || null,
      family_number: resident?.familyNumber ?? null,
      birth_date: resident?.birthDate ?? null,
    }));
  const row = await repo.insertPregnancy(ctx.db, {
    village_code: posyandu.village_code,
    mother_id: mother.id,
    posyandu_id: posyandu.id,
    expected_date: expected,
    first_check_date: null,
  });
  await audit(ctx, {
    action: 'create',
    entity: 'health_pregnancy',
    entityId: row.id,
    villageCode: posyandu.village_code,
  });
  return { id: row.id };
}

async function pregnancyFor(ctx: Ctx, id: string) {
  if (!isUuid(id)) throw new NotFound(t('health.error.notFound'));
  const row = await repo.pregnancyById(ctx.db, id);
  if (!row) throw new NotFound(t('health.error.notFound'));
  const access = await healthAccess(ctx);
  assertMayReadChild(access, {
    villageCode: row.village_code,
    posyanduId: row.posyandu_id ?? '',
    residentId: row.mother_resident_id,
    familyNumber: row.mother_family_number,
  });
  return { row, access };
}

export async function getPregnancy(ctx: Ctx, id: string) {
  const { row } = await pregnancyFor(ctx, id);
  await auditStaffRead(ctx, { entity: 'health_pregnancy', entityId: row.id, villageCode: row.village_code });
  const checks = await repo.checksOf(ctx.db, row.id);
  return {
    id: row.id,
    motherName: row.mother_name,
    expectedDate: row.expected_date,
    villageCode: row.village_code,
    checks: checks.map((c) => ({
      checkedOn: c.checked_on,
      weeks: c.gestational_weeks,
      lilaCm: c.lila_cm === null ? null : Number(c.lila_cm),
      kekRisk: c.kek_risk,
      ironTablets: c.iron_tablets,
      visit: c.visit_number,
    })),
  };
}

/** Records an antenatal check; LiLA below 23.5 cm marks the KEK risk. */
export async function addPregnancyCheck(ctx: Ctx, id: string, form: Form): Promise<{ kekRisk: boolean }> {
  const { row, access } = await pregnancyFor(ctx, id);
  assertMayRecordAt(access, { id: row.posyandu_id ?? '', villageCode: row.village_code });
  const errors: Record<string, string> = {};
  const checkedOn = (form.tanggal ?? '').trim();
  if (!isCalendarDate(checkedOn) || checkedOn > today(ctx)) errors.tanggal = t('health.error.date');
  const lila = parseDecimal(form.lila);
  const lilaProblem = decimalProblem(lila, 10, 60);
  if (lilaProblem) errors.lila = lilaProblem;
  const whole = (key: string, min: number, max: number): number | null => {
    const raw = (form[key] ?? '').trim();
    if (!raw) return null;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max)
      errors[key] = t('health.error.outOfRange', { min, max });
    return value;
  };
  const weeks = whole('usia_kehamilan', 1, 45);
  const tablets = whole('ttd', 0, 400) ?? 0;
  const visit = whole('kunjungan', 1, 20);
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  const kekRisk = lila !== null && lila < KEK_LILA_CM;
  await repo.insertCheck(ctx.db, {
    pregnancy_id: row.id,
    village_code: row.village_code,
    checked_on: checkedOn,
    gestational_weeks: weeks,
    lila_cm: lila,
    kek_risk: kekRisk,
    iron_tablets: tablets,
    visit_number: visit,
    entered_by: ctx.actor?.kind === 'staff' ? ctx.actor.id : null,
  });
  await audit(ctx, {
    action: 'record_check',
    entity: 'health_pregnancy',
    entityId: row.id,
    villageCode: row.village_code,
  });
  return { kekRisk };
}
