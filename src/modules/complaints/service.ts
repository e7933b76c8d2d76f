import { createHash, randomBytes, randomInt } from 'node:crypto';
import { audit } from '../../platform/audit/service.ts';
import { actorId, isStaff, type StaffActor } from '../../platform/auth/roles.ts';
import { type Ctx, inTransaction } from '../../platform/context.ts';
import { saveFile } from '../../platform/files/index.ts';
import { Forbidden, Invalid, NotFound, TooManyRequests } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { enqueueNotification } from '../../platform/outbox/index.ts';
import { isCalendarDate } from '../../platform/time.ts';
import { addWorkingDays, isoJakarta, jakartaDate } from './calendar.ts';
import { DEFAULT_CATEGORIES, DEFAULT_HOLIDAYS_2026, DEFAULT_TEMPLATES } from './defaults.ts';
import { type CategoryField, checkDetails } from './fields.ts';
import { messages } from './messages.ts';
import type { PublicReport } from './open311.ts';
import { MAX_PHOTOS, PhotoRejected, type ProcessedPhoto, processPhoto } from './photos.ts';
import {
  mayHandleReport,
  mayModerateReport,
  mayReadReport,
  ownHandler,
  queueScopeFor,
  requireComplaintsAdmin,
} from './policy.ts';
import { redactPersonalData } from './redact.ts';
import * as repo from './repo.ts';
import { indexReport } from './search.ts';
import {
  CLOSED_STATES,
  isState,
  OPEN_STATES,
  reporterWindowOpen,
  type State,
  transitionProblems,
} from './states.ts';

// the working-day calendar (national holidays set by admin) also times letter requests
export { addWorkingDays, jakartaDate } from './calendar.ts';
export { STATES } from './states.ts';

/** Abuse limits (per IP address and per account) and the duplicate-suggestion window. */
export const LIMITS = {
  perIpPer10Min: 5,
  perIpPerDay: 30,
  perAccountPerHour: 10,
  /** an Open311 client (an app's server) speaks for many residents from one address */
  perClientPer10Min: 300,
  nearbyRadiusM: 50,
  nearbyDays: 30,
  /** working days after a missed deadline before the admin kabupaten is told too */
  escalateToAdminAfter: 2,
};

const TICKET_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function newTicket(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += TICKET_ALPHABET[randomInt(TICKET_ALPHABET.length)];
  return `PGD-${code.slice(0, 4)}-${code.slice(4)}`;
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * Texts stored in the history or sent in messages are written in Indonesian from the module's own
 * catalog, so they read the same whether a request, a job or the CLI produced them.
 */
function text(key: string, params: Record<string, string | number> = {}, locale: 'id' | 'en' = 'id'): string {
  const template = messages[locale][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    params[name] === undefined ? match : String(params[name]),
  );
}

const LONG_DATE = new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'Asia/Jakarta' });

function longDate(instant: Date): string {
  return LONG_DATE.format(instant);
}

export function stateLabel(state: State, locale: 'id' | 'en' = 'id'): string {
  return text(`complaints.state.${state}`, {}, locale);
}

// ---------- reference data ----------

export interface Category {
  code: string;
  name: string;
  nameEn: string;
  group: string;
  description: string;
  fields: CategoryField[];
  sla: { verify: number; response: number; resolve: number };
  confidentialDefault: boolean;
  anonymousAllowed: boolean;
  publicReopen: boolean;
  reopenDays: number;
  active: boolean;
}

function toCategory(row: Awaited<ReturnType<typeof repo.selectCategories>>[number]): Category {
  return {
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    group: row.group_name,
    description: row.description,
    fields: row.fields,
    sla: { verify: row.sla_verify_days, response: row.sla_response_days, resolve: row.sla_resolve_days },
    confidentialDefault: row.confidential_default,
    anonymousAllowed: row.anonymous_allowed,
    publicReopen: row.public_reopen,
    reopenDays: row.reopen_days,
    active: row.active,
  };
}

export async function listCategories(ctx: Ctx, options: { activeOnly?: boolean } = {}): Promise<Category[]> {
  return (await repo.selectCategories(ctx.db, options.activeOnly ?? true)).map(toCategory);
}

export async function getCategory(ctx: Ctx, code: string): Promise<Category> {
  const row = await repo.selectCategory(ctx.db, code);
  if (!row) throw new NotFound('Kategori pengaduan tidak ditemukan.');
  return toCategory(row);
}

/** Categories, default routing (regency-wide) and this year's holidays; safe to run on every start. */
export async function seedComplaintReference(ctx: Ctx): Promise<void> {
  let sort = 0;
  for (const category of DEFAULT_CATEGORIES) {
    sort += 10;
    await repo.insertCategoryIfMissing(ctx.db, {
      code: category.code,
      name: category.name,
      name_en: category.nameEn,
      group_name: category.group,
      description: category.description,
      fields: category.fields ?? [],
      sla_verify_days: category.sla.verify,
      sla_response_days: category.sla.response,
      sla_resolve_days: category.sla.resolve,
      confidential_default: category.confidentialDefault ?? false,
      sort,
    });
    await repo.insertRouteIfMissing(ctx.db, {
      category_code: category.code,
      region_code: ctx.config.regencyCode,
      handler_kind: category.handler === 'VILLAGE' ? 'village' : 'agency',
      agency_code: category.handler === 'VILLAGE' ? null : category.handler,
    });
  }
  for (const holiday of DEFAULT_HOLIDAYS_2026)
    await repo.insertHoliday(ctx.db, holiday.date, holiday.name, false);
  for (const template of DEFAULT_TEMPLATES) await repo.insertTemplateIfNone(ctx.db, template);
}

function requireManage(ctx: Ctx): StaffActor {
  return requireComplaintsAdmin(ctx.actor);
}

export interface CategoryInput {
  name: string;
  nameEn: string;
  description: string;
  slaVerify: string;
  slaResponse: string;
  slaResolve: string;
  reopenDays: string;
  confidentialDefault: boolean;
  anonymousAllowed: boolean;
  publicReopen: boolean;
  active: boolean;
}

/** Checks a category form; returns the numbers and a message per wrong field. */
function checkCategoryInput(input: CategoryInput) {
  const problems: Record<string, string> = {};
  const days = (key: string, value: string, max: number) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n > max) problems[key] = `Isi bilangan bulat 0–${max} hari kerja.`;
    return n;
  };
  if (!input.name.trim()) problems.name = 'Nama kategori wajib diisi.';
  if (!input.nameEn.trim()) problems.nameEn = 'Nama dalam bahasa Inggris wajib diisi.';
  const verify = days('slaVerify', input.slaVerify, 90);
  const response = days('slaResponse', input.slaResponse, 90);
  const resolve = days('slaResolve', input.slaResolve, 365);
  const reopen = days('reopenDays', input.reopenDays, 90);
  if (!problems.slaResponse && !problems.slaVerify && response < verify)
    problems.slaResponse = 'Target tanggapan tidak boleh lebih cepat dari target verifikasi.';
  if (!problems.slaResolve && !problems.slaResponse && resolve < response)
    problems.slaResolve = 'Target selesai tidak boleh lebih cepat dari target tanggapan.';
  return { problems, verify, response, resolve, reopen };
}

export async function updateCategory(ctx: Ctx, code: string, input: CategoryInput): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => updateCategory(tx, code, input));
  const actor = requireManage(ctx);
  await getCategory(ctx, code);
  const { problems, verify, response, resolve, reopen } = checkCategoryInput(input);
  if (Object.keys(problems).length) throw new Invalid(problems);
  await repo.updateCategoryRow(ctx.db, code, {
    name: input.name.trim(),
    name_en: input.nameEn.trim(),
    description: input.description.trim(),
    sla_verify_days: verify,
    sla_response_days: response,
    sla_resolve_days: resolve,
    confidential_default: input.confidentialDefault,
    anonymous_allowed: input.anonymousAllowed,
    public_reopen: input.publicReopen,
    reopen_days: reopen,
    active: input.active,
  });
  await audit(ctx, {
    action: 'complaint_category_update',
    entity: 'complaint_category',
    entityId: code,
    detail: { by: actor.id },
  });
}

/** A new category, with the regency-wide rule that routes it (an agency, or the village itself). */
export async function createCategory(
  ctx: Ctx,
  input: CategoryInput & { code: string; group: string; handler: string },
): Promise<string> {
  requireManage(ctx);
  const code = input.code.trim().toUpperCase();
  const { problems, verify, response, resolve, reopen } = checkCategoryInput(input);
  if (!/^[A-Z0-9_]{2,40}$/.test(code))
    problems.code = 'Kode 2–40 huruf besar, angka, atau garis bawah (mis. TAMAN_KOTA).';
  else if (await repo.selectCategory(ctx.db, code)) problems.code = 'Kode ini sudah dipakai.';
  if (!input.group.trim()) problems.group = 'Kelompok wajib diisi.';
  const village = input.handler === 'VILLAGE';
  if (!village && !(await repo.selectAgency(ctx.db, input.handler)))
    problems.handler = 'Pilih OPD atau "desa setempat".';
  if (Object.keys(problems).length) throw new Invalid(problems);
  const categories = await repo.selectCategories(ctx.db, false);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertCategoryIfMissing(trx, {
      code,
      name: input.name.trim(),
      name_en: input.nameEn.trim(),
      group_name: input.group.trim(),
      description: input.description.trim(),
      fields: [],
      sla_verify_days: verify,
      sla_response_days: response,
      sla_resolve_days: resolve,
      confidential_default: input.confidentialDefault,
      sort: Math.max(0, ...categories.map((c) => c.sort)) + 10,
    });
    await repo.updateCategoryRow(trx, code, {
      name: input.name.trim(),
      name_en: input.nameEn.trim(),
      description: input.description.trim(),
      sla_verify_days: verify,
      sla_response_days: response,
      sla_resolve_days: resolve,
      confidential_default: input.confidentialDefault,
      anonymous_allowed: input.anonymousAllowed,
      public_reopen: input.publicReopen,
      reopen_days: reopen,
      active: input.active,
    });
    await repo.upsertRoute(trx, {
      category_code: code,
      region_code: ctx.config.regencyCode,
      handler_kind: village ? 'village' : 'agency',
      agency_code: village ? null : input.handler,
    });
  });
  await audit(ctx, { action: 'complaint_category_create', entity: 'complaint_category', entityId: code });
  return code;
}

export async function listRoutes(ctx: Ctx) {
  return repo.selectRoutes(ctx.db);
}

/** Admin kabupaten sets who handles a category in an area (regency, kecamatan or village). */
export async function saveRoute(
  ctx: Ctx,
  input: { categoryCode: string; regionCode: string; handler: string },
): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => saveRoute(tx, input));
  requireManage(ctx);
  const problems: Record<string, string> = {};
  if (!(await repo.selectCategory(ctx.db, input.categoryCode))) problems.categoryCode = 'Pilih kategori.';
  const region = input.regionCode.trim();
  const regency = ctx.config.regencyCode;
  const level = region.split('.').length;
  const known =
    region === regency ||
    (region.startsWith(`${regency}.`) &&
      (level === 3
        ? (await repo.selectKecamatanOptions(ctx.db, regency)).some((k) => k.code === region)
        : level === 4 && Boolean(await repo.selectVillage(ctx.db, region))));
  if (!known)
    problems.regionCode = 'Wilayah harus kabupaten, salah satu kecamatan, atau desa di kabupaten ini.';
  const village = input.handler === 'VILLAGE';
  if (!village && !(await repo.selectAgency(ctx.db, input.handler)))
    problems.handler = 'Pilih OPD atau "desa setempat".';
  if (Object.keys(problems).length) throw new Invalid(problems);
  await repo.upsertRoute(ctx.db, {
    category_code: input.categoryCode,
    region_code: region,
    handler_kind: village ? 'village' : 'agency',
    agency_code: village ? null : input.handler,
  });
  await audit(ctx, {
    action: 'complaint_route_save',
    entity: 'complaint_route',
    entityId: `${input.categoryCode}@${region}`,
    detail: { handler: input.handler },
  });
}

export async function removeRoute(ctx: Ctx, id: string): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => removeRoute(tx, id));
  requireManage(ctx);
  const routes = await repo.selectRoutes(ctx.db);
  const route = routes.find((r) => r.id === id);
  if (!route) throw new NotFound('Aturan tidak ditemukan.');
  if (route.region_code === ctx.config.regencyCode)
    throw new Invalid({
      route: 'Aturan tingkat kabupaten adalah cadangan terakhir; ubah OPD-nya, jangan dihapus.',
    });
  await repo.deleteRoute(ctx.db, id);
  await audit(ctx, { action: 'complaint_route_delete', entity: 'complaint_route', entityId: id });
}

/** Who handles a category in a village: the village's own rule, else its kecamatan's, else the regency's. */
export async function resolveHandler(
  ctx: Ctx,
  categoryCode: string,
  villageCode: string,
): Promise<{ kind: 'agency' | 'village'; code: string }> {
  const parts = villageCode.split('.');
  const chain = [parts.slice(0, 2).join('.'), parts.slice(0, 3).join('.'), villageCode];
  const rules = await repo.selectRoutesFor(ctx.db, categoryCode, chain);
  const rule = [...rules].sort((a, b) => b.region_code.length - a.region_code.length)[0];
  if (!rule) return { kind: 'agency', code: 'DISKOMINFOSATIK' };
  return rule.handler_kind === 'village'
    ? { kind: 'village', code: villageCode }
    : { kind: 'agency', code: rule.agency_code! };
}

export async function listHolidays(ctx: Ctx) {
  return repo.selectHolidays(ctx.db);
}

export async function holidaySet(ctx: Ctx): Promise<Set<string>> {
  return new Set((await repo.selectHolidays(ctx.db)).map((h) => h.date));
}

export async function addHoliday(ctx: Ctx, input: { date: string; name: string }): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => addHoliday(tx, input));
  requireManage(ctx);
  const problems: Record<string, string> = {};
  if (!isCalendarDate(input.date)) problems.date = 'Isi tanggal yang benar (tttt-bb-hh).';
  if (!input.name.trim()) problems.name = 'Nama hari libur wajib diisi.';
  if (Object.keys(problems).length) throw new Invalid(problems);
  await repo.insertHoliday(ctx.db, input.date, input.name.trim(), true);
  await audit(ctx, {
    action: 'complaint_holiday_add',
    entity: 'complaint_holiday',
    entityId: input.date,
    detail: { name: input.name },
  });
}

export async function removeHoliday(ctx: Ctx, date: string): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => removeHoliday(tx, date));
  requireManage(ctx);
  await repo.deleteHoliday(ctx.db, date);
  await audit(ctx, { action: 'complaint_holiday_delete', entity: 'complaint_holiday', entityId: date });
}

export async function villageOptions(ctx: Ctx) {
  return repo.selectVillageOptions(ctx.db, ctx.config.regencyCode);
}

export async function kecamatanOptions(ctx: Ctx) {
  return repo.selectKecamatanOptions(ctx.db, ctx.config.regencyCode);
}

export async function agencyOptions(ctx: Ctx) {
  return repo.selectAgencies(ctx.db);
}

// ---------- intake ----------

export interface ReportInput {
  categoryCode: string;
  villageCode: string;
  kind?: string;
  title: string;
  description: string;
  details?: Record<string, unknown>;
  lat?: string | number | null;
  lng?: string | number | null;
  address?: string | null;
  anonymous?: boolean;
  /** undefined: the category's default (sensitive categories are confidential unless said otherwise) */
  confidential?: boolean | undefined;
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  photos?: Buffer[];
  /** the hidden field people never see; bots fill it */
  honeypot?: string | null;
  source: 'web' | 'api' | 'open311';
  ip?: string | null;
  open311ClientId?: string | null;
  deviceId?: string | null;
  accountId?: string | null;
}

export interface Receipt {
  id: string;
  ticket: string;
  /** the reporter's secret for confirming or reopening; shown once, never stored in clear */
  key: string;
  open311Token: string | null;
  confidential: boolean;
  verifyDueAt: Date;
  resolveDueAt: Date;
}

function cleanPhone(value: string): string {
  return value.replace(/[\s.-]/g, '');
}

function parseCoordinate(value: unknown, min: number, max: number): number | null | 'bad' {
  if (value === undefined || value === null || value === '') return null;
  const n = typeof value === 'number' ? value : Number(String(value).trim().replace(',', '.'));
  if (!Number.isFinite(n) || n < min || n > max) return 'bad';
  return n;
}

/** Too many reports from one address or one account in a short time are refused, not queued. */
async function checkRate(
  ctx: Ctx,
  keys: { ip: string | null; account: string | null; client: string | null },
): Promise<string[]> {
  const now = ctx.clock.now().getTime();
  const out: string[] = [];
  if (keys.client) {
    const key = `client:${keys.client}`;
    if ((await repo.countIntake(ctx.db, key, new Date(now - 600_000))) >= LIMITS.perClientPer10Min)
      throw new TooManyRequests('Terlalu banyak laporan dari aplikasi ini dalam 10 menit. Coba lagi nanti.');
    out.push(key);
  }
  if (keys.ip) {
    const key = `ip:${sha256(keys.ip)}`;
    if ((await repo.countIntake(ctx.db, key, new Date(now - 600_000))) >= LIMITS.perIpPer10Min)
      throw new TooManyRequests('Terlalu banyak laporan dari alamat ini dalam 10 menit. Coba lagi nanti.');
    if ((await repo.countIntake(ctx.db, key, new Date(now - 86_400_000))) >= LIMITS.perIpPerDay)
      throw new TooManyRequests('Batas laporan harian dari alamat ini sudah tercapai.');
    out.push(key);
  }
  if (keys.account) {
    const key = `acct:${sha256(keys.account)}`;
    if ((await repo.countIntake(ctx.db, key, new Date(now - 3_600_000))) >= LIMITS.perAccountPerHour)
      throw new TooManyRequests('Terlalu banyak laporan dari akun ini dalam satu jam. Coba lagi nanti.');
    out.push(key);
  }
  return out;
}

function accountKey(ctx: Ctx, input: ReportInput): string | null {
  if (actorId(ctx.actor)) return `${ctx.actor!.kind}:${actorId(ctx.actor)}`;
  if (input.accountId) return `open311:${input.open311ClientId ?? ''}:${input.accountId}`;
  if (input.email?.trim()) return `email:${input.email.trim().toLowerCase()}`;
  if (input.phone?.trim()) return `phone:${cleanPhone(input.phone)}`;
  return null;
}

/**
 * Files a report: checks it field by field, refuses bots and floods, strips the photos, routes it
 * to the responsible agency or village, sets its SLA deadlines on the working-day calendar,
 * writes the first public entry of its history and tells the reporter (when they left contact).
 */
export async function submitReport(ctx: Ctx, input: ReportInput): Promise<Receipt> {
  if (input.honeypot?.trim())
    throw new Invalid({ website: 'Laporan tidak dapat diterima.' }, 'Laporan tidak dapat diterima.');
  const problems: Record<string, string> = {};
  const categoryRow = input.categoryCode ? await repo.selectCategory(ctx.db, input.categoryCode) : undefined;
  const category = categoryRow?.active ? toCategory(categoryRow) : null;
  if (!category) problems.categoryCode = 'Pilih kategori laporan.';
  const village = input.villageCode ? await repo.selectVillage(ctx.db, input.villageCode) : undefined;
  if (!village?.code.startsWith(`${ctx.config.regencyCode}.`))
    problems.villageCode = 'Pilih desa lokasi kejadian.';
  const title = (input.title ?? '').trim();
  const description = (input.description ?? '').trim();
  if (title.length < 5) problems.title = 'Judul minimal 5 karakter.';
  else if (title.length > 120) problems.title = 'Judul maksimal 120 karakter.';
  if (description.length < 10) problems.description = 'Ceritakan masalahnya, minimal 10 karakter.';
  else if (description.length > 4000) problems.description = 'Uraian maksimal 4.000 karakter.';
  else if (/<[a-z/!][^>]*>/i.test(description)) problems.description = 'Uraian tidak boleh berisi kode HTML.';
  const kind = input.kind?.trim() || 'pengaduan';
  if (!['pengaduan', 'aspirasi', 'informasi'].includes(kind)) problems.kind = 'Pilih jenis laporan.';
  const lat = parseCoordinate(input.lat, -90, 90);
  const lng = parseCoordinate(input.lng, -180, 180);
  if (lat === 'bad') problems.lat = 'Garis lintang harus angka antara -90 dan 90.';
  if (lng === 'bad') problems.lng = 'Garis bujur harus angka antara -180 dan 180.';
  if ((lat === null) !== (lng === null) && lat !== 'bad' && lng !== 'bad')
    problems.lat = 'Isi garis lintang dan bujur bersama-sama, atau kosongkan keduanya.';
  const email = input.email?.trim() || null;
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(email)) problems.email = 'Alamat email tidak valid.';
  const phone = input.phone?.trim() ? cleanPhone(input.phone) : null;
  if (phone && !/^(\+62|62|0)8\d{7,12}$/.test(phone))
    problems.phone = 'Nomor HP tidak valid (contoh 081234567890).';
  const anonymous = Boolean(input.anonymous);
  if (category && anonymous && !category.anonymousAllowed)
    problems.anonymous = 'Kategori ini tidak menerima laporan anonim.';
  let details = {};
  if (category) {
    const checked = checkDetails(category.fields, input.details ?? {});
    details = checked.details;
    Object.assign(problems, checked.problems);
  }
  const photos = input.photos ?? [];
  if (photos.length > MAX_PHOTOS) problems.photos = `Paling banyak ${MAX_PHOTOS} foto.`;
  const processed: ProcessedPhoto[] = [];
  if (!problems.photos) {
    for (const [index, bytes] of photos.entries()) {
      try {
        processed.push(await processPhoto(bytes));
      } catch (error) {
        if (!(error instanceof PhotoRejected)) throw error;
        problems.photos = `Foto ke-${index + 1}: ${error.message}`;
        break;
      }
    }
  }
  if (Object.keys(problems).length || !category || !village || lat === 'bad' || lng === 'bad')
    throw new Invalid(problems);

  const client = input.open311ClientId ?? null;
  const intakeKeys = await checkRate(ctx, {
    // an Open311 client is limited as a whole; its server's address is not a resident's
    ip: client ? null : (input.ip ?? null),
    account: accountKey(ctx, input),
    client,
  });
  const now = ctx.clock.now();
  const holidays = await holidaySet(ctx);
  const handler = await resolveHandler(ctx, category.code, village.code);
  const key = randomBytes(12).toString('base64url');
  const open311Token = input.source === 'open311' ? randomBytes(12).toString('base64url') : null;
  const confidential = input.confidential ?? category.confidentialDefault;
  const verifyDueAt = addWorkingDays(now, category.sla.verify, holidays);
  const responseDueAt = addWorkingDays(now, category.sla.response, holidays);
  const resolveDueAt = addWorkingDays(now, category.sla.resolve, holidays);
  const resident = ctx.actor?.kind === 'resident' ? ctx.actor : null;

  return ctx.db.transaction().execute(async (trx) => {
    const tctx: Ctx = { ...ctx, db: trx };
    let ticket = newTicket();
    // eight characters from a 32-letter alphabet: a clash is rare, and one retry settles it
    if (await repo.selectReportByTicket(trx, ticket)) ticket = newTicket();
    const { id } = await repo.insertComplaint(trx, {
      ticket,
      village_code: village.code,
      kecamatan_code: village.kecamatan_code,
      category_code: category.code,
      kind: kind as 'pengaduan',
      title,
      description,
      details: JSON.stringify(details),
      lat: lat as number | null,
      lng: lng as number | null,
      address: input.address?.trim().slice(0, 300) || null,
      state: 'baru',
      handler_kind: handler.kind,
      handler_code: handler.code,
      anonymous,
      confidential,
      reporter_name: input.name?.trim().slice(0, 120) || resident?.name || null,
      reporter_phone: phone,
      reporter_email: email,
      reporter_resident_id: resident?.id ?? null,
      reporter_key_hash: sha256(key),
      source: input.source,
      open311_client_id: input.open311ClientId ?? null,
      open311_token: open311Token,
      device_id: input.deviceId?.slice(0, 100) ?? null,
      account_id: input.accountId?.slice(0, 100) ?? null,
      duplicate_of: null,
      reject_reason: null,
      scheduled_for: null,
      flag_reason: null,
      public_title: null,
      public_description: null,
      verify_due_at: verifyDueAt,
      response_due_at: responseDueAt,
      resolve_due_at: resolveDueAt,
      verified_at: null,
      first_response_at: null,
      resolved_at: null,
      confirmed_at: null,
      escalated_at: null,
      ip_hash: input.ip ? sha256(input.ip) : null,
      created_at: now,
      updated_at: now,
    });
    for (const [position, photo] of processed.entries()) {
      const file = await saveFile(tctx, {
        bytes: photo.bytes,
        contentType: photo.contentType,
        name: `${ticket}-${position + 1}.jpg`,
        villageCode: village.code,
      });
      const thumb = await saveFile(tctx, {
        bytes: photo.thumbnail,
        contentType: photo.contentType,
        name: `${ticket}-${position + 1}-kecil.jpg`,
        villageCode: village.code,
      });
      await repo.insertPhoto(trx, { complaint_id: id, file_id: file.id, thumb_file_id: thumb.id, position });
    }
    // the automatic first reply tells the reporter when to expect what (FixMyStreet's reply templates)
    await repo.insertUpdate(trx, {
      complaint_id: id,
      at: now,
      kind: 'created',
      public: true,
      from_state: null,
      to_state: 'baru',
      from_handler: null,
      to_handler: handler.code,
      body: text('complaints.autoReply', {
        verify: longDate(verifyDueAt),
        resolve: longDate(resolveDueAt),
      }),
      actor_kind: 'system',
      actor_id: null,
      actor_label: 'Simpul',
    });
    await repo.insertIntake(trx, intakeKeys, now);
    await indexReport(tctx, id);
    await notifyReporter(
      tctx,
      { email, phone },
      ticket,
      text('complaints.notify.received', { ticket, url: trackingUrl(ctx, ticket, key) }),
    );
    return { id, ticket, key, open311Token, confidential, verifyDueAt, resolveDueAt };
  });
}

export function trackingUrl(ctx: Ctx, ticket: string, key?: string): string {
  return `${ctx.config.publicUrl}/pengaduan/${ticket}${key ? `?kunci=${key}` : ''}`;
}

async function notifyReporter(
  ctx: Ctx,
  contact: { email: string | null; phone: string | null },
  ticket: string,
  body: string,
): Promise<void> {
  const subject = text('complaints.notify.subject', { ticket });
  if (contact.email)
    await enqueueNotification(ctx, { channel: 'email', recipient: contact.email, subject, body });
  if (contact.phone)
    await enqueueNotification(ctx, { channel: 'sms', recipient: contact.phone, subject, body });
}

/**
 * The reporter, and the reporters of every report marked as its duplicate: updates on the
 * original follow to them (FixMyStreet's lesson), each with a link to the original.
 */
async function notifyFollowers(
  ctx: Ctx,
  row: { id: string; ticket: string; reporter_email: string | null; reporter_phone: string | null },
  body: (ticket: string) => string,
): Promise<void> {
  await notifyReporter(
    ctx,
    { email: row.reporter_email, phone: row.reporter_phone },
    row.ticket,
    body(row.ticket),
  );
  for (const duplicate of await repo.selectDuplicateContacts(ctx.db, row.id))
    await notifyReporter(
      ctx,
      { email: duplicate.reporter_email, phone: duplicate.reporter_phone },
      row.ticket,
      body(row.ticket),
    );
}

// ---------- public reading ----------

export interface PublicView {
  ticket: string;
  state: State;
  categoryCode: string;
  categoryName: string;
  categoryNameEn: string;
  /** null when the report is confidential: the public never sees its text */
  title: string | null;
  description: string | null;
  details: Record<string, unknown> | null;
  fields: CategoryField[];
  villageCode: string;
  villageName: string;
  kecamatanName: string;
  handlerName: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  createdAt: Date;
  updatedAt: Date;
  verifyDueAt: Date;
  resolveDueAt: Date;
  scheduledFor: string | null;
  rejectReason: string | null;
  duplicateOfTicket: string | null;
  supportCount: number;
  confidential: boolean;
  anonymous: boolean;
  photoIds: string[];
  history: Array<{ at: Date; kind: string; toState: string | null; body: string; by: string }>;
  /** the reporter opened it with their key: may confirm or reopen */
  isReporter: boolean;
  reporterMayAct: boolean;
  confirmedAt: Date | null;
}

function publicText(row: { public_title: string | null; title: string }, which: 'title'): string;
function publicText(
  row: { public_description: string | null; description: string },
  which: 'description',
): string;
function publicText(row: Record<string, unknown>, which: 'title' | 'description'): string {
  const moderated = row[`public_${which}`] as string | null;
  return redactPersonalData(moderated ?? (row[which] as string));
}

function publicActorLabel(kind: string, label: string): string {
  // officers' names are not the public's business; the office is
  if (kind === 'staff' || kind === 'system') return label;
  return kind === 'reporter' ? t('complaints.history.reporter') : t('complaints.history.public');
}

/** The tracking page's data. The reporter's choices are enforced here, not by the person viewing. */
export async function getPublicReport(ctx: Ctx, ticket: string, key?: string | null): Promise<PublicView> {
  const row = await repo.selectReportByTicket(ctx.db, ticket.trim().toUpperCase());
  if (!row || row.hidden) throw new NotFound('Laporan dengan nomor tiket itu tidak ditemukan.');
  const isReporter = Boolean(key) && sha256(String(key)) === row.reporter_key_hash;
  const showText = (!row.confidential && !row.flagged) || isReporter;
  const updates = await repo.selectUpdates(ctx.db, row.id, true);
  const photos = showText ? await repo.selectPhotos(ctx.db, row.id, false) : [];
  const original = row.duplicate_of ? await repo.selectReportById(ctx.db, row.duplicate_of) : null;
  const now = ctx.clock.now();
  return {
    ticket: row.ticket,
    state: row.state,
    categoryCode: row.category_code,
    categoryName: row.category_name,
    categoryNameEn: row.category_name_en,
    title: showText ? (isReporter ? row.title : publicText(row, 'title')) : null,
    description: showText ? (isReporter ? row.description : publicText(row, 'description')) : null,
    details: showText ? row.details : null,
    fields: row.category_fields,
    villageCode: row.village_code,
    villageName: row.village_name,
    kecamatanName: row.kecamatan_name,
    handlerName: row.handler_name,
    address: showText && row.address ? redactPersonalData(row.address) : null,
    lat: showText ? row.lat : null,
    lng: showText ? row.lng : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    verifyDueAt: row.verify_due_at,
    resolveDueAt: row.resolve_due_at,
    scheduledFor: row.scheduled_for ? jakartaDate(new Date(row.scheduled_for)) : null,
    rejectReason: showText && row.reject_reason ? redactPersonalData(row.reject_reason) : null,
    duplicateOfTicket: original?.ticket ?? null,
    supportCount: row.support_count,
    confidential: row.confidential,
    anonymous: row.anonymous,
    photoIds: photos.map((p) => p.id),
    history: updates.map((u) => ({
      at: u.at,
      kind: u.kind,
      toState: u.to_state,
      // on a confidential report only the system's own texts are public; officers' words may quote it
      body: showText || u.actor_kind === 'system' ? redactPersonalData(u.body) : '',
      by: publicActorLabel(u.actor_kind, u.actor_label),
    })),
    isReporter,
    reporterMayAct:
      isReporter &&
      row.public_reopen &&
      reporterWindowOpen(row.state, row.resolved_at, row.reopen_days, now) &&
      !row.confirmed_at,
    confirmedAt: row.confirmed_at,
  };
}

export interface PublicListFilter {
  category?: string | undefined;
  kecamatan?: string | undefined;
  state?: string | undefined;
  page?: number | undefined;
}

export const PUBLIC_PAGE_SIZE = 20;

export async function listPublicReports(ctx: Ctx, filter: PublicListFilter, pageSize = PUBLIC_PAGE_SIZE) {
  const page = Math.max(1, Math.min(filter.page ?? 1, 10_000));
  const { rows, total, more } = await repo.selectPublicReports(
    ctx.db,
    {
      category: filter.category || undefined,
      kecamatan: filter.kecamatan || undefined,
      state: isState(filter.state) ? filter.state : undefined,
    },
    pageSize,
    (page - 1) * pageSize,
  );
  return {
    page,
    pageSize,
    total,
    /** true when there are more than `total` (the count stops at a cap) */
    more,
    rows: rows.map((r) => ({
      ticket: r.ticket,
      title: publicText(r, 'title'),
      description: publicText(r, 'description'),
      state: r.state,
      categoryCode: r.category_code,
      categoryName: r.category_name,
      categoryNameEn: r.category_name_en,
      villageName: r.village_name,
      kecamatanName: r.kecamatan_name,
      villageCode: r.village_code,
      handlerName: r.handler_name,
      lat: r.lat,
      lng: r.lng,
      address: r.address ? redactPersonalData(r.address) : null,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      resolveDueAt: r.resolve_due_at,
      supportCount: r.support_count,
      photoId: r.photo_id,
      lastPublicNote: r.last_public_note ? redactPersonalData(r.last_public_note) : null,
    })),
  };
}

export type PublicListRow = Awaited<ReturnType<typeof listPublicReports>>['rows'][number];

/** Reports with a point, for the map (newest first, at most `limit`). */
export async function mapPoints(ctx: Ctx, filter: PublicListFilter, limit = 500) {
  const rows = await repo.selectMapPoints(
    ctx.db,
    {
      category: filter.category || undefined,
      kecamatan: filter.kecamatan || undefined,
      state: isState(filter.state) ? filter.state : undefined,
    },
    limit,
  );
  return rows.map((r) => ({
    ticket: r.ticket,
    title: publicText(r, 'title'),
    state: r.state,
    category: r.category_name,
    lat: r.lat as number,
    lng: r.lng as number,
  }));
}

/** Open311 GET requests: filters as the spec says, over public reports only. */
export async function listForOpen311(
  ctx: Ctx,
  filter: { tickets?: string[]; categories?: string[]; from?: Date; to?: Date; status?: 'open' | 'closed' },
  limit: number,
): Promise<PublicReport[]> {
  const { rows } = await repo.selectPublicReports(ctx.db, filter, limit, 0);
  const base = ctx.config.publicUrl;
  return rows.map((r) => ({
    ticket: r.ticket,
    state: r.state,
    stateLabel: stateLabel(r.state),
    categoryCode: r.category_code,
    categoryName: r.category_name,
    title: publicText(r, 'title'),
    description: publicText(r, 'description'),
    handlerName: r.handler_name,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    resolveDueAt: r.resolve_due_at,
    address: [
      r.address ? redactPersonalData(r.address) : null,
      `Desa ${r.village_name}, Kec. ${r.kecamatan_name}`,
    ]
      .filter(Boolean)
      .join(' — '),
    villageCode: r.village_code,
    lat: r.lat,
    lng: r.lng,
    mediaUrl: r.photo_id ? `${base}/pengaduan/foto/${r.photo_id}` : null,
    lastPublicNote: r.last_public_note ? redactPersonalData(r.last_public_note) : null,
  }));
}

/** Reports near a point in the same category, shown before a resident files a new one. */
export async function nearbyReports(
  ctx: Ctx,
  input: {
    categoryCode: string;
    lat: number;
    lng: number;
    excludeId?: string;
    radiusM?: number;
    /** staff only: confidential reports count as possible duplicates too */
    includeConfidential?: boolean;
  },
) {
  const since = new Date(ctx.clock.now().getTime() - LIMITS.nearbyDays * 86_400_000);
  const rows = await repo.selectNearby(ctx.db, {
    categoryCode: input.categoryCode,
    lat: input.lat,
    lng: input.lng,
    radiusM: input.radiusM ?? LIMITS.nearbyRadiusM,
    since,
    ...(input.excludeId ? { excludeId: input.excludeId } : {}),
  });
  return rows
    .filter((r) => input.includeConfidential || !r.confidential)
    .map((r) => ({
      ticket: r.ticket,
      title: r.confidential ? null : publicText(r, 'title'),
      state: r.state,
      createdAt: r.created_at,
      distanceM: Number(r.distance_m),
    }));
}

/** "Me too": one support per browser/person instead of a duplicate report. */
export async function supportReport(ctx: Ctx, ticket: string, supporterKey: string): Promise<boolean> {
  const row = await repo.selectReportByTicket(ctx.db, ticket);
  if (!row || row.hidden || row.confidential) throw new NotFound('Laporan tidak ditemukan.');
  if (!OPEN_STATES.has(row.state)) throw new Invalid({ support: 'Laporan ini sudah ditutup.' });
  const added = await repo.insertSupport(
    ctx.db,
    row.id,
    sha256(`${row.id}:${supporterKey}`),
    ctx.clock.now(),
  );
  return added;
}

async function reporterRow(ctx: Ctx, ticket: string, key: string) {
  const row = await repo.selectReportByTicket(ctx.db, ticket);
  if (!row) throw new NotFound('Laporan tidak ditemukan.');
  if (!key || sha256(key) !== row.reporter_key_hash) throw new Forbidden('Kunci pelapor tidak cocok.');
  if (
    !row.public_reopen ||
    !reporterWindowOpen(row.state, row.resolved_at, row.reopen_days, ctx.clock.now()) ||
    row.confirmed_at
  )
    throw new Invalid({ reporter: 'Batas waktu konfirmasi atau pembukaan kembali sudah lewat.' });
  return row;
}

export async function confirmFixed(ctx: Ctx, ticket: string, key: string): Promise<void> {
  const row = await reporterRow(ctx, ticket, key);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateComplaint(trx, row.id, { confirmed_at: now, updated_at: now });
    await repo.insertUpdate(trx, {
      complaint_id: row.id,
      at: now,
      kind: 'confirm',
      public: true,
      from_state: row.state,
      to_state: row.state,
      from_handler: null,
      to_handler: null,
      body: text('complaints.history.confirmed'),
      actor_kind: 'reporter',
      actor_id: null,
      actor_label: 'Pelapor',
    });
  });
}

export async function reopenReport(ctx: Ctx, ticket: string, key: string, reason: string): Promise<void> {
  const row = await reporterRow(ctx, ticket, key);
  if (reason.trim().length < 5) throw new Invalid({ reason: 'Jelaskan mengapa masalahnya belum selesai.' });
  const now = ctx.clock.now();
  const holidays = await holidaySet(ctx);
  const category = await getCategory(ctx, row.category_code);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateComplaint(trx, row.id, {
      state: 'diproses',
      resolved_at: null,
      reopened_count: row.reopened_count + 1,
      // the agency gets a fresh follow-up deadline from the day the reporter reopened it
      resolve_due_at: addWorkingDays(now, category.sla.response, holidays),
      escalation_level: 0,
      updated_at: now,
    });
    await repo.insertUpdate(trx, {
      complaint_id: row.id,
      at: now,
      kind: 'reopen',
      public: true,
      from_state: row.state,
      to_state: 'diproses',
      from_handler: null,
      to_handler: null,
      body: reason.trim().slice(0, 2000),
      actor_kind: 'reporter',
      actor_id: null,
      actor_label: 'Pelapor',
    });
  });
}

// ---------- staff ----------

type Row = repo.ReportRow;

export interface QueueFilter {
  state?: string | undefined;
  category?: string | undefined;
  overdue?: boolean | undefined;
  flagged?: boolean | undefined;
  page?: number | undefined;
}

export const QUEUE_PAGE_SIZE = 30;

export async function listQueue(ctx: Ctx, filter: QueueFilter) {
  const actor = ctx.actor;
  if (!isStaff(actor)) throw new Forbidden();
  const page = Math.max(1, filter.page ?? 1);
  const result = await repo.selectQueue(
    ctx.db,
    queueScopeFor(actor),
    {
      state: isState(filter.state) ? filter.state : undefined,
      category: filter.category || undefined,
      overdueAt: filter.overdue ? ctx.clock.now() : undefined,
      flaggedOnly: Boolean(filter.flagged),
    },
    QUEUE_PAGE_SIZE,
    (page - 1) * QUEUE_PAGE_SIZE,
  );
  const now = ctx.clock.now();
  return {
    page,
    more: result.more,
    rows: result.rows.map((r) => ({
      ...r,
      overdue: OPEN_STATES.has(r.state) && new Date(r.current_due) < now,
    })),
  };
}

export interface StaffView {
  row: Row;
  mayHandle: boolean;
  mayModerate: boolean;
  reporter: { name: string | null; phone: string | null; email: string | null } | null;
  updates: Awaited<ReturnType<typeof repo.selectUpdates>>;
  photos: Awaited<ReturnType<typeof repo.selectPhotos>>;
  nearby: Awaited<ReturnType<typeof nearbyReports>>;
  duplicateOfTicket: string | null;
  currentDue: Date;
  overdue: boolean;
}

export async function getReportForStaff(ctx: Ctx, ticket: string): Promise<StaffView> {
  const row = await repo.selectReportByTicket(ctx.db, ticket);
  if (!row) throw new NotFound('Laporan tidak ditemukan.');
  if (!mayReadReport(ctx.actor, row)) throw new Forbidden('Laporan ini bukan untuk unit Anda.');
  const mayHandle = mayHandleReport(ctx.actor, row);
  // the reporter's identity: only to whoever handles it, never when they chose to be anonymous
  let reporter: StaffView['reporter'] = null;
  const personal: string[] = [];
  if (mayHandle && !row.anonymous && (row.reporter_name || row.reporter_phone || row.reporter_email)) {
    reporter = { name: row.reporter_name, phone: row.reporter_phone, email: row.reporter_email };
    personal.push('reporter');
  }
  if (row.confidential) personal.push('confidential_report');
  if (personal.length)
    await audit(ctx, {
      action: 'read_personal',
      entity: 'complaint',
      entityId: row.id,
      villageCode: row.village_code,
      detail: { ticket: row.ticket, fields: personal },
    });
  const [updates, photos, original] = await Promise.all([
    repo.selectUpdates(ctx.db, row.id, false),
    repo.selectPhotos(ctx.db, row.id, true),
    row.duplicate_of ? repo.selectReportById(ctx.db, row.duplicate_of) : Promise.resolve(undefined),
  ]);
  const nearby =
    row.lat !== null && row.lng !== null
      ? await nearbyReports(ctx, {
          categoryCode: row.category_code,
          lat: row.lat,
          lng: row.lng,
          excludeId: row.id,
          radiusM: 200,
          includeConfidential: true,
        })
      : [];
  const currentDue = !row.verified_at
    ? row.verify_due_at
    : !row.first_response_at
      ? row.response_due_at
      : row.resolve_due_at;
  return {
    row,
    mayHandle,
    mayModerate: mayModerateReport(ctx.actor, row),
    reporter,
    updates,
    photos,
    nearby,
    duplicateOfTicket: original?.ticket ?? null,
    currentDue,
    overdue: OPEN_STATES.has(row.state) && currentDue < ctx.clock.now(),
  };
}

function staffLabel(actor: StaffActor, row: { handler_name: string }): string {
  if (actor.scope.type === 'agency') return row.handler_name;
  if (actor.role === 'admin_kabupaten') return 'Admin Kabupaten';
  return row.handler_name;
}

async function handledRow(ctx: Ctx, ticket: string): Promise<{ row: Row; actor: StaffActor }> {
  const row = await repo.selectReportByTicket(ctx.db, ticket);
  if (!row) throw new NotFound('Laporan tidak ditemukan.');
  if (!isStaff(ctx.actor) || !mayHandleReport(ctx.actor, row))
    throw new Forbidden('Laporan ini ditangani unit lain.');
  return { row, actor: ctx.actor };
}

export interface StateChange {
  state: string;
  /** public explanation to the reporter (required for rejections and hand-overs) */
  reason?: string | null;
  duplicateOf?: string | null;
  handler?: string | null;
  scheduledFor?: string | null;
}

/** An officer moves a report on; every change and hand-over is kept in the history. */
export async function changeState(ctx: Ctx, ticket: string, input: StateChange): Promise<void> {
  const { row, actor } = await handledRow(ctx, ticket);
  if (!isState(input.state)) throw new Invalid({ state: 'Pilih status.' });
  const to = input.state;
  const problems = transitionProblems(row.state, {
    to,
    reason: input.reason ?? null,
    duplicateOf: input.duplicateOf ?? null,
    agencyCode: input.handler ?? null,
    scheduledFor: input.scheduledFor ?? null,
  });
  let original: Row | undefined;
  if (to === 'duplikat' && !problems.duplicateOf) {
    original = await repo.selectReportByTicket(ctx.db, String(input.duplicateOf).trim().toUpperCase());
    if (!original || original.id === row.id)
      problems.duplicateOf = 'Nomor tiket laporan asli tidak ditemukan.';
  }
  let newHandler: { kind: 'agency' | 'village'; code: string } | null = null;
  if (to === 'diteruskan' && !problems.agencyCode) {
    if (input.handler === 'VILLAGE') newHandler = { kind: 'village', code: row.village_code };
    else if (input.handler && (await repo.selectAgency(ctx.db, input.handler)))
      newHandler = { kind: 'agency', code: input.handler };
    else problems.agencyCode = 'OPD tujuan tidak dikenal.';
    if (newHandler && newHandler.kind === row.handler_kind && newHandler.code === row.handler_code)
      problems.agencyCode = 'Laporan sudah berada di unit itu.';
  }
  if (Object.keys(problems).length) throw new Invalid(problems);
  const now = ctx.clock.now();
  const reason = input.reason?.trim() || '';
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateComplaint(trx, row.id, {
      state: to,
      updated_at: now,
      verified_at: row.verified_at ?? now,
      first_response_at: row.first_response_at ?? (to === 'diverifikasi' ? null : now),
      resolved_at: CLOSED_STATES.has(to) ? now : null,
      ...(to === 'ditolak' ? { reject_reason: reason } : {}),
      ...(to === 'duplikat' && original ? { duplicate_of: original.id } : {}),
      ...(to === 'dijadwalkan' ? { scheduled_for: input.scheduledFor ?? null } : {}),
      ...(newHandler
        ? { handler_kind: newHandler.kind, handler_code: newHandler.code, escalation_level: 0 }
        : {}),
    });
    await repo.insertUpdate(trx, {
      complaint_id: row.id,
      at: now,
      kind: newHandler ? 'route' : 'state',
      public: true,
      from_state: row.state,
      to_state: to,
      from_handler: newHandler ? row.handler_code : null,
      to_handler: newHandler ? newHandler.code : null,
      body: to === 'duplikat' && original ? `${reason ? `${reason} ` : ''}(${original.ticket})` : reason,
      actor_kind: 'staff',
      actor_id: actor.id,
      actor_label: staffLabel(actor, row),
    });
    // a duplicate's supporters follow the original
    if (to === 'duplikat' && original)
      await repo.insertSupport(trx, original.id, sha256(`dup:${row.id}`), now);
    await notifyFollowers({ ...ctx, db: trx }, row, (ticket) =>
      text('complaints.notify.state', { ticket, state: stateLabel(to), url: trackingUrl(ctx, ticket) }),
    );
    await indexReport({ ...ctx, db: trx }, row.id);
  });
  await audit(ctx, {
    action: 'complaint_state',
    entity: 'complaint',
    entityId: row.id,
    villageCode: row.village_code,
    detail: { from: row.state, to, handler: newHandler?.code },
  });
}

/** A public reply (the reporter and everyone see it) or an internal note (staff only). */
export async function addReply(
  ctx: Ctx,
  ticket: string,
  input: { body: string; internal: boolean; templateId?: string | null },
): Promise<void> {
  const { row, actor } = await handledRow(ctx, ticket);
  let body = input.body.trim();
  if (!body && input.templateId) {
    const template = await repo.selectTemplate(ctx.db, input.templateId);
    if (!template || (template.category_code && template.category_code !== row.category_code))
      throw new Invalid({ templateId: 'Templat tidak tersedia untuk kategori ini.' });
    body = fillTemplate(template.body, row);
  }
  if (body.length < 2) throw new Invalid({ body: 'Tulis isi tanggapan.' });
  if (body.length > 4000) throw new Invalid({ body: 'Tanggapan maksimal 4.000 karakter.' });
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertUpdate(trx, {
      complaint_id: row.id,
      at: now,
      kind: input.internal ? 'note' : 'reply',
      public: !input.internal,
      from_state: null,
      to_state: null,
      from_handler: null,
      to_handler: null,
      body,
      actor_kind: 'staff',
      actor_id: actor.id,
      actor_label: staffLabel(actor, row),
    });
    if (!input.internal) {
      await repo.updateComplaint(trx, row.id, {
        updated_at: now,
        first_response_at: row.first_response_at ?? now,
        verified_at: row.verified_at ?? now,
      });
      await notifyFollowers({ ...ctx, db: trx }, row, (ticket) =>
        text('complaints.notify.reply', { ticket, url: trackingUrl(ctx, ticket) }),
      );
    }
  });
}

/** An officer sends a report to moderation (abusive, personal data, not a complaint): it leaves public view. */
export async function flagReport(ctx: Ctx, ticket: string, reason: string): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => flagReport(tx, ticket, reason));
  const row = await repo.selectReportByTicket(ctx.db, ticket);
  if (!row) throw new NotFound('Laporan tidak ditemukan.');
  if (!isStaff(ctx.actor) || !mayModerateReport(ctx.actor, row))
    throw new Forbidden(
      'Hanya unit yang menangani laporan ini (atau admin kabupaten) yang dapat memindahkannya ke moderasi.',
    );
  if (reason.trim().length < 5) throw new Invalid({ flagReason: 'Tuliskan alasan moderasi.' });
  const now = ctx.clock.now();
  await repo.updateComplaint(ctx.db, row.id, { flagged: true, flag_reason: reason.trim(), updated_at: now });
  await indexReport(ctx, row.id);
  await repo.insertUpdate(ctx.db, {
    complaint_id: row.id,
    at: now,
    kind: 'flag',
    public: false,
    from_state: null,
    to_state: null,
    from_handler: null,
    to_handler: null,
    body: reason.trim(),
    actor_kind: 'staff',
    actor_id: ctx.actor.id,
    actor_label: ctx.actor.name,
  });
}

export async function moderationQueue(ctx: Ctx) {
  requireManage(ctx);
  return (await repo.selectQueue(ctx.db, {}, { flaggedOnly: true }, 100, 0)).rows;
}

/** Admin decides: publish again, hide for good, or publish with a redacted title/description. */
export async function moderate(
  ctx: Ctx,
  ticket: string,
  input: {
    action: 'approve' | 'hide' | 'redact';
    publicTitle?: string;
    publicDescription?: string;
    note?: string;
  },
): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => moderate(tx, ticket, input));
  const actor = requireManage(ctx);
  const row = await repo.selectReportByTicket(ctx.db, ticket);
  if (!row) throw new NotFound('Laporan tidak ditemukan.');
  const now = ctx.clock.now();
  if (input.action === 'redact') {
    const problems: Record<string, string> = {};
    if ((input.publicTitle ?? '').trim().length < 5)
      problems.publicTitle = 'Judul publik minimal 5 karakter.';
    if ((input.publicDescription ?? '').trim().length < 10)
      problems.publicDescription = 'Uraian publik minimal 10 karakter.';
    if (Object.keys(problems).length) throw new Invalid(problems);
  }
  await repo.updateComplaint(ctx.db, row.id, {
    flagged: false,
    hidden: input.action === 'hide',
    updated_at: now,
    ...(input.action === 'redact'
      ? { public_title: input.publicTitle!.trim(), public_description: input.publicDescription!.trim() }
      : {}),
  });
  await indexReport(ctx, row.id);
  await repo.insertUpdate(ctx.db, {
    complaint_id: row.id,
    at: now,
    kind: 'moderation',
    public: false,
    from_state: null,
    to_state: null,
    from_handler: null,
    to_handler: null,
    body: `${input.action}${input.note ? `: ${input.note}` : ''}`,
    actor_kind: 'staff',
    actor_id: actor.id,
    actor_label: actor.name,
  });
  await audit(ctx, {
    action: 'complaint_moderate',
    entity: 'complaint',
    entityId: row.id,
    villageCode: row.village_code,
    detail: { action: input.action },
  });
}

export async function setPhotoVisibility(ctx: Ctx, photoId: string, hidden: boolean): Promise<string> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => setPhotoVisibility(tx, photoId, hidden));
  const photo = await repo.selectPhoto(ctx.db, photoId);
  if (!photo) throw new NotFound('Foto tidak ditemukan.');
  if (!mayModerateReport(ctx.actor, photo)) throw new Forbidden();
  await repo.setPhotoHidden(ctx.db, photoId, hidden);
  await audit(ctx, {
    action: hidden ? 'complaint_photo_hide' : 'complaint_photo_show',
    entity: 'complaint_photo',
    entityId: photoId,
  });
  return photo.ticket;
}

/** Which stored file a viewer may fetch for a photo: hidden photos and confidential reports only for staff who see the report. */
export async function photoFileFor(ctx: Ctx, photoId: string, size: 'full' | 'thumb'): Promise<string> {
  const photo = await repo.selectPhoto(ctx.db, photoId);
  if (!photo) throw new NotFound('Foto tidak ditemukan.');
  const isPublic = !photo.hidden && !photo.confidential && !photo.report_hidden && !photo.flagged;
  if (!isPublic && !mayReadReport(ctx.actor, photo)) throw new NotFound('Foto tidak ditemukan.');
  return size === 'thumb' ? photo.thumb_file_id : photo.file_id;
}

// ---------- reply templates ----------

/** {tiket}, {unit} and {batas} (the resolve deadline) filled in for this report. */
export function fillTemplate(
  body: string,
  row: { ticket: string; handler_name: string; resolve_due_at: Date },
): string {
  return body
    .replace(/\{tiket\}/g, row.ticket)
    .replace(/\{unit\}/g, row.handler_name)
    .replace(/\{batas\}/g, longDate(row.resolve_due_at));
}

export async function listTemplates(ctx: Ctx, categoryCode?: string) {
  if (!isStaff(ctx.actor)) throw new Forbidden();
  return repo.selectTemplates(ctx.db, categoryCode);
}

export async function addTemplate(
  ctx: Ctx,
  input: { categoryCode: string; state: string; title: string; body: string },
): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => addTemplate(tx, input));
  requireManage(ctx);
  const problems: Record<string, string> = {};
  if (input.categoryCode && !(await repo.selectCategory(ctx.db, input.categoryCode)))
    problems.categoryCode = 'Pilih kategori.';
  if (input.state && !isState(input.state)) problems.state = 'Pilih status.';
  if (input.title.trim().length < 3) problems.title = 'Nama templat minimal 3 karakter.';
  if (input.body.trim().length < 10) problems.body = 'Isi templat minimal 10 karakter.';
  else if (input.body.length > 4000) problems.body = 'Isi templat maksimal 4.000 karakter.';
  if (Object.keys(problems).length) throw new Invalid(problems);
  await repo.insertTemplate(ctx.db, {
    category_code: input.categoryCode || null,
    state: isState(input.state) ? input.state : null,
    title: input.title.trim(),
    body: input.body.trim(),
  });
  await audit(ctx, {
    action: 'complaint_template_add',
    entity: 'complaint_template',
    detail: { title: input.title },
  });
}

export async function removeTemplate(ctx: Ctx, id: string): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => removeTemplate(tx, id));
  requireManage(ctx);
  await repo.deleteTemplate(ctx.db, id);
  await audit(ctx, { action: 'complaint_template_delete', entity: 'complaint_template', entityId: id });
}

// ---------- SLA ----------

/**
 * The background job: a report past its current stage's deadline is flagged and its handler's
 * head is told; two working days later it goes to the admin kabupaten as well.
 */
export async function escalateOverdue(ctx: Ctx): Promise<{ toHead: number; toAdmin: number }> {
  const now = ctx.clock.now();
  const holidays = await holidaySet(ctx);
  const candidates = await repo.selectOverdueCandidates(ctx.db, now);
  let toHead = 0;
  let toAdmin = 0;
  for (const report of candidates) {
    const due = new Date(report.current_due);
    const adminDue = addWorkingDays(due, LIMITS.escalateToAdminAfter, holidays);
    const level = now > adminDue ? 2 : 1;
    if (level <= report.escalation_level) continue;
    await ctx.db.transaction().execute(async (trx) => {
      const tctx = { ...ctx, db: trx };
      const subject = text('complaints.escalation.subject', { ticket: report.ticket });
      const body = text('complaints.escalation.body', {
        ticket: report.ticket,
        title: report.title,
        due: isoJakarta(due),
        handler: report.handler_name,
        url: `${ctx.config.publicUrl}/kelola/pengaduan/${report.ticket}`,
      });
      const recipients: string[] = [];
      if (report.escalation_level < 1) {
        const head = report.handler_kind === 'agency' ? report.agency_head_email : report.village_email;
        if (head) recipients.push(head);
        toHead++;
      }
      if (level === 2) {
        for (const admin of await repo.selectAdminEmails(trx)) recipients.push(admin.email);
        toAdmin++;
      }
      for (const recipient of recipients)
        await enqueueNotification(tctx, { channel: 'email', recipient, subject, body });
      await repo.updateComplaint(trx, report.id, { escalation_level: level, escalated_at: now });
      await repo.insertUpdate(trx, {
        complaint_id: report.id,
        at: now,
        kind: 'escalation',
        public: false,
        from_state: null,
        to_state: null,
        from_handler: null,
        to_handler: null,
        body: text(level === 2 ? 'complaints.escalation.toAdmin' : 'complaints.escalation.toHead', {
          due: isoJakarta(due),
        }),
        actor_kind: 'system',
        actor_id: null,
        actor_label: 'Simpul',
      });
    });
  }
  await repo.pruneIntake(ctx.db, new Date(now.getTime() - 2 * 86_400_000));
  return { toHead, toAdmin };
}

export interface ComplianceRow {
  handlerKind: string;
  handlerCode: string;
  handlerName: string;
  total: number;
  resolved: number;
  verifyRate: number | null;
  responseRate: number | null;
  resolveRate: number | null;
  overdueNow: number;
  medianResponseHours: number | null;
}

function rate(onTime: string, late: string): number | null {
  const a = Number(onTime);
  const b = Number(late);
  return a + b === 0 ? null : a / (a + b);
}

/** SLA figures per handler over the last `days` days; an officer sees their own, the public and admin all. */
export async function complianceFigures(
  ctx: Ctx,
  options: { days?: number; own?: boolean } = {},
): Promise<ComplianceRow[]> {
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - (options.days ?? 90) * 86_400_000);
  let handler: { kind: string; code: string } | undefined;
  if (options.own) {
    const actor = ctx.actor;
    if (!isStaff(actor)) throw new Forbidden();
    handler = ownHandler(actor);
  }
  const rows = await repo.selectCompliance(ctx.db, since, now, handler);
  return rows.map((r) => ({
    handlerKind: r.handler_kind,
    handlerCode: r.handler_code,
    handlerName: r.handler_name,
    total: Number(r.total),
    resolved: Number(r.resolved),
    verifyRate: rate(r.verify_on_time, r.verify_late),
    responseRate: rate(r.response_on_time, r.response_late),
    resolveRate: rate(r.resolve_on_time, r.resolve_late),
    overdueNow: Number(r.overdue_now),
    medianResponseHours: r.median_response_hours === null ? null : Number(r.median_response_hours),
  }));
}

// ---------- Open311 clients ----------

export async function createOpen311Client(ctx: Ctx, name: string): Promise<string> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => createOpen311Client(tx, name));
  const actor = requireManage(ctx);
  if (name.trim().length < 3) throw new Invalid({ name: 'Nama aplikasi minimal 3 karakter.' });
  const key = `o311_${randomBytes(18).toString('base64url')}`;
  const { id } = await repo.insertClient(ctx.db, {
    name: name.trim(),
    key_hash: sha256(key),
    created_by: actor.id,
  });
  await audit(ctx, {
    action: 'open311_client_create',
    entity: 'open311_client',
    entityId: id,
    detail: { name },
  });
  return key;
}

export async function listOpen311Clients(ctx: Ctx) {
  requireManage(ctx);
  return repo.selectClients(ctx.db);
}

export async function revokeOpen311Client(ctx: Ctx, id: string): Promise<void> {
  requireManage(ctx);
  await repo.deactivateClient(ctx.db, id);
  await audit(ctx, { action: 'open311_client_revoke', entity: 'open311_client', entityId: id });
}

export async function open311ClientForKey(ctx: Ctx, key: string) {
  return key ? repo.selectClientByKeyHash(ctx.db, sha256(key)) : undefined;
}

export async function ticketForOpen311Token(ctx: Ctx, token: string): Promise<string | null> {
  return (await repo.selectByOpen311Token(ctx.db, token))?.ticket ?? null;
}
