import { createHash, randomInt } from 'node:crypto';
import { audit, auditStaffRead } from '../../platform/audit/service.ts';
import { mask, type StaffActor } from '../../platform/auth/roles.ts';
import { type Ctx, inTransaction } from '../../platform/context.ts';
import { readFile, saveFile, sniffContentType } from '../../platform/files/index.ts';
import { Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { referencePath } from '../../platform/paths.ts';
import { addDays, jakartaDate, jakartaYearMonth, startOfJakartaDay } from '../../platform/time.ts';
import { activeClassificationName, currentClassificationCode } from '../archive/service.ts';
import { getVillage, regencyName, titleCase } from '../regions/service.ts';
import type { LetterDocument } from './document.ts';

export { sendLetterPdf } from './download.ts';
export { extendVillageSettings, type VillageSettingsExtension } from './settings-page.ts';

import {
  DEFAULT_AGENCY_PATTERN,
  DEFAULT_VILLAGE_PATTERN,
  formatLetterNumber,
  patternProblem,
} from './numbering.ts';
import { renderLetterPdf } from './pdf.ts';
import {
  letterItem,
  mayConfigureLetters,
  mayReadLetterPdf,
  mayReadRegister,
  seesRegisterInFull,
} from './policy.ts';
import * as repo from './repo.ts';
import { type LetterSigner, qrSigner } from './signing.ts';

const _classificationFile = referencePath('reference-codes', 'klasifikasi_surat.csv');
// Crockford's base32 without I, L, O, U: read aloud or typed from paper without confusion
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const JAKARTA = 'Asia/Jakarta';

/** The name of an active code of the classification list (kept by the archive module), or null. */
export async function classificationName(ctx: Ctx, code: string): Promise<string | null> {
  return activeClassificationName(ctx, code);
}

export interface LetterSettings {
  issuer: string;
  numberPattern: string;
  signatoryName: string | null;
  signatoryPosition: string | null;
  signatoryEmployeeNumber: string | null;
  delegateName: string | null;
  delegatePosition: string | null;
  delegateEmployeeNumber: string | null;
  logoFileId: string | null;
}

export async function letterSettings(ctx: Ctx, issuer: string): Promise<LetterSettings> {
  const row = await repo.selectSettings(ctx.db, issuer);
  const isVillage = issuer.includes('.');
  return {
    issuer,
    numberPattern: row?.number_pattern ?? (isVillage ? DEFAULT_VILLAGE_PATTERN : DEFAULT_AGENCY_PATTERN),
    signatoryName: row?.signatory_name ?? null,
    signatoryPosition: row?.signatory_position ?? null,
    signatoryEmployeeNumber: row?.signatory_employee_number ?? null,
    delegateName: row?.delegate_name ?? null,
    delegatePosition: row?.delegate_position ?? null,
    delegateEmployeeNumber: row?.delegate_employee_number ?? null,
    logoFileId: row?.logo_file_id ?? null,
  };
}

const MAX_LOGO_BYTES = 1024 * 1024;

/** The emblem printed in the village's letterhead: PNG or JPEG, stored as a small PNG without metadata. */
export async function saveVillageLogo(ctx: Ctx, villageCode: string, bytes: Buffer): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => saveVillageLogo(tx, villageCode, bytes));
  if (!mayConfigureLetters(ctx.actor, villageCode))
    throw new Forbidden(t('letters.error.settingsOutOfScope'));
  const type = sniffContentType(bytes);
  if (type !== 'image/png' && type !== 'image/jpeg') throw new Invalid({ logo: t('letters.error.logoType') });
  if (bytes.length > MAX_LOGO_BYTES) throw new Invalid({ logo: t('letters.error.logoSize') });
  let png: Buffer;
  try {
    // sharp (libvips) takes a third of a second to load: loaded when a logo is uploaded
    const sharp = await import('sharp').then((module) => module.default);
    png = await sharp(bytes).resize({ height: 240, withoutEnlargement: true }).png().toBuffer();
  } catch {
    throw new Invalid({ logo: t('letters.error.logoUnreadable') });
  }
  const file = await saveFile(ctx, { bytes: png, contentType: 'image/png', name: 'logo.png', villageCode });
  await repo.upsertLogo(ctx.db, villageCode, {
    numberPattern: DEFAULT_VILLAGE_PATTERN,
    logoFileId: file.id,
    now: ctx.clock.now(),
  });
  await audit(ctx, {
    action: 'letter_logo_update',
    entity: 'letter_settings',
    entityId: villageCode,
    villageCode,
  });
}

type LetterSettingsInput = Record<
  | 'numberPattern'
  | 'signatoryName'
  | 'signatoryEmployeeNumber'
  | 'delegateName'
  | 'delegatePosition'
  | 'delegateEmployeeNumber',
  string
>;

/** A village sets its own signatory, its delegate (a.n.) and its numbering pattern. */
export async function saveLetterSettings(
  ctx: Ctx,
  villageCode: string,
  input: LetterSettingsInput,
): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => saveLetterSettings(tx, villageCode, input));
  if (!mayConfigureLetters(ctx.actor, villageCode))
    throw new Forbidden(t('letters.error.settingsOutOfScope'));
  const errors: Record<string, string> = {};
  const pattern = patternProblem(input.numberPattern);
  if (pattern) errors.numberPattern = pattern;
  if (input.signatoryName.trim().length < 3) errors.signatoryName = 'Nama Kepala Desa wajib diisi.';
  if (input.delegateName.trim() && input.delegatePosition.trim().length < 3)
    errors.delegatePosition =
      'Jabatan penanda tangan atas nama (a.n.) wajib diisi, misalnya Sekretaris Desa.';
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  const values = {
    number_pattern: input.numberPattern.trim(),
    signatory_name: input.signatoryName.trim(),
    signatory_position: null,
    signatory_employee_number: input.signatoryEmployeeNumber.trim() || null,
    delegate_name: input.delegateName.trim() || null,
    delegate_position: input.delegatePosition.trim() || null,
    delegate_employee_number: input.delegateEmployeeNumber.trim() || null,
    updated_at: ctx.clock.now(),
  };
  await repo.upsertSettings(ctx.db, villageCode, values);
  await audit(ctx, {
    action: 'letter_settings_update',
    entity: 'letter_settings',
    entityId: villageCode,
    villageCode,
  });
}

function verificationCode(): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

function longIndonesianDate(value: Date | string): string {
  return new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: JAKARTA }).format(new Date(value));
}

/** Who issues a letter: a village office or an agency. */
type Issuer = { kind: 'village'; villageCode: string } | { kind: 'agency'; agencyCode: string };

interface IssuerFacts {
  key: string;
  name: string;
  place: string;
  letterhead: LetterDocument['letterhead'];
  headPosition: string;
}

async function issuerFacts(ctx: Ctx, issuer: Issuer): Promise<IssuerFacts> {
  const regency = await regencyName(ctx);
  const government = `PEMERINTAH ${regency.toUpperCase()}`;
  if (issuer.kind === 'village') {
    const village = await getVillage(ctx, issuer.villageCode);
    const contact = [village.address, village.phone ? `Telp. ${village.phone}` : '', village.email ?? '']
      .filter(Boolean)
      .join(' · ');
    return {
      key: village.code,
      name: titleCase(village.name),
      place: titleCase(village.name),
      headPosition: `Kepala Desa ${titleCase(village.name)}`,
      letterhead: {
        government,
        subdivision: `KECAMATAN ${village.kecamatanName.toUpperCase()}`,
        office: `DESA ${village.name.toUpperCase()}`,
        address: contact || `Desa ${titleCase(village.name)}, Kecamatan ${titleCase(village.kecamatanName)}`,
        logo: null,
      },
    };
  }
  const agency = await repo.selectAgency(ctx.db, issuer.agencyCode);
  if (!agency) throw new NotFound(t('letters.error.agencyNotFound'));
  const seat = titleCase(regency.replace(/^kabupaten\s+/i, ''));
  return {
    key: agency.code,
    name: agency.short_name,
    place: seat,
    headPosition: `Kepala ${agency.name}`,
    letterhead: {
      government,
      subdivision: '',
      office: agency.name.toUpperCase(),
      address: titleCase(regency),
      logo: null,
    },
  };
}

interface LetterContent {
  title: string;
  opening: string;
  rows: Array<[string, string]>;
  paragraphs: string[];
  closing: string;
}

export interface IssueLetterInput {
  requestId: string;
  issuer: Issuer;
  /** the applicant's village: the letter is listed in that village's register */
  villageCode: string;
  serviceSlug: string;
  letterCode: string;
  classificationCode: string;
  subject: { name: string; nik: string };
  content: LetterContent;
  validDays: number | null;
  signer: StaffActor;
  credentials?: { nik?: string; passphrase?: string };
}

interface IssuedLetter {
  id: string;
  number: string;
  verificationCode: string;
  sha256: string;
  fileId: string;
}

function signatureBlock(facts: IssuerFacts, settings: LetterSettings, signer: StaffActor, note: string) {
  const headSigns =
    signer.role === 'kepala_desa' || (signer.role === 'admin_kabupaten' && facts.key.includes('.'));
  if (headSigns)
    return {
      onBehalf: null,
      position: settings.signatoryPosition ?? facts.headPosition,
      name: settings.signatoryName ?? signer.name,
      employeeNumber: settings.signatoryEmployeeNumber,
      note,
      delegated: false,
    };
  const isDelegate = settings.delegateName !== null && settings.delegateName === signer.name;
  return {
    onBehalf: `a.n. ${facts.headPosition}`,
    position:
      settings.delegatePosition ??
      (signer.role === 'sekretaris_desa' ? 'Sekretaris Desa' : 'Petugas Layanan'),
    name: signer.name,
    employeeNumber: isDelegate ? settings.delegateEmployeeNumber : null,
    note,
    delegated: true,
  };
}

interface LetterBasis {
  facts: IssuerFacts;
  settings: LetterSettings;
  now: Date;
  year: number;
  month: number;
}

/**
 * A letter is numbered only with a code of the current list: an old 78/2012 code is numbered with
 * its 2022 code, an unknown or disabled one is refused.
 */
async function usableClassification(ctx: Ctx, code: string): Promise<string> {
  const current = await currentClassificationCode(ctx, code);
  if (!current) throw new Invalid({ classificationCode: t('letters.error.classificationUnknown', { code }) });
  return current;
}

async function letterBasis(ctx: Ctx, issuer: Issuer): Promise<LetterBasis> {
  const facts = await issuerFacts(ctx, issuer);
  const settings = await letterSettings(ctx, facts.key);
  const now = ctx.clock.now();
  const { year, month } = jakartaYearMonth(now);
  return { facts, settings, now, year, month };
}

type NumberInput = Pick<IssueLetterInput, 'issuer' | 'letterCode' | 'classificationCode'>;

function letterNumber(basis: LetterBasis, input: NumberInput, sequence: number): string {
  return formatLetterNumber(basis.settings.numberPattern, {
    classificationCode: input.classificationCode,
    letterCode: input.letterCode,
    sequence,
    villageCode: input.issuer.kind === 'village' ? basis.facts.key : '',
    issuerName: basis.facts.name,
    year: basis.year,
    month: basis.month,
  });
}

/**
 * The letter as it will be printed. Issuing and the signing page's preview both draw it from
 * here, so the preview is the issued letter but for the verification code and its QR code.
 */
async function letterDocument(
  ctx: Ctx,
  input: IssueLetterInput,
  basis: LetterBasis,
  number: string,
  code: string | null,
  signer: LetterSigner,
) {
  const { facts, settings, now } = basis;
  const logo = settings.logoFileId ? (await readFile(ctx, settings.logoFileId)).bytes : null;
  // counted on the calendar the letter is dated by, so the printed and the stored day are one
  const validUntil = input.validDays ? addDays(jakartaDate(now), input.validDays) : null;
  const signature = signatureBlock(facts, settings, input.signer, signer.note);
  const document: LetterDocument = {
    letterhead: { ...facts.letterhead, logo },
    title: input.content.title,
    number,
    opening: input.content.opening,
    rows: input.content.rows,
    paragraphs: input.content.paragraphs,
    closing: input.content.closing,
    placeAndDate: `${facts.place}, ${longIndonesianDate(now)}`,
    signature,
    verification: {
      url: `${ctx.config.publicUrl}/verifikasi/${code ?? PREVIEW_CODE}`,
      code: code ?? PREVIEW_CODE,
    },
    ...(code ? {} : { preview: true }),
    validUntil: validUntil ? longIndonesianDate(startOfJakartaDay(validUntil)) : null,
    metadata: {
      title: `${input.content.title} ${number}`,
      author: facts.letterhead.office,
      subject: input.content.title,
      createdAt: now,
    },
  };
  return { document, signature, validUntil };
}

/** Stands in for the code in a preview: as long as a real one, so every line keeps its place. */
const PREVIEW_CODE = '··········';

async function peekSequence(ctx: Ctx, basis: LetterBasis, input: NumberInput): Promise<number> {
  return repo.peekNextNumber(ctx.db, {
    issuer: basis.facts.key,
    year: basis.year,
    classificationCode: input.classificationCode,
  });
}

/**
 * The number the next letter of this kind would get if it were signed now, without taking it:
 * numbering stays gap-free however often a signatory looks.
 */
export async function nextLetterNumber(ctx: Ctx, input: NumberInput): Promise<string> {
  const basis = await letterBasis(ctx, input.issuer);
  return letterNumber(basis, input, await peekSequence(ctx, basis, input));
}

/**
 * The PDF that signing now would issue, with the number it would get, drawn by the same code as
 * the issued letter. Only the verification code and QR code (made at signing) are missing: a
 * "PRATINJAU" box stands where the QR code will be. Nothing is numbered or stored. The caller
 * (the request's signing step) has checked that the actor may sign it.
 */
export async function previewLetter(
  ctx: Ctx,
  input: IssueLetterInput,
  signer: LetterSigner = qrSigner,
): Promise<{ number: string; pdf: Buffer }> {
  const basis = await letterBasis(ctx, input.issuer);
  const number = letterNumber(basis, input, await peekSequence(ctx, basis, input));
  const { document } = await letterDocument(ctx, input, basis, number, null, signer);
  await audit(ctx, {
    action: 'read_personal',
    entity: 'letter_preview',
    entityId: input.requestId,
    villageCode: input.villageCode,
  });
  return { number, pdf: await renderLetterPdf(document) };
}

/**
 * Numbers, renders, signs and stores one letter. Call it inside the transaction that marks the
 * request issued: if anything fails, the number goes back and no letter exists.
 */
export async function issueLetter(
  ctx: Ctx,
  input: IssueLetterInput,
  signer: LetterSigner = qrSigner,
): Promise<IssuedLetter> {
  input = { ...input, classificationCode: await usableClassification(ctx, input.classificationCode) };
  const basis = await letterBasis(ctx, input.issuer);
  const { facts, now, year } = basis;
  const sequence = await repo.takeNextNumber(ctx.db, {
    issuer: facts.key,
    year,
    classificationCode: input.classificationCode,
  });
  const number = letterNumber(basis, input, sequence);
  const code = verificationCode();
  const { document, signature, validUntil } = await letterDocument(ctx, input, basis, number, code, signer);
  const pdf = await signer.sign(await renderLetterPdf(document), input.credentials ?? {});
  const file = await saveFile(ctx, {
    bytes: pdf,
    contentType: 'application/pdf',
    name: `${input.serviceSlug}-${number.replace(/[^\w-]+/g, '_')}.pdf`,
    villageCode: input.villageCode,
  });
  const id = await repo.insertLetter(ctx.db, {
    request_id: input.requestId,
    issuer: facts.key,
    village_code: input.villageCode,
    service_slug: input.serviceSlug,
    letter_code: input.letterCode,
    title: input.content.title,
    number,
    year,
    classification_code: input.classificationCode,
    sequence,
    subject_name: input.subject.name,
    subject_nik: input.subject.nik,
    verification_code: code,
    file_id: file.id,
    pdf_sha256: file.sha256,
    signed_by: input.signer.id,
    signed_by_name: signature.name,
    signed_on_behalf: signature.delegated,
    signature_method: signer.method,
    issued_at: now,
    valid_until: validUntil,
  });
  await audit(ctx, {
    action: 'letter_issue',
    entity: 'letter',
    entityId: id,
    villageCode: input.villageCode,
    detail: { number, service: input.serviceSlug, request: input.requestId },
  });
  return { id, number, verificationCode: code, sha256: file.sha256, fileId: file.id };
}

/** "Bu•• Sa•••": enough for the holder to recognise, too little to identify a stranger. */
function maskName(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => (word.length <= 2 ? word : `${word.slice(0, 2)}${'•'.repeat(word.length - 2)}`))
    .join(' ');
}

export interface PublicLetterFacts {
  code: string;
  title: string;
  number: string;
  issuedAt: Date;
  validUntil: string | null;
  issuerName: string;
  maskedName: string;
  sha256: string;
  signedBy: string;
}

/**
 * A code as people type it from paper: spaces, dashes and lower case taken out, and the letters
 * Crockford's alphabet leaves out read as the digits they are mistaken for (O → 0, I and L → 1).
 */
export function normaliseVerificationCode(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[\s\-.·_]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/** What /verifikasi/{code} shows anyone holding the letter; null for an unknown code. */
export async function verifyLetter(ctx: Ctx, typed: string): Promise<PublicLetterFacts | null> {
  const code = normaliseVerificationCode(typed);
  if (!/^[0-9A-Z]{10}$/.test(code)) return null;
  const row = await repo.selectLetterByCode(ctx.db, code);
  if (!row) return null;
  const issuer = row.issuer.includes('.')
    ? await getVillage(ctx, row.issuer).then(
        (v) => `Desa ${titleCase(v.name)}, Kecamatan ${titleCase(v.kecamatanName)}`,
      )
    : await repo.selectAgency(ctx.db, row.issuer).then((a) => a?.name ?? row.issuer);
  return {
    code: row.verification_code,
    title: row.title,
    number: row.number,
    issuedAt: row.issued_at,
    validUntil: row.valid_until,
    issuerName: issuer,
    maskedName: maskName(row.subject_name),
    sha256: row.pdf_sha256,
    signedBy: row.signed_by_name,
  };
}

/** Does this PDF carry exactly the bytes we issued under this code? */
export async function checkLetterPdf(
  ctx: Ctx,
  code: string,
  pdf: Buffer,
): Promise<{ matches: boolean; sha256: string }> {
  const facts = await verifyLetter(ctx, code);
  if (!facts) throw new NotFound(t('letters.error.unknownCode'));
  // judged by content, not by name: a photo of the paper letter is no copy of the issued file
  const kind = sniffContentType(pdf);
  if (kind !== 'application/pdf')
    throw new Invalid({
      pdf: kind ? t('letters.verify.notPdfPhoto') : t('letters.verify.notPdf'),
    });
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  return { matches: sha256 === facts.sha256, sha256 };
}

export interface RegisterEntry {
  id: string;
  number: string;
  title: string;
  issuedAt: Date;
  subjectName: string;
  subjectNik: string;
  signedBy: string;
  verificationCode: string;
}

export const REGISTER_PAGE_SIZE = 50;

function assertMayReadRegister(ctx: Ctx, region: string): void {
  if (!mayReadRegister(ctx.actor, region)) throw new Forbidden(t('letters.error.registerOutOfScope'));
}

/**
 * The register's lines as the actor reads them: names and NIK masked unless they see the region's
 * register in full, and then the read audited with `detail` (which page or year).
 */
async function registerEntries(
  ctx: Ctx,
  region: string,
  rows: repo.LetterRow[],
  detail: Record<string, unknown>,
): Promise<RegisterEntry[]> {
  const personal = seesRegisterInFull(ctx.actor, region);
  if (personal && rows.length > 0)
    await audit(ctx, {
      action: 'read_personal',
      entity: 'letter_register',
      entityId: region,
      villageCode: region,
      detail,
    });
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    issuedAt: r.issued_at,
    subjectName: personal ? r.subject_name : maskName(r.subject_name),
    subjectNik: personal ? r.subject_nik : mask(r.subject_nik),
    signedBy: r.signed_by_name,
    verificationCode: r.verification_code,
  }));
}

/** The village's outgoing-letter register (buku agenda surat keluar), newest first. */
export async function listOutgoingLetters(
  ctx: Ctx,
  villageCode: string,
  options: { page?: number; year?: number } = {},
): Promise<{ entries: RegisterEntry[]; total: number }> {
  assertMayReadRegister(ctx, villageCode);
  const page = Math.max(1, options.page ?? 1);
  const { rows, total } = await repo.selectRegister(ctx.db, villageCode, {
    year: options.year,
    limit: REGISTER_PAGE_SIZE,
    offset: (page - 1) * REGISTER_PAGE_SIZE,
  });
  return { total, entries: await registerEntries(ctx, villageCode, rows, { page }) };
}

/**
 * Every letter of a region (a village, or a camat's kecamatan) numbered in a year, newest first, for
 * the archive's outgoing register; names and NIK masked as in the register, a read in full audited.
 */
export async function issuedLettersOfYear(ctx: Ctx, region: string, year: number): Promise<RegisterEntry[]> {
  assertMayReadRegister(ctx, region);
  return registerEntries(ctx, region, await repo.selectRegisterOfYear(ctx.db, region, year), { year });
}

export async function letterForRequest(ctx: Ctx, requestId: string) {
  return repo.selectLetterByRequest(ctx.db, requestId);
}

/**
 * The stored PDF of a letter, whichever page serves it: the register, or the request it answers
 * (the services module names the applicant, who may download their own letter).
 */
export async function letterPdf(ctx: Ctx, letterId: string, options: { applicantId?: string | null } = {}) {
  if (!/^[0-9a-f-]{36}$/.test(letterId)) throw new NotFound(t('letters.error.letterNotFound'));
  const row = await repo.selectLetterById(ctx.db, letterId);
  if (!row) throw new NotFound(t('letters.error.letterNotFound'));
  if (!mayReadLetterPdf(ctx.actor, letterItem(row, options.applicantId)))
    throw new Forbidden(t('letters.error.letterOutOfScope'));
  await auditStaffRead(ctx, { entity: 'letter', entityId: row.id, villageCode: row.village_code });
  return { ...(await readFile(ctx, row.file_id)), number: row.number };
}

/** Demo villages get a named signatory so demo letters read right. */
export async function seedDemoLetterSettings(
  ctx: Ctx,
  options: { demoVillages: string[] },
): Promise<undefined> {
  const names = ['H. Ahmad Suhendi', 'Hj. Siti Rohmah', 'Drs. Mulyadi'];
  for (const [i, villageCode] of options.demoVillages.entries()) {
    await repo.insertSettingsIfMissing(ctx.db, {
      issuer: villageCode,
      number_pattern: DEFAULT_VILLAGE_PATTERN,
      signatory_name: `${names[i % names.length]} [DEMO]`,
      delegate_name: null,
      delegate_position: 'Sekretaris Desa',
    });
  }
  return undefined;
}

/** Letters issued this (Asia/Jakarta) year per village of a region, for public pages: counts only. */
export async function publicLetterCounts(
  ctx: Ctx,
  region: string,
): Promise<Array<{ villageCode: string; issued: number }>> {
  return repo.countLettersByVillage(ctx.db, region, jakartaYearMonth(ctx.clock.now()).year);
}
