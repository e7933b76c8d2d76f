import { audit } from '../../platform/audit/service.ts';
import { mask } from '../../platform/auth/roles.ts';
import { type Ctx, inTransaction } from '../../platform/context.ts';
import { Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import { isUuid, searchTerm } from '../../platform/http/input.ts';
import { t } from '../../platform/i18n/index.ts';
import { findResidentByNik } from '../residents/service.ts';
import { type EnterpriseStatus, type Scale, scaleOf, type TurnoverBand, whatsappLink } from './domain.ts';
import { type EnterpriseFields, type Form, fieldColumns, fieldsOf, readEnterprise, text } from './form.ts';
import { isKbliCategory } from './kbli.ts';
import {
  assertMayKeep,
  assertMayListRegion,
  assertMayReadEnterprise,
  type EnterpriseRef,
  keptVillage,
  mayKeep,
  recordRegion,
  seesInFull,
} from './policy.ts';
import * as repo from './repo.ts';
import { indexEnterprise } from './search.ts';

export { type FiguresPage as UmkmFiguresPage, figuresPage as umkmFiguresPage } from './figures.ts';
export const PAGE_SIZE = 50;

export interface Owner {
  residentId: string | null;
  nik: string | null;
  name: string;
  nonResidentReason: string | null;
}

/** One enterprise as staff and its owner read it; `full` says whether NIK and turnover are shown. */
export interface Enterprise extends Omit<EnterpriseFields, 'turnoverBand'> {
  id: string;
  villageCode: string;
  status: EnterpriseStatus;
  returnReason: string | null;
  source: string;
  owner: Owner;
  /** null when the reader may not see it (the camat) */
  turnoverBand: TurnoverBand | null;
  scale: Scale | null;
  photoFileId: string | null;
  full: boolean;
  mayKeep: boolean;
  createdAt: Date;
}

function refOf(row: repo.EnterpriseRow): EnterpriseRef {
  return { villageCode: row.village_code, ownerResidentId: row.owner_resident_id };
}

function toEnterprise(ctx: Ctx, row: repo.EnterpriseRow): Enterprise {
  const full = seesInFull(ctx.actor, refOf(row));
  const band = row.turnover_band as TurnoverBand;
  return {
    id: row.id,
    villageCode: row.village_code,
    status: row.status as EnterpriseStatus,
    returnReason: row.return_reason,
    source: row.source,
    owner: {
      residentId: row.owner_resident_id,
      nik: row.owner_nik ? (full ? row.owner_nik : mask(row.owner_nik)) : null,
      name: row.owner_name,
      nonResidentReason: row.non_resident_reason,
    },
    ...fieldsOf(row),
    turnoverBand: full ? band : null,
    scale: full ? scaleOf(band) : null,
    photoFileId: row.photo_file_id,
    full,
    mayKeep: mayKeep(ctx.actor, row.village_code),
    createdAt: row.created_at,
  };
}

async function rowOrNotFound(ctx: Ctx, id: string): Promise<repo.EnterpriseRow> {
  const row = isUuid(id) ? await repo.enterpriseById(ctx.db, id) : undefined;
  if (!row) throw new NotFound(t('umkm.error.notFound'));
  return row;
}

/** The owner by NIK from the village's registry, or a named non-resident with the reason why. */
async function readOwner(
  ctx: Ctx,
  village: string,
  form: Form,
  errors: Record<string, string>,
): Promise<Owner> {
  const nik = text(form, 'nik_pemilik');
  if (nik) {
    const resident = /^\d{16}$/.test(nik) ? await findResidentByNik(ctx, nik) : null;
    if (!/^\d{16}$/.test(nik)) errors.nik_pemilik = t('umkm.error.nikShape');
    else if (!resident || resident.villageCode !== village || resident.status !== 'hidup')
      errors.nik_pemilik = t('umkm.error.noSuchResident');
    if (resident && !errors.nik_pemilik)
      return { residentId: resident.id, nik, name: resident.name, nonResidentReason: null };
    return { residentId: null, nik: null, name: '', nonResidentReason: null };
  }
  const name = text(form, 'nama_pemilik');
  const reason = text(form, 'alasan_bukan_warga');
  if (!name) errors.nama_pemilik = t('umkm.error.ownerRequired');
  if (!reason) errors.alasan_bukan_warga = t('umkm.error.reasonRequired');
  return { residentId: null, nik: null, name, nonResidentReason: reason || null };
}

function ownerColumns(owner: Owner) {
  return {
    owner_resident_id: owner.residentId,
    owner_nik: owner.nik,
    owner_name: owner.name,
    non_resident_reason: owner.nonResidentReason,
  };
}

/** An enterprise the office vouches for (entered or imported by it): registered at once, and indexed. */
async function insertRegistered(
  ctx: Ctx,
  villageCode: string,
  source: 'operator' | 'impor',
  owner: Owner,
  fields: EnterpriseFields,
): Promise<string> {
  const now = ctx.clock.now();
  const row = await repo.insertEnterprise(ctx.db, {
    village_code: villageCode,
    status: 'terdaftar',
    source,
    ...ownerColumns(owner),
    ...fieldColumns(fields),
    created_at: now,
    updated_at: now,
    confirmed_at: now,
  });
  await indexEnterprise(ctx, row.id);
  return row.id;
}

/** The village whose registry the acting staff member keeps; Forbidden for anyone else. */
export function enteringVillage(ctx: Ctx): string {
  const village = keptVillage(ctx.actor);
  if (!village) throw new Forbidden(t('umkm.error.notYourVillage'));
  return village;
}

/** The village office enters an enterprise (registered at once: the office has checked it). */
export async function createEnterprise(ctx: Ctx, villageCode: string, form: Form): Promise<{ id: string }> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => createEnterprise(tx, villageCode, form));
  assertMayKeep(ctx.actor, villageCode);
  const errors: Record<string, string> = {};
  const owner = await readOwner(ctx, villageCode, form, errors);
  const id = await insertRegistered(ctx, villageCode, 'operator', owner, readEnterprise(form, errors));
  await audit(ctx, { action: 'create', entity: 'umkm_enterprise', entityId: id, villageCode });
  return { id };
}

/** The audit line of a change to one enterprise, and its search entry brought up to date. */
async function recordChange(
  ctx: Ctx,
  action: string,
  row: { id: string; village_code: string },
): Promise<void> {
  await audit(ctx, { action, entity: 'umkm_enterprise', entityId: row.id, villageCode: row.village_code });
  await indexEnterprise(ctx, row.id);
}

export async function updateEnterprise(ctx: Ctx, id: string, form: Form): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => updateEnterprise(tx, id, form));
  const row = await rowOrNotFound(ctx, id);
  assertMayKeep(ctx.actor, row.village_code);
  const errors: Record<string, string> = {};
  const owner = await readOwner(ctx, row.village_code, form, errors);
  const fields = readEnterprise(form, errors);
  await repo.updateEnterprise(ctx.db, row.id, {
    ...ownerColumns(owner),
    ...fieldColumns(fields),
    updated_at: ctx.clock.now(),
  });
  await recordChange(ctx, 'update', row);
}

export async function deleteEnterprise(ctx: Ctx, id: string): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => deleteEnterprise(tx, id));
  const row = await rowOrNotFound(ctx, id);
  assertMayKeep(ctx.actor, row.village_code);
  await repo.deleteEnterprise(ctx.db, row.id);
  await recordChange(ctx, 'delete', row);
}

/** One enterprise for staff (a staff read in full is audited) or its owner. */
export async function getEnterprise(ctx: Ctx, id: string): Promise<Enterprise> {
  const row = await rowOrNotFound(ctx, id);
  assertMayReadEnterprise(ctx.actor, refOf(row));
  const enterprise = toEnterprise(ctx, row);
  if (enterprise.full && ctx.actor?.kind === 'staff' && row.owner_nik)
    await audit(ctx, {
      action: 'read_personal',
      entity: 'umkm_enterprise',
      entityId: row.id,
      villageCode: row.village_code,
    });
  return enterprise;
}

export interface ListQuery {
  wilayah?: string;
  sektor?: string;
  status?: string;
  tanpa_nib?: string;
  q?: string;
  page?: string;
}

export function listFilter(ctx: Ctx, query: ListQuery): repo.ListFilter {
  const own = recordRegion(ctx.actor);
  const asked = (query.wilayah ?? '').trim();
  if (asked) assertMayListRegion(ctx.actor, asked);
  const sector = (query.sektor ?? '').toUpperCase();
  const status = (query.status ?? '').trim();
  return {
    region: asked && asked !== ctx.config.regencyCode ? asked : own,
    sector: isKbliCategory(sector) ? sector : undefined,
    status: ['menunggu', 'terdaftar', 'dikembalikan'].includes(status) ? status : undefined,
    withoutNib: query.tanpa_nib === '1',
    term: searchTerm(query.q),
  };
}

/** The registry's list within the actor's scope; NIK and turnover are not on it (the detail page has them). */
export async function listEnterprises(ctx: Ctx, query: ListQuery) {
  const filter = listFilter(ctx, query);
  const page = Math.max(1, Math.min(10_000, Number(query.page) || 1));
  const result = await repo.listEnterprises(ctx.db, filter, {
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  return {
    rows: result.rows.map((r) => toEnterprise(ctx, r)),
    total: result.total,
    page,
    filter,
  };
}

// ---- the owner's side ----

function residentOf(ctx: Ctx) {
  const actor = ctx.actor;
  if (actor?.kind !== 'resident') throw new Forbidden(t('umkm.error.residentsOnly'));
  return actor;
}

/** A resident registers their own enterprise; it waits for the village office to check it. */
export async function registerOwnEnterprise(ctx: Ctx, form: Form): Promise<{ id: string }> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => registerOwnEnterprise(tx, form));
  const resident = residentOf(ctx);
  const fields = readEnterprise(form);
  const now = ctx.clock.now();
  const row = await repo.insertEnterprise(ctx.db, {
    village_code: resident.villageCode,
    status: 'menunggu',
    source: 'warga',
    owner_resident_id: resident.id,
    owner_nik: resident.nik,
    owner_name: resident.name,
    non_resident_reason: null,
    ...fieldColumns(fields),
    created_at: now,
    updated_at: now,
  });
  await audit(ctx, {
    action: 'create',
    entity: 'umkm_enterprise',
    entityId: row.id,
    villageCode: resident.villageCode,
  });
  return { id: row.id };
}

/** The owner sends a returned (or still waiting) enterprise again, corrected. */
export async function resubmitOwnEnterprise(ctx: Ctx, id: string, form: Form): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => resubmitOwnEnterprise(tx, id, form));
  const resident = residentOf(ctx);
  const row = await rowOrNotFound(ctx, id);
  if (row.owner_resident_id !== resident.id) throw new NotFound(t('umkm.error.notFound'));
  const fields = readEnterprise(form);
  // a registered enterprise changes through the office; what the owner may still change is consent
  const change =
    row.status === 'terdaftar'
      ? {
          publish: fields.publish,
          publish_address: fields.publishAddress,
          publish_turnover: fields.publishTurnover,
        }
      : { ...fieldColumns(fields), status: 'menunggu', return_reason: null };
  await repo.updateEnterprise(ctx.db, row.id, { ...change, updated_at: ctx.clock.now() });
  await recordChange(ctx, 'update', row);
}

export async function myEnterprises(ctx: Ctx): Promise<Enterprise[]> {
  const resident = residentOf(ctx);
  return (await repo.ownedBy(ctx.db, resident.id)).map((r) => toEnterprise(ctx, r));
}

export async function myEnterprise(ctx: Ctx, id: string): Promise<Enterprise> {
  const resident = residentOf(ctx);
  const row = await rowOrNotFound(ctx, id);
  if (row.owner_resident_id !== resident.id) throw new NotFound(t('umkm.error.notFound'));
  return toEnterprise(ctx, row);
}

// ---- the office's check ----

export async function confirmEnterprise(ctx: Ctx, id: string): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => confirmEnterprise(tx, id));
  const row = await rowOrNotFound(ctx, id);
  assertMayKeep(ctx.actor, row.village_code);
  if (row.status !== 'menunggu') throw new Invalid({ status: t('umkm.error.notWaiting') });
  const now = ctx.clock.now();
  await repo.updateEnterprise(ctx.db, row.id, {
    status: 'terdaftar',
    return_reason: null,
    confirmed_at: now,
    updated_at: now,
  });
  await recordChange(ctx, 'confirm', row);
}

export async function returnEnterprise(ctx: Ctx, id: string, form: Form): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => returnEnterprise(tx, id, form));
  const row = await rowOrNotFound(ctx, id);
  assertMayKeep(ctx.actor, row.village_code);
  if (row.status !== 'menunggu') throw new Invalid({ alasan: t('umkm.error.notWaiting') });
  const reason = text(form, 'alasan');
  if (!reason) throw new Invalid({ alasan: t('umkm.error.returnReason') });
  await repo.updateEnterprise(ctx.db, row.id, {
    status: 'dikembalikan',
    return_reason: reason,
    updated_at: ctx.clock.now(),
  });
  await audit(ctx, {
    action: 'return',
    entity: 'umkm_enterprise',
    entityId: row.id,
    villageCode: row.village_code,
    detail: { reason },
  });
}

// ---- the showcase ----

export interface ShowcaseItem {
  id: string;
  villageCode: string;
  name: string;
  sector: string;
  products: string;
  dusun: string;
  /** only when the owner chose to show it */
  address: string | null;
  turnoverBand: TurnoverBand | null;
  scale: Scale | null;
  whatsapp: string | null;
  hasPhoto: boolean;
  permits: { nib: boolean; halal: boolean; pirt: boolean; bpom: boolean };
}

function toShowcase(row: repo.ShowcaseRow): ShowcaseItem {
  const band = row.turnover_band as TurnoverBand;
  return {
    id: row.id,
    villageCode: row.village_code,
    name: row.name,
    sector: row.kbli_category,
    products: row.products,
    dusun: row.dusun,
    address: row.publish_address ? row.address : null,
    turnoverBand: row.publish_turnover ? band : null,
    scale: row.publish_turnover ? scaleOf(band) : null,
    whatsapp: whatsappLink(row.phone),
    hasPhoto: row.photo_file_id !== null,
    permits: { nib: !!row.nib, halal: !!row.halal, pirt: !!row.pirt, bpom: !!row.bpom },
  };
}

/** Registered enterprises whose owners agreed to be shown: a village's, or the regency's. */
export async function showcase(
  ctx: Ctx,
  query: { village?: string; q?: string; sektor?: string; page?: string },
) {
  const sector = (query.sektor ?? '').toUpperCase();
  const page = Math.max(1, Math.min(10_000, Number(query.page) || 1));
  const result = await repo.showcase(
    ctx.db,
    {
      region: query.village ?? null,
      sector: isKbliCategory(sector) ? sector : undefined,
      term: searchTerm(query.q),
    },
    { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
  );
  return { rows: result.rows.map(toShowcase), total: result.total, page };
}

/** The photo of a published enterprise (nobody's photo is served before its owner agreed). */
export async function publishedPhoto(ctx: Ctx, villageCode: string, id: string): Promise<string> {
  const row = isUuid(id) ? await repo.publishedById(ctx.db, id) : undefined;
  if (!row || row.village_code !== villageCode || !row.photo_file_id)
    throw new NotFound(t('umkm.error.notFound'));
  return row.photo_file_id;
}

// ---- import ----

/** One row of an import into a village: found by NIB (or name and owner) and updated, or added. */
export async function saveImportedRow(
  ctx: Ctx,
  villageCode: string,
  record: Form,
): Promise<'inserted' | 'updated'> {
  const errors: Record<string, string> = {};
  const owner = await readOwner(ctx, villageCode, record, errors);
  const fields = readEnterprise(record, errors);
  const existing = await repo.findExisting(ctx.db, villageCode, {
    nib: fields.nib,
    name: fields.name,
    ownerName: owner.name,
  });
  if (existing) {
    await repo.updateEnterprise(ctx.db, existing.id, {
      ...ownerColumns(owner),
      ...fieldColumns(fields),
      updated_at: ctx.clock.now(),
    });
    await indexEnterprise(ctx, existing.id);
    return 'updated';
  }
  await insertRegistered(ctx, villageCode, 'impor', owner, fields);
  return 'inserted';
}
