/** Intake: a report checked field by field, refused to bots and floods, routed and timed. */
import { randomBytes } from 'node:crypto';
import { actorId } from '../../platform/auth/roles.ts';
import { addWorkingDays, holidaySet } from '../../platform/calendar.ts';
import type { Ctx } from '../../platform/context.ts';
import { saveFile } from '../../platform/files/index.ts';
import { Invalid, TooManyRequests } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { resolveHandler, routeByRoadStatus, toCategory } from './categories.ts';
import { LIMITS, longDate, newTicket, notifyReporter, sha256, text, trackingUrl } from './common.ts';
import { checkDetails } from './fields.ts';
import { MAX_PHOTOS, PhotoRejected, type ProcessedPhoto, processPhoto } from './photos.ts';
import * as repo from './repo.ts';
import { indexReport } from './search.ts';

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

/** Reads each photo, or says which one was refused and why. */
export async function processPhotos(
  photos: Buffer[],
): Promise<{ processed: ProcessedPhoto[]; problem: string | null }> {
  if (photos.length > MAX_PHOTOS)
    return { processed: [], problem: t('complaints.errors.tooManyPhotos', { max: MAX_PHOTOS }) };
  const processed: ProcessedPhoto[] = [];
  for (const [index, bytes] of photos.entries()) {
    try {
      processed.push(await processPhoto(bytes));
    } catch (error) {
      if (!(error instanceof PhotoRejected)) throw error;
      return {
        processed: [],
        problem: t('complaints.errors.photoRejected', { n: index + 1, reason: error.message }),
      };
    }
  }
  return { processed, problem: null };
}

/** Stores processed photos of a report, private until an officer publishes them. */
export async function storePhotos(
  ctx: Ctx,
  report: { id: string; ticket: string; villageCode: string },
  processed: ProcessedPhoto[],
  kind: 'laporan' | 'sesudah',
  firstPosition: number,
): Promise<void> {
  for (const [index, photo] of processed.entries()) {
    const position = firstPosition + index;
    const stem = `${report.ticket}-${kind === 'sesudah' ? 'sesudah-' : ''}${position + 1}`;
    const file = await saveFile(ctx, {
      bytes: photo.bytes,
      contentType: photo.contentType,
      name: `${stem}.jpg`,
      villageCode: report.villageCode,
    });
    const thumb = await saveFile(ctx, {
      bytes: photo.thumbnail,
      contentType: photo.contentType,
      name: `${stem}-kecil.jpg`,
      villageCode: report.villageCode,
    });
    await repo.insertPhoto(ctx.db, {
      complaint_id: report.id,
      file_id: file.id,
      thumb_file_id: thumb.id,
      position,
      kind,
    });
  }
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
      throw new TooManyRequests(t('complaints.errors.tooManyFromClient'));
    out.push(key);
  }
  if (keys.ip) {
    const key = `ip:${sha256(keys.ip)}`;
    if ((await repo.countIntake(ctx.db, key, new Date(now - 600_000))) >= LIMITS.perIpPer10Min)
      throw new TooManyRequests(t('complaints.errors.tooManyFromAddress'));
    if ((await repo.countIntake(ctx.db, key, new Date(now - 86_400_000))) >= LIMITS.perIpPerDay)
      throw new TooManyRequests(t('complaints.errors.dailyLimit'));
    out.push(key);
  }
  if (keys.account) {
    const key = `acct:${sha256(keys.account)}`;
    if ((await repo.countIntake(ctx.db, key, new Date(now - 3_600_000))) >= LIMITS.perAccountPerHour)
      throw new TooManyRequests(t('complaints.errors.tooManyFromAccount'));
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
    throw new Invalid({ website: t('complaints.errors.notAccepted') }, t('complaints.errors.notAccepted'));
  const problems: Record<string, string> = {};
  const categoryRow = input.categoryCode ? await repo.selectCategory(ctx.db, input.categoryCode) : undefined;
  const category = categoryRow?.active ? toCategory(categoryRow) : null;
  if (!category) problems.categoryCode = t('complaints.errors.chooseReportCategory');
  const lat = parseCoordinate(input.lat, -90, 90);
  const lng = parseCoordinate(input.lng, -180, 180);
  // a resident who sent only the phone's GPS point gets the village it lies in (approximately)
  const villageCode =
    input.villageCode ||
    (typeof lat === 'number' && typeof lng === 'number'
      ? await repo.selectNearestVillage(ctx.db, lat, lng, LIMITS.nearestVillageM)
      : null);
  const village = villageCode ? await repo.selectVillage(ctx.db, villageCode) : undefined;
  if (!village?.code.startsWith(`${ctx.config.regencyCode}.`))
    problems.villageCode = t('complaints.errors.chooseVillage');
  const title = (input.title ?? '').trim();
  const description = (input.description ?? '').trim();
  if (title.length < 5) problems.title = t('complaints.errors.titleShort');
  else if (title.length > 120) problems.title = t('complaints.errors.titleLong');
  if (description.length < 10) problems.description = t('complaints.errors.descriptionShort');
  else if (description.length > 4000) problems.description = t('complaints.errors.descriptionLong');
  else if (/<[a-z/!][^>]*>/i.test(description)) problems.description = t('complaints.errors.descriptionHtml');
  const kind = input.kind?.trim() || 'pengaduan';
  if (!['pengaduan', 'aspirasi', 'informasi'].includes(kind))
    problems.kind = t('complaints.errors.chooseKind');
  if (lat === 'bad') problems.lat = t('complaints.errors.latRange');
  if (lng === 'bad') problems.lng = t('complaints.errors.lngRange');
  if ((lat === null) !== (lng === null) && lat !== 'bad' && lng !== 'bad')
    problems.lat = t('complaints.errors.latLngTogether');
  const email = input.email?.trim() || null;
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(email)) problems.email = t('complaints.errors.email');
  const phone = input.phone?.trim() ? cleanPhone(input.phone) : null;
  if (phone && !/^(\+62|62|0)8\d{7,12}$/.test(phone)) problems.phone = t('complaints.errors.phone');
  const anonymous = Boolean(input.anonymous);
  if (category && anonymous && !category.anonymousAllowed)
    problems.anonymous = t('complaints.errors.noAnonymous');
  let details = {};
  if (category) {
    const checked = checkDetails(category.fields, input.details ?? {});
    details = checked.details;
    Object.assign(problems, checked.problems);
  }
  const { processed, problem: photoProblem } = await processPhotos(input.photos ?? []);
  if (photoProblem) problems.photos = photoProblem;
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
  const { handler, ownerNote } = routeByRoadStatus(
    await resolveHandler(ctx, category.code, village.code),
    village.code,
    (details as Record<string, unknown>).status_jalan,
  );
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
    await storePhotos(tctx, { id, ticket, villageCode: village.code }, processed, 'laporan', 0);
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
    if (ownerNote)
      await repo.insertUpdate(trx, {
        complaint_id: id,
        at: now,
        kind: 'reply',
        public: true,
        from_state: null,
        to_state: null,
        from_handler: null,
        to_handler: null,
        body: ownerNote,
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
