import { audit } from '../../platform/audit/service.ts';
import { type Ctx, inTransaction } from '../../platform/context.ts';
import { Invalid, NotFound } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/http/input.ts';
import { t } from '../../platform/i18n/index.ts';
import { listKecamatan, listVillages } from '../regions/service.ts';
import { assertMayKeepPuskesmas, HEALTH_AGENCY, type PuskesmasArea } from './policy.ts';
import * as repo from './puskesmas-repo.ts';
import { staffByEmail } from './repo.ts';
import { healthAccess } from './service.ts';
import './puskesmas-messages.ts';

type Form = Record<string, string | string[] | undefined>;

const CODE = /^[A-Z0-9]{3,20}$/;

function text(form: Form, key: string): string {
  const value = form[key];
  return (typeof value === 'string' ? value : '').trim();
}

export interface Puskesmas {
  code: string;
  name: string;
  kecamatanCode: string;
  active: boolean;
  villages: number;
  officers: number;
}

function toPuskesmas(r: repo.PuskesmasRow): Puskesmas {
  return {
    code: r.code,
    name: r.name,
    kecamatanCode: r.kecamatan_code,
    active: r.active,
    villages: r.villages,
    officers: r.officers,
  };
}

async function assertKeeper(ctx: Ctx): Promise<void> {
  assertMayKeepPuskesmas(await healthAccess(ctx));
}

/** The list page: every puskesmas with its counts, and the kecamatan to choose from. */
export async function puskesmasList(ctx: Ctx) {
  await assertKeeper(ctx);
  const [rows, kecamatan] = await Promise.all([repo.listPuskesmas(ctx.db), listKecamatan(ctx)]);
  return { rows: rows.map(toPuskesmas), kecamatan: kecamatan.map((k) => ({ code: k.code, name: k.name })) };
}

async function readFields(ctx: Ctx, form: Form) {
  const errors: Record<string, string> = {};
  const name = text(form, 'nama');
  if (!name) errors.nama = t('health.puskesmas.error.nameRequired');
  const kecamatanCode = text(form, 'kecamatan');
  const kecamatan = await listKecamatan(ctx);
  if (!kecamatan.some((k) => k.code === kecamatanCode))
    errors.kecamatan = t('health.puskesmas.error.kecamatan');
  return { errors, row: { name, kecamatan_code: kecamatanCode, active: text(form, 'aktif') === 'ya' } };
}

/** A unique violation on insert or update: the code or the name is taken. */
function refuseTaken(error: { code?: string; constraint?: string; detail?: string }): never {
  if (error.code !== '23505') throw error;
  const onCode = `${error.constraint ?? ''} ${error.detail ?? ''}`.includes('code');
  throw new Invalid(
    onCode
      ? { kode: t('health.puskesmas.error.codeTaken') }
      : { nama: t('health.puskesmas.error.nameTaken') },
  );
}

export async function addPuskesmas(ctx: Ctx, form: Form): Promise<{ code: string }> {
  await assertKeeper(ctx);
  const { errors, row } = await readFields(ctx, form);
  const code = text(form, 'kode').toUpperCase();
  if (!CODE.test(code)) errors.kode = t('health.puskesmas.error.code');
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  await repo.insertPuskesmas(ctx.db, { code, ...row }).catch(refuseTaken);
  await audit(ctx, { action: 'create', entity: 'health_puskesmas', entityId: code, detail: row });
  return { code };
}

async function puskesmasOrNotFound(ctx: Ctx, code: string): Promise<Puskesmas> {
  const row = CODE.test(code) ? (await repo.listPuskesmas(ctx.db, code))[0] : undefined;
  if (!row) throw new NotFound(t('health.puskesmas.notFound'));
  return toPuskesmas(row);
}

export async function editPuskesmas(ctx: Ctx, code: string, form: Form): Promise<void> {
  await assertKeeper(ctx);
  const before = await puskesmasOrNotFound(ctx, code);
  const { errors, row } = await readFields(ctx, form);
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  await repo.updatePuskesmas(ctx.db, code, { ...row, updated_at: ctx.clock.now() }).catch(refuseTaken);
  const changed = Object.fromEntries(
    (
      [
        ['name', before.name, row.name],
        ['kecamatan_code', before.kecamatanCode, row.kecamatan_code],
        ['active', before.active, row.active],
      ] as const
    )
      .filter(([, was, now]) => was !== now)
      .map(([field, was, now]) => [field, { was, now }]),
  );
  await audit(ctx, { action: 'update', entity: 'health_puskesmas', entityId: code, detail: changed });
}

export interface VillageChoice {
  code: string;
  name: string;
  kecamatanCode: string;
  kecamatanName: string;
  /** the puskesmas whose area holds it, when another one's */
  elsewhere: string | null;
  chosen: boolean;
}

/** One puskesmas with every village of the regency to choose from, and its officers. */
export async function puskesmasDetail(ctx: Ctx, code: string) {
  await assertKeeper(ctx);
  const puskesmas = await puskesmasOrNotFound(ctx, code);
  const [villages, assigned, officers, kecamatan] = await Promise.all([
    listVillages(ctx),
    repo.villageAssignments(ctx.db),
    repo.officersOf(ctx.db, code),
    listKecamatan(ctx),
  ]);
  const owner = new Map(assigned.map((a) => [a.village_code, a]));
  const choices: VillageChoice[] = villages.map((v) => {
    const held = owner.get(v.code);
    return {
      code: v.code,
      name: v.name,
      kecamatanCode: v.kecamatanCode,
      kecamatanName: v.kecamatanName,
      elsewhere: held && held.code !== code ? held.name : null,
      chosen: held?.code === code,
    };
  });
  return {
    puskesmas,
    villages: choices,
    officers,
    kecamatan: kecamatan.map((k) => ({ code: k.code, name: k.name })),
  };
}

/**
 * Sets the villages of the area (the ones ticked). A village already in another area is refused
 * by name: every village belongs to one area at most, so it is taken out there first.
 */
export async function assignVillages(
  ctx: Ctx,
  code: string,
  form: Form,
): Promise<{ added: string[]; removed: string[] }> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => assignVillages(tx, code, form));
  await assertKeeper(ctx);
  await puskesmasOrNotFound(ctx, code);
  const raw = form.desa;
  const wanted = [...new Set((Array.isArray(raw) ? raw : raw ? [raw] : []).map((v) => v.trim()))];
  const known = new Set((await listVillages(ctx)).map((v) => v.code));
  const unknown = wanted.filter((v) => !known.has(v));
  if (unknown.length > 0)
    throw new Invalid({ desa: t('health.puskesmas.error.unknownVillage', { codes: unknown.join(', ') }) });
  const taken = await repo.villageOwners(ctx.db, wanted, code);
  if (taken.length > 0)
    throw new Invalid({
      desa: t('health.puskesmas.error.villageTaken', {
        villages: taken.map((v) => `${v.village_code} (${v.name})`).join(', '),
      }),
    });
  const change = await repo.setVillages(ctx.db, code, wanted, ctx.clock.now());
  await audit(ctx, { action: 'assign_villages', entity: 'health_puskesmas', entityId: code, detail: change });
  return change;
}

/** Assigns a Dinkes officer (by the account's e-mail) to the puskesmas: their records narrow to its area. */
export async function assignPuskesmasOfficer(ctx: Ctx, code: string, form: Form): Promise<void> {
  await assertKeeper(ctx);
  await puskesmasOrNotFound(ctx, code);
  const user = await staffByEmail(ctx.db, text(form, 'email'));
  if (!user || user.role !== 'opd' || user.scope_code !== HEALTH_AGENCY)
    throw new Invalid({ email: t('health.puskesmas.error.noSuchOfficer') });
  await repo.assignOfficer(ctx.db, user.id, code, ctx.clock.now());
  await audit(ctx, {
    action: 'assign_officer',
    entity: 'health_puskesmas',
    entityId: code,
    detail: { user: user.id },
  });
}

export async function unassignPuskesmasOfficer(ctx: Ctx, code: string, form: Form): Promise<void> {
  await assertKeeper(ctx);
  await puskesmasOrNotFound(ctx, code);
  const userId = text(form, 'petugas');
  if (!isUuid(userId) || (await repo.unassignOfficer(ctx.db, userId, code)) === 0)
    throw new Invalid({ petugas: t('health.puskesmas.error.notAssigned') });
  await audit(ctx, {
    action: 'unassign_officer',
    entity: 'health_puskesmas',
    entityId: code,
    detail: { user: userId },
  });
}

/** The puskesmas an export may name (active first), for the e-PPGBM page's choice. */
export async function puskesmasChoices(ctx: Ctx): Promise<Array<{ code: string; name: string }>> {
  return (await repo.listPuskesmas(ctx.db)).map((p) => ({ code: p.code, name: p.name }));
}

/** A puskesmas and its area's villages, for an export by `?puskesmas=CODE`. */
export async function puskesmasArea(ctx: Ctx, code: string): Promise<PuskesmasArea & { name: string }> {
  const puskesmas = await puskesmasOrNotFound(ctx, code.trim().toUpperCase());
  return { ...(await repo.areaOf(ctx.db, puskesmas.code)), name: puskesmas.name };
}

/**
 * Demo and first-run data: one puskesmas per kecamatan named after it, holding the kecamatan's
 * villages. An assumption (Serang has about 31 puskesmas, some kecamatan two): the admin edits it.
 */
export async function seedPuskesmas(ctx: Ctx): Promise<number> {
  const [kecamatan, villages] = await Promise.all([listKecamatan(ctx), listVillages(ctx)]);
  return repo.seedOnePerKecamatan(ctx.db, kecamatan, villages);
}
