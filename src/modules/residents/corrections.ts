import { sql } from 'kysely';
import { audit, auditStaffRead } from '../../platform/audit/service.ts';
import { mask } from '../../platform/auth/roles.ts';
import { addWorkingDays, holidaySet } from '../../platform/calendar.ts';
import { type Ctx, inTransaction } from '../../platform/context.ts';
import { renamedFor, shrinkImage } from '../../platform/files/images.ts';
import { readFile, saveFile, sniffContentType } from '../../platform/files/index.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import type { WorkCount, WorkItem, WorkQueueItem } from '../../platform/module.ts';
import { enqueueNotification } from '../../platform/outbox/index.ts';
import type { CodeList } from './codes.ts';
import { fieldLabel, fieldValue } from './display.ts';
import type { ResidentRecord } from './model.ts';
import {
  mayDecideCorrection,
  mayDecideCorrectionsOf,
  mayRequestCorrection,
  residentItem,
  seesCorrectionOf,
  seesInFull,
} from './policy.ts';
import { type Resident, residentById, toResident } from './repo.ts';
import type { CorrectionItem, CorrectionState } from './schema.ts';
import { checkForm, listFamilyMembers, residentToForm, today, updateResident } from './service.ts';
import './messages.ts';

/**
 * The registry fields a resident may ask to correct, as the registry form names them (OpenSID
 * column) and as the record holds them. NIK, No. KK and sex are not among them: those are the
 * Dukcapil office's (a NIK's digits carry the birth date and sex, so it is checked on apply).
 */
export const CORRECTABLE: ReadonlyArray<{ column: string; field: keyof ResidentRecord; list?: CodeList }> = [
  { column: 'nama', field: 'name' },
  { column: 'tempatlahir', field: 'birthPlace' },
  { column: 'tanggallahir', field: 'birthDate' },
  { column: 'alamat', field: 'address' },
  { column: 'dusun', field: 'dusun' },
  { column: 'rw', field: 'rw' },
  { column: 'rt', field: 'rt' },
  { column: 'agama_id', field: 'religionCode', list: 'agama' },
  { column: 'pekerjaan_id', field: 'occupationCode', list: 'pekerjaan' },
  { column: 'status_kawin', field: 'maritalStatusCode', list: 'status_kawin' },
  { column: 'kk_level', field: 'familyRelationCode', list: 'hubungan' },
  { column: 'pendidikan_kk_id', field: 'educationCode', list: 'pendidikan' },
  { column: 'nama_ayah', field: 'fatherName' },
  { column: 'nama_ibu', field: 'motherName' },
];

const BY_COLUMN = new Map(CORRECTABLE.map((c) => [c.column, c]));

/** The letter form's limit: a phone photo of a KK or akta is 2–6 MB before it is shrunk. */
export const CORRECTION_PHOTO_BYTES = 10 * 1024 * 1024;

/** Working days the village office has for a correction before the work queue calls it overdue. */
const DECIDE_WITHIN_WORKING_DAYS = 5;

const NOTE_MAX = 1000;

export interface CorrectionInput {
  /** whose data: the resident themself or a member of their family card */
  residentId: string;
  /** the correct values, by form column; an empty one means "this one is right" */
  values: Record<string, string | undefined>;
  note: string;
  contactPhone: string;
  photo: { filename: string; bytes: Buffer } | null;
  /** the photo was cut off at the upload limit */
  photoTooLarge?: boolean;
  /** a page of this site to go back to once the data is fixed (checked by the route) */
  returnPath: string | null;
}

/** A field's value as the form shows it (codes as the code's text). */
function formValue(resident: Resident, column: string): string {
  return residentToForm(resident)[column] ?? '';
}

function cleanPhone(value: string): string | null {
  const digits = value.replace(/[\s().-]/g, '');
  if (digits === '') return null;
  return /^\+?\d{9,15}$/.test(digits) ? digits : '';
}

async function subjectOf(ctx: Ctx, residentId: string): Promise<Resident> {
  const row = await residentById(ctx.db, residentId);
  if (!row) throw new NotFound(t('residents.error.residentNotFound'));
  return toResident(row);
}

/**
 * A resident asks the village office to correct their own registry data, or a family member's:
 * the correct value of each wrong field (checked as the registry checks it, so the office can
 * apply it as it stands), a note, optionally a photo of the KK/KTP/akta (shrunk, no EXIF).
 */
export async function requestCorrection(ctx: Ctx, input: CorrectionInput): Promise<{ id: string }> {
  const subject = await subjectOf(ctx, input.residentId);
  if (!mayRequestCorrection(ctx.actor, residentItem(subject)) || ctx.actor?.kind !== 'resident')
    throw new Forbidden(t('residents.correction.notYours'));
  const requester = ctx.actor;
  const current = residentToForm(subject);
  const merged: Record<string, string> = { ...current };
  const asked = new Set<string>();
  for (const { column } of CORRECTABLE) {
    const value = (input.values[column] ?? '').trim();
    if (value !== '' && value !== current[column]) {
      merged[column] = value;
      asked.add(column);
    }
  }
  const errors: Record<string, string> = {};
  let record: ResidentRecord | null = null;
  try {
    record = checkForm(subject.villageCode, merged, today(ctx));
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    // a problem in a field the resident did not touch (a NIK that disagrees with the birth date
    // they corrected) is the office's to settle, not a reason to refuse the request
    for (const [field, message] of Object.entries(error.fields))
      if (asked.has(field)) errors[field] = message;
  }
  if (asked.size === 0) errors.bidang = t('residents.correction.error.nothing');
  const note = input.note.trim();
  if (note === '') errors.catatan = t('residents.correction.error.note');
  else if (note.length > NOTE_MAX) errors.catatan = t('residents.correction.error.noteLong', { n: NOTE_MAX });
  const phone = cleanPhone(input.contactPhone);
  if (phone === '') errors.telepon = t('residents.correction.error.phone');
  let photo: { bytes: Buffer; contentType: string; name: string } | null = null;
  if (input.photoTooLarge) errors.foto = t('residents.correction.error.photoSize');
  else if (input.photo && input.photo.bytes.length > 0) {
    const type = sniffContentType(input.photo.bytes);
    if (!type) errors.foto = t('residents.correction.error.photoType');
    else if (input.photo.bytes.length > CORRECTION_PHOTO_BYTES)
      errors.foto = t('residents.correction.error.photoSize');
    else {
      const shrunk = await shrinkImage(input.photo.bytes);
      photo = shrunk
        ? {
            bytes: shrunk.bytes,
            contentType: shrunk.contentType,
            name: renamedFor(input.photo.filename, shrunk.contentType),
          }
        : { bytes: input.photo.bytes, contentType: type, name: input.photo.filename };
    }
  }
  if (Object.keys(errors).length > 0) throw new Invalid(errors, t('residents.correction.error.notSent'));

  // what the registry will hold once applied: the values as the registry writes them (upper case, RT 001)
  const normalised = record ? residentToForm({ ...subject, ...record }) : merged;
  const items: CorrectionItem[] = [...asked].map((column) => ({
    field: column,
    from: current[column] ?? '',
    to: normalised[column] ?? merged[column] ?? '',
    state: 'menunggu',
  }));
  return inTransaction(ctx, async (tx) => {
    const file = photo ? await saveFile(tx, { ...photo, villageCode: subject.villageCode }) : null;
    const row = await tx.db
      .insertInto('resident_corrections')
      .values({
        village_code: subject.villageCode,
        resident_id: subject.id,
        requested_by: requester.id,
        items: JSON.stringify(items),
        note,
        photo_file_id: file?.id ?? null,
        contact_phone: phone,
        return_path: input.returnPath,
        created_at: ctx.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id };
  });
}

export interface CorrectionView {
  id: string;
  state: CorrectionState;
  villageCode: string;
  subject: { id: string; name: string; nik: string };
  requestedBySelf: boolean;
  items: Array<CorrectionItem & { label: string; fromText: string; toText: string; nowText: string }>;
  note: string;
  hasPhoto: boolean;
  reason: string | null;
  returnPath: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  can: { decide: boolean };
}

type CorrectionRow = Awaited<ReturnType<typeof loadRow>>;

async function loadRow(ctx: Ctx, id: string, lock = false) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFound(t('residents.correction.notFound'));
  let query = ctx.db.selectFrom('resident_corrections').selectAll().where('id', '=', id);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new NotFound(t('residents.correction.notFound'));
  const items = (typeof row.items === 'string' ? JSON.parse(row.items) : row.items) as CorrectionItem[];
  return { ...row, items };
}

/** A form value as people read it ("ISLAM" for agama_id 1, 12-04-2001 for a date). */
function shown(column: string, value: string): string {
  const spec = BY_COLUMN.get(column);
  if (!spec) return value || '—';
  return fieldValue(spec.field, spec.list ? (value === '' ? null : Number(value)) : value);
}

function columnLabel(column: string): string {
  const spec = BY_COLUMN.get(column);
  return spec ? fieldLabel(spec.field) : column;
}

/** Who may read this request: who asked, the person and their family, the village office, the camat masked. */
async function readable(ctx: Ctx, row: CorrectionRow): Promise<{ subject: Resident; full: boolean }> {
  const subject = await subjectOf(ctx, row.resident_id);
  const item = residentItem(subject);
  const mine = ctx.actor?.kind === 'resident' && ctx.actor.id === row.requested_by;
  // the resident and their family read it like the record itself; staff as the record's readers
  const reads = mine || mayRequestCorrection(ctx.actor, item) || seesCorrectionOf(ctx.actor, item);
  if (!reads) throw new NotFound(t('residents.correction.notFound'));
  return { subject, full: mine || seesInFull(ctx.actor, item) };
}

function viewOf(ctx: Ctx, row: CorrectionRow, subject: Resident, full: boolean): CorrectionView {
  return {
    id: row.id,
    state: row.state,
    villageCode: row.village_code,
    subject: { id: subject.id, name: subject.name, nik: full ? subject.nik : mask(subject.nik) },
    requestedBySelf: row.requested_by === row.resident_id,
    items: row.items.map((i) => ({
      ...i,
      label: columnLabel(i.field),
      fromText: shown(i.field, i.from),
      toText: shown(i.field, i.to),
      nowText: shown(i.field, formValue(subject, i.field)),
    })),
    note: row.note,
    hasPhoto: row.photo_file_id !== null,
    reason: row.reason,
    returnPath: row.return_path,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
    can: { decide: row.state === 'diajukan' && mayDecideCorrection(ctx.actor, row.village_code) },
  };
}

/** One correction request, for its resident or for staff of the village (audited; masked for the camat). */
export async function getCorrection(ctx: Ctx, id: string): Promise<CorrectionView> {
  const row = await loadRow(ctx, id);
  const { subject, full } = await readable(ctx, row);
  await auditStaffRead(ctx, {
    entity: 'resident_correction',
    entityId: row.id,
    villageCode: row.village_code,
  });
  return viewOf(ctx, row, subject, full);
}

export interface CorrectionSummary {
  id: string;
  state: CorrectionState;
  name: string;
  nik: string;
  fields: string;
  createdAt: Date;
}

/** The requests a resident made (for themself or their family), newest first. */
export async function myCorrections(ctx: Ctx): Promise<CorrectionSummary[]> {
  const actor = ctx.actor;
  if (actor?.kind !== 'resident') return [];
  const rows = await ctx.db
    .selectFrom('resident_corrections as c')
    .innerJoin('residents as r', 'r.id', 'c.resident_id')
    .select(['c.id', 'c.state', 'c.items', 'c.created_at', 'r.name', 'r.nik'])
    .where((eb) => eb.or([eb('c.requested_by', '=', actor.id), eb('c.resident_id', '=', actor.id)]))
    .orderBy('c.created_at', 'desc')
    .limit(50)
    .execute();
  return rows.map((r) => summaryOf(r, mask(r.nik)));
}

function summaryOf(
  r: { id: string; state: CorrectionState; items: unknown; created_at: Date; name: string },
  nik: string,
): CorrectionSummary {
  const items = (typeof r.items === 'string' ? JSON.parse(r.items) : r.items) as CorrectionItem[];
  return {
    id: r.id,
    state: r.state,
    name: r.name,
    nik,
    fields: items.map((i) => columnLabel(i.field)).join(', '),
    createdAt: r.created_at,
  };
}

/** A village's correction requests for its office (and the camat, masked): open ones first. Audited. */
export async function listCorrections(
  ctx: Ctx,
  input: { villageCode: string; state?: string | undefined },
): Promise<{ rows: CorrectionSummary[]; decide: boolean }> {
  if (!seesCorrectionOf(ctx.actor, { villageCode: input.villageCode }))
    throw new Forbidden(t('residents.error.villageOutOfScope'));
  const state = ['diajukan', 'diterapkan', 'ditolak'].includes(input.state ?? '')
    ? (input.state as CorrectionState)
    : null;
  let query = ctx.db
    .selectFrom('resident_corrections as c')
    .innerJoin('residents as r', 'r.id', 'c.resident_id')
    .select(['c.id', 'c.state', 'c.items', 'c.created_at', 'r.name', 'r.nik'])
    .where('c.village_code', '=', input.villageCode);
  if (state) query = query.where('c.state', '=', state);
  const rows = await query
    .orderBy(sql`c.state = 'diajukan'`, 'desc')
    .orderBy('c.created_at', 'asc')
    .limit(200)
    .execute();
  const full = seesInFull(ctx.actor, { villageCode: input.villageCode });
  await audit(ctx, {
    action: 'read_personal',
    entity: 'resident_correction_list',
    villageCode: input.villageCode,
    detail: { state: state ?? '', shown: rows.length },
  });
  return {
    rows: rows.map((r) => summaryOf(r, full ? r.nik : mask(r.nik))),
    decide: mayDecideCorrection(ctx.actor, input.villageCode),
  };
}

async function notifyRequester(ctx: Ctx, row: CorrectionRow, message: string): Promise<void> {
  if (!row.contact_phone) return;
  await enqueueNotification(ctx, {
    channel: 'whatsapp',
    recipient: row.contact_phone,
    subject: t('residents.correction.title'),
    body: `Simpul: ${message} ${ctx.config.publicUrl}/akun/perbaikan/${row.id}`,
  });
}

/** Who decided a request, and when: now, by the acting officer. */
function decidedNow(ctx: Ctx) {
  return { decided_by: ctx.actor?.kind === 'staff' ? ctx.actor.email : null, decided_at: ctx.clock.now() };
}

async function decidable(ctx: Ctx, id: string): Promise<CorrectionRow> {
  const row = await loadRow(ctx, id, true);
  if (!mayDecideCorrection(ctx.actor, row.village_code)) {
    await readable(ctx, row);
    throw new Forbidden(t('residents.correction.notYourVillage'));
  }
  if (row.state !== 'diajukan') throw new Conflict(t('residents.correction.alreadyDecided'));
  return row;
}

/**
 * Applies the requested values to the registry, one field or every field still waiting, through
 * the registry's own correction (same checks, an `ubah` event with the previous values, figures
 * and search updated) in one transaction with the request and its audit line. Once no field
 * waits, the request is done and its resident told.
 */
export async function applyCorrection(
  ctx: Ctx,
  id: string,
  input: { field?: string | undefined },
): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => applyCorrection(tx, id, input));
  const row = await decidable(ctx, id);
  const waiting = row.items.filter(
    (i) => i.state === 'menunggu' && (!input.field || i.field === input.field),
  );
  if (waiting.length === 0) throw new Conflict(t('residents.correction.nothingWaiting'));
  const subject = await subjectOf(ctx, row.resident_id);
  const form = residentToForm(subject);
  for (const item of waiting) form[item.field] = item.to;
  await updateResident(ctx, subject.id, form);
  const applied = new Set(waiting.map((i) => i.field));
  const items = row.items.map((i) => (applied.has(i.field) ? { ...i, state: 'diterapkan' as const } : i));
  const done = items.every((i) => i.state === 'diterapkan');
  await ctx.db
    .updateTable('resident_corrections')
    .set({
      items: JSON.stringify(items),
      ...(done ? { state: 'diterapkan' as const, ...decidedNow(ctx) } : {}),
    })
    .where('id', '=', id)
    .execute();
  await audit(ctx, {
    action: 'apply_correction',
    entity: 'resident',
    entityId: subject.id,
    villageCode: row.village_code,
    detail: { correction: id, fields: [...applied] },
  });
  if (done) await notifyRequester(ctx, row, t('residents.correction.notify.applied', { name: subject.name }));
}

/** Refuses what is still waiting, with a reason the resident reads; fields already applied stay so. */
export async function refuseCorrection(ctx: Ctx, id: string, input: { reason: string }): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => refuseCorrection(tx, id, input));
  const row = await decidable(ctx, id);
  const reason = input.reason.trim();
  if (reason === '') throw new Invalid({ alasan: t('residents.correction.error.reason') });
  if (reason.length > NOTE_MAX)
    throw new Invalid({ alasan: t('residents.correction.error.noteLong', { n: NOTE_MAX }) });
  await ctx.db
    .updateTable('resident_corrections')
    .set({ state: 'ditolak', reason, ...decidedNow(ctx) })
    .where('id', '=', id)
    .execute();
  await audit(ctx, {
    action: 'refuse_correction',
    entity: 'resident',
    entityId: row.resident_id,
    villageCode: row.village_code,
    detail: { correction: id },
  });
  await notifyRequester(ctx, row, t('residents.correction.notify.refused', { reason }));
}

/** The photo attached to a request: its resident, the village office (audited). */
export async function correctionPhoto(ctx: Ctx, id: string) {
  const row = await loadRow(ctx, id);
  await readable(ctx, row);
  if (!row.photo_file_id) throw new NotFound(t('residents.correction.notFound'));
  await auditStaffRead(ctx, {
    entity: 'resident_correction_photo',
    entityId: row.id,
    villageCode: row.village_code,
  });
  return readFile(ctx, row.photo_file_id);
}

/** Whose data the resident may ask to correct: themself first, then their family card. */
export async function correctionSubjects(ctx: Ctx): Promise<Resident[]> {
  const actor = ctx.actor;
  if (actor?.kind !== 'resident') return [];
  const me = await subjectOf(ctx, actor.id);
  const family = await listFamilyMembers(ctx, me.familyNumber);
  return [me, ...family.filter((m) => m.id !== me.id && m.status === 'hidup')];
}

/**
 * The village office's open correction requests (the descriptor's `workQueue`): for staff who keep
 * one village's registry; overdue after five working days.
 */
export async function correctionsWorkQueue(ctx: Ctx): Promise<WorkQueueItem[]> {
  const actor = ctx.actor;
  if (actor?.kind !== 'staff' || !mayDecideCorrectionsOf(actor)) return [];
  const village = actor.scope.code;
  const rows = await ctx.db
    .selectFrom('resident_corrections')
    .select('created_at')
    .where('village_code', '=', village)
    .where('state', '=', 'diajukan')
    .execute();
  if (rows.length === 0) return [];
  const holidays = await holidaySet(ctx);
  const now = ctx.clock.now();
  const overdue = rows.filter(
    (r) => addWorkingDays(r.created_at, DECIDE_WITHIN_WORKING_DAYS, holidays) < now,
  ).length;
  return [
    {
      kind: 'residents.corrections',
      count: rows.length,
      overdue,
      href: `/kelola/penduduk/perbaikan?desa=${village}&status=diajukan`,
      label: t('residents.correction.workQueue', { n: rows.length }),
    },
  ];
}

/** How many open corrections `correctionsWorkItems` lists (uncapped) and how many are late: the menu's count. */
export async function correctionsWorkCount(ctx: Ctx): Promise<WorkCount> {
  const [line] = await correctionsWorkQueue(ctx);
  return { waiting: line?.count ?? 0, late: line?.overdue ?? 0 };
}

/** The same open corrections one by one (`/kelola/kerja`), due five working days after they came in, oldest first. */
export async function correctionsWorkItems(ctx: Ctx, options: { limit: number }): Promise<WorkItem[]> {
  const actor = ctx.actor;
  if (actor?.kind !== 'staff' || !mayDecideCorrectionsOf(actor)) return [];
  const rows = await ctx.db
    .selectFrom('resident_corrections')
    .select(['id', 'items', 'created_at'])
    .where('village_code', '=', actor.scope.code)
    .where('state', '=', 'diajukan')
    .orderBy('created_at')
    .limit(options.limit)
    .execute();
  const holidays = await holidaySet(ctx);
  const now = ctx.clock.now();
  return rows.map((r) => {
    const dueAt = addWorkingDays(r.created_at, DECIDE_WITHIN_WORKING_DAYS, holidays);
    const items = (typeof r.items === 'string' ? JSON.parse(r.items) : r.items) as CorrectionItem[];
    return {
      kind: 'residents.correction',
      title: t('residents.correction.workItem', { n: items.length }),
      href: `/kelola/penduduk/perbaikan/${r.id}`,
      dueAt,
      receivedAt: r.created_at,
      overdue: dueAt < now,
    };
  });
}
