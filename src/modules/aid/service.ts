import { audit, auditStaffRead } from '../../platform/audit/service.ts';
import { regionContains } from '../../platform/auth/policy.ts';
import { mask } from '../../platform/auth/roles.ts';
import { addWorkingDays, holidaySet } from '../../platform/calendar.ts';
import { type Ctx, inTransaction } from '../../platform/context.ts';
import { saveFile, sniffContentType } from '../../platform/files/index.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import { pageNumber, uuidOrNotFound } from '../../platform/http/input.ts';
import { t } from '../../platform/i18n/index.ts';
import { enqueueNotification } from '../../platform/outbox/index.ts';
import { isCalendarDate, jakartaDate } from '../../platform/time.ts';
import { findResidentByNik } from '../residents/service.ts';
import {
  aidRecordRegion,
  assertMayDecideAid,
  assertMayKeepVillageAid,
  assertMayReadAidRecord,
  mayDecideAid,
  mayKeepVillageAid,
  mayRecordDisbursement,
  seesAidInFull,
} from './policy.ts';
import { actorOf, addBeneficiaryEvent, decileOf, upsertFromDisbursement } from './registry.ts';
import * as repo from './repo.ts';
import type { ApplicationStatus } from './schema.ts';

export { type FiguresTable as AidFiguresTable, figuresTable as aidFiguresTable } from './figures.ts';
export type Form = Record<string, string | undefined>;

export const PAGE_SIZE = 50;
export const OPEN_STATUSES: ApplicationStatus[] = [
  'diajukan',
  'dikembalikan',
  'diverifikasi_desa',
  'diteruskan',
  'disetujui',
];
export const STATUSES: ApplicationStatus[] = [...OPEN_STATUSES, 'ditolak', 'disalurkan'];

/** Working days each step may take before it shows as overdue; null: nobody in an office waits. */
const STEP_DAYS: Record<ApplicationStatus, number | null> = {
  diajukan: 10,
  dikembalikan: null,
  diverifikasi_desa: 5,
  diteruskan: 20,
  disetujui: 30,
  ditolak: null,
  disalurkan: null,
};

/** Who holds an application in each status: the resident, the village office or Dinsos; none at the end. */
export type Holder = 'applicant' | 'village' | 'dinsos' | null;
const HOLDER: Record<ApplicationStatus, Holder> = {
  diajukan: 'village',
  dikembalikan: 'applicant',
  diverifikasi_desa: 'village',
  diteruskan: 'dinsos',
  disetujui: 'village',
  ditolak: null,
  disalurkan: null,
};

export function holderOf(status: ApplicationStatus): Holder {
  return HOLDER[status];
}

export function today(ctx: Ctx): string {
  return jakartaDate(ctx.clock.now());
}

export function text(form: Form, key: string): string {
  return (form[key] ?? '').trim();
}

function idOf(id: string): string {
  return uuidOrNotFound(id, t('aid.error.notFound'));
}

async function dueAt(ctx: Ctx, status: ApplicationStatus): Promise<Date | null> {
  return stepDueAt(status, ctx.clock.now(), await holidaySet(ctx));
}

/** When a step that began at `from` in `status` is due (null where nobody in an office waits). */
export function stepDueAt(status: ApplicationStatus, from: Date, holidays: ReadonlySet<string>): Date | null {
  const days = STEP_DAYS[status];
  return days === null ? null : addWorkingDays(from, days, holidays);
}

export function normalisePhone(raw: string): string | null {
  const digits = raw.replace(/[\s.-]/g, '');
  if (digits === '') return null;
  if (!/^(\+62|62|0)8\d{7,12}$/.test(digits)) throw new Invalid({ telepon: t('aid.error.phone') });
  return digits.replace(/^\+?62/, '0');
}

// ---- filing ----

async function programmeForVillage(ctx: Ctx, id: string, villageCode: string) {
  const programmes = await repo.programmesFor(ctx.db, villageCode, { activeOnly: true });
  return programmes.find((p) => p.id === id) ?? null;
}

/** The programmes a resident of the village may apply for. */
export function applicableProgrammes(ctx: Ctx, villageCode: string) {
  return repo.programmesFor(ctx.db, villageCode, { activeOnly: true });
}

async function applicationProblems(ctx: Ctx, villageCode: string, form: Form) {
  const errors: Record<string, string> = {};
  const programmeId = text(form, 'program');
  const programme = programmeId ? await programmeForVillage(ctx, programmeId, villageCode) : null;
  if (!programme) errors.program = t('aid.error.programmeRequired');
  const reason = text(form, 'alasan');
  if (!reason) errors.alasan = t('aid.error.reasonRequired');
  else if (reason.length > 1000) errors.alasan = t('aid.error.reasonTooLong');
  let phone: string | null = null;
  try {
    phone = normalisePhone(text(form, 'telepon'));
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    Object.assign(errors, error.fields);
  }
  return { errors, programme, reason, phone };
}

/**
 * A resident applies for aid for themself (or the village office files for them, by NIK). The
 * application starts at the village office, which verifies it within its step's working days.
 */
export async function fileApplication(ctx: Ctx, form: Form): Promise<{ id: string; code: string }> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => fileApplication(tx, form));
  const actor = ctx.actor;
  const nik = actor?.kind === 'resident' ? actor.nik : text(form, 'nik');
  const resident = await findResidentByNik(ctx, nik);
  if (actor?.kind !== 'resident') {
    if (resident) assertMayKeepVillageAid(actor, resident.villageCode);
    else if (actor?.kind !== 'staff' && actor?.kind !== 'system') throw new Forbidden();
  }
  // a NIK of another village is answered as an unknown one
  if (
    !resident ||
    resident.status !== 'hidup' ||
    (actor?.kind === 'staff' && !mayKeepVillageAid(actor, resident.villageCode))
  )
    throw new Invalid({ nik: t('aid.error.unknownNik') });
  const { errors, programme, reason, phone } = await applicationProblems(ctx, resident.villageCode, form);
  if (Object.keys(errors).length > 0 || !programme) throw new Invalid(errors);
  const open = (await repo.applicationsByNik(ctx.db, resident.nik)).find(
    (a) => a.programme_id === programme.id && OPEN_STATUSES.includes(a.status),
  );
  if (open) throw new Invalid({ program: t('aid.error.alreadyOpen', { code: open.code }) });
  const now = ctx.clock.now();
  const code = await repo.nextApplicationCode(ctx.db, Number(today(ctx).slice(0, 4)));
  const row = await repo.insertApplication(ctx.db, {
    code,
    village_code: resident.villageCode,
    programme_id: programme.id,
    resident_id: resident.id,
    nik: resident.nik,
    family_number: resident.familyNumber || null,
    name: resident.name,
    dusun: resident.dusun ?? '',
    rt: resident.rt ?? '',
    phone,
    reason,
    status: 'diajukan',
    filed_by: actor?.kind === 'staff' ? actor.id : null,
    submitted_at: now,
    status_at: now,
    due_at: await dueAt(ctx, 'diajukan'),
  });
  await event(ctx, { id: row.id, villageCode: resident.villageCode }, 'diajukan', '');
  await audit(ctx, {
    action: 'create',
    entity: 'aid_application',
    entityId: row.id,
    villageCode: resident.villageCode,
  });
  return { id: row.id, code };
}

async function event(
  ctx: Ctx,
  application: { id: string; villageCode: string },
  status: ApplicationStatus,
  note: string,
) {
  const who = actorOf(ctx);
  await repo.insertApplicationEvent(ctx.db, {
    application_id: application.id,
    village_code: application.villageCode,
    status,
    note,
    actor_kind: who.kind,
    actor_id: who.id,
    actor_name: who.name,
    at: ctx.clock.now(),
  });
}

// ---- the steps ----

async function loadApplication(ctx: Ctx, id: string): Promise<repo.ApplicationView> {
  const row = await repo.applicationById(ctx.db, idOf(id));
  if (!row) throw new NotFound(t('aid.error.notFound'));
  return row;
}

function subjectOf(a: repo.ApplicationView) {
  return { villageCode: a.village_code, residentId: a.resident_id, familyNumber: a.family_number };
}

/** Moves the application from the status the step expects to the next, with its history line and a message. */
async function move(
  ctx: Ctx,
  a: repo.ApplicationView,
  from: ApplicationStatus,
  to: ApplicationStatus,
  change: Parameters<typeof repo.updateApplication>[3],
  note: string,
) {
  if (a.status !== from)
    throw new Conflict(t('aid.error.wrongStatus', { status: t(`aid.status.${a.status}`) }));
  const now = ctx.clock.now();
  const moved = await repo.updateApplication(ctx.db, a.id, from, {
    ...change,
    status: to,
    status_at: now,
    due_at: await dueAt(ctx, to),
    updated_at: now,
  });
  if (!moved) throw new Conflict(t('aid.error.changedMeanwhile'));
  await event(ctx, { id: a.id, villageCode: a.village_code }, to, note);
  await audit(ctx, {
    action: `aid_${to}`,
    entity: 'aid_application',
    entityId: a.id,
    villageCode: a.village_code,
  });
  await notify(ctx, a, to, note);
}

async function notify(ctx: Ctx, a: repo.ApplicationView, status: ApplicationStatus, note: string) {
  if (!a.phone || status === 'diajukan') return;
  const detail = note ? ` ${note}` : '';
  await enqueueNotification(ctx, {
    channel: 'whatsapp',
    recipient: a.phone,
    subject: a.programme_name,
    body: `Simpul ${a.code} (${a.programme_name}): ${t(`aid.notify.${status}`)}${detail} ${ctx.config.publicUrl}/akun/bansos/${a.id}`,
  });
}

export interface ScanUpload {
  filename: string;
  bytes: Buffer;
}

/**
 * The village verifies: the field check done and, for a Dana Desa programme, the musyawarah desa
 * that decided it, with the number, date and scan of its signed berita acara.
 */
export async function verifyByVillage(
  ctx: Ctx,
  id: string,
  form: Form,
  scan: ScanUpload | null,
): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => verifyByVillage(tx, id, form, scan));
  const a = await loadApplication(ctx, id);
  assertMayKeepVillageAid(ctx.actor, a.village_code);
  const needsMinutes = a.programme_source === 'dana_desa';
  const errors: Record<string, string> = {};
  const date = text(form, 'tanggal_musdes');
  const number = text(form, 'nomor_berita_acara');
  if (date && (!isCalendarDate(date) || date > today(ctx))) errors.tanggal_musdes = t('aid.error.musdesDate');
  else if (!date && needsMinutes) errors.tanggal_musdes = t('aid.error.musdesDateRequired');
  if (!number && needsMinutes) errors.nomor_berita_acara = t('aid.error.minutesNumberRequired');
  if (number.length > 100) errors.nomor_berita_acara = t('aid.error.minutesNumberTooLong');
  const type = scan ? sniffContentType(scan.bytes) : null;
  if (scan && !type) errors.berita_acara = t('aid.error.scanType');
  else if (!scan && needsMinutes) errors.berita_acara = t('aid.error.scanRequired');
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  const file =
    scan && type
      ? await saveFile(ctx, {
          bytes: scan.bytes,
          contentType: type,
          name: scan.filename,
          villageCode: a.village_code,
        })
      : null;
  const note = number ? t('aid.history.minutes', { number, date: date || '-' }) : text(form, 'catatan');
  await move(
    ctx,
    a,
    'diajukan',
    'diverifikasi_desa',
    { musdes_date: date || null, musdes_number: number || null, musdes_file_id: file?.id ?? null },
    note.slice(0, 500),
  );
}

/** The form's reason (`alasan`), cut to 1000 characters; a form without one is refused with `missing`. */
function reasonOf(form: Form, missing: string): string {
  const reason = text(form, 'alasan');
  if (!reason) throw new Invalid({ alasan: missing });
  return reason.slice(0, 1000);
}

/** The village sends the application back to the resident with what to fix. */
export async function returnToApplicant(ctx: Ctx, id: string, form: Form): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => returnToApplicant(tx, id, form));
  const a = await loadApplication(ctx, id);
  assertMayKeepVillageAid(ctx.actor, a.village_code);
  const reason = reasonOf(form, t('aid.error.returnReasonRequired'));
  await move(ctx, a, 'diajukan', 'dikembalikan', { return_reason: reason }, reason);
}

/** The resident fixes what the village asked for and submits again: back to the village's check. */
export async function resubmit(ctx: Ctx, id: string, form: Form): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => resubmit(tx, id, form));
  const a = await loadApplication(ctx, id);
  const actor = ctx.actor;
  const own = actor?.kind === 'resident' && (a.resident_id === actor.id || a.nik === actor.nik);
  if (!own && !mayKeepVillageAid(actor, a.village_code)) throw new Forbidden(t('aid.error.notYours'));
  const errors: Record<string, string> = {};
  const reason = text(form, 'alasan');
  if (!reason) errors.alasan = t('aid.error.reasonRequired');
  else if (reason.length > 1000) errors.alasan = t('aid.error.reasonTooLong');
  let phone = a.phone;
  try {
    phone = form.telepon === undefined ? a.phone : normalisePhone(text(form, 'telepon'));
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    Object.assign(errors, error.fields);
  }
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  await move(ctx, a, 'dikembalikan', 'diajukan', { reason, phone, return_reason: null }, '');
}

/** The village forwards the verified application to Dinsos (the SIKS-NG entry). */
export async function forwardToDinsos(ctx: Ctx, id: string): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => forwardToDinsos(tx, id));
  const a = await loadApplication(ctx, id);
  assertMayKeepVillageAid(ctx.actor, a.village_code);
  await move(ctx, a, 'diverifikasi_desa', 'diteruskan', {}, '');
}

export async function approve(ctx: Ctx, id: string, form: Form): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => approve(tx, id, form));
  const a = await loadApplication(ctx, id);
  assertMayDecideAid(ctx.actor, a.village_code);
  const note = text(form, 'catatan').slice(0, 1000);
  await move(ctx, a, 'diteruskan', 'disetujui', { decision_reason: note || null }, note);
}

export async function reject(ctx: Ctx, id: string, form: Form): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => reject(tx, id, form));
  const a = await loadApplication(ctx, id);
  assertMayDecideAid(ctx.actor, a.village_code);
  const reason = reasonOf(form, t('aid.error.rejectReasonRequired'));
  await move(ctx, a, 'diteruskan', 'ditolak', { decision_reason: reason }, reason);
}

/** The aid reached the family: the date, and the amount or the goods; the registry entry follows. */
export async function recordDisbursement(ctx: Ctx, id: string, form: Form): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => recordDisbursement(tx, id, form));
  const a = await loadApplication(ctx, id);
  if (!mayRecordDisbursement(ctx.actor, a.village_code)) throw new Forbidden(t('aid.error.notYourVillage'));
  const errors: Record<string, string> = {};
  const date = text(form, 'tanggal');
  if (!isCalendarDate(date) || date > today(ctx)) errors.tanggal = t('aid.error.disbursedDate');
  const amountText = text(form, 'jumlah').replace(/[.\s]/g, '');
  const goods = text(form, 'barang').slice(0, 300);
  const amount = amountText === '' ? null : Number(amountText);
  if (amount !== null && !(Number.isSafeInteger(amount) && amount > 0)) errors.jumlah = t('aid.error.amount');
  else if (amount === null && !goods) errors.jumlah = t('aid.error.amountOrGoods');
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  if (a.status !== 'disetujui')
    throw new Conflict(t('aid.error.wrongStatus', { status: t(`aid.status.${a.status}`) }));
  const beneficiaryId = await upsertFromDisbursement(ctx, a, date);
  const note = amount !== null ? t('aid.history.amount', { amount: amount.toLocaleString('id-ID') }) : goods;
  await move(
    ctx,
    a,
    'disetujui',
    'disalurkan',
    { disbursed_on: date, amount, goods: goods || null, beneficiary_id: beneficiaryId },
    note,
  );
  await addBeneficiaryEvent(ctx, { id: beneficiaryId, villageCode: a.village_code }, 'disalurkan', note, {
    onDate: date,
    amount,
    goods: goods || null,
  });
}

// ---- reading ----

export interface ApplicationEvent {
  status: ApplicationStatus;
  note: string;
  actorKind: string;
  actorName: string;
  at: Date;
}

export interface ApplicationPage {
  application: repo.ApplicationView;
  events: ApplicationEvent[];
  holder: Holder;
  inFull: boolean;
  decile: { decile: number; asOf: string; source: string } | null;
  may: { verify: boolean; forward: boolean; decide: boolean; disburse: boolean; resubmit: boolean };
}

function masked(a: repo.ApplicationView): repo.ApplicationView {
  return {
    ...a,
    nik: mask(a.nik),
    family_number: a.family_number ? mask(a.family_number) : null,
    phone: null,
    reason: '',
  };
}

/** One application for staff (audited) or its own resident, with what the reader may do next. */
export async function getApplication(ctx: Ctx, id: string): Promise<ApplicationPage> {
  const a = await loadApplication(ctx, id);
  const actor = ctx.actor;
  assertMayReadAidRecord(actor, subjectOf(a));
  const inFull = seesAidInFull(actor, subjectOf(a));
  await auditStaffRead(ctx, { entity: 'aid_application', entityId: a.id, villageCode: a.village_code });
  const events = (await repo.applicationEvents(ctx.db, a.id)).map((e) => ({
    status: e.status as ApplicationStatus,
    note: inFull || e.status === 'ditolak' || e.status === 'dikembalikan' ? e.note : '',
    actorKind: e.actor_kind,
    actorName: actor?.kind === 'staff' ? e.actor_name : '',
    at: e.at,
  }));
  const keeps = mayKeepVillageAid(actor, a.village_code);
  const own = actor?.kind === 'resident';
  return {
    application: inFull ? a : masked(a),
    events,
    holder: holderOf(a.status),
    inFull,
    decile:
      inFull && actor?.kind === 'staff' && a.family_number ? await decileOf(ctx, a.family_number) : null,
    may: {
      verify: keeps && a.status === 'diajukan',
      forward: keeps && a.status === 'diverifikasi_desa',
      decide: mayDecideAid(actor, a.village_code) && a.status === 'diteruskan',
      disburse: mayRecordDisbursement(actor, a.village_code) && a.status === 'disetujui',
      resubmit: (own || keeps) && a.status === 'dikembalikan',
    },
  };
}

/** The berita acara scan of an application's musyawarah desa: for those who read the application in full. */
export async function minutesScanId(ctx: Ctx, id: string): Promise<string> {
  const a = await loadApplication(ctx, id);
  if (!seesAidInFull(ctx.actor, subjectOf(a)) || ctx.actor?.kind === 'resident')
    throw new Forbidden(t('aid.error.notYours'));
  if (!a.musdes_file_id) throw new NotFound(t('aid.error.noScan'));
  await audit(ctx, {
    action: 'read_personal',
    entity: 'aid_minutes',
    entityId: a.id,
    villageCode: a.village_code,
  });
  return a.musdes_file_id;
}

/** The signed-in resident's applications, newest first. */
export async function myApplications(ctx: Ctx) {
  const actor = ctx.actor;
  if (actor?.kind !== 'resident') throw new Forbidden();
  return repo.applicationsOfResident(ctx.db, actor.id, actor.nik);
}

export interface QueueFilter {
  status?: string;
  kecamatan?: string;
  desa?: string;
  program?: string;
  page?: string;
}

/** Which region a list narrows to: the actor's own, or a kecamatan or village within it. */
function narrowed(region: string | null, filter: QueueFilter): string | null {
  for (const code of [filter.desa, filter.kecamatan]) {
    if (!code) continue;
    if (region !== null && !regionContains(region, code))
      throw new Forbidden(t('aid.error.recordsOutOfScope'));
    return code;
  }
  return region;
}

/**
 * The applications list: a village office its village, a camat its kecamatan (masked), Dinsos one
 * queue of every village's forwarded proposals (the default filter), overdue first.
 */
export async function listApplications(ctx: Ctx, filter: QueueFilter) {
  const region = aidRecordRegion(ctx.actor);
  const dinsos = ctx.actor?.kind === 'staff' && ctx.actor.scope.type === 'agency';
  const status = filter.status === undefined && dinsos ? 'diteruskan' : (filter.status ?? '');
  const statuses =
    status === 'terbuka' || status === ''
      ? status === ''
        ? undefined
        : OPEN_STATUSES
      : STATUSES.filter((s) => s === status);
  if (status && status !== 'terbuka' && statuses?.length === 0)
    throw new Invalid({ status: t('aid.error.unknownStatus') });
  const page = pageNumber(filter.page);
  const result = await repo.listApplications(ctx.db, {
    region: narrowed(region, filter),
    statuses,
    programmeId: filter.program && /^[0-9a-f-]{36}$/.test(filter.program) ? filter.program : undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const now = ctx.clock.now();
  const rows = result.rows.map((a) => {
    const row = seesAidInFull(ctx.actor, subjectOf(a)) ? a : masked(a);
    return { ...row, overdue: a.due_at !== null && a.due_at < now };
  });
  if (rows.length > 0 && ctx.actor?.kind === 'staff')
    await audit(ctx, {
      action: 'read_personal',
      entity: 'aid_application_list',
      villageCode: region,
      detail: { count: rows.length },
    });
  return { rows, total: result.total, page, status };
}
