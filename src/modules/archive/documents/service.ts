import { createHash } from 'node:crypto';
import { audit } from '../../../platform/audit/service.ts';
import { actorId } from '../../../platform/auth/roles.ts';
import { type Ctx, inTransaction } from '../../../platform/context.ts';
import { deleteFile, readFile, saveFile, sniffContentType } from '../../../platform/files/index.ts';
import { Invalid, NotFound } from '../../../platform/http/errors.ts';
import { isUuid } from '../../../platform/http/input.ts';
import { t } from '../../../platform/i18n/index.ts';
import { backoffDelay, wakeJob } from '../../../platform/jobs/index.ts';
import type { WorkQueueItem } from '../../../platform/module.ts';
import {
  NAME_SIMILARITY,
  removeSearchDocuments,
  type SearchDocument,
  upsertSearchDocuments,
  withWordSimilarity,
} from '../../../platform/search/service.ts';
import { isCalendarDate, jakartaDate } from '../../../platform/time.ts';
import {
  archiveReadScope,
  assertMayApproveDestruction,
  assertMayDeleteDocument,
  assertMayEditDocument,
  assertMayReadDocument,
  filingVillage,
  mayApproveDestruction,
  mayDeleteDocument,
  mayEditDocument,
  mayReadClass,
  mayReviewRetention,
} from '../policy.ts';
import { classificationCodeProblem } from '../service.ts';
import { CATEGORIES, findCategory } from './categories.ts';
import { extractText } from './extract.ts';
import * as repo from './repo.ts';
import { ACCESS_CLASSES, type AccessClass, DISPOSITIONS, type Disposition } from './schema.ts';

export { CATEGORIES } from './categories.ts';
export { ACCESS_CLASSES, DISPOSITIONS } from './schema.ts';

/** the owner name of its rows in the platform's search index, kept from when documents were a module of their own */
export const MODULE = 'archive-documents';
export const SEARCH_KIND = 'archive.document';
export const EXTRACT_JOB = 'archive-documents-extract';
/** Per file; a batch holds at most MAX_FILES. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_FILES = 10;
/** A text extraction that failed this many times stays failed (its message shown) until filed again. */
export const MAX_EXTRACTION_ATTEMPTS = 3;
const BASE = '/kelola/arsip/dokumen';

export function documentUrl(id: string): string {
  return `${BASE}/${id}`;
}

/** The fields of the upload form, as typed. */
export interface UploadFields {
  title?: string | undefined;
  number?: string | undefined;
  date?: string | undefined;
  classification?: string | undefined;
  category?: string | undefined;
  activeYears?: string | undefined;
  inactiveYears?: string | undefined;
  disposition?: string | undefined;
  accessClass?: string | undefined;
  location?: string | undefined;
}

/** One file of a batch as the form read it: its bytes, or why it was not read (too large). */
export interface UploadedFile {
  filename: string;
  bytes: Buffer | null;
  problem?: 'tooLarge' | undefined;
}

export type UploadResult =
  | { filename: string; outcome: 'saved'; id: string; title: string }
  | { filename: string; outcome: 'duplicate'; id: string | null; title: string | null }
  | { filename: string; outcome: 'refused'; message: string };

interface Metadata {
  title: string | null;
  number: string | null;
  date: string;
  classification: string | null;
  category: string;
  activeYears: number;
  inactiveYears: number;
  disposition: Disposition;
  accessClass: AccessClass;
  location: string | null;
}

/** Permendagri 83/2022 classification codes look like 100, 100.3 or 000.1.2.3. */
const CLASSIFICATION_SHAPE = /^\d{3}(\.\d{1,3}){0,5}$/;

function text(value: string | undefined, max: number): string | null {
  const trimmed = value?.trim().replace(/\s+/g, ' ') ?? '';
  return trimmed === '' ? null : trimmed.slice(0, max);
}

function years(
  raw: string | undefined,
  fallback: number,
  field: string,
  errors: Record<string, string>,
): number {
  const value = raw?.trim() ?? '';
  if (value === '') return fallback;
  if (!/^\d{1,3}$/.test(value) || Number(value) > 100) {
    errors[field] = t('archiveDocuments.error.years');
    return fallback;
  }
  return Number(value);
}

/**
 * The metadata as typed, checked field by field: the classification must be an active code of the
 * list, the access class one the filer (or editor) may read themselves.
 */
async function readMetadata(
  ctx: Ctx,
  villageCode: string,
  fields: UploadFields,
  options: { titleRequired?: boolean } = {},
): Promise<Metadata> {
  const errors: Record<string, string> = {};
  if (options.titleRequired && !text(fields.title, 300))
    errors.title = t('archiveDocuments.error.titleRequired');
  const category = findCategory(fields.category);
  if (!category) errors.category = t('archiveDocuments.error.category');
  const date = fields.date?.trim() ?? '';
  if (!isCalendarDate(date)) errors.date = t('archiveDocuments.error.date');
  else if (date > jakartaDate(ctx.clock.now())) errors.date = t('archiveDocuments.error.futureDate');
  const classification = text(fields.classification, 40);
  if (classification && !CLASSIFICATION_SHAPE.test(classification))
    errors.classification = t('archiveDocuments.error.classification');
  else if (classification) {
    const problem = await classificationCodeProblem(ctx, classification);
    if (problem) errors.classification = problem;
  }
  const disposition = (fields.disposition?.trim() || category?.disposition) as Disposition | undefined;
  if (!disposition || !DISPOSITIONS.includes(disposition))
    errors.disposition = t('archiveDocuments.error.disposition');
  const accessClass = (fields.accessClass?.trim() || 'biasa') as AccessClass;
  if (!ACCESS_CLASSES.includes(accessClass))
    errors.accessClass = t('archiveDocuments.error.accessClassChoice');
  else if (!mayReadClass(ctx.actor, villageCode, accessClass))
    errors.accessClass = t('archiveDocuments.error.accessClassFiler');
  const metadata: Metadata = {
    title: text(fields.title, 300),
    number: text(fields.number, 100),
    date,
    classification,
    category: category?.code ?? '',
    activeYears: years(fields.activeYears, category?.activeYears ?? 0, 'activeYears', errors),
    inactiveYears: years(fields.inactiveYears, category?.inactiveYears ?? 0, 'inactiveYears', errors),
    disposition: disposition ?? 'dinilai_kembali',
    accessClass,
    location: text(fields.location, 200),
  };
  if (Object.keys(errors).length > 0) throw new Invalid(errors, t('archiveDocuments.error.summary'));
  return metadata;
}

function titleFor(metadata: Metadata, filename: string, several: boolean): string {
  const base =
    filename
      .replace(/\.[A-Za-z0-9]{1,5}$/, '')
      .replace(/[_]+/g, ' ')
      .trim() || filename;
  if (!metadata.title) return base.slice(0, 300);
  return several ? `${metadata.title} — ${base}`.slice(0, 300) : metadata.title;
}

/**
 * Files a batch of scans and PDFs with the same metadata: each file checked by its content (PDF,
 * JPEG, PNG) and size, stored once by its SHA-256 (the same bytes filed again in the village point
 * at the document already there), queued for text extraction. The metadata is checked first: a
 * problem there saves nothing; a problem with one file refuses only that file.
 */
export async function uploadDocuments(
  ctx: Ctx,
  input: { fields: UploadFields; files: UploadedFile[] },
): Promise<UploadResult[]> {
  const villageCode = filingVillage(ctx.actor);
  const metadata = await readMetadata(ctx, villageCode, input.fields);
  const files = input.files.filter((f) => f.filename !== '' || (f.bytes && f.bytes.length > 0));
  if (files.length === 0) throw new Invalid({ files: t('archiveDocuments.error.noFile') });
  if (files.length > MAX_FILES)
    throw new Invalid({ files: t('archiveDocuments.error.tooManyFiles', { max: MAX_FILES }) });
  const results: UploadResult[] = [];
  for (const file of files) results.push(await fileOne(ctx, villageCode, metadata, file, files.length > 1));
  if (results.some((r) => r.outcome === 'saved')) wakeJob(EXTRACT_JOB);
  return results;
}

async function fileOne(
  ctx: Ctx,
  villageCode: string,
  metadata: Metadata,
  file: UploadedFile,
  several: boolean,
): Promise<UploadResult> {
  const refused = (key: string) => ({
    filename: file.filename,
    outcome: 'refused' as const,
    message: t(key, { max: MAX_FILE_BYTES / 1024 / 1024 }),
  });
  if (file.problem === 'tooLarge') return refused('archiveDocuments.error.tooLarge');
  if (!file.bytes || file.bytes.length === 0) return refused('archiveDocuments.error.emptyFile');
  const contentType = sniffContentType(file.bytes);
  if (!contentType) return refused('archiveDocuments.error.fileType');
  const bytes = file.bytes;
  return inTransaction(ctx, async (tx) => {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const existing = await repo.findBySha(tx.db, villageCode, sha256);
    if (existing) {
      const readable = !existing.deleted_at && mayReadClass(tx.actor, villageCode, existing.access_class);
      return {
        filename: file.filename,
        outcome: 'duplicate' as const,
        id: readable ? existing.id : null,
        title: readable ? existing.title : null,
      };
    }
    const saved = await saveFile(tx, { bytes, contentType, name: file.filename, villageCode });
    const now = tx.clock.now();
    const title = titleFor(metadata, file.filename, several);
    const id = await repo.insertDocument(tx.db, {
      village_code: villageCode,
      file_id: saved.id,
      sha256: saved.sha256,
      content_type: contentType,
      size: saved.size,
      file_name: file.filename.slice(0, 200),
      title,
      number: metadata.number,
      document_date: metadata.date,
      classification: metadata.classification,
      category: metadata.category,
      active_years: metadata.activeYears,
      inactive_years: metadata.inactiveYears,
      disposition: metadata.disposition,
      access_class: metadata.accessClass,
      location: metadata.location,
      created_by: actorId(tx.actor),
      created_at: now,
      updated_at: now,
    });
    await audit(tx, {
      action: 'archive_file',
      entity: 'archive_document',
      entityId: id,
      villageCode,
      detail: { sha256: saved.sha256, accessClass: metadata.accessClass },
    });
    await feedSearch(tx, [id]);
    return { filename: file.filename, outcome: 'saved' as const, id, title };
  });
}

/**
 * Feeds the platform's search index: biasa documents as records of their village, terbatas ones
 * as confidential records handled by the village office (the platform's scope then shows them to
 * that office and admin kabupaten only). Rahasia and sangat rahasia documents are never in the
 * shared index: its scope rules know no such class, so they are found on the archive's own page.
 */
async function feedSearch(ctx: Ctx, ids: string[]): Promise<void> {
  const rows = await repo.indexable(ctx.db, { ids });
  await feedRows(ctx, rows);
  const gone = ids.filter((id) => !rows.some((r) => r.id === id && sharedClass(r.access_class)));
  await removeSearchDocuments(ctx, { module: MODULE, kind: SEARCH_KIND, refIds: gone });
}

function sharedClass(accessClass: AccessClass): boolean {
  return accessClass === 'biasa' || accessClass === 'terbatas';
}

async function feedRows(ctx: Ctx, rows: Awaited<ReturnType<typeof repo.indexable>>): Promise<number> {
  const docs: SearchDocument[] = rows
    .filter((r) => sharedClass(r.access_class))
    .map((r) => ({
      module: MODULE,
      kind: SEARCH_KIND,
      refId: r.id,
      villageCode: r.village_code,
      visibility: 'record',
      confidential: r.access_class === 'terbatas',
      handler: r.access_class === 'terbatas' ? { kind: 'village', code: r.village_code } : null,
      title: r.number ? `${r.title} (${r.number})` : r.title,
      body: [r.classification ?? '', t(`archiveDocuments.category.${r.category}`), r.text].join(' ').trim(),
      url: documentUrl(r.id),
    }));
  await upsertSearchDocuments(ctx, docs);
  return docs.length;
}

/** The platform's `npx simpul search reindex`: every document of a village (or all) again. */
export async function reindexArchiveDocuments(ctx: Ctx, villageCode?: string): Promise<number> {
  await removeSearchDocuments(ctx, {
    module: MODULE,
    kind: SEARCH_KIND,
    ...(villageCode ? { villageCode } : {}),
  });
  return feedRows(ctx, await repo.indexable(ctx.db, { villageCode }));
}

export interface ListInput {
  q?: string | undefined;
  year?: string | undefined;
  category?: string | undefined;
  classification?: string | undefined;
  accessClass?: string | undefined;
  page?: number | undefined;
}

function filtersOf(input: ListInput): repo.Filters {
  const year = /^\d{4}$/.test(input.year ?? '') ? Number(input.year) : undefined;
  return {
    year,
    category: findCategory(input.category)?.code,
    classification: text(input.classification, 40) ?? undefined,
    accessClass: ACCESS_CLASSES.find((c) => c === input.accessClass),
  };
}

export type ArchiveListing =
  | { mode: 'list'; rows: repo.ListedDocument[]; total: number; page: number; pageSize: number }
  | {
      mode: 'search';
      term: string;
      rows: repo.FoundDocument[];
      total: number;
      more: boolean;
      page: number;
      pageSize: number;
    };

/**
 * The archive's documents within the actor's reach (village, classes), newest first, or those
 * matching a search, best first, with the matching words marked. Filters: year, category,
 * classification (a code and the codes beneath it), access class.
 */
export async function listArchive(ctx: Ctx, input: ListInput): Promise<ArchiveListing> {
  const scope = archiveReadScope(ctx.actor);
  const filters = filtersOf(input);
  const page = Math.max(1, Math.min(input.page ?? 1, repo.SEARCH_CAP / repo.PAGE_SIZE));
  const term = (input.q ?? '').trim().replace(/\s+/g, ' ').slice(0, 100);
  if (term.length < 2 || !/[\p{L}\p{N}]/u.test(term)) {
    const listed = await repo.listDocuments(ctx.db, scope, filters, input.page ?? 1);
    return { mode: 'list', ...listed, page: input.page ?? 1, pageSize: repo.PAGE_SIZE };
  }
  const found = await withWordSimilarity(ctx.db, NAME_SIMILARITY, (db) =>
    repo.searchDocuments(db, scope, filters, term, page),
  );
  return {
    mode: 'search',
    term,
    rows: found.rows,
    total: Math.min(found.total, repo.SEARCH_CAP),
    more: found.total > repo.SEARCH_CAP,
    page,
    pageSize: repo.PAGE_SIZE,
  };
}

/** Retention of a document: when it stops being active, when its inactive years end. */
export function retentionOf(doc: { document_date: string; active_years: number; inactive_years: number }) {
  const [y, m, d] = doc.document_date.split('-').map(Number) as [number, number, number];
  const plus = (n: number) => {
    const date = new Date(Date.UTC(y + n, m - 1, d));
    return date.toISOString().slice(0, 10);
  };
  return { activeUntil: plus(doc.active_years), inactiveUntil: plus(doc.active_years + doc.inactive_years) };
}

async function readableDocument(ctx: Ctx, rawId: string) {
  if (!isUuid(rawId)) throw new NotFound(t('archiveDocuments.error.notFound'));
  const doc = await repo.findDocument(ctx.db, rawId);
  if (!doc) throw new NotFound(t('archiveDocuments.error.notFound'));
  assertMayReadDocument(ctx.actor, { villageCode: doc.village_code, accessClass: doc.access_class });
  return doc;
}

/** One document with what the actor may do with it; a deleted or destroyed one is still shown, marked. */
export async function documentFor(ctx: Ctx, id: string) {
  const doc = await readableDocument(ctx, id);
  const ref = { villageCode: doc.village_code, accessClass: doc.access_class };
  const gone = doc.deleted_at !== null || doc.destroyed_at !== null;
  return {
    doc: { ...doc, document_date: String(doc.document_date) },
    retention: retentionOf({ ...doc, document_date: String(doc.document_date) }),
    preview: gone ? '' : (await repo.documentText(ctx.db, doc.id)).slice(0, 4000),
    destruction: doc.destruction_id ? await repo.findDestruction(ctx.db, doc.destruction_id) : null,
    mayDelete: !gone && mayDeleteDocument(ctx.actor, ref),
    mayEdit: !gone && mayEditDocument(ctx.actor, ref),
    mayDownload: doc.file_id !== null && !gone,
  };
}

async function editableDocument(ctx: Ctx, id: string) {
  const doc = await readableDocument(ctx, id);
  assertMayEditDocument(ctx.actor, { villageCode: doc.village_code, accessClass: doc.access_class });
  if (doc.deleted_at || doc.destroyed_at) throw new NotFound(t('archiveDocuments.error.notFound'));
  return doc;
}

function storedMetadata(doc: repo.DocumentRow): repo.EditableMetadata {
  return {
    title: doc.title,
    number: doc.number,
    document_date: String(doc.document_date),
    classification: doc.classification,
    category: doc.category,
    active_years: doc.active_years,
    inactive_years: doc.inactive_years,
    disposition: doc.disposition,
    access_class: doc.access_class,
    location: doc.location,
  };
}

/** What the edit form starts from: the document's metadata as stored, as the form names it. */
export async function documentEditForm(ctx: Ctx, id: string) {
  const doc = await editableDocument(ctx, id);
  const m = storedMetadata(doc);
  const values: Record<keyof UploadFields, string> = {
    title: m.title,
    number: m.number ?? '',
    date: m.document_date,
    classification: m.classification ?? '',
    category: m.category,
    activeYears: String(m.active_years),
    inactiveYears: String(m.inactive_years),
    disposition: m.disposition,
    accessClass: m.access_class,
    location: m.location ?? '',
  };
  return { id: doc.id, title: doc.title, values };
}

/**
 * Corrects a document's metadata after the upload, checked as at filing (and a title required).
 * The audit log keeps each changed field, old and new; the platform's search index follows the
 * new access class (rahasia and sangat rahasia leave it, biasa and terbatas come back).
 */
export async function editDocument(ctx: Ctx, id: string, fields: UploadFields): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => editDocument(tx, id, fields));
  const doc = await editableDocument(ctx, id);
  const m = await readMetadata(ctx, doc.village_code, fields, { titleRequired: true });
  const next: repo.EditableMetadata = {
    title: m.title ?? doc.title,
    number: m.number,
    document_date: m.date,
    classification: m.classification,
    category: m.category,
    active_years: m.activeYears,
    inactive_years: m.inactiveYears,
    disposition: m.disposition,
    access_class: m.accessClass,
    location: m.location,
  };
  const before = storedMetadata(doc);
  const keys = (Object.keys(next) as Array<keyof repo.EditableMetadata>).filter((k) => before[k] !== next[k]);
  if (keys.length === 0) return;
  await repo.updateMetadata(ctx.db, doc.id, { ...next, updated_at: ctx.clock.now() });
  await audit(ctx, {
    action: 'archive_edit',
    entity: 'archive_document',
    entityId: doc.id,
    villageCode: doc.village_code,
    detail: { changes: Object.fromEntries(keys.map((k) => [k, { from: before[k], to: next[k] }])) },
  });
  await feedSearch(ctx, [doc.id]);
}

/** The stored file of a document, for whoever may read its class; every download is audited. */
export async function downloadDocument(ctx: Ctx, id: string) {
  const doc = await readableDocument(ctx, id);
  if (!doc.file_id || doc.deleted_at || doc.destroyed_at)
    throw new NotFound(t('archiveDocuments.error.fileGone'));
  const file = await readFile(ctx, doc.file_id);
  await audit(ctx, {
    action: 'archive_download',
    entity: 'archive_document',
    entityId: doc.id,
    villageCode: doc.village_code,
    detail: { accessClass: doc.access_class, sha256: doc.sha256 },
  });
  return { ...file, name: doc.file_name };
}

/**
 * Deletion outside the retention schedule: a recorded act of the kepala or sekretaris desa, with
 * a reason. The record and its bytes stay (soft delete): it leaves lists and searches only.
 */
export async function deleteDocument(
  ctx: Ctx,
  id: string,
  input: { reason?: string | undefined },
): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => deleteDocument(tx, id, input));
  const doc = await readableDocument(ctx, id);
  assertMayDeleteDocument(ctx.actor, { villageCode: doc.village_code, accessClass: doc.access_class });
  const reason = text(input.reason, 2000);
  if (!reason || reason.length < 10) throw new Invalid({ reason: t('archiveDocuments.error.reason') });
  if (doc.deleted_at || doc.destroyed_at) throw new NotFound(t('archiveDocuments.error.notFound'));
  await repo.markDeleted(ctx.db, doc.id, { by: actorId(ctx.actor), reason, at: ctx.clock.now() });
  await removeSearchDocuments(ctx, { module: MODULE, kind: SEARCH_KIND, refIds: [doc.id] });
  await audit(ctx, {
    action: 'archive_delete',
    entity: 'archive_document',
    entityId: doc.id,
    villageCode: doc.village_code,
    detail: { reason, title: doc.title },
  });
}

/** The usul musnah of the actor's village: documents whose retention is over (never permanen ones). */
export async function retentionReview(ctx: Ctx) {
  if (!mayReviewRetention(ctx.actor)) throw new NotFound(t('archiveDocuments.error.notFound'));
  const villageCode = filingVillage(ctx.actor);
  const { classes } = archiveReadScope(ctx.actor);
  const due = await repo.dueForReview(ctx.db, villageCode, classes, jakartaDate(ctx.clock.now()));
  return { villageCode, due, mayApprove: mayApproveDestruction(ctx.actor, villageCode) };
}

/**
 * The kepala desa approves an usul musnah: the chosen documents (each on the review list) are
 * marked destroyed under one recorded decision (reason, berita acara number); their records stay,
 * their bytes and text go.
 */
export async function approveDestruction(
  ctx: Ctx,
  input: { ids?: string[] | undefined; reason?: string | undefined; minutesNumber?: string | undefined },
): Promise<{ id: string; destroyed: number }> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => approveDestruction(tx, input));
  const villageCode = filingVillage(ctx.actor);
  assertMayApproveDestruction(ctx.actor, villageCode);
  const errors: Record<string, string> = {};
  const { due } = await retentionReview(ctx);
  const dueIds = new Set(due.map((d) => d.id));
  const ids = [...new Set(input.ids ?? [])];
  if (ids.length === 0) errors.ids = t('archiveDocuments.error.noneChosen');
  else if (ids.some((id) => !dueIds.has(id))) errors.ids = t('archiveDocuments.error.notDue');
  const reason = text(input.reason, 2000);
  if (!reason || reason.length < 10) errors.reason = t('archiveDocuments.error.reason');
  const minutesNumber = text(input.minutesNumber, 100);
  if (!minutesNumber) errors.minutesNumber = t('archiveDocuments.error.minutesNumber');
  if (Object.keys(errors).length > 0) throw new Invalid(errors, t('archiveDocuments.error.summary'));
  const now = ctx.clock.now();
  const destructionId = await repo.insertDestruction(ctx.db, {
    village_code: villageCode,
    approved_by: actorId(ctx.actor),
    approved_at: now,
    reason: reason!,
    minutes_number: minutesNumber!,
    documents: ids.length,
  });
  const files = await repo.fileIdsOf(ctx.db, ids);
  await repo.markDestroyed(ctx.db, ids, destructionId, now);
  for (const f of files) if (f.file_id) await deleteFile(ctx, f.file_id);
  await removeSearchDocuments(ctx, { module: MODULE, kind: SEARCH_KIND, refIds: ids });
  await audit(ctx, {
    action: 'archive_destroy',
    entity: 'archive_destruction',
    entityId: destructionId,
    villageCode,
    detail: { reason, minutesNumber, documents: ids },
  });
  return { id: destructionId, destroyed: ids.length };
}

/** How many documents wait on the usul musnah of the actor's village (the work queue). */
export async function countDueForReview(ctx: Ctx): Promise<number> {
  if (!mayReviewRetention(ctx.actor)) return 0;
  const villageCode = filingVillage(ctx.actor);
  const { classes } = archiveReadScope(ctx.actor);
  return repo.countDueForReview(ctx.db, villageCode, classes, jakartaDate(ctx.clock.now()));
}

/**
 * The extraction job: takes documents waiting for their text one by one (PDF text layer, OCR of
 * scans), records pages done as it goes, and a failure with its message (retried after the jobs'
 * backoff, at most MAX_EXTRACTION_ATTEMPTS times). Stops after `budgetMs` so one run stays short.
 */
export async function extractPending(ctx: Ctx, budgetMs = 4 * 60_000): Promise<number> {
  const started = Date.now();
  let done = 0;
  while (Date.now() - started < budgetMs) {
    const now = ctx.clock.now();
    const claimed = await repo.claimPending(
      ctx.db,
      now,
      new Date(now.getTime() - 15 * 60_000),
      MAX_EXTRACTION_ATTEMPTS,
    );
    if (!claimed) break;
    await extractOne(ctx, claimed);
    done++;
  }
  return done;
}

async function extractOne(ctx: Ctx, claimed: repo.ClaimedDocument): Promise<void> {
  try {
    const file = await readFile(ctx, claimed.file_id);
    const found = await extractText(file.bytes, claimed.content_type, (d, total) =>
      repo.setProgress(ctx.db, claimed.id, d, total).then(() => undefined),
    );
    await inTransaction(ctx, async (tx) => {
      await repo.setDocumentText(tx.db, claimed.id, {
        text: found.text,
        method: found.method,
        pagesTotal: found.pages,
        at: tx.clock.now(),
      });
      await feedSearch(tx, [claimed.id]);
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    ctx.log.warn({ err: error, document: claimed.id }, 'archive text extraction failed');
    await repo.setFailed(
      ctx.db,
      claimed.id,
      message,
      new Date(ctx.clock.now().getTime() + backoffDelay(claimed.extraction_attempts)),
    );
  }
}

/** A document's text-extraction state for the page and list: pages done of total, or the failure. */
export function extractionPercent(doc: { pages_done: number; pages_total: number | null }): number | null {
  if (!doc.pages_total) return null;
  return Math.round((100 * doc.pages_done) / doc.pages_total);
}

export const categoryCodes = (): string[] => CATEGORIES.map((c) => c.code);

/** The upload form: for the village office, which files for its own village. */
export function openUploadForm(ctx: Ctx): { villageCode: string } {
  return { villageCode: filingVillage(ctx.actor) };
}

/** The kepala desa's work: documents on the usul musnah, waiting for a decision. */
export async function archiveWorkQueue(ctx: Ctx): Promise<WorkQueueItem[]> {
  if (!mayApproveDestruction(ctx.actor, ctx.actor?.kind === 'staff' ? ctx.actor.scope.code : '')) return [];
  if (ctx.actor?.kind !== 'staff') return [];
  const count = await countDueForReview(ctx);
  if (count === 0) return [];
  return [
    {
      kind: 'archiveDocuments.review',
      count,
      overdue: 0,
      href: `${BASE}/usul-musnah`,
      label: t('archiveDocuments.queue.review', { count }),
    },
  ];
}
