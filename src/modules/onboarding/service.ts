import { randomInt } from 'node:crypto';
import { audit } from '../../platform/audit/service.ts';
import { dummyVerify, hashSecret, verifySecret } from '../../platform/auth/password.ts';
import { regionContains } from '../../platform/auth/policy.ts';
import { actorId, type Role, type StaffActor } from '../../platform/auth/roles.ts';
import { staffActorById } from '../../platform/auth/sessions.ts';
import {
  checkLoginThrottle,
  clearLoginThrottle,
  recordLoginFailure,
  recordLoginSuccess,
} from '../../platform/auth/throttle.ts';
import { changePassword, insertAwaitingStaffUsers, passwordProblem } from '../../platform/auth/users.ts';
import { type Ctx, inTransaction, withActor } from '../../platform/context.ts';
import { deleteFile, readFile, saveFile } from '../../platform/files/index.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { fileKind, readRecords } from '../../platform/tabular/index.ts';
import { type ChecklistStep, onboardingChecklist, onboardingProgress } from '../../platform/village-site.ts';
import {
  getVillage,
  listKecamatan,
  listVillages,
  regencyName,
  type Village,
  villageKey,
} from '../regions/service.ts';
import { renderOnboardingLetters } from './pdf.ts';
import { assertMayOnboard, mayCreateAccount, mayFollowChecklist, mayOnboardVillage } from './policy.ts';
import * as repo from './repo.ts';
import './messages.ts';

/** Letters and digits nobody confuses on paper (no I, L, O, 0, 1): 31⁸ ≈ 8.5·10¹¹ codes. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 8;
export const CODE_VALID_DAYS = 14;
/** how long the sender may download the letters PDF, which holds the codes in clear */
export const LETTERS_KEPT_HOURS = 24;
export const MAX_ROWS = 2000;
export const ONBOARDING_ROLES = ['operator_desa', 'sekretaris_desa', 'kepala_desa'] as const;
export const COLUMNS = ['kode_desa', 'nama', 'peran', 'telepon', 'email'] as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MOBILE = /^(?:\+62|62|0)(8\d{7,11})$/;

export function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** K7QMTXH4 → K7QM-TXH4, as printed */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What was typed, as the code is stored: case, spaces and dashes do not matter. */
export function normaliseCode(typed: string): string {
  return typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** 0812-3456-789, 62812…, +62 812 … → +628123456789; null for what is no Indonesian mobile number. */
export function normalisePhone(typed: string): string | null {
  const digits = typed.trim().replace(/[\s.\-()]/g, '');
  const match = MOBILE.exec(digits);
  return match ? `+62${match[1]}` : null;
}

export interface SourceRow {
  line: number;
  record: Record<string, string>;
}

export interface RowProblem {
  line: number;
  column: string;
  message: string;
}

export interface PlannedAccount {
  line: number;
  village: Village;
  name: string;
  role: Role;
  phone: string;
  email: string;
}

export interface OnboardingPlan {
  fileName: string;
  rowsTotal: number;
  accounts: PlannedAccount[];
  problems: RowProblem[];
}

/** Reads an uploaded CSV or XLSX into rows with their line numbers (the header is line 1). */
export async function readOnboardingFile(path: string, fileName: string): Promise<SourceRow[]> {
  if (!fileKind(fileName)) throw new Invalid({ file: t('onboarding.error.fileKind') });
  const rows: SourceRow[] = [];
  let headerSeen = false;
  try {
    for await (const { rowNumber, record } of readRecords(path, {
      fileName,
      aliases: {
        kode: 'kode_desa',
        desa: 'kode_desa',
        role: 'peran',
        phone: 'telepon',
        hp: 'telepon',
        'e-mail': 'email',
        e_mail: 'email',
        name: 'nama',
      },
    })) {
      if (!headerSeen) {
        const missing = COLUMNS.filter((c) => !(c in record));
        if (missing.length > 0)
          throw new Invalid({ file: t('onboarding.error.missingColumns', { columns: missing.join(', ') }) });
        headerSeen = true;
      }
      rows.push({ line: rowNumber, record });
      if (rows.length > MAX_ROWS)
        throw new Invalid({ file: t('onboarding.error.tooManyRows', { max: MAX_ROWS }) });
    }
  } catch (error) {
    if (error instanceof Invalid) throw error;
    throw new Invalid({ file: t('onboarding.error.fileUnreadable') });
  }
  if (rows.length === 0) throw new Invalid({ file: t('onboarding.error.fileEmpty') });
  return rows;
}

/** A person's name, mobile number and e-mail as typed, tidied, with a message per wrong field. */
function checkPerson(typed: { nama?: string; telepon?: string; email?: string }) {
  const problems: Record<string, string> = {};
  const name = (typed.nama ?? '').trim().replace(/\s+/g, ' ');
  if (name.length < 2) problems.nama = t('onboarding.row.nameRequired');
  else if (name.length > 100) problems.nama = t('onboarding.row.nameTooLong');
  const phone = normalisePhone(typed.telepon ?? '');
  if (!phone) problems.telepon = t('onboarding.row.phoneInvalid');
  const email = (typed.email ?? '').trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 200) problems.email = t('onboarding.row.emailInvalid');
  return { name, phone, email, problems };
}

function villageFinder(villages: Village[]) {
  const byCode = new Map(villages.map((v) => [v.code, v]));
  const bySlug = new Map(villages.map((v) => [v.slug, v]));
  const byName = new Map<string, Village[]>();
  for (const v of villages) {
    const key = villageKey(v.name);
    byName.set(key, [...(byName.get(key) ?? []), v]);
  }
  return (typed: string): Village | 'unknown' | 'ambiguous' => {
    const key = villageKey(typed);
    const found = byCode.get(key) ?? bySlug.get(key);
    if (found) return found;
    const named = byName.get(key) ?? [];
    if (named.length > 1) return 'ambiguous';
    return named[0] ?? 'unknown';
  };
}

/**
 * Checks every row before anything is made: the village (code or name) exists and is in the
 * actor's area, the role is a village role, the phone an Indonesian mobile number, the e-mail well
 * formed and used neither on another line of the file nor by an existing account.
 */
export async function checkOnboardingRows(
  ctx: Ctx,
  rows: SourceRow[],
  fileName: string,
): Promise<OnboardingPlan> {
  assertMayOnboard(ctx.actor, ctx.config.regencyCode);
  const find = villageFinder(await listVillages(ctx));
  const problems: RowProblem[] = [];
  const candidates: Array<PlannedAccount | null> = [];
  const firstLineOf = new Map<string, number>();
  for (const { line, record } of rows) {
    const bad = (column: string, message: string) => problems.push({ line, column, message });
    const before = problems.length;
    const typedVillage = (record.kode_desa ?? '').trim();
    let village: Village | null = null;
    if (!typedVillage) bad('kode_desa', t('onboarding.row.villageRequired'));
    else {
      const found = find(typedVillage);
      if (found === 'unknown') bad('kode_desa', t('onboarding.row.villageUnknown', { value: typedVillage }));
      else if (found === 'ambiguous')
        bad('kode_desa', t('onboarding.row.villageAmbiguous', { value: typedVillage }));
      else if (!mayOnboardVillage(ctx.actor, ctx.config.regencyCode, found.code))
        bad('kode_desa', t('onboarding.row.villageOutOfScope', { village: `${found.name} (${found.code})` }));
      else village = found;
    }
    const { name, phone, email, problems: personal } = checkPerson(record);
    for (const [column, message] of Object.entries(personal)) bad(column, message);
    const role = (record.peran ?? '').trim().toLowerCase().replace(/\s+/g, '_');
    if (!(ONBOARDING_ROLES as readonly string[]).includes(role))
      bad('peran', t('onboarding.row.roleInvalid'));
    if (!personal.email) {
      if (firstLineOf.has(email))
        bad('email', t('onboarding.row.emailInFile', { line: firstLineOf.get(email)! }));
      else firstLineOf.set(email, line);
    }
    candidates.push(
      problems.length === before && village && phone
        ? { line, village, name, role: role as PlannedAccount['role'], phone, email }
        : null,
    );
  }
  const taken = await repo.takenEmails(ctx.db, [...firstLineOf.keys()]);
  const accounts: PlannedAccount[] = [];
  for (const candidate of candidates) {
    if (!candidate) continue;
    if (taken.has(candidate.email))
      problems.push({ line: candidate.line, column: 'email', message: t('onboarding.row.emailTaken') });
    else accounts.push(candidate);
  }
  problems.sort((a, b) => a.line - b.line);
  return { fileName, rowsTotal: rows.length, accounts, problems };
}

export interface CreatedAccount {
  userId: string;
  line: number;
  name: string;
  role: Role;
  email: string;
  phone: string;
  village: Village;
  /** in clear: shown once on the result page and printed in the letters, stored only hashed */
  code: string;
}

export interface OnboardingResult {
  batchId: string | null;
  rowsTotal: number;
  created: CreatedAccount[];
  problems: RowProblem[];
  codesValidUntil: Date;
  lettersUntil: Date | null;
}

/** Hashes a few codes at a time: Argon2 runs on the thread pool, and a machine has few cores. */
async function hashAll(codes: string[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < codes.length; i += 4)
    out.push(...(await Promise.all(codes.slice(i, i + 4).map(hashSecret))));
  return out;
}

/**
 * Makes the planned accounts, each with its first-login code, in one transaction: every account
 * is whole (staff account, onboarding record, code, audit line) or absent. The rows the check
 * refused are only reported. Should the database refuse one account after the check (an e-mail
 * taken in the meantime), none of this upload's accounts is kept and the sender is told to upload
 * again.
 */
export async function createOnboardingAccounts(ctx: Ctx, plan: OnboardingPlan): Promise<OnboardingResult> {
  assertMayOnboard(ctx.actor, ctx.config.regencyCode);
  for (const account of plan.accounts)
    if (!mayOnboardVillage(ctx.actor, ctx.config.regencyCode, account.village.code))
      throw new Forbidden(t('onboarding.error.forbidden'));
  return issueAccounts(ctx, plan);
}

/**
 * One account with a first-login code, made by hand (a village office adds a kader from the
 * posyandu page): checked field by field (`nama`, `telepon`, `email`) like a line of the file, and
 * kept with its letter like an upload of one line, so the same result page and PDF serve it.
 */
export async function createAccountWithCode(
  ctx: Ctx,
  input: { villageCode: string; role: Role; nama: string; telepon: string; email: string; source: string },
): Promise<OnboardingResult & { created: [CreatedAccount] }> {
  if (!mayCreateAccount(ctx.actor, ctx.config.regencyCode, input.villageCode, input.role))
    throw new Forbidden(t('onboarding.error.forbidden'));
  const { name, phone, email, problems } = checkPerson(input);
  if (!problems.email && (await repo.takenEmails(ctx.db, [email])).has(email))
    problems.email = t('onboarding.row.emailTaken');
  if (Object.keys(problems).length > 0 || !phone) throw new Invalid(problems);
  const village = await getVillage(ctx, input.villageCode);
  const result = await issueAccounts(ctx, {
    fileName: input.source,
    rowsTotal: 1,
    accounts: [{ line: 1, village, name, role: input.role, phone, email }],
    problems: [],
  });
  return { ...result, created: [result.created[0]!] };
}

/** Makes the planned accounts the caller's policy check let through (see createOnboardingAccounts). */
async function issueAccounts(ctx: Ctx, plan: OnboardingPlan): Promise<OnboardingResult> {
  const now = ctx.clock.now();
  const codesValidUntil = new Date(now.getTime() + CODE_VALID_DAYS * 86_400_000);
  const lettersUntil = new Date(now.getTime() + LETTERS_KEPT_HOURS * 3_600_000);
  if (plan.accounts.length === 0)
    return {
      batchId: null,
      rowsTotal: plan.rowsTotal,
      created: [],
      problems: plan.problems,
      codesValidUntil,
      lettersUntil: null,
    };
  const codes = plan.accounts.map(() => newCode());
  // hashed before the transaction: on PGlite every other request waits while one is open
  const hashes = await hashAll(codes);
  const createdBy = actorId(ctx.actor);
  let created: CreatedAccount[];
  let batchId: string;
  try {
    ({ created, batchId } = await inTransaction(ctx, async (tx) => {
      const id = createdBy
        ? await repo.insertBatch(tx.db, {
            created_by: createdBy,
            file_name: plan.fileName.slice(0, 200),
            rows_total: plan.rowsTotal,
            accounts_created: plan.accounts.length,
            rows_rejected: plan.problems.length === 0 ? 0 : new Set(plan.problems.map((p) => p.line)).size,
            letters_until: lettersUntil,
            created_at: now,
          })
        : null;
      const users = await insertAwaitingStaffUsers(
        tx,
        plan.accounts.map((a) => ({
          email: a.email,
          name: a.name,
          role: a.role,
          scope: { type: 'region', code: a.village.code },
        })),
      );
      await repo.insertAccounts(
        tx.db,
        users.map((u, i) => ({
          user_id: u.id,
          village_code: plan.accounts[i]!.village.code,
          phone: plan.accounts[i]!.phone,
          batch_id: id,
          created_by: createdBy,
          created_at: now,
        })),
      );
      await repo.insertCodes(
        tx.db,
        users.map((u, i) => ({
          user_id: u.id,
          code_hash: hashes[i]!,
          created_at: now,
          expires_at: codesValidUntil,
        })),
      );
      for (const [i, u] of users.entries())
        await audit(tx, {
          action: 'first_login_code_issue',
          entity: 'staff_user',
          entityId: u.id,
          villageCode: plan.accounts[i]!.village.code,
          detail: { email: u.email, expiresAt: codesValidUntil.toISOString() },
        });
      await audit(tx, {
        action: 'onboarding_upload',
        entity: 'onboarding_batch',
        entityId: id,
        detail: { file: plan.fileName, created: users.length, rejected: plan.problems.length },
      });
      return {
        batchId: id ?? '',
        created: users.map((u, i) => ({
          ...plan.accounts[i]!,
          userId: u.id,
          email: u.email,
          code: codes[i]!,
        })),
      };
    }));
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new Conflict(t('onboarding.error.raced'));
    throw error;
  }
  if (batchId) {
    const pdf = await renderOnboardingLetters(await lettersOf(ctx, created, codesValidUntil));
    const file = await saveFile(ctx, {
      bytes: pdf,
      contentType: 'application/pdf',
      name: 'surat-kode-masuk.pdf',
    });
    await repo.setBatchLetters(ctx.db, batchId, file.id);
  }
  return {
    batchId: batchId || null,
    rowsTotal: plan.rowsTotal,
    created,
    problems: plan.problems,
    codesValidUntil,
    lettersUntil,
  };
}

async function lettersOf(ctx: Ctx, accounts: CreatedAccount[], validUntil: Date) {
  const regency = await regencyName(ctx);
  const loginUrl = `${ctx.config.publicUrl}/masuk/kode`;
  return accounts.map((a) => ({
    regency,
    village: a.village.name,
    kecamatan: a.village.kecamatanName,
    name: a.name,
    role: a.role,
    email: a.email,
    code: formatCode(a.code),
    loginUrl,
    validUntil,
  }));
}

/** Reads, checks and creates in one go: what the upload page does. */
export async function onboardFromFile(
  ctx: Ctx,
  file: { path: string; fileName: string },
): Promise<OnboardingResult> {
  assertMayOnboard(ctx.actor, ctx.config.regencyCode);
  const rows = await readOnboardingFile(file.path, file.fileName);
  return createOnboardingAccounts(ctx, await checkOnboardingRows(ctx, rows, file.fileName));
}

/** Which of these accounts have not signed in for the first time yet (their code may need renewing). */
export async function awaitingFirstLogin(ctx: Ctx, userIds: string[]): Promise<Set<string>> {
  return repo.awaitingFirstLogin(ctx.db, userIds);
}

/** The letters PDF of one upload, for its sender only and only for a day. */
export async function onboardingLetters(ctx: Ctx, batchId: string): Promise<{ bytes: Buffer; name: string }> {
  if (!/^[0-9a-f-]{36}$/i.test(batchId)) throw new NotFound(t('onboarding.error.lettersGone'));
  const batch = await repo.findBatch(ctx.db, batchId);
  if (!batch || batch.created_by !== actorId(ctx.actor))
    throw new NotFound(t('onboarding.error.lettersGone'));
  if (!batch.letters_file_id) throw new NotFound(t('onboarding.error.lettersGone'));
  if (!batch.letters_until || batch.letters_until.getTime() <= ctx.clock.now().getTime()) {
    await repo.setBatchLetters(ctx.db, batch.id, null);
    await deleteFile(ctx, batch.letters_file_id);
    throw new NotFound(t('onboarding.error.lettersGone'));
  }
  const file = await readFile(ctx, batch.letters_file_id);
  await audit(ctx, { action: 'onboarding_letters_download', entity: 'onboarding_batch', entityId: batch.id });
  return { bytes: file.bytes, name: `surat-kode-masuk-${batch.created_at.toISOString().slice(0, 10)}.pdf` };
}

/**
 * "Buat kode baru": a new code for an account that has not signed in yet; the old one stops
 * working at once. The waits of failed attempts on the account are lifted.
 */
export async function reissueCode(
  ctx: Ctx,
  userId: string,
): Promise<{ code: string; name: string; email: string; expiresAt: Date }> {
  // hashed before the transaction (see createOnboardingAccounts)
  const code = newCode();
  const hash = await hashSecret(code);
  const issued = await inTransaction(ctx, (tx) => storeReissued(tx, userId, hash));
  return { code, name: issued.name, email: issued.email, expiresAt: issued.expiresAt };
}

async function storeReissued(ctx: Ctx, userId: string, hash: string) {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) throw new NotFound(t('onboarding.error.accountNotFound'));
  const account = await repo.findAccount(ctx.db, userId);
  if (
    !account ||
    !mayCreateAccount(ctx.actor, ctx.config.regencyCode, account.village_code, account.role as Role)
  )
    throw new NotFound(t('onboarding.error.accountNotFound'));
  if (account.first_login_at) throw new Conflict(t('onboarding.error.alreadyIn'));
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + CODE_VALID_DAYS * 86_400_000);
  await repo.revokeLiveCodes(ctx.db, userId, now);
  await repo.insertCodes(ctx.db, [
    { user_id: userId, code_hash: hash, created_at: now, expires_at: expiresAt },
  ]);
  await clearLoginThrottle(ctx, 'staff', account.email.toLowerCase());
  await audit(ctx, {
    action: 'first_login_code_issue',
    entity: 'staff_user',
    entityId: userId,
    villageCode: account.village_code,
    detail: { email: account.email, expiresAt: expiresAt.toISOString(), reissue: true },
  });
  return {
    name: account.name,
    email: account.email,
    role: account.role as Role,
    villageCode: account.village_code,
    expiresAt,
  };
}

/** Where a first sign-in lands: the checklist for a village office, `/kelola` for anyone else (a kader). */
export function firstPageAfterSignIn(actor: StaffActor): string {
  return actor.scope.type === 'region' && mayFollowChecklist(actor, actor.scope.code)
    ? '/kelola/onboarding/langkah?baru=1'
    : '/kelola';
}

/**
 * First sign-in: e-mail + code + a new password. Throttled by the same counters as the password
 * login (a wrong code counts as a wrong password); the answer never tells whether the e-mail has an
 * account, a code, or an expired one. The code works once.
 */
export async function redeemFirstLoginCode(
  ctx: Ctx,
  input: { email: string; code: string; password: string; confirm: string },
): Promise<StaffActor> {
  const errors: Record<string, string> = {};
  const email = input.email.trim().toLowerCase();
  const code = normaliseCode(input.code);
  if (!email) errors.email = t('onboarding.error.emailRequired');
  if (!code) errors.code = t('onboarding.error.codeRequired');
  const pw = passwordProblem(input.password);
  if (pw) errors.password = pw;
  else if (input.password !== input.confirm) errors.confirm = t('onboarding.error.passwordMismatch');
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  const attempt = { kind: 'staff', login: email, address: ctx.ip ?? 'unknown' } as const;
  await checkLoginThrottle(ctx, attempt);
  const now = ctx.clock.now();
  const live = await repo.liveCodeOf(ctx.db, email, now);
  const right =
    live?.active && code.length === CODE_LENGTH
      ? await verifySecret(live.code_hash, code)
      : await dummyVerify(code);
  const wrong = async () => {
    await recordLoginFailure(ctx, attempt);
    const userId = live?.userId ?? (await repo.staffIdByEmail(ctx.db, email));
    if (userId)
      await audit(
        { ...ctx, actor: null },
        { action: 'login_failed', entity: 'staff_user', entityId: userId },
      );
    return new Invalid({ code: t('onboarding.error.codeWrong') });
  };
  if (!live || !right) throw await wrong();
  const done = await inTransaction(ctx, async (tx) => {
    if (!(await repo.useCode(tx.db, live.codeId, now))) return false;
    const actor = (await staffActorById(tx, live.userId)) as StaffActor;
    const own = withActor(tx, actor);
    await changePassword(own, live.userId, input.password);
    await repo.markFirstLogin(tx.db, live.userId, now);
    await recordLoginSuccess(tx, attempt);
    await audit(own, { action: 'first_login', entity: 'staff_user', entityId: live.userId });
    return true;
  });
  // someone used the code between the check and now
  if (!done) throw await wrong();
  return (await staffActorById(ctx, live.userId)) as StaffActor;
}

export interface Checklist {
  villageCode: string;
  steps: ChecklistStep[];
  done: number;
  total: number;
}

/** The acting village officer's checklist: every module's published step for their village. */
export async function myChecklist(ctx: Ctx): Promise<Checklist | null> {
  const actor = ctx.actor;
  if (actor?.kind !== 'staff' || actor.scope.type !== 'region') return null;
  const villageCode = actor.scope.code;
  if (villageCode.split('.').length !== 4 || !mayFollowChecklist(actor, villageCode)) return null;
  return { villageCode, ...(await onboardingChecklist(ctx, villageCode)) };
}

export interface VillageProgress {
  code: string;
  name: string;
  kecamatanName: string;
  accounts: number;
  signedIn: number;
  stepsDone: number;
  stepsTotal: number;
}

/** For the camat (its kecamatan) and admin (the regency, or one kecamatan): each village's progress. */
export async function villageProgress(
  ctx: Ctx,
  filter: { kecamatanCode?: string } = {},
): Promise<VillageProgress[]> {
  const region = assertMayOnboard(ctx.actor, ctx.config.regencyCode);
  const kecamatanCode = filter.kecamatanCode?.startsWith(`${region}.`)
    ? filter.kecamatanCode
    : region.split('.').length === 3
      ? region
      : undefined;
  const [villages, counts] = await Promise.all([
    listVillages(ctx, { kecamatanCode }),
    repo.accountCounts(ctx.db, kecamatanCode ?? region),
  ]);
  const shown = villages.filter((v) => mayOnboardVillage(ctx.actor, ctx.config.regencyCode, v.code));
  // one grouped question per checklist step for all the villages shown, not one per step and village
  const steps = await onboardingProgress(
    ctx,
    shown.map((v) => v.code),
  );
  return shown.map((v) => {
    const count = counts.get(v.code) ?? { accounts: 0, signedIn: 0 };
    return {
      code: v.code,
      name: v.name,
      kecamatanName: v.kecamatanName,
      accounts: count.accounts,
      signedIn: count.signedIn,
      stepsDone: steps.done.get(v.code) ?? 0,
      stepsTotal: steps.total,
    };
  });
}

export async function kecamatanChoices(ctx: Ctx) {
  const region = assertMayOnboard(ctx.actor, ctx.config.regencyCode);
  return (await listKecamatan(ctx)).filter((k) => regionContains(region, k.code));
}

/** Onboarding accounts of one village (for the re-issue buttons), within the actor's area. */
export async function villageAccounts(ctx: Ctx, villageCode: string) {
  const region = assertMayOnboard(ctx.actor, ctx.config.regencyCode);
  if (!mayOnboardVillage(ctx.actor, ctx.config.regencyCode, villageCode))
    throw new Forbidden(t('onboarding.error.forbidden'));
  return repo.accountsInRegion(ctx.db, region, villageCode);
}
