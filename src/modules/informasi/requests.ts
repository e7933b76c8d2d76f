import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { audit } from '../../platform/audit/service.ts';
import { actorId, isStaff, mask } from '../../platform/auth/roles.ts';
import { addWorkingDays, holidaySet } from '../../platform/calendar.ts';
import { type Ctx, inTransaction } from '../../platform/context.ts';
import { readFile, saveFile } from '../../platform/files/index.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/http/input.ts';
import { t } from '../../platform/i18n/index.ts';
import { notifyContact } from '../../platform/outbox/index.ts';
import { jakartaYearMonth } from '../../platform/time.ts';
import { getBody, numberPart } from './bodies.ts';
import type { UploadedDocument } from './dip.ts';
import { documentName, MAX_DOCUMENT_BYTES, sniffDocument } from './documents.ts';
import {
  assertPpid,
  type BodyRef,
  mayActAsPpid,
  mayDecideObjection,
  mayReadRequests,
  requestScopeFor,
  seesRequesterInFull,
} from './policy.ts';
import * as repo from './repo.ts';
import type { InformasiRequestTable, RequestState } from './schema.ts';

/** UU 14/2008 pasal 22 ayat 7: an answer within 10 working days of receipt. */
export const ANSWER_WORKING_DAYS = 10;
/** UU 14/2008 pasal 22 ayat 8: one extension of at most 7 working days, with a written reason. */
export const EXTENSION_WORKING_DAYS = 7;
/** UU 14/2008 pasal 36: an objection within 30 working days, answered by the superior within 30. */
export const OBJECTION_FILING_WORKING_DAYS = 30;
export const OBJECTION_ANSWER_WORKING_DAYS = 30;

export const DELIVERIES = ['lihat', 'softcopy', 'hardcopy'] as const;
export const COPY_METHODS = ['email', 'ambil', 'pos'] as const;
/** UU 14/2008 pasal 17 huruf a–j: the grounds on which information is excluded. */
export const REFUSAL_GROUNDS = [
  'p17a',
  'p17b',
  'p17c',
  'p17d',
  'p17e',
  'p17f',
  'p17g',
  'p17h',
  'p17i',
  'p17j',
] as const;
/** UU 14/2008 pasal 35 ayat 1 huruf a–g: the reasons for an objection. */
export const OBJECTION_REASONS = ['p35a', 'p35b', 'p35c', 'p35d', 'p35e', 'p35f', 'p35g'] as const;

type RequestRow = NonNullable<Awaited<ReturnType<typeof repo.selectRequestById>>>;

const OPEN: ReadonlySet<RequestState> = new Set(['diproses', 'diperpanjang']);

export interface RequestInput {
  name?: string;
  idKind?: string;
  idNumber?: string;
  address?: string;
  phone?: string;
  email?: string;
  information?: string;
  purpose?: string;
  delivery?: string;
  copyMethod?: string;
  /** a field people never see: bots fill it */
  website?: string;
}

function text(value: string | undefined): string {
  return (value ?? '').trim();
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function trackingPath(number: string, token?: string): string {
  return `/informasi-publik/lacak/${number}${token ? `?kunci=${encodeURIComponent(token)}` : ''}`;
}

/** The deadline that holds now: the extended one once extended. */
export function effectiveDue(row: { due_at: Date; extended_due_at: Date | null }): Date {
  return row.extended_due_at ?? row.due_at;
}

export function isOverdue(
  row: { state: RequestState; due_at: Date; extended_due_at: Date | null },
  now: Date,
): boolean {
  return OPEN.has(row.state) && effectiveDue(row) < now;
}

function checkRequest(input: RequestInput) {
  const errors: Record<string, string> = {};
  const name = text(input.name);
  if (!name) errors.name = t('informasi.error.required');
  else if (name.length > 200) errors.name = t('informasi.error.tooLong', { max: '200' });
  const idKind: 'nik' | 'lain' | null =
    input.idKind === 'lain' ? 'lain' : input.idKind === 'nik' ? 'nik' : null;
  if (!idKind) errors.idKind = t('informasi.error.choice');
  const idNumber = text(input.idNumber).replace(/\s+/g, '');
  if (!idNumber) errors.idNumber = t('informasi.error.required');
  else if (idKind === 'nik' && !/^\d{16}$/.test(idNumber)) errors.idNumber = t('informasi.error.nik');
  else if (idNumber.length > 40) errors.idNumber = t('informasi.error.tooLong', { max: '40' });
  const address = text(input.address);
  if (!address) errors.address = t('informasi.error.required');
  else if (address.length > 500) errors.address = t('informasi.error.tooLong', { max: '500' });
  const phone = text(input.phone).replace(/[\s-]/g, '');
  if (phone && !/^(\+62|62|0)8\d{7,12}$/.test(phone)) errors.phone = t('informasi.error.phone');
  const email = text(input.email).toLowerCase();
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(email)) errors.email = t('informasi.error.email');
  const information = text(input.information);
  if (!information) errors.information = t('informasi.error.required');
  else if (information.length > 4000) errors.information = t('informasi.error.tooLong', { max: '4000' });
  const purpose = text(input.purpose);
  if (!purpose) errors.purpose = t('informasi.error.required');
  else if (purpose.length > 2000) errors.purpose = t('informasi.error.tooLong', { max: '2000' });
  const delivery = input.delivery as (typeof DELIVERIES)[number];
  if (!DELIVERIES.includes(delivery)) errors.delivery = t('informasi.error.choice');
  let copyMethod: InformasiRequestTable['copy_method'] = 'tidak';
  if (delivery === 'softcopy' || delivery === 'hardcopy') {
    const chosen = input.copyMethod as (typeof COPY_METHODS)[number];
    if (!COPY_METHODS.includes(chosen)) errors.copyMethod = t('informasi.error.copyMethod');
    else if (chosen === 'email' && delivery === 'hardcopy')
      errors.copyMethod = t('informasi.error.hardcopyByEmail');
    else if (chosen === 'email' && !email) errors.email = t('informasi.error.emailForCopy');
    else copyMethod = chosen;
  }
  if (Object.keys(errors).length > 0) throw new Invalid(errors, t('informasi.error.summary'));
  return {
    name,
    idKind: idKind!,
    idNumber,
    address,
    phone: phone || null,
    email: email || null,
    information,
    purpose,
    delivery,
    copyMethod,
  };
}

/**
 * Receives an information request (anyone, no login): a registration number per body and year,
 * a private tracking key (only its hash is kept), the deadline 10 working days on.
 */
export async function submitRequest(
  ctx: Ctx,
  bodyCode: string,
  input: RequestInput,
): Promise<{ number: string; token: string; dueAt: Date }> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => submitRequest(tx, bodyCode, input));
  const body = await getBody(ctx, bodyCode);
  if (text(input.website)) throw new Invalid({ _form: t('informasi.error.summary') });
  const fields = checkRequest(input);
  const now = ctx.clock.now();
  const { year } = jakartaYearMonth(now);
  const seq = await repo.nextSeq(ctx.db, body, year);
  const number = `PPID-${numberPart(body)}-${year}-${String(seq).padStart(4, '0')}`;
  const token = randomBytes(18).toString('base64url');
  const dueAt = addWorkingDays(now, ANSWER_WORKING_DAYS, await holidaySet(ctx));
  const { id } = await repo.insertRequest(ctx.db, {
    number,
    body_kind: body.kind,
    body_code: body.code,
    village_code: body.villageCode,
    year,
    seq,
    token_hash: hashToken(token),
    name: fields.name,
    id_kind: fields.idKind,
    id_number: fields.idNumber,
    address: fields.address,
    phone: fields.phone,
    email: fields.email,
    information: fields.information,
    purpose: fields.purpose,
    delivery: fields.delivery,
    copy_method: fields.copyMethod,
    received_at: now,
    due_at: dueAt,
    state: 'diproses',
  });
  await repo.insertEvent(ctx.db, {
    request_id: id,
    at: now,
    kind: 'diterima',
    actor_id: actorId(ctx.actor),
    note: '',
  });
  await notifyContact(
    ctx,
    fields,
    t('informasi.notify.receivedSubject', { number }),
    t('informasi.notify.receivedBody', {
      number,
      body: body.name,
      url: `${ctx.config.publicUrl}${trackingPath(number, token)}`,
    }),
  );
  return { number, token, dueAt };
}

async function requestByNumberAndKey(ctx: Ctx, number: string, token: string | null | undefined) {
  const row = /^PPID-[A-Z0-9_]{2,40}-\d{4}-\d{4,}$/.test(number)
    ? await repo.selectRequestByNumber(ctx.db, number)
    : undefined;
  // without the right key the request does not exist, to anyone: the link is the requester's own
  const given = Buffer.from(hashToken(token ?? ''));
  if (!row || !token || !timingSafeEqual(given, Buffer.from(row.token_hash)))
    throw new NotFound(t('informasi.error.noRequest'));
  return row;
}

/** Why an objection may be filed now, and until when; null when it may not (UU 14/2008 pasal 35–36). */
function objectionWindow(
  row: RequestRow,
  events: Array<{ kind: string; at: Date }>,
  now: Date,
  holidays: ReadonlySet<string>,
): { opensAt: Date; closesAt: Date } | null {
  let opensAt: Date | null = null;
  if (row.state === 'ditolak' || row.state === 'diterima_sebagian') opensAt = row.decided_at;
  else if (row.decided_at && row.decided_at > effectiveDue(row)) opensAt = row.decided_at;
  else if (isOverdue(row, now)) opensAt = effectiveDue(row);
  else if (row.extended_due_at) opensAt = events.find((e) => e.kind === 'diperpanjang')?.at ?? row.due_at;
  if (!opensAt) return null;
  const closesAt = addWorkingDays(opensAt, OBJECTION_FILING_WORKING_DAYS, holidays);
  return now <= closesAt ? { opensAt, closesAt } : null;
}

async function describe(ctx: Ctx, row: RequestRow) {
  const now = ctx.clock.now();
  const [events, objection, holidays, body] = await Promise.all([
    repo.selectEvents(ctx.db, row.id),
    repo.selectObjection(ctx.db, row.id),
    holidaySet(ctx),
    getBody(ctx, row.body_code),
  ]);
  const window = objection ? null : objectionWindow(row, events, now, holidays);
  return {
    id: row.id,
    number: row.number,
    body,
    state: row.state,
    information: row.information,
    purpose: row.purpose,
    delivery: row.delivery,
    copyMethod: row.copy_method,
    receivedAt: row.received_at,
    dueAt: row.due_at,
    extendedDueAt: row.extended_due_at,
    extensionReason: row.extension_reason,
    effectiveDue: effectiveDue(row),
    overdue: isOverdue(row, now),
    decidedAt: row.decided_at,
    answeredLate: row.decided_at !== null && row.decided_at > effectiveDue(row),
    answerNote: row.answer_note,
    hasAnswerDocument: row.answer_file_id !== null,
    refusalGround: row.refusal_ground,
    events: events.map((e) => ({ kind: e.kind, at: e.at, note: e.note })),
    objection: objection
      ? {
          reason: objection.reason,
          note: objection.note,
          filedAt: objection.filed_at,
          dueAt: objection.due_at,
          state: objection.state,
          decisionNote: objection.decision_note,
          decidedAt: objection.decided_at,
          overdue: objection.state === 'diproses' && objection.due_at < now,
        }
      : null,
    objectionClosesAt: window?.closesAt ?? null,
  };
}

export type RequestView = Awaited<ReturnType<typeof describe>>;

/** The requester's own page, reached with the private key. */
export async function trackRequest(ctx: Ctx, number: string, token: string | null | undefined) {
  const row = await requestByNumberAndKey(ctx, number, token);
  return { ...(await describe(ctx, row)), name: row.name };
}

export async function answerDocumentForRequester(ctx: Ctx, number: string, token: string | null | undefined) {
  const row = await requestByNumberAndKey(ctx, number, token);
  if (!row.answer_file_id) throw new NotFound(t('informasi.error.noDocument'));
  const file = await readFile(ctx, row.answer_file_id);
  return { ...file, name: row.answer_file_name ?? file.name };
}

async function requestOrNotFound(ctx: Ctx, id: string): Promise<RequestRow> {
  const row = isUuid(id) ? await repo.selectRequestById(ctx.db, id) : undefined;
  if (!row) throw new NotFound(t('informasi.error.noRequest'));
  return row;
}

function bodyOf(row: RequestRow): BodyRef {
  return { kind: row.body_kind, code: row.body_code };
}

/** A request as its PPID (or a reader in scope) sees it; the requester's ID in full only with the right, the read audited. */
export async function requestForStaff(ctx: Ctx, id: string) {
  const row = await requestOrNotFound(ctx, id);
  const body = bodyOf(row);
  if (!mayReadRequests(ctx.actor, body)) throw new NotFound(t('informasi.error.noRequest'));
  const full = seesRequesterInFull(ctx.actor, body);
  await audit(ctx, {
    action: 'read_personal',
    entity: 'informasi_request',
    entityId: row.id,
    villageCode: row.village_code,
    detail: { number: row.number, full },
  });
  return {
    ...(await describe(ctx, row)),
    requester: {
      name: row.name,
      idKind: row.id_kind,
      idNumber: full ? row.id_number : mask(row.id_number),
      address: full ? row.address : null,
      phone: full ? row.phone : mask(row.phone),
      email: full ? row.email : null,
    },
    mayAct: mayActAsPpid(ctx.actor, body) && OPEN.has(row.state),
    mayExtend: mayActAsPpid(ctx.actor, body) && row.state === 'diproses' && row.extended_due_at === null,
    mayDecideObjection: mayDecideObjection(ctx.actor, body),
  };
}

export type StaffRequestView = Awaited<ReturnType<typeof requestForStaff>>;

async function openForAction(ctx: Ctx, id: string): Promise<RequestRow> {
  const row = await requestOrNotFound(ctx, id);
  assertPpid(ctx.actor, bodyOf(row));
  if (!OPEN.has(row.state)) throw new Conflict(t('informasi.error.alreadyDecided'));
  return row;
}

async function answerFile(ctx: Ctx, row: RequestRow, document: UploadedDocument | null) {
  if (!document) return null;
  if (document.bytes.length > MAX_DOCUMENT_BYTES)
    throw new Invalid({ document: t('informasi.error.fileTooLarge') });
  const kind = sniffDocument(document.bytes);
  if (!kind) throw new Invalid({ document: t('informasi.error.fileType') });
  const name = documentName(`jawaban-${row.number}`, kind.extension);
  const file = await saveFile(ctx, {
    bytes: document.bytes,
    contentType: kind.contentType,
    name,
    villageCode: row.village_code,
  });
  return { id: file.id, name };
}

/** An officer's step on a request: its line in the request's history (`kind`, `note`) and the audit's (`action`). */
async function recordStep(
  ctx: Ctx,
  row: RequestRow,
  step: { kind: string; note: string; action: string; detail: Record<string, unknown> },
) {
  await repo.insertEvent(ctx.db, {
    request_id: row.id,
    at: ctx.clock.now(),
    kind: step.kind,
    actor_id: actorId(ctx.actor),
    note: step.note,
  });
  await audit(ctx, {
    action: step.action,
    entity: 'informasi_request',
    entityId: row.id,
    villageCode: row.village_code,
    detail: { number: row.number, ...step.detail },
  });
}

/** A decision on a request: recorded (history and audit) and told to the requester. */
async function recordDecision(
  ctx: Ctx,
  row: RequestRow,
  kind: string,
  note: string,
  detail: Record<string, unknown>,
) {
  await recordStep(ctx, row, {
    kind,
    note,
    action: 'informasi_request_decide',
    detail: { decision: kind, ...detail },
  });
  await notifyContact(
    ctx,
    row,
    t('informasi.notify.decidedSubject', { number: row.number }),
    t('informasi.notify.decidedBody', { number: row.number, state: t(`informasi.state.${kind}`) }),
  );
}

/** Gives the information, all of it or part (with the document, or a note saying how it is given). */
export async function answerRequest(
  ctx: Ctx,
  id: string,
  input: { decision?: string; note?: string },
  document: UploadedDocument | null,
): Promise<RequestRow> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => answerRequest(tx, id, input, document));
  const row = await openForAction(ctx, id);
  const errors: Record<string, string> = {};
  const decision = input.decision;
  if (decision !== 'diterima_seluruhnya' && decision !== 'diterima_sebagian')
    errors.decision = t('informasi.error.choice');
  const note = text(input.note);
  if (!note && !document) errors.note = t('informasi.error.answerNeedsContent');
  if (decision === 'diterima_sebagian' && !note) errors.note = t('informasi.error.partialNeedsNote');
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  const file = await answerFile(ctx, row, document);
  const now = ctx.clock.now();
  await repo.updateRequest(ctx.db, row.id, {
    state: decision as RequestState,
    decided_at: now,
    answer_note: note || null,
    answer_file_id: file?.id ?? null,
    answer_file_name: file?.name ?? null,
  });
  await recordDecision(ctx, row, decision as string, note, { late: now > effectiveDue(row) });
  return row;
}

/** Refuses a request: it must cite the exclusion ground of pasal 17 (and may explain). */
export async function refuseRequest(
  ctx: Ctx,
  id: string,
  input: { ground?: string; note?: string },
): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => refuseRequest(tx, id, input));
  const row = await openForAction(ctx, id);
  const ground = input.ground as (typeof REFUSAL_GROUNDS)[number];
  const note = text(input.note);
  const errors: Record<string, string> = {};
  if (!REFUSAL_GROUNDS.includes(ground)) errors.ground = t('informasi.error.ground');
  if (!note) errors.refusalNote = t('informasi.error.refusalNote');
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  await repo.updateRequest(ctx.db, row.id, {
    state: 'ditolak',
    decided_at: ctx.clock.now(),
    refusal_ground: ground,
    answer_note: note,
  });
  await recordDecision(ctx, row, 'ditolak', note, { ground });
}

/** The one extension: before the deadline, at most 7 working days past it, with a written reason. */
export async function extendRequest(
  ctx: Ctx,
  id: string,
  input: { reason?: string; days?: string },
): Promise<Date> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => extendRequest(tx, id, input));
  const row = await openForAction(ctx, id);
  if (row.extended_due_at) throw new Conflict(t('informasi.error.extendedOnce'));
  const now = ctx.clock.now();
  if (now > row.due_at) throw new Conflict(t('informasi.error.extendTooLate'));
  const reason = text(input.reason);
  const days = input.days === undefined || input.days === '' ? EXTENSION_WORKING_DAYS : Number(input.days);
  const errors: Record<string, string> = {};
  if (!reason) errors.reason = t('informasi.error.extensionReason');
  if (!Number.isInteger(days) || days < 1 || days > EXTENSION_WORKING_DAYS)
    errors.days = t('informasi.error.extensionDays', { max: String(EXTENSION_WORKING_DAYS) });
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  const extended = addWorkingDays(row.due_at, days, await holidaySet(ctx));
  await repo.updateRequest(ctx.db, row.id, {
    state: 'diperpanjang',
    extended_due_at: extended,
    extension_reason: reason,
  });
  await recordStep(ctx, row, {
    kind: 'diperpanjang',
    note: reason,
    action: 'informasi_request_extend',
    detail: { days },
  });
  await notifyContact(
    ctx,
    row,
    t('informasi.notify.extendedSubject', { number: row.number }),
    t('informasi.notify.extendedBody', { number: row.number, reason }),
  );
  return extended;
}

/** The requester's objection to the PPID's superior, from the tracking page (pasal 35–36). */
export async function fileObjection(
  ctx: Ctx,
  number: string,
  token: string | null | undefined,
  input: { reason?: string; note?: string },
): Promise<Date> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => fileObjection(tx, number, token, input));
  const row = await requestByNumberAndKey(ctx, number, token);
  if (await repo.selectObjection(ctx.db, row.id)) throw new Conflict(t('informasi.error.objectionOnce'));
  const now = ctx.clock.now();
  const holidays = await holidaySet(ctx);
  const window = objectionWindow(row, await repo.selectEvents(ctx.db, row.id), now, holidays);
  if (!window) throw new Conflict(t('informasi.error.objectionNotOpen'));
  const reason = input.reason as (typeof OBJECTION_REASONS)[number];
  if (!OBJECTION_REASONS.includes(reason))
    throw new Invalid({ reason: t('informasi.error.objectionReason') });
  const note = text(input.note).slice(0, 4000);
  const dueAt = addWorkingDays(now, OBJECTION_ANSWER_WORKING_DAYS, holidays);
  await repo.insertObjection(ctx.db, {
    request_id: row.id,
    reason,
    note,
    filed_at: now,
    due_at: dueAt,
    state: 'diproses',
  });
  await repo.insertEvent(ctx.db, { request_id: row.id, at: now, kind: 'keberatan', actor_id: null, note });
  return dueAt;
}

/** The superior's written answer to an objection. */
export async function decideObjection(
  ctx: Ctx,
  id: string,
  input: { decision?: string; note?: string },
): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => decideObjection(tx, id, input));
  const row = await requestOrNotFound(ctx, id);
  if (!mayDecideObjection(ctx.actor, bodyOf(row))) throw new Forbidden(t('informasi.error.notSuperior'));
  const objection = await repo.selectObjection(ctx.db, row.id);
  if (!objection) throw new NotFound(t('informasi.error.noObjection'));
  if (objection.state !== 'diproses') throw new Conflict(t('informasi.error.alreadyDecided'));
  const decision = input.decision;
  const note = text(input.note);
  const errors: Record<string, string> = {};
  if (decision !== 'dikabulkan' && decision !== 'ditolak')
    errors.objectionDecision = t('informasi.error.choice');
  if (!note) errors.objectionNote = t('informasi.error.required');
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  await repo.updateObjection(ctx.db, row.id, {
    state: decision as 'dikabulkan' | 'ditolak',
    decision_note: note,
    decided_at: ctx.clock.now(),
  });
  await recordStep(ctx, row, {
    kind: `keberatan_${decision}`,
    note,
    action: 'informasi_objection_decide',
    detail: { decision },
  });
  await notifyContact(
    ctx,
    row,
    t('informasi.notify.objectionSubject', { number: row.number }),
    t('informasi.notify.objectionBody', {
      number: row.number,
      state: t(`informasi.objection.state.${decision}`),
    }),
  );
}

/**
 * The deadline watch (job `informasi-deadlines`): each open request past its deadline is told
 * once to its requester ("melewati batas waktu"), and so is each objection its superior left
 * unanswered. Whether a request is overdue is computed from its deadline wherever it is shown.
 */
export async function flagOverdue(ctx: Ctx): Promise<{ requests: number; objections: number }> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => flagOverdue(tx));
  const now = ctx.clock.now();
  const rows = await repo.selectOverdueUnnotified(ctx.db, now);
  for (const row of rows) {
    await repo.updateRequest(ctx.db, row.id, { overdue_notified_at: now });
    await repo.insertEvent(ctx.db, {
      request_id: row.id,
      at: now,
      kind: 'terlambat',
      actor_id: null,
      note: '',
    });
    await notifyContact(
      ctx,
      row,
      t('informasi.notify.overdueSubject', { number: row.number }),
      t('informasi.notify.overdueBody', { number: row.number }),
    );
  }
  const objections = await repo.selectObjectionsOverdueUnnotified(ctx.db, now);
  for (const o of objections) {
    await repo.markObjectionNotified(ctx.db, o.id, now);
    await notifyContact(
      ctx,
      o,
      t('informasi.notify.objectionOverdueSubject', { number: o.number }),
      t('informasi.notify.objectionOverdueBody', { number: o.number }),
    );
  }
  return { requests: rows.length, objections: objections.length };
}

export const STAFF_LIST_SIZE = 200;

/** The staff list: open requests first, the nearest deadline first; `terlambat` only those past it. */
export async function listStaffRequests(ctx: Ctx, filter: { status?: string }) {
  const actor = ctx.actor;
  if (!isStaff(actor)) throw new Forbidden();
  const now = ctx.clock.now();
  const scope = requestScopeFor(actor);
  const rows = await repo.selectRequests(
    ctx.db,
    scope,
    { overdueAt: filter.status === 'terlambat' ? now : undefined, open: filter.status === 'terbuka' },
    STAFF_LIST_SIZE,
  );
  const list = rows.map((r) => ({
    ...r,
    effectiveDue: r.extended_due_at ?? r.due_at,
    overdue: isOverdue(r, now),
  }));
  // overdue ones lead, then the rest in the repository's order (open by deadline, then decided)
  return [...list.filter((r) => r.overdue), ...list.filter((r) => !r.overdue)];
}

export async function listOpenObjections(ctx: Ctx) {
  const actor = ctx.actor;
  if (!isStaff(actor)) return [];
  const now = ctx.clock.now();
  const rows = await repo.selectOpenObjections(ctx.db, requestScopeFor(actor), STAFF_LIST_SIZE);
  return rows.map((r) => ({ ...r, overdue: r.due_at < now }));
}
