/** The archive module's domain: the classification list, the incoming and outgoing registers. */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { audit } from '../../platform/audit/service.ts';
import { actorId } from '../../platform/auth/roles.ts';
import { type Ctx, inTransaction } from '../../platform/context.ts';
import { readFile, saveFile, sniffContentType } from '../../platform/files/index.ts';
import { Invalid, NotFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { issuedLetterRegister } from '../../platform/issued-letters.ts';
import type { WorkCount, WorkDoneRow, WorkItem } from '../../platform/module.ts';
import { referencePath } from '../../platform/paths.ts';
import { endOfJakartaDay, isCalendarDate, jakartaDate } from '../../platform/time.ts';
import {
  assertMayDeleteEntry,
  assertMayKeepClassification,
  assertMayKeepRegister,
  assertMayReadRegister,
  mayDeleteEntry,
  mayKeepRegister,
  readsRegister,
  registerRegion,
} from './policy.ts';
import * as repo from './repo.ts';

const CODE_FILE = referencePath('reference-codes', 'klasifikasi_arsip_2022.csv');
const CODE_PATTERN = /^\d{3}(\.\d+)*$/;
/** A scanned letter or receipt: a few pages of PDF or a phone photo. */
export const MAX_SCAN_BYTES = 10 * 1024 * 1024;
export const PAGE_SIZE = 50;
export const DISPOSITION_STATES = ['belum', 'proses', 'selesai'] as const;
export type DispositionState = (typeof DISPOSITION_STATES)[number];

export interface UploadedScan {
  filename: string;
  bytes: Buffer;
}

// ---- classification

/** Loads the shipped Permendagri 83/2022 list; codes already stored (and edited) are left alone. */
export async function seedClassificationCodes(ctx: Ctx): Promise<void> {
  const rows = parse(fs.readFileSync(CODE_FILE, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<
    Record<'kode' | 'nama' | 'induk' | 'retensi_aktif' | 'retensi_inaktif' | 'keterangan_akhir', string>
  >;
  if ((await repo.countCodes(ctx.db)) >= rows.length) return;
  // the file lists parents before children, so each batch finds its parents stored
  await repo.insertCodes(
    ctx.db,
    rows.map((r) => ({
      code: r.kode,
      name: r.nama,
      parent: r.induk || null,
      retention_active: r.retensi_aktif,
      retention_inactive: r.retensi_inaktif,
      final_disposition: r.keterangan_akhir,
    })),
  );
}

/** The name of an active code, or null: what letters are numbered with and registers filed under. */
export async function activeClassificationName(ctx: Ctx, code: string): Promise<string | null> {
  return repo.selectActiveCodeName(ctx.db, code.trim());
}

let oldCodes: Map<string, string> | null = null;

/** The 78/2012 codes the catalog used, each with its 2022 code (reference/…/klasifikasi_arsip_2012_ke_2022.csv). */
function oldCodeMapping(): Map<string, string> {
  if (!oldCodes) {
    const rows = parse(
      fs.readFileSync(referencePath('reference-codes', 'klasifikasi_arsip_2012_ke_2022.csv'), 'utf8'),
      {
        columns: true,
        skip_empty_lines: true,
      },
    ) as Array<{ kode_lama: string; kode_baru: string }>;
    oldCodes = new Map(rows.map((r) => [r.kode_lama.trim(), r.kode_baru.trim()]));
  }
  return oldCodes;
}

/**
 * The code to number a letter with: the code itself when it is active, the 2022 code of an old
 * 78/2012 one (a catalog stored before the 2022 list, or a request made under it), else null.
 */
export async function currentClassificationCode(ctx: Ctx, code: string): Promise<string | null> {
  const typed = code.trim();
  if (await activeClassificationName(ctx, typed)) return typed;
  const mapped = oldCodeMapping().get(typed);
  return mapped && (await activeClassificationName(ctx, mapped)) ? mapped : null;
}

export async function listClassificationCodes(ctx: Ctx, filter: { q?: string; page?: number }) {
  assertMayKeepClassification(ctx.actor);
  const page = Math.max(1, filter.page ?? 1);
  const { rows, total } = await repo.searchCodes(ctx.db, {
    q: filter.q?.trim() || undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  return { rows, total, page };
}

export async function classificationCode(ctx: Ctx, code: string) {
  assertMayKeepClassification(ctx.actor);
  const row = await repo.selectCode(ctx.db, code);
  if (!row) throw new NotFound(t('archive.error.codeNotFound'));
  return row;
}

export interface CodeInput {
  code?: string | undefined;
  name?: string | undefined;
  retentionActive?: string | undefined;
  retentionInactive?: string | undefined;
  finalDisposition?: string | undefined;
  active?: boolean | undefined;
}

function parentOf(code: string): string | null {
  const parts = code.split('.');
  if (parts.length === 1) return null;
  return parts.slice(0, -1).join('.');
}

/** Adds a code or changes one (its name, retention, whether new letters may use it); never its number. */
export async function saveClassificationCode(ctx: Ctx, input: CodeInput): Promise<string> {
  assertMayKeepClassification(ctx.actor);
  const code = (input.code ?? '').trim();
  const name = (input.name ?? '').trim();
  const problems: Record<string, string> = {};
  if (!CODE_PATTERN.test(code)) problems.code = t('archive.error.codeFormat');
  if (name === '') problems.name = t('archive.error.nameRequired');
  const parent = parentOf(code);
  if (!problems.code && parent && !(await repo.selectCode(ctx.db, parent)))
    problems.code = t('archive.error.parentMissing', { parent });
  if (Object.keys(problems).length > 0) throw new Invalid(problems);
  await repo.upsertCode(ctx.db, {
    code,
    name,
    parent,
    retention_active: input.retentionActive?.trim() ?? '',
    retention_inactive: input.retentionInactive?.trim() ?? '',
    final_disposition: input.finalDisposition?.trim() ?? '',
    active: input.active ?? true,
    updated_at: ctx.clock.now(),
  });
  await audit(ctx, { action: 'save', entity: 'classification_code', entityId: code, detail: { name } });
  return code;
}

// ---- shared checks

function dateProblem(value: string | undefined, field: string, problems: Record<string, string>) {
  if (!value || !isCalendarDate(value)) problems[field] = t('archive.error.date');
}

/**
 * Why a classification code may not be filed under, or null: it must be an active code of the
 * list (not merely look like one). Registers and documents check their codes with it.
 */
export async function classificationCodeProblem(ctx: Ctx, code: string): Promise<string | null> {
  if (await activeClassificationName(ctx, code)) return null;
  return t('archive.error.classificationUnknown', { code: code.trim() });
}

async function classificationProblem(ctx: Ctx, code: string | undefined, problems: Record<string, string>) {
  const problem = code?.trim()
    ? await classificationCodeProblem(ctx, code)
    : t('archive.error.classificationRequired');
  if (problem) problems.classificationCode = problem;
}

function required(value: string | undefined, field: string, problems: Record<string, string>) {
  if (!value?.trim()) problems[field] = t('archive.error.required');
}

async function storeScan(ctx: Ctx, villageCode: string, scan: UploadedScan, field: string) {
  const contentType = sniffContentType(scan.bytes);
  if (!contentType) throw new Invalid({ [field]: t('archive.error.scanType') });
  if (scan.bytes.length > MAX_SCAN_BYTES) throw new Invalid({ [field]: t('archive.error.scanTooLarge') });
  const saved = await saveFile(ctx, { bytes: scan.bytes, contentType, name: scan.filename, villageCode });
  return saved.id;
}

/** The village whose registers the acting officer keeps (Forbidden for a camat or anybody else). */
export function ownVillage(ctx: Ctx): string {
  const region = registerRegion(ctx.actor);
  assertMayKeepRegister(ctx.actor, region);
  return region;
}

function today(ctx: Ctx): string {
  return jakartaDate(ctx.clock.now());
}

// ---- incoming

export interface IncomingInput {
  receivedOn?: string | undefined;
  letterNumber?: string | undefined;
  letterDate?: string | undefined;
  sender?: string | undefined;
  subject?: string | undefined;
  classificationCode?: string | undefined;
}

/** Files a received letter in the village's agenda, with the next agenda number of its year. */
export async function registerIncoming(
  ctx: Ctx,
  input: IncomingInput,
  scan?: UploadedScan | null,
): Promise<string> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => registerIncoming(tx, input, scan));
  const villageCode = ownVillage(ctx);
  const problems: Record<string, string> = {};
  dateProblem(input.receivedOn, 'receivedOn', problems);
  dateProblem(input.letterDate, 'letterDate', problems);
  if (!problems.receivedOn && input.receivedOn! > today(ctx)) problems.receivedOn = t('archive.error.future');
  required(input.letterNumber, 'letterNumber', problems);
  required(input.sender, 'sender', problems);
  required(input.subject, 'subject', problems);
  await classificationProblem(ctx, input.classificationCode, problems);
  if (Object.keys(problems).length > 0) throw new Invalid(problems);
  const scanFileId = scan ? await storeScan(ctx, villageCode, scan, 'scan') : null;
  const year = Number(input.receivedOn!.slice(0, 4));
  await repo.lockAgenda(ctx.db, 'masuk', villageCode, year);
  const id = await repo.insertIncoming(ctx.db, {
    village_code: villageCode,
    year,
    agenda_number: await repo.nextAgendaNumber(ctx.db, 'archive_incoming', villageCode, year),
    received_on: input.receivedOn!,
    letter_number: input.letterNumber!.trim(),
    letter_date: input.letterDate!,
    sender: input.sender!.trim(),
    subject: input.subject!.trim(),
    classification_code: input.classificationCode!.trim(),
    scan_file_id: scanFileId,
    created_by: actorId(ctx.actor),
    created_at: ctx.clock.now(),
  });
  await audit(ctx, { action: 'create', entity: 'archive_incoming', entityId: id, villageCode });
  return id;
}

export interface RegisterQuery {
  year?: string | undefined;
  classification?: string | undefined;
  status?: string | undefined;
  q?: string | undefined;
  mine?: boolean | undefined;
  page?: number | undefined;
}

function yearOf(value: string | undefined): number | undefined {
  return value && /^\d{4}$/.test(value) ? Number(value) : undefined;
}

export async function listIncoming(ctx: Ctx, query: RegisterQuery) {
  const region = registerRegion(ctx.actor);
  const page = Math.max(1, query.page ?? 1);
  const status = ['tanpa', ...DISPOSITION_STATES].find((s) => s === query.status) as
    | repo.IncomingFilter['status']
    | undefined;
  const { rows, total } = await repo.selectIncomingList(ctx.db, {
    region,
    year: yearOf(query.year),
    classification: query.classification?.trim() || undefined,
    q: query.q?.trim() || undefined,
    status,
    assigneeId: query.mine ? (actorId(ctx.actor) ?? undefined) : undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  return { rows, total, page, mayRegister: mayKeepRegister(ctx.actor, region) };
}

async function liveIncoming(ctx: Ctx, id: string) {
  const row = await repo.selectIncoming(ctx.db, id);
  if (!row || row.deleted_at) throw new NotFound(t('archive.error.entryNotFound'));
  assertMayReadRegister(ctx.actor, row.village_code);
  return row;
}

export async function incomingLetter(ctx: Ctx, id: string) {
  const entry = await liveIncoming(ctx, id);
  const [dispositions, staff] = await Promise.all([
    repo.selectDispositions(ctx.db, id),
    repo.selectVillageStaff(ctx.db, entry.village_code),
  ]);
  const keeps = mayKeepRegister(ctx.actor, entry.village_code);
  const now = today(ctx);
  return {
    entry,
    dispositions: dispositions.map((d) => ({
      ...d,
      overdue: d.status !== 'selesai' && d.due_on !== null && d.due_on < now,
    })),
    staff: keeps ? staff : [],
    mayKeep: keeps,
    mayDelete: mayDeleteEntry(ctx.actor, entry.village_code),
  };
}

export interface DispositionInput {
  assigneeId?: string | undefined;
  instruction?: string | undefined;
  dueOn?: string | undefined;
}

/** Hands a received letter to a staff member of the village with an instruction and a due date. */
export async function disposeIncoming(
  ctx: Ctx,
  incomingId: string,
  input: DispositionInput,
): Promise<string> {
  const entry = await liveIncoming(ctx, incomingId);
  assertMayKeepRegister(ctx.actor, entry.village_code);
  const staff = await repo.selectVillageStaff(ctx.db, entry.village_code);
  const problems: Record<string, string> = {};
  if (!staff.some((s) => s.id === input.assigneeId)) problems.assigneeId = t('archive.error.assignee');
  required(input.instruction, 'instruction', problems);
  if (input.dueOn) {
    if (!isCalendarDate(input.dueOn)) problems.dueOn = t('archive.error.date');
    else if (input.dueOn < entry.received_on) problems.dueOn = t('archive.error.dueBeforeReceipt');
  }
  if (Object.keys(problems).length > 0) throw new Invalid(problems);
  const id = await repo.insertDisposition(ctx.db, {
    incoming_id: entry.id,
    village_code: entry.village_code,
    assignee_id: input.assigneeId!,
    instruction: input.instruction!.trim(),
    due_on: input.dueOn || null,
    status: 'belum',
    created_by: actorId(ctx.actor),
    created_at: ctx.clock.now(),
    updated_at: ctx.clock.now(),
  });
  await audit(ctx, {
    action: 'dispose',
    entity: 'archive_incoming',
    entityId: entry.id,
    villageCode: entry.village_code,
    detail: { disposition: id },
  });
  return id;
}

/** The follow-up of a disposition: its state and the reply or note of what was done. */
export async function followUpDisposition(
  ctx: Ctx,
  dispositionId: string,
  input: { status?: string | undefined; reply?: string | undefined },
): Promise<string> {
  const disposition = await repo.selectDisposition(ctx.db, dispositionId);
  if (!disposition) throw new NotFound(t('archive.error.entryNotFound'));
  const entry = await liveIncoming(ctx, disposition.incoming_id);
  assertMayKeepRegister(ctx.actor, entry.village_code);
  const status = DISPOSITION_STATES.find((s) => s === input.status);
  const reply = input.reply?.trim() ?? '';
  const problems: Record<string, string> = {};
  if (!status) problems.status = t('archive.error.status');
  if (status === 'selesai' && reply === '') problems.reply = t('archive.error.replyRequired');
  if (Object.keys(problems).length > 0) throw new Invalid(problems);
  await repo.updateDisposition(ctx.db, dispositionId, { status: status!, reply, at: ctx.clock.now() });
  await audit(ctx, {
    action: 'follow_up',
    entity: 'archive_incoming',
    entityId: entry.id,
    villageCode: entry.village_code,
    detail: { disposition: dispositionId, status: status! },
  });
  return entry.id;
}

/** The scan of a received letter, for whoever reads the register; every download is audited. */
export async function incomingScan(ctx: Ctx, id: string) {
  const entry = await liveIncoming(ctx, id);
  if (!entry.scan_file_id) throw new NotFound(t('archive.error.noScan'));
  await audit(ctx, {
    action: 'download',
    entity: 'archive_incoming',
    entityId: entry.id,
    villageCode: entry.village_code,
  });
  return readFile(ctx, entry.scan_file_id);
}

function reasonOf(reason: string | undefined): string {
  const text = reason?.trim() ?? '';
  if (text.length < 10) throw new Invalid({ reason: t('archive.error.reason') });
  return text;
}

/** Takes an entry out of its register: kept, marked deleted with who, when and why. */
async function deleteEntry(
  ctx: Ctx,
  table: 'archive_incoming' | 'archive_outgoing',
  entry: { id: string; village_code: string },
  reason: string | undefined,
): Promise<void> {
  assertMayDeleteEntry(ctx.actor, entry.village_code);
  const why = reasonOf(reason);
  await repo.markDeleted(ctx.db, table, entry.id, {
    at: ctx.clock.now(),
    by: actorId(ctx.actor),
    reason: why,
  });
  await audit(ctx, {
    action: 'delete',
    entity: table,
    entityId: entry.id,
    villageCode: entry.village_code,
    detail: { reason: why },
  });
}

export async function deleteIncoming(ctx: Ctx, id: string, reason: string | undefined): Promise<void> {
  await deleteEntry(ctx, 'archive_incoming', await liveIncoming(ctx, id), reason);
}

export async function listDeleted(ctx: Ctx) {
  return repo.selectDeleted(ctx.db, registerRegion(ctx.actor));
}

// ---- outgoing

export interface OutgoingInput {
  letterNumber?: string | undefined;
  letterDate?: string | undefined;
  recipient?: string | undefined;
  subject?: string | undefined;
  classificationCode?: string | undefined;
}

/** Records a letter the office wrote itself (letters issued through a service are listed by themselves). */
export async function registerOutgoing(ctx: Ctx, input: OutgoingInput): Promise<string> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => registerOutgoing(tx, input));
  const villageCode = ownVillage(ctx);
  const problems: Record<string, string> = {};
  dateProblem(input.letterDate, 'letterDate', problems);
  required(input.letterNumber, 'letterNumber', problems);
  required(input.recipient, 'recipient', problems);
  required(input.subject, 'subject', problems);
  await classificationProblem(ctx, input.classificationCode, problems);
  if (Object.keys(problems).length > 0) throw new Invalid(problems);
  const year = Number(input.letterDate!.slice(0, 4));
  await repo.lockAgenda(ctx.db, 'keluar', villageCode, year);
  const id = await repo.insertOutgoing(ctx.db, {
    village_code: villageCode,
    year,
    agenda_number: await repo.nextAgendaNumber(ctx.db, 'archive_outgoing', villageCode, year),
    letter_number: input.letterNumber!.trim(),
    letter_date: input.letterDate!,
    recipient: input.recipient!.trim(),
    subject: input.subject!.trim(),
    classification_code: input.classificationCode!.trim(),
    created_by: actorId(ctx.actor),
    created_at: ctx.clock.now(),
  });
  await audit(ctx, { action: 'create', entity: 'archive_outgoing', entityId: id, villageCode });
  return id;
}

export interface OutgoingLine {
  /** the manual entry's id; null for a letter issued through a service */
  id: string | null;
  agendaNumber: number | null;
  letterNumber: string;
  letterDate: string;
  recipient: string;
  subject: string;
  classificationCode: string;
  sentOn: string | null;
  receipt: boolean;
  issuedLetterId: string | null;
  verificationCode: string | null;
}

/** The first segment of a letter number is its classification code (`400.12.2.2/002/…`). */
function codeOfNumber(number: string): string {
  return number.split('/')[0]?.trim() ?? '';
}

function matches(line: OutgoingLine, query: { classification?: string; q?: string }): boolean {
  const code = query.classification;
  if (code && line.classificationCode !== code && !line.classificationCode.startsWith(`${code}.`))
    return false;
  const q = query.q?.toLowerCase();
  return !q || [line.subject, line.recipient, line.letterNumber].some((v) => v.toLowerCase().includes(q));
}

/**
 * The agenda of outgoing letters of one year: the entries the office recorded by hand together
 * with every letter issued through a service, read as they are through the platform's issued-letter
 * register (which the letters module fills).
 */
export async function listOutgoing(ctx: Ctx, query: RegisterQuery) {
  const region = registerRegion(ctx.actor);
  const year = yearOf(query.year) ?? Number(today(ctx).slice(0, 4));
  const filter = {
    classification: query.classification?.trim() || undefined,
    q: query.q?.trim() || undefined,
  };
  const manual = await repo.selectOutgoingOfYear(ctx.db, { region, year, ...filter });
  const issued = await issuedLetterRegister().ofYear(ctx, region, year);
  const lines: OutgoingLine[] = [
    ...manual.map((r) => ({
      id: r.id,
      agendaNumber: r.agenda_number,
      letterNumber: r.letter_number,
      letterDate: r.letter_date,
      recipient: r.recipient,
      subject: r.subject,
      classificationCode: r.classification_code,
      sentOn: r.sent_on,
      receipt: r.receipt_file_id !== null || r.receipt_noted_at !== null,
      issuedLetterId: null,
      verificationCode: null,
    })),
    ...issued.map((l) => ({
      id: null,
      agendaNumber: null,
      letterNumber: l.number,
      letterDate: jakartaDate(l.issuedAt),
      recipient: l.subjectName,
      subject: l.title,
      classificationCode: codeOfNumber(l.number),
      sentOn: jakartaDate(l.issuedAt),
      receipt: true,
      issuedLetterId: l.id,
      verificationCode: l.verificationCode,
    })),
  ].filter((line) => matches(line, filter));
  lines.sort((a, b) => (a.letterDate === b.letterDate ? 0 : a.letterDate < b.letterDate ? 1 : -1));
  const page = Math.max(1, query.page ?? 1);
  return {
    year,
    total: lines.length,
    page,
    lines: lines.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    mayRegister: mayKeepRegister(ctx.actor, region),
  };
}

async function liveOutgoing(ctx: Ctx, id: string) {
  const row = await repo.selectOutgoing(ctx.db, id);
  if (!row || row.deleted_at) throw new NotFound(t('archive.error.entryNotFound'));
  assertMayReadRegister(ctx.actor, row.village_code);
  return row;
}

export async function outgoingLetter(ctx: Ctx, id: string) {
  const entry = await liveOutgoing(ctx, id);
  return {
    entry,
    mayKeep: mayKeepRegister(ctx.actor, entry.village_code),
    mayDelete: mayDeleteEntry(ctx.actor, entry.village_code),
  };
}

/** The expedition: when the letter left, and its receipt (tanda terima) as a scan or marked as received. */
export async function recordSending(
  ctx: Ctx,
  id: string,
  input: { sentOn?: string | undefined; receiptNoted?: boolean | undefined },
  receipt?: UploadedScan | null,
): Promise<void> {
  const entry = await liveOutgoing(ctx, id);
  assertMayKeepRegister(ctx.actor, entry.village_code);
  const problems: Record<string, string> = {};
  dateProblem(input.sentOn, 'sentOn', problems);
  if (!problems.sentOn && input.sentOn! < entry.letter_date)
    problems.sentOn = t('archive.error.sentBeforeLetter');
  if (!problems.sentOn && input.sentOn! > today(ctx)) problems.sentOn = t('archive.error.future');
  if (Object.keys(problems).length > 0) throw new Invalid(problems);
  const receiptFileId = receipt ? await storeScan(ctx, entry.village_code, receipt, 'receipt') : undefined;
  const noted = Boolean(input.receiptNoted) || receiptFileId !== undefined;
  await repo.updateSending(ctx.db, id, {
    sentOn: input.sentOn!,
    receiptFileId,
    receiptNotedAt: noted ? (entry.receipt_noted_at ?? ctx.clock.now()) : null,
  });
  await audit(ctx, {
    action: 'send',
    entity: 'archive_outgoing',
    entityId: id,
    villageCode: entry.village_code,
  });
}

export async function outgoingReceipt(ctx: Ctx, id: string) {
  const entry = await liveOutgoing(ctx, id);
  if (!entry.receipt_file_id) throw new NotFound(t('archive.error.noScan'));
  await audit(ctx, {
    action: 'download',
    entity: 'archive_outgoing',
    entityId: id,
    villageCode: entry.village_code,
  });
  return readFile(ctx, entry.receipt_file_id);
}

export async function deleteOutgoing(ctx: Ctx, id: string, reason: string | undefined): Promise<void> {
  await deleteEntry(ctx, 'archive_outgoing', await liveOutgoing(ctx, id), reason);
}

/** What waits for the acting officer: the dispositions handed to them and not yet done. */
export async function openDispositions(ctx: Ctx): Promise<{ open: number; overdue: number }> {
  const id = actorId(ctx.actor);
  if (ctx.actor?.kind !== 'staff' || !id) return { open: 0, overdue: 0 };
  return repo.countOpenDispositions(ctx.db, id, today(ctx));
}

/**
 * Each open disposition addressed to the acting officer (`/kelola/kerja`): due at the end of its
 * due day in Serang, overdue from the day after.
 */
export async function openDispositionItems(ctx: Ctx, options: { limit: number }): Promise<WorkItem[]> {
  const id = actorId(ctx.actor);
  if (ctx.actor?.kind !== 'staff' || !id) return [];
  const day = today(ctx);
  const rows = await repo.selectOpenDispositionsOf(ctx.db, id, options.limit);
  // ordered by due day, so the overdue ones lead and those without a due day come last
  return rows.map((r) => ({
    kind: 'archive.disposition',
    title: t('archive.workItem.disposition', { sender: r.sender, subject: r.subject }),
    href: `/kelola/arsip/surat-masuk/${r.incoming_id}`,
    dueAt: r.due_on ? endOfJakartaDay(r.due_on) : null,
    receivedAt: new Date(r.created_at),
    overdue: r.due_on !== null && r.due_on < day,
  }));
}

/** How many dispositions `openDispositionItems` lists (uncapped) and how many are overdue: the menu's count. */
export async function openDispositionCount(ctx: Ctx): Promise<WorkCount> {
  const { open, overdue } = await openDispositions(ctx);
  return { waiting: open, late: overdue };
}

/**
 * Dispositions followed up to the end (`selesai`) in the period in the officer's registers (their
 * village's, a camat's kecamatan's): by the officer they were addressed to, received when disposed,
 * within target when finished by their due day (or when they had none).
 */
export async function dispositionsDone(ctx: Ctx, period: { from: Date; to: Date }): Promise<WorkDoneRow[]> {
  if (ctx.actor?.kind !== 'staff' || !readsRegister(ctx.actor)) return [];
  const rows = await repo.selectDispositionsFinished(ctx.db, registerRegion(ctx.actor), period);
  return rows.map((r) => ({
    kind: 'archive.disposition',
    officerId: r.assignee_id,
    officerName: r.officer_name ?? t('archive.workDone.unknownOfficer'),
    unit: { type: 'region', code: r.village_code },
    receivedAt: new Date(r.created_at),
    doneAt: new Date(r.updated_at),
    withinTarget: r.due_on === null || jakartaDate(new Date(r.updated_at)) <= r.due_on,
  }));
}
