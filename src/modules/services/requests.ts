import { randomInt } from 'node:crypto';
import { auditStaffRead } from '../../platform/audit/service.ts';
import { regionContains } from '../../platform/auth/policy.ts';
import { type Actor, mask, type StaffActor } from '../../platform/auth/roles.ts';
import { addWorkingDays, holidaySet } from '../../platform/calendar.ts';
import { type Ctx, inTransaction } from '../../platform/context.ts';
import { renamedFor, shrinkImage } from '../../platform/files/images.ts';
import { deleteFile, readFile, saveFile, sniffContentType } from '../../platform/files/index.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { enqueueNotification } from '../../platform/outbox/index.ts';
import { jakartaDate, jakartaYearMonth, startOfJakartaDay } from '../../platform/time.ts';
import {
  type IssueLetterInput,
  issueLetter,
  letterForRequest,
  letterPdf,
  nextLetterNumber,
  previewLetter,
} from '../letters/service.ts';
import { getVillage, listVillages, regencyName, titleCase } from '../regions/service.ts';
import {
  codeLabel,
  findResidentById,
  findResidentByNik,
  listFamilyMembers,
  type Resident,
} from '../residents/service.ts';
import type { ServiceDefinition } from './definition.ts';
import {
  checkRequestData,
  cleanRequestData,
  type FamilyMember,
  letterContent,
  prefilledValues,
  templateValues,
} from './forms.ts';
import {
  isApplicant,
  isTurnOf,
  mayActOnStep,
  mayEditRequest,
  mayHandOver,
  mayReadRequest,
  mayServeVillage,
  mayViewRequest,
  queueScope,
  seesInFull,
} from './policy.ts';
import * as repo from './repo.ts';
import type { ApplicantSnapshot, RequestState } from './schema.ts';
import './messages.ts';

// what a phone takes (3–6 MB); photos are shrunk below 1 MB before this limit is checked
export const DEFAULT_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const OPEN_FOR_APPLICANT: RequestState[] = ['draf', 'belum_lengkap'];

export interface UploadedFile {
  field: string;
  filename: string;
  bytes: Buffer;
  /** already shrunk and stripped of metadata (see prepareUploads) */
  prepared?: boolean;
}

export interface RequestInput {
  values: Record<string, string | undefined>;
  files: UploadedFile[];
  submit: boolean;
  contactPhone?: string;
  contactChannel?: string;
}

/** What a save answers: the request (always saved) and what still stops it from being submitted. */
export interface SaveOutcome {
  id: string;
  submitted: boolean;
  problems: Record<string, string>;
}

function requestCode(now: Date): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${jakartaDate(now).slice(0, 4)}-${code}`;
}

function actorParts(actor: Actor | null) {
  if (!actor || actor.kind === 'system') return { actorKind: 'system', actorId: null, actorLabel: 'sistem' };
  if (actor.kind === 'staff') return { actorKind: 'staff', actorId: actor.id, actorLabel: actor.name };
  return { actorKind: 'resident', actorId: actor.id, actorLabel: actor.name };
}

async function addEvent(
  ctx: Ctx,
  requestId: string,
  kind: string,
  note?: string | null,
  detail?: Record<string, unknown>,
) {
  await repo.insertEvent(ctx.db, {
    requestId,
    at: ctx.clock.now(),
    ...actorParts(ctx.actor),
    kind,
    note,
    detail,
  });
}

// --- the applicant and their family, from the registry ------------------------------------------

export async function applicantSnapshot(ctx: Ctx, resident: Resident): Promise<ApplicantSnapshot> {
  const village = await getVillage(ctx, resident.villageCode);
  // imported addresses often carry the RT/RW already ("KP. PANGGUNG RT 004 RW 001")
  const street = resident.address?.trim() ?? '';
  const neighbourhood = /\bRT\b/i.test(street)
    ? street
    : [street, `RT ${resident.rt}/RW ${resident.rw}`].filter(Boolean).join(' ');
  return {
    residentId: resident.id,
    nik: resident.nik,
    familyNumber: resident.familyNumber,
    name: resident.name,
    birthPlace: resident.birthPlace,
    birthDate: resident.birthDate,
    sex: resident.sex,
    religion: codeLabel('agama', resident.religionCode),
    maritalStatus: codeLabel('status_kawin', resident.maritalStatusCode),
    occupation: codeLabel('pekerjaan', resident.occupationCode),
    education: codeLabel('pendidikan', resident.educationCode),
    citizenship: codeLabel('warganegara', resident.citizenshipCode) || 'WNI',
    fatherName: resident.fatherName ?? '',
    motherName: resident.motherName ?? '',
    address: `${neighbourhood}, Dusun ${titleCase(resident.dusun)}, Desa ${titleCase(village.name)}, Kecamatan ${titleCase(village.kecamatanName)}`,
  };
}

export async function familyOf(ctx: Ctx, familyNumber: string): Promise<FamilyMember[]> {
  return (await listFamilyMembers(ctx, familyNumber))
    .filter((m) => m.status !== 'pindah')
    .map((m) => ({
      id: m.id,
      name: m.name,
      nik: m.nik,
      birthPlace: m.birthPlace,
      birthDate: m.birthDate,
      sex: m.sex,
      relation: codeLabel('hubungan', m.familyRelationCode),
    }));
}

async function residentById(ctx: Ctx, residentId: string): Promise<Resident> {
  const resident = await findResidentById(ctx, residentId);
  if (!resident) throw new NotFound(t('services.error.residentNotFound'));
  return resident;
}

// --- who may do what ----------------------------------------------------------------------------

function stateAtStep(definition: ServiceDefinition, stepIndex: number): RequestState {
  return definition.steps[stepIndex]?.actor === 'village_signatory' ? 'menunggu_tanda_tangan' : 'diperiksa';
}

async function loadRequest(ctx: Ctx, id: string, options: { lock?: boolean } = {}) {
  const row = await repo.requestById(ctx.db, id, options);
  if (!row) throw new NotFound(t('services.error.requestNotFound'));
  const service = await repo.serviceVersion(ctx.db, row.service_id, row.service_version);
  return { row, definition: service.definition };
}

// --- filing -------------------------------------------------------------------------------------

/** Opens a request (a draft until submitted) for the resident, or by an operator on their behalf. */
export async function startRequest(
  ctx: Ctx,
  slug: string,
  input: RequestInput & { residentNik?: string },
): Promise<SaveOutcome> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => startRequest(tx, slug, input));
  const actor = ctx.actor;
  const service = await repo.serviceBySlug(ctx.db, slug);
  if (!service?.active) throw new NotFound(t('services.error.serviceNotFound'));
  let resident: Resident;
  if (actor?.kind === 'resident') {
    if (!service.definition.selfService) throw new Forbidden(t('services.error.officeOnly'));
    resident = await residentById(ctx, actor.id);
  } else if (actor?.kind === 'staff') {
    const found = await findResidentByNik(ctx, (input.residentNik ?? '').replace(/\D/g, ''));
    if (!found) throw new Invalid({ residentNik: t('services.error.applicantNikUnknown') });
    if (!mayServeVillage(actor, found.villageCode))
      throw new Invalid({ residentNik: t('services.error.applicantNikUnknown') });
    resident = found;
  } else throw new Forbidden();
  if (resident.status !== 'hidup') throw new Invalid({ residentNik: t('services.error.applicantInactive') });
  const disabled = await repo.disabledServiceIds(ctx.db, resident.villageCode);
  if (disabled.has(service.id)) throw new Forbidden(t('services.error.serviceNotOpened'));
  const prepared = { ...input, files: await prepareUploads(service.definition, input.files) };
  // "Ajukan" on a form the resident left as it opened leaves nothing behind (no draft they never
  // asked for): the form comes back with each problem beside its field. Once they typed or
  // uploaded something, a failed submission keeps it as a named draft they can finish or delete,
  // so a photo sent over a slow link is never sent twice.
  if (input.submit && actor.kind === 'resident') {
    const snapshot = await applicantSnapshot(ctx, resident);
    if (nothingGiven(service.definition, prepared, snapshot)) {
      const problems = await firstSubmissionProblems(ctx, service.definition, resident, prepared);
      if (Object.keys(problems).length > 0) throw new Invalid(problems, t('services.error.notSubmitted'));
    }
  }
  const now = ctx.clock.now();
  const row = await ctx.db
    .insertInto('service_requests')
    .values({
      code: requestCode(now),
      village_code: resident.villageCode,
      service_id: service.id,
      service_version: service.version,
      resident_id: resident.id,
      applicant: JSON.stringify(await applicantSnapshot(ctx, resident)),
      data: JSON.stringify({}),
      state: 'draf',
      remarks: JSON.stringify({}),
      filed_by: actor.kind === 'staff' ? actor.id : null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await addEvent(ctx, row.id, actor.kind === 'staff' ? 'dibuat_operator' : 'dibuat');
  return saveRequest(ctx, row.id, prepared);
}

/** The form as it opened: nothing typed beyond the registry's pre-filled values, no file, no phone. */
function nothingGiven(
  definition: ServiceDefinition,
  input: RequestInput,
  applicant: ApplicantSnapshot,
): boolean {
  const prefilled = prefilledValues(definition, applicant);
  const data = cleanRequestData(definition, input.values);
  const typed = definition.fields.some((f) => data[f.name] !== '' && data[f.name] !== prefilled[f.name]);
  const uploaded = input.files.some((f) => f.bytes.length > 0);
  return !typed && !uploaded && !(input.contactPhone ?? '').trim();
}

/** Every problem a first submission has, checked before anything is written. */
async function firstSubmissionProblems(
  ctx: Ctx,
  definition: ServiceDefinition,
  resident: Resident,
  input: RequestInput,
): Promise<Record<string, string>> {
  const data = cleanRequestData(definition, input.values);
  const family = await familyOf(ctx, resident.familyNumber);
  const problems: Record<string, string> = {
    ...contactProblems(input),
    ...checkRequestData(definition, data, { today: jakartaDate(ctx.clock.now()), family }),
  };
  const given = new Set<string>();
  for (const file of input.files) {
    if (file.bytes.length === 0) continue;
    const problem = attachmentProblem(definition, file);
    if (problem) problems[`lampiran_${file.field}`] = problem;
    else given.add(file.field);
  }
  for (const spec of definition.attachments)
    if (spec.required && !given.has(spec.name)) problems[`lampiran_${spec.name}`] ??= missingText(spec);
  return problems;
}

/**
 * Phone photos are shrunk on the server (long side 2000 px, JPEG quality 80, no EXIF or GPS) before
 * they are checked and stored; PDFs are kept as they came.
 */
export async function prepareUploads(
  definition: ServiceDefinition,
  files: UploadedFile[],
): Promise<UploadedFile[]> {
  const out: UploadedFile[] = [];
  for (const file of files) {
    const known = definition.attachments.some((a) => a.name === file.field);
    const shrunk = known && !file.prepared ? await shrinkImage(file.bytes) : null;
    out.push(
      shrunk
        ? {
            ...file,
            bytes: shrunk.bytes,
            filename: renamedFor(file.filename, shrunk.contentType),
            prepared: true,
          }
        : file,
    );
  }
  return out;
}

function missingText(spec: { label: { id: string } }): string {
  return `${spec.label.id} wajib dilampirkan.`;
}

function attachmentProblem(definition: ServiceDefinition, file: UploadedFile): string | null {
  const spec = definition.attachments.find((a) => a.name === file.field);
  if (!spec) return null;
  const limit = spec.maxBytes ?? DEFAULT_ATTACHMENT_BYTES;
  const type = sniffContentType(file.bytes);
  if (!type) return `${spec.label.id}: berkas harus foto JPEG/PNG atau PDF.`;
  if (file.bytes.length > limit)
    return `${spec.label.id}: berkas ${(file.bytes.length / 1048576).toFixed(1)} MB, paling besar ${(limit / 1048576).toFixed(1)} MB.`;
  return null;
}

async function storeAttachments(
  ctx: Ctx,
  requestId: string,
  villageCode: string,
  definition: ServiceDefinition,
  files: UploadedFile[],
) {
  const problems: Record<string, string> = {};
  for (const file of files) {
    const spec = definition.attachments.find((a) => a.name === file.field);
    if (!spec || file.bytes.length === 0) continue;
    const problem = attachmentProblem(definition, file);
    if (problem) {
      problems[`lampiran_${file.field}`] = problem;
      continue;
    }
    const type = sniffContentType(file.bytes) as string;
    const saved = await saveFile(ctx, {
      bytes: file.bytes,
      contentType: type,
      name: file.filename || file.field,
      villageCode,
    });
    await ctx.db
      .deleteFrom('service_request_attachments')
      .where('request_id', '=', requestId)
      .where('name', '=', file.field)
      .execute();
    await ctx.db
      .insertInto('service_request_attachments')
      .values({
        request_id: requestId,
        name: file.field,
        file_id: saved.id,
        file_name: (file.filename || file.field).slice(0, 200),
        content_type: type,
        size: saved.size,
        created_at: ctx.clock.now(),
      })
      .execute();
  }
  return problems;
}

async function missingAttachments(ctx: Ctx, requestId: string, definition: ServiceDefinition) {
  const present = new Set((await repo.attachmentsOf(ctx.db, requestId)).map((a) => a.name));
  const problems: Record<string, string> = {};
  for (const spec of definition.attachments)
    if (spec.required && !present.has(spec.name)) problems[`lampiran_${spec.name}`] = missingText(spec);
  return problems;
}

function contactProblems(input: RequestInput): Record<string, string> {
  const phone = (input.contactPhone ?? '').replace(/[\s-]/g, '');
  if (phone && !/^(\+62|62|0)8\d{7,12}$/.test(phone))
    return { contactPhone: 'Nomor ponsel untuk pemberitahuan harus nomor Indonesia, misalnya 081234567890.' };
  return {};
}

/**
 * Saves what the applicant (or the operator for them) typed and uploaded, whatever its state of
 * completeness; submits only when nothing is missing or wrong. Nothing typed is ever lost.
 */
export async function saveRequest(ctx: Ctx, id: string, input: RequestInput): Promise<SaveOutcome> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => saveRequest(tx, id, input));
  const { row, definition } = await loadRequest(ctx, id);
  const _byApplicant = isApplicant(ctx.actor, row);
  if (!mayEditRequest(ctx.actor, row)) throw new Forbidden(t('services.error.notYourRequest'));
  if (!OPEN_FOR_APPLICANT.includes(row.state)) throw new Conflict(t('services.error.alreadySubmitted'));
  const data = cleanRequestData(definition, input.values);
  const phone = (input.contactPhone ?? '').replace(/[\s-]/g, '');
  const contact = contactProblems(input);
  const resident = await residentById(ctx, row.resident_id);
  const family = await familyOf(ctx, resident.familyNumber);
  const files = await prepareUploads(definition, input.files);
  const uploadProblems = await storeAttachments(ctx, id, row.village_code, definition, files);
  const now = ctx.clock.now();
  await ctx.db
    .updateTable('service_requests')
    .set({
      data: JSON.stringify(data),
      applicant: JSON.stringify(await applicantSnapshot(ctx, resident)),
      contact_phone: contact.contactPhone ? row.contact_phone : phone || null,
      contact_channel: input.contactChannel === 'sms' ? 'sms' : 'whatsapp',
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
  const problems = { ...contact, ...uploadProblems };
  if (!input.submit) return { id, submitted: false, problems };
  Object.assign(
    problems,
    checkRequestData(definition, data, { today: jakartaDate(now), family }),
    await missingAttachments(ctx, id, definition),
    uploadProblems,
  );
  if (Object.keys(problems).length > 0) return { id, submitted: false, problems };
  await submit(ctx, row, definition);
  return { id, submitted: true, problems: {} };
}

async function submit(
  ctx: Ctx,
  row: {
    id: string;
    state: RequestState;
    step_index: number;
    submitted_at: Date | null;
    village_code: string;
  },
  definition: ServiceDefinition,
) {
  const now = ctx.clock.now();
  const resubmission = row.state === 'belum_lengkap';
  const due = row.submitted_at ? undefined : addWorkingDays(now, definition.slaDays, await holidaySet(ctx));
  await ctx.db
    .updateTable('service_requests')
    .set({
      state: stateAtStep(definition, row.step_index),
      remarks: JSON.stringify({}),
      remark_note: null,
      submitted_at: row.submitted_at ?? now,
      ...(due ? { due_at: due } : {}),
      updated_at: now,
    })
    .where('id', '=', row.id)
    .execute();
  await addEvent(ctx, row.id, resubmission ? 'diajukan_ulang' : 'diajukan');
}

export async function cancelRequest(ctx: Ctx, id: string): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => cancelRequest(tx, id));
  const { row } = await loadRequest(ctx, id);
  if (!mayEditRequest(ctx.actor, row)) throw new Forbidden();
  if (!['draf', 'belum_lengkap', 'diperiksa'].includes(row.state))
    throw new Conflict(t('services.error.cannotCancel'));
  await ctx.db
    .updateTable('service_requests')
    .set({ state: 'dibatalkan', finished_at: ctx.clock.now(), updated_at: ctx.clock.now() })
    .where('id', '=', id)
    .execute();
  await addEvent(ctx, id, 'dibatalkan');
}

/** A draft (never filed: the office never saw it) goes with its attachments, at its applicant's word. */
export async function deleteDraft(ctx: Ctx, id: string): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => deleteDraft(tx, id));
  const { row } = await loadRequest(ctx, id);
  if (!isApplicant(ctx.actor, row)) throw new Forbidden(t('services.error.notYourRequest'));
  if (row.state !== 'draf' || row.submitted_at) throw new Conflict(t('services.error.notADraft'));
  const attachments = await repo.attachmentsOf(ctx.db, id);
  await ctx.db.deleteFrom('service_request_attachments').where('request_id', '=', id).execute();
  await ctx.db.deleteFrom('service_request_events').where('request_id', '=', id).execute();
  await ctx.db.deleteFrom('service_requests').where('id', '=', id).execute();
  for (const attachment of attachments) await deleteFile(ctx, attachment.file_id);
}

// --- handling -----------------------------------------------------------------------------------

async function requireStepActor(ctx: Ctx, id: string, options: { lock?: boolean } = {}) {
  const loaded = await loadRequest(ctx, id, options);
  const { row, definition } = loaded;
  if (!['diperiksa', 'menunggu_tanda_tangan'].includes(row.state))
    throw new Conflict(t('services.error.notAwaitingAction'));
  const step = definition.steps[row.step_index];
  if (!step || !mayActOnStep(ctx.actor, step, row, definition))
    throw new Forbidden(t('services.error.notYourStep'));
  return { ...loaded, step };
}

async function notifyApplicant(
  ctx: Ctx,
  row: { id: string; code: string; contact_phone: string | null; contact_channel: string | null },
  definition: ServiceDefinition,
  message: string,
) {
  if (!row.contact_phone) return;
  await enqueueNotification(ctx, {
    channel: row.contact_channel === 'sms' ? 'sms' : 'whatsapp',
    recipient: row.contact_phone,
    subject: definition.name.id,
    body: `Simpul ${row.code} (${definition.name.id}): ${message} ${ctx.config.publicUrl}/akun/permohonan/${row.id}`,
  });
}

/** Sends the request back with a remark beside each field (or attachment) that must change. */
export async function returnForCorrection(
  ctx: Ctx,
  id: string,
  input: { remarks: Record<string, string | undefined>; note: string },
): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => returnForCorrection(tx, id, input));
  const { row, definition } = await requireStepActor(ctx, id);
  const known = new Set([
    ...definition.fields.map((f) => f.name),
    ...definition.attachments.map((a) => `lampiran_${a.name}`),
  ]);
  const remarks: Record<string, string> = {};
  for (const [field, remark] of Object.entries(input.remarks))
    if (known.has(field) && remark?.trim()) remarks[field] = remark.trim().slice(0, 500);
  if (Object.keys(remarks).length === 0 && input.note.trim().length < 5)
    throw new Invalid({
      note: t('services.error.correctionNote'),
    });
  await ctx.db
    .updateTable('service_requests')
    .set({
      state: 'belum_lengkap',
      remarks: JSON.stringify(remarks),
      remark_note: input.note.trim() || null,
      updated_at: ctx.clock.now(),
    })
    .where('id', '=', id)
    .execute();
  await addEvent(ctx, id, 'dikembalikan', input.note.trim() || null, { remarks });
  await notifyApplicant(
    ctx,
    row,
    definition,
    'permohonan Anda perlu diperbaiki. Lihat catatan petugas dan ajukan kembali.',
  );
}

export async function rejectRequest(ctx: Ctx, id: string, reason: string): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => rejectRequest(tx, id, reason));
  const { row, definition } = await requireStepActor(ctx, id);
  if (reason.trim().length < 10) throw new Invalid({ reason: t('services.error.rejectionReason') });
  await ctx.db
    .updateTable('service_requests')
    .set({ state: 'ditolak', finished_at: ctx.clock.now(), updated_at: ctx.clock.now() })
    .where('id', '=', id)
    .execute();
  await addEvent(ctx, id, 'ditolak', reason.trim());
  await notifyApplicant(ctx, row, definition, `permohonan Anda ditolak: ${reason.trim()}`);
}

/**
 * The current step's actor approves. On the last step this signs and issues the letter: the
 * number, the PDF and the state change are one transaction, so no number is lost or given twice.
 */
export async function approveStep(
  ctx: Ctx,
  id: string,
  input: { note?: string; credentials?: { nik?: string; passphrase?: string } } = {},
): Promise<{ state: RequestState; letterNumber?: string }> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => approveStep(tx, id, input));
  const first = await requireStepActor(ctx, id);
  const last = first.row.step_index >= first.definition.steps.length - 1;
  if (!last) {
    const next = first.row.step_index + 1;
    const state = stateAtStep(first.definition, next);
    await ctx.db
      .updateTable('service_requests')
      .set({ step_index: next, state, updated_at: ctx.clock.now() })
      .where('id', '=', id)
      .where('step_index', '=', first.row.step_index)
      .execute();
    await addEvent(ctx, id, 'disetujui', input.note?.trim() || null, { step: first.step.key });
    return { state };
  }
  const letter = await inTransaction(ctx, async (tctx) => {
    const { row, definition, step } = await requireStepActor(tctx, id, { lock: true });
    const issued = await issueFor(tctx, row, definition, input.credentials);
    await tctx.db
      .updateTable('service_requests')
      .set({ state: 'siap_diambil', finished_at: ctx.clock.now(), updated_at: ctx.clock.now() })
      .where('id', '=', id)
      .execute();
    await addEvent(tctx, id, 'ditandatangani', input.note?.trim() || null, {
      step: step.key,
      number: issued.number,
    });
    await notifyApplicant(
      tctx,
      row,
      definition,
      `surat Anda nomor ${issued.number} sudah terbit. Unduh di Simpul atau ambil di kantor.`,
    );
    return issued;
  });
  return { state: 'siap_diambil', letterNumber: letter.number };
}

/** What the letters module needs to number, draw and issue the request's letter. */
async function letterInputFor(
  ctx: Ctx,
  row: {
    id: string;
    village_code: string;
    resident_id: string;
    applicant: ApplicantSnapshot;
    data: Record<string, string>;
  },
  definition: ServiceDefinition,
  credentials?: { nik?: string; passphrase?: string },
): Promise<IssueLetterInput> {
  const village = await getVillage(ctx, row.village_code);
  const namesFamily = definition.fields.some((f) => f.type === 'family_member');
  const family = namesFamily ? await familyOf(ctx, row.applicant.familyNumber) : [];
  const values = templateValues({
    definition,
    applicant: row.applicant,
    data: row.data,
    family,
    villageName: titleCase(village.name),
    kecamatanName: titleCase(village.kecamatanName),
    regencyName: titleCase(await regencyName(ctx)),
  });
  return {
    requestId: row.id,
    issuer: letterIssuer(row, definition),
    villageCode: row.village_code,
    serviceSlug: definition.slug,
    letterCode: definition.letterCode,
    classificationCode: definition.classificationCode,
    subject: { name: row.applicant.name, nik: row.applicant.nik },
    content: letterContent(definition.document, values),
    validDays: definition.document.validDays ?? null,
    signer: ctx.actor as StaffActor,
    credentials,
  };
}

function letterIssuer(
  row: { village_code: string },
  definition: ServiceDefinition,
): IssueLetterInput['issuer'] {
  return definition.owner.type === 'agency'
    ? { kind: 'agency', agencyCode: definition.owner.code }
    : { kind: 'village', villageCode: row.village_code };
}

async function issueFor(
  ctx: Ctx,
  row: Parameters<typeof letterInputFor>[1],
  definition: ServiceDefinition,
  credentials?: { nik?: string; passphrase?: string },
) {
  return issueLetter(ctx, await letterInputFor(ctx, row, definition, credentials));
}

/** The request waits on the actor's signature: its last step, the actor the one to take it. */
async function requireSigningStep(ctx: Ctx, id: string) {
  const loaded = await requireStepActor(ctx, id);
  if (loaded.row.step_index < loaded.definition.steps.length - 1)
    throw new Conflict(t('services.error.notAtSigning'));
  return loaded;
}

/**
 * The letter signing would issue now, for the signatory to read before signing: the same PDF
 * with the number it would get, only the verification code and QR code still to come. It takes
 * no number (the next signature may still get this one, or the next if another letter is first).
 */
export async function requestLetterPreview(ctx: Ctx, id: string): Promise<{ number: string; pdf: Buffer }> {
  const { row, definition } = await requireSigningStep(ctx, id);
  return previewLetter(ctx, await letterInputFor(ctx, row, definition));
}

export async function markCollected(ctx: Ctx, id: string): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => markCollected(tx, id));
  const { row } = await loadRequest(ctx, id);
  if (!mayHandOver(ctx.actor, row)) throw new Forbidden();
  if (row.state !== 'siap_diambil') throw new Conflict(t('services.error.notReadyForCollection'));
  await ctx.db
    .updateTable('service_requests')
    .set({ state: 'sudah_diambil', updated_at: ctx.clock.now() })
    .where('id', '=', id)
    .execute();
  await addEvent(ctx, id, 'diambil');
}

// --- reading ------------------------------------------------------------------------------------

export interface RequestView {
  id: string;
  code: string;
  state: RequestState;
  stepIndex: number;
  definition: ServiceDefinition;
  version: number;
  villageCode: string;
  applicant: ApplicantSnapshot;
  data: Record<string, string>;
  remarks: Record<string, string>;
  remarkNote: string | null;
  filedByOperator: boolean;
  contactPhone: string | null;
  contactChannel: string | null;
  submittedAt: Date | null;
  dueAt: Date | null;
  createdAt: Date;
  attachments: Array<{ id: string; name: string; fileName: string; contentType: string; size: number }>;
  events: Array<{
    at: Date;
    kind: string;
    actorKind: string;
    actorLabel: string;
    note: string | null;
    detail: Record<string, unknown>;
  }>;
  family: FamilyMember[];
  letter: { number: string; verificationCode: string; issuedAt: Date; sha256: string } | null;
  /** what the viewer may do now */
  can: { edit: boolean; act: boolean; sign: boolean; collect: boolean; cancel: boolean };
  /** differences between what the request carries and the registry today */
  registryDifferences: string[];
  personal: boolean;
  /** for the signatory at the last step: the number the letter would get if signed now */
  upcomingNumber: string | null;
}

function registryDifferences(snapshot: ApplicantSnapshot, current: ApplicantSnapshot | null): string[] {
  if (!current) return ['Pemohon tidak lagi tercatat sebagai penduduk aktif.'];
  const labels: Array<[keyof ApplicantSnapshot, string]> = [
    ['name', 'Nama'],
    ['birthPlace', 'Tempat lahir'],
    ['birthDate', 'Tanggal lahir'],
    ['address', 'Alamat'],
    ['maritalStatus', 'Status perkawinan'],
    ['occupation', 'Pekerjaan'],
    ['familyNumber', 'No. KK'],
  ];
  return labels
    .filter(([key]) => snapshot[key] !== current[key])
    .map(([key, label]) => `${label}: permohonan "${snapshot[key]}", data penduduk "${current[key]}"`);
}

/** One request as its applicant or a staff member in scope sees it; staff reads are audited. */
export async function getRequest(ctx: Ctx, id: string): Promise<RequestView> {
  const { row, definition } = await loadRequest(ctx, id);
  const actor = ctx.actor;
  const _applicant = isApplicant(actor, row);
  if (!mayReadRequest(actor, row, definition)) throw new Forbidden(t('services.error.requestOutOfScope'));
  if (!mayViewRequest(actor, row, definition)) throw new NotFound(t('services.error.requestNotFound'));
  const personal = seesInFull(actor, row, definition);
  await auditStaffRead(ctx, { entity: 'service_request', entityId: row.id, villageCode: row.village_code });
  const [attachments, events, letter, family] = await Promise.all([
    repo.attachmentsOf(ctx.db, id),
    repo.eventsOf(ctx.db, id),
    letterForRequest(ctx, id),
    familyOf(ctx, row.applicant.familyNumber),
  ]);
  const current = actor?.kind === 'staff' ? await findResidentByNik(ctx, row.applicant.nik) : null;
  const step = definition.steps[row.step_index];
  const acting =
    ['diperiksa', 'menunggu_tanda_tangan'].includes(row.state) &&
    step !== undefined &&
    mayActOnStep(actor, step, row, definition);
  const signs =
    acting && (step?.actor === 'village_signatory' || row.step_index === definition.steps.length - 1);
  const snapshot = personal
    ? row.applicant
    : { ...row.applicant, nik: mask(row.applicant.nik), familyNumber: mask(row.applicant.familyNumber) };
  return {
    id: row.id,
    code: row.code,
    state: row.state,
    stepIndex: row.step_index,
    definition,
    version: row.service_version,
    villageCode: row.village_code,
    applicant: snapshot,
    data: row.data,
    remarks: row.remarks,
    remarkNote: row.remark_note,
    filedByOperator: row.filed_by !== null,
    contactPhone: personal ? row.contact_phone : mask(row.contact_phone),
    contactChannel: row.contact_channel,
    submittedAt: row.submitted_at,
    dueAt: row.due_at,
    createdAt: row.created_at,
    attachments: attachments.map((a) => ({
      id: a.id,
      name: a.name,
      fileName: a.file_name,
      contentType: a.content_type,
      size: a.size,
    })),
    events: events.map((e) => ({
      at: e.at,
      kind: e.kind,
      actorKind: e.actor_kind,
      actorLabel: e.actor_label,
      note: e.note,
      detail: e.detail,
    })),
    family: personal ? family : family.map((m) => ({ ...m, nik: mask(m.nik) })),
    letter: letter
      ? {
          number: letter.number,
          verificationCode: letter.verification_code,
          issuedAt: letter.issued_at,
          sha256: letter.pdf_sha256,
        }
      : null,
    can: {
      edit: OPEN_FOR_APPLICANT.includes(row.state) && mayEditRequest(actor, row),
      act:
        acting &&
        step?.actor !== 'village_signatory' &&
        !(step?.actor === 'agency' && row.step_index === definition.steps.length - 1),
      sign: signs,
      collect: row.state === 'siap_diambil' && mayHandOver(actor, row),
      cancel: ['draf', 'belum_lengkap', 'diperiksa'].includes(row.state) && mayEditRequest(actor, row),
    },
    registryDifferences: current
      ? registryDifferences(row.applicant, await applicantSnapshot(ctx, current))
      : [],
    personal,
    upcomingNumber:
      signs && row.step_index === definition.steps.length - 1
        ? await nextLetterNumber(ctx, {
            issuer: letterIssuer(row, definition),
            letterCode: definition.letterCode,
            classificationCode: definition.classificationCode,
          })
        : null,
  };
}

/** Attachments (a KTP photo, a KK) carry the full NIK: for those who see the request in full. */
export async function requestAttachment(ctx: Ctx, id: string, attachmentId: string) {
  const view = await getRequest(ctx, id);
  if (!view.personal) throw new Forbidden(t('services.error.attachmentPrivate'));
  const attachment = (await repo.attachmentsOf(ctx.db, id)).find((a) => a.id === attachmentId);
  if (!attachment) throw new NotFound(t('services.error.attachmentNotFound'));
  return readFile(ctx, attachment.file_id);
}

/** The issued letter's PDF: the letters module's one check decides, with the applicant named. */
export async function requestLetterPdf(ctx: Ctx, id: string) {
  const { row } = await loadRequest(ctx, id);
  const letter = await letterForRequest(ctx, id);
  if (!letter) throw new NotFound(t('services.error.letterNotIssued'));
  return letterPdf(ctx, letter.id, { applicantId: row.resident_id });
}

export async function myRequests(ctx: Ctx) {
  const actor = ctx.actor;
  if (actor?.kind !== 'resident') throw new Forbidden();
  return repo.requestsOfResident(ctx.db, actor.id);
}

export const QUEUE_PAGE_SIZE = 50;

/** The states in which a request waits on a staff step (the operator's check, a signature, an agency). */
export const WAITING_STATES: readonly RequestState[] = ['diperiksa', 'menunggu_tanda_tangan'];

/** Enough for any one office's desk; a queue of one's turns longer than this is cut here. */
const TURN_CAP = 1000;

type QueueRowOf = Awaited<ReturnType<typeof repo.queueRows>>['rows'][number];

type WaitingRef = Pick<QueueRowOf, 'state' | 'step_index' | 'village_code' | 'definition'>;

function waitingStep(r: WaitingRef) {
  return WAITING_STATES.includes(r.state) ? r.definition.steps[r.step_index] : undefined;
}

/** The current step is this officer's own duty (the "Giliran Anda" column, the work queue). */
function isYourTurn(actor: StaffActor, r: WaitingRef): boolean {
  const step = waitingStep(r);
  return step !== undefined && isTurnOf(actor, step, r, r.definition);
}

function queueRowFor(actor: StaffActor, r: QueueRowOf) {
  const step = waitingStep(r);
  return {
    ...r,
    applicant_nik: seesInFull(actor, r, r.definition) ? r.applicant_nik : mask(r.applicant_nik),
    mayAct: step !== undefined && mayActOnStep(actor, step, r, r.definition),
    yourTurn: isYourTurn(actor, r),
  };
}

/**
 * Every request in the viewer's queue whose current step is the viewer's own duty (the "Giliran
 * Anda" column), oldest first. The policy decides that per request and definition, so the
 * waiting requests are read (at most TURN_CAP per state) and sifted here.
 */
export async function myTurns(ctx: Ctx, filter: Omit<repo.QueueFilter, 'pageSize' | 'page'>) {
  const actor = ctx.actor;
  if (actor?.kind !== 'staff') throw new Forbidden();
  const states = WAITING_STATES.filter(
    (s) => filter.state === 'aktif' || filter.state === undefined || s === filter.state,
  );
  const turns: Array<ReturnType<typeof queueRowFor>> = [];
  for (const state of states) {
    const { rows } = await repo.queueRows(ctx.db, queueScope(actor), {
      ...filter,
      state,
      page: 1,
      pageSize: TURN_CAP,
    });
    turns.push(...rows.map((r) => queueRowFor(actor, r)).filter((r) => r.yourTurn));
  }
  return turns.sort((a, b) => (a.submitted_at?.getTime() ?? 0) - (b.submitted_at?.getTime() ?? 0));
}

/**
 * How many requests `myTurns` holds (uncapped) and how many of them are past their due time, from
 * counts per service version, step and village, on which the same policy decides.
 */
export async function myTurnCount(ctx: Ctx): Promise<{ waiting: number; late: number }> {
  const actor = ctx.actor;
  if (actor?.kind !== 'staff') throw new Forbidden();
  const groups = await repo.waitingGroups(ctx.db, queueScope(actor), WAITING_STATES, ctx.clock.now());
  const mine = groups.filter((g) => isYourTurn(actor, g));
  return {
    waiting: mine.reduce((n, g) => n + g.n, 0),
    late: mine.reduce((n, g) => n + g.late, 0),
  };
}

/** The staff queue; `mine` keeps only the viewer's turns (`?giliran=saya`). */
export async function listQueue(ctx: Ctx, filter: Omit<repo.QueueFilter, 'pageSize'> & { mine?: boolean }) {
  const actor = ctx.actor;
  if (actor?.kind !== 'staff') throw new Forbidden();
  const { mine, ...rest } = filter;
  if (mine) {
    const turns = await myTurns(ctx, rest);
    const from = (rest.page - 1) * QUEUE_PAGE_SIZE;
    return { total: turns.length, rows: turns.slice(from, from + QUEUE_PAGE_SIZE) };
  }
  const { rows, total } = await repo.queueRows(ctx.db, queueScope(actor), {
    ...rest,
    pageSize: QUEUE_PAGE_SIZE,
  });
  return { total, rows: rows.map((r) => queueRowFor(actor, r)) };
}

export interface QueueVillage {
  code: string;
  name: string;
  kecamatanName: string;
}

/** The villages a staff member's queue covers (a kecamatan's, the regency's), for its filter and column. */
export async function queueVillages(ctx: Ctx): Promise<QueueVillage[]> {
  const scope = queueScope(ctx.actor);
  const region = 'region' in scope ? scope.region : null;
  return (await listVillages(ctx))
    .filter((v) => region === null || regionContains(region, v.code))
    .map((v) => ({ code: v.code, name: titleCase(v.name), kecamatanName: titleCase(v.kecamatanName) }));
}

export interface VillageSpeed extends QueueVillage {
  /** decided by the office in the year (ready, collected or refused) */
  finished: number;
  /** median calendar days from filing to decision, one decimal; null when none was decided */
  medianDays: number | null;
  /** waiting on the office past the due date, now */
  overdue: number;
  open: number;
}

/**
 * How fast the villages in the actor's scope answer letter and service requests, village by
 * village (every village of a region, those with requests for an agency's own services).
 */
export async function serviceSpeed(
  ctx: Ctx,
  input: { year?: number } = {},
): Promise<{ year: number; villages: VillageSpeed[] }> {
  const scope = queueScope(ctx.actor);
  const now = ctx.clock.now();
  const year = input.year ?? jakartaYearMonth(now).year;
  const period = {
    from: startOfJakartaDay(`${year}-01-01`),
    to: startOfJakartaDay(`${year + 1}-01-01`),
    now,
  };
  const [villages, rows] = await Promise.all([
    queueVillages(ctx),
    repo.speedByVillage(ctx.db, scope, period),
  ]);
  const byCode = new Map(rows.map((r) => [r.villageCode, r]));
  return {
    year,
    villages: villages
      .filter((v) => 'region' in scope || byCode.has(v.code))
      .map((v) => {
        const row = byCode.get(v.code);
        return {
          ...v,
          finished: row?.finished ?? 0,
          medianDays: row?.medianDays == null ? null : Math.round(row.medianDays * 10) / 10,
          overdue: row?.overdue ?? 0,
          open: row?.open ?? 0,
        };
      }),
  };
}
