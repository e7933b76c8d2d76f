import { audit } from '../../platform/audit/service.ts';
import { type Ctx, inTransaction } from '../../platform/context.ts';
import { readFile, saveFile } from '../../platform/files/index.ts';
import { Invalid, NotFound } from '../../platform/http/errors.ts';
import { isUuid, searchTerm } from '../../platform/http/input.ts';
import { t } from '../../platform/i18n/index.ts';
import { type Body, getBody } from './bodies.ts';
import { documentName, MAX_DOCUMENT_BYTES, sniffDocument } from './documents.ts';
import { assertPpid } from './policy.ts';
import * as repo from './repo.ts';
import type { Category } from './schema.ts';

export const CATEGORIES: Category[] = ['berkala', 'serta_merta', 'setiap_saat', 'dikecualikan'];
const FORMATS = ['softcopy', 'hardcopy', 'keduanya'] as const;

export interface EntryInput {
  category?: string;
  title?: string;
  summary?: string;
  official?: string;
  period?: string;
  format?: string;
  retention?: string;
  link?: string;
  legalBasis?: string;
  consequence?: string;
  publicInterest?: string;
  /** drop the stored document (an edit) */
  removeDocument?: boolean;
}

export interface UploadedDocument {
  filename: string;
  bytes: Buffer;
}

function isCategory(value: string | undefined): value is Category {
  return CATEGORIES.includes(value as Category);
}

function text(value: string | undefined): string {
  return (value ?? '').trim();
}

/** Checks an entry's fields and the uploaded document; every problem at once, by field. */
function checkEntry(input: EntryInput, document: UploadedDocument | null) {
  const errors: Record<string, string> = {};
  const category = input.category;
  if (!isCategory(category)) errors.category = t('informasi.error.category');
  const title = text(input.title);
  if (!title) errors.title = t('informasi.error.required');
  else if (title.length > 300) errors.title = t('informasi.error.tooLong', { max: '300' });
  const official = text(input.official);
  if (!official) errors.official = t('informasi.error.required');
  const period = text(input.period);
  if (!period) errors.period = t('informasi.error.required');
  const format = input.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) errors.format = t('informasi.error.choice');
  const retention = text(input.retention);
  if (!retention) errors.retention = t('informasi.error.required');
  const link = text(input.link);
  if (link && !/^https?:\/\/[^\s]+$/.test(link)) errors.link = t('informasi.error.link');
  const excluded = category === 'dikecualikan';
  const legalBasis = text(input.legalBasis);
  const consequence = text(input.consequence);
  const publicInterest = text(input.publicInterest);
  if (excluded) {
    if (!legalBasis) errors.legalBasis = t('informasi.error.consequenceTest');
    if (!consequence) errors.consequence = t('informasi.error.consequenceTest');
    if (!publicInterest) errors.publicInterest = t('informasi.error.consequenceTest');
    if (document || link) errors.document = t('informasi.error.excludedNoDocument');
  }
  let kind: ReturnType<typeof sniffDocument> = null;
  if (document) {
    if (document.bytes.length > MAX_DOCUMENT_BYTES) errors.document = t('informasi.error.fileTooLarge');
    else {
      kind = sniffDocument(document.bytes);
      if (!kind) errors.document = t('informasi.error.fileType');
    }
  }
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  return {
    category: category as Category,
    title,
    summary: text(input.summary).slice(0, 4000),
    official,
    period,
    format,
    retention,
    link: excluded ? null : link || null,
    legal_basis: excluded ? legalBasis : null,
    consequence: excluded ? consequence : null,
    public_interest: excluded ? publicInterest : null,
    kind,
  };
}

/** Keeps a checked document in the file store under a name made of the entry's title. */
async function storeDocument(
  ctx: Ctx,
  title: string,
  document: UploadedDocument | null,
  kind: ReturnType<typeof sniffDocument>,
  villageCode: string | null,
): Promise<{ id: string; name: string } | null> {
  if (!document || !kind) return null;
  const name = documentName(title, kind.extension);
  const file = await saveFile(ctx, {
    bytes: document.bytes,
    contentType: kind.contentType,
    name,
    villageCode,
  });
  return { id: file.id, name };
}

/** Adds a line to a body's DIP (its PPID only). */
export async function createEntry(
  ctx: Ctx,
  bodyCode: string,
  input: EntryInput,
  document: UploadedDocument | null,
): Promise<string> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => createEntry(tx, bodyCode, input, document));
  const body = await getBody(ctx, bodyCode);
  assertPpid(ctx.actor, body);
  const { kind, ...fields } = checkEntry(input, document);
  const file = await storeDocument(ctx, fields.title, document, kind, body.villageCode);
  const now = ctx.clock.now();
  const { id } = await repo.insertEntry(ctx.db, {
    ...fields,
    body_kind: body.kind,
    body_code: body.code,
    village_code: body.villageCode,
    file_id: file?.id ?? null,
    file_name: file?.name ?? null,
    created_at: now,
    updated_at: now,
  });
  await audit(ctx, {
    action: 'informasi_entry_create',
    entity: 'informasi_entry',
    entityId: id,
    villageCode: body.villageCode,
    detail: { body: body.code, category: fields.category },
  });
  return id;
}

async function entryOrNotFound(ctx: Ctx, id: string) {
  const row = isUuid(id) ? await repo.selectEntry(ctx.db, id) : undefined;
  if (!row) throw new NotFound(t('informasi.error.noEntry'));
  return row;
}

export async function updateEntry(
  ctx: Ctx,
  id: string,
  input: EntryInput,
  document: UploadedDocument | null,
): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => updateEntry(tx, id, input, document));
  const row = await entryOrNotFound(ctx, id);
  assertPpid(ctx.actor, { kind: row.body_kind, code: row.body_code });
  const keepsOld = !document && !input.removeDocument && input.category !== 'dikecualikan';
  const { kind, ...fields } = checkEntry(input, document);
  const file = await storeDocument(ctx, fields.title, document, kind, row.village_code);
  await repo.updateEntry(ctx.db, id, {
    ...fields,
    file_id: file?.id ?? (keepsOld ? row.file_id : null),
    file_name: file?.name ?? (keepsOld ? row.file_name : null),
    updated_at: ctx.clock.now(),
  });
  await audit(ctx, {
    action: 'informasi_entry_update',
    entity: 'informasi_entry',
    entityId: id,
    villageCode: row.village_code,
    detail: { body: row.body_code, category: fields.category },
  });
}

export async function deleteEntry(ctx: Ctx, id: string): Promise<string> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => deleteEntry(tx, id));
  const row = await entryOrNotFound(ctx, id);
  assertPpid(ctx.actor, { kind: row.body_kind, code: row.body_code });
  await repo.deleteEntry(ctx.db, id);
  await audit(ctx, {
    action: 'informasi_entry_delete',
    entity: 'informasi_entry',
    entityId: id,
    villageCode: row.village_code,
    detail: { body: row.body_code, title: row.title },
  });
  return row.body_code;
}

/** What anyone may read of an entry: an excluded one without its document (there is none to give). */
export type PublicEntry = Awaited<ReturnType<typeof getEntry>>;

export async function getEntry(ctx: Ctx, bodyCode: string, id: string) {
  const row = await entryOrNotFound(ctx, id);
  if (row.body_code !== bodyCode) throw new NotFound(t('informasi.error.noEntry'));
  const body = await getBody(ctx, bodyCode);
  return { ...publicEntry(row), body };
}

type EntryRow = NonNullable<Awaited<ReturnType<typeof repo.selectEntry>>>;

/** What an entry says of the information, as every reader and the edit form see it. */
function entryText(row: EntryRow) {
  return {
    category: row.category,
    title: row.title,
    summary: row.summary,
    official: row.official,
    period: row.period,
    format: row.format,
    retention: row.retention,
  };
}

/** A stored entry as the values of its edit form. */
export function entryFormValues(row: EntryRow): Record<string, string> {
  return {
    ...entryText(row),
    link: row.link ?? '',
    legalBasis: row.legal_basis ?? '',
    consequence: row.consequence ?? '',
    publicInterest: row.public_interest ?? '',
  };
}

function publicEntry(row: EntryRow) {
  const excluded = row.category === 'dikecualikan';
  return {
    id: row.id,
    bodyKind: row.body_kind,
    bodyCode: row.body_code,
    ...entryText(row),
    hasDocument: !excluded && row.file_id !== null,
    documentName: excluded ? null : row.file_name,
    link: excluded ? null : row.link,
    consequenceTest: excluded
      ? {
          legalBasis: row.legal_basis ?? '',
          consequence: row.consequence ?? '',
          publicInterest: row.public_interest ?? '',
        }
      : null,
    updatedAt: row.updated_at,
  };
}

/** The entry's stored document; excluded entries have none, whoever asks. */
export async function entryDocument(ctx: Ctx, bodyCode: string, id: string) {
  const row = await entryOrNotFound(ctx, id);
  if (row.body_code !== bodyCode || row.category === 'dikecualikan' || !row.file_id)
    throw new NotFound(t('informasi.error.noDocument'));
  const file = await readFile(ctx, row.file_id);
  return { ...file, name: row.file_name ?? file.name };
}

/** The staff form's values of an entry (the PPID of its body only). */
export async function entryForEdit(ctx: Ctx, id: string) {
  const row = await entryOrNotFound(ctx, id);
  assertPpid(ctx.actor, { kind: row.body_kind, code: row.body_code });
  return row;
}

export const ENTRY_PAGE_SIZE = 30;

/** The public list: every body's DIP, searchable, filtered by body and category. */
export async function listEntries(
  ctx: Ctx,
  filter: { body?: Body; category?: string; term?: string; page: number },
) {
  const { rows, total } = await repo.selectEntries(
    ctx.db,
    {
      body: filter.body,
      category: isCategory(filter.category) ? filter.category : undefined,
      term: searchTerm(filter.term) ?? undefined,
    },
    ENTRY_PAGE_SIZE,
    (filter.page - 1) * ENTRY_PAGE_SIZE,
  );
  return { rows: rows.map(publicEntry), total };
}

/** A body's whole DIP, grouped by category in the order the law lists them. */
export async function bodyRegister(ctx: Ctx, body: Body) {
  const { rows } = await repo.selectEntries(ctx.db, { body }, 1000, 0);
  const entries = rows.map(publicEntry);
  return CATEGORIES.map((category) => ({
    category,
    entries: entries.filter((e) => e.category === category),
  }));
}

/** The public DIP page of every body that has one (`/sitemap.xml`). */
export async function informasiSitemap(ctx: Ctx) {
  const rows = await repo.selectBodiesWithEntries(ctx.db);
  return [
    { path: '/informasi-publik' },
    ...rows.map((r) => ({ path: `/informasi-publik/${r.body_code}`, lastModified: new Date(r.updated_at) })),
  ];
}

const DAY_MS = 86_400_000;

/**
 * How many public information documents (any category but `dikecualikan`) each village's PPID put
 * in its DIP in the last `days` days: "something published" for the adoption dashboard.
 */
export async function documentsPublishedByVillage(
  ctx: Ctx,
  villages: readonly string[],
  days: number,
): Promise<Map<string, number>> {
  const since = new Date(ctx.clock.now().getTime() - days * DAY_MS);
  const rows = await repo.publicEntriesSince(ctx.db, villages, since);
  return new Map(rows.flatMap((r) => (r.village_code ? [[r.village_code, Number(r.n)] as const] : [])));
}
