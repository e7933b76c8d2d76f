/** Public reading: the tracking page, the public list and map, Open311 reads, and the reporter's own actions. */
import { addWorkingDays, holidaySet } from '../../platform/calendar.ts';
import type { Ctx } from '../../platform/context.ts';
import { Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { jakartaDate } from '../../platform/time.ts';
import { getCategory } from './categories.ts';
import { LIMITS, sha256, stateLabel, text } from './common.ts';
import type { CategoryField } from './fields.ts';
import type { PublicReport } from './open311.ts';
import { redactPersonalData } from './redact.ts';
import * as repo from './repo.ts';
import { isState, OPEN_STATES, reporterWindowOpen, type State } from './states.ts';

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
  /** the unit's name in full ("Dinas Pekerjaan Umum …"): what a resident understands */
  handlerFullName: string;
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
  /** the resident's photos an officer has published */
  photoIds: string[];
  /** the officer's published photos of the fix */
  afterPhotoIds: string[];
  /** for the reporter: their photos still waiting for an officer */
  pendingPhotos: number;
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
  if (!row || row.hidden) throw new NotFound(t('complaints.errors.ticketNotFound'));
  const isReporter = Boolean(key) && sha256(String(key)) === row.reporter_key_hash;
  const showText = (!row.confidential && !row.flagged) || isReporter;
  const updates = await repo.selectUpdates(ctx.db, row.id, true);
  const allPhotos = showText ? await repo.selectPhotos(ctx.db, row.id, true) : [];
  const photos = allPhotos.filter((p) => !p.hidden);
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
    handlerFullName: row.handler_full_name,
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
    photoIds: photos.filter((p) => p.kind === 'laporan').map((p) => p.id),
    afterPhotoIds: photos.filter((p) => p.kind === 'sesudah').map((p) => p.id),
    pendingPhotos: isReporter ? allPhotos.filter((p) => p.hidden && p.kind === 'laporan').length : 0,
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
      handlerFullName: r.handler_full_name,
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
  if (!row || row.hidden || row.confidential) throw new NotFound(t('complaints.errors.reportNotFound'));
  if (!OPEN_STATES.has(row.state)) throw new Invalid({ support: t('complaints.errors.reportClosed') });
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
  if (!row) throw new NotFound(t('complaints.errors.reportNotFound'));
  if (!key || sha256(key) !== row.reporter_key_hash) throw new Forbidden(t('complaints.errors.reporterKey'));
  if (
    !row.public_reopen ||
    !reporterWindowOpen(row.state, row.resolved_at, row.reopen_days, ctx.clock.now()) ||
    row.confirmed_at
  )
    throw new Invalid({ reporter: t('complaints.errors.reporterWindow') });
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
  if (reason.trim().length < 5) throw new Invalid({ reason: t('complaints.errors.reopenReason') });
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
