/**
 * The `imports` extension point: a persisted import job runner. A module describes an import once
 * (`ImportDefinition` on its descriptor); the request that receives a file only records it
 * (`createImport` while the upload streams to disk, then `queueImport`), the `imports` background
 * job takes queued imports one by one on whichever server gets its lease, and the row in
 * `import_jobs` carries state, progress (rows done of an estimated total), heartbeat, counts and
 * the error file of rejected rows (CSV, through platform/files).
 *
 * After a crash: an import whose upload never finished is failed ('terhenti'); one that was
 * running is taken up again from the same file (importers are idempotent: a re-run writes what the
 * dead run had not) up to MAX_IMPORT_ATTEMPTS times, then failed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Selectable, sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { readFile, saveFile } from '../files/index.ts';
import { Invalid, NotFound } from '../http/errors.ts';
import type { OneUpload } from '../http/upload.ts';
import { t } from '../i18n/index.ts';
import { type Job, wakeJob } from '../jobs/index.ts';
import { fileKind } from '../tabular/index.ts';
import type { ImportJobTable } from './schema.ts';
import './schema.ts';

export type { ImportState } from './schema.ts';
export {
  type RejectedRow,
  type RowOutcome,
  type SaveRow,
  type SheetFormat,
  type SheetRow,
  sheetImport,
  sheetTemplate,
  writeRejectedRows,
} from './sheet.ts';

export interface ImportProgress {
  rowsDone: number;
  /** how much of the file has been read, 0–1, when the reader knows (gives the estimated total) */
  fraction?: number;
}

/** Handed to a definition's run: report as often as you like, the runner writes at most once a second. */
export interface ImportReporter {
  report(progress: ImportProgress): void;
}

export interface ImportJob {
  id: string;
  kind: string;
  regionCode: string;
  fileName: string;
  options: Record<string, unknown>;
  /** 1 for the first run, more when a run that died is taken up again */
  attempt: number;
  /** write the rejected rows here as CSV (baris, kolom, pesan); the runner stores it if rejected > 0 */
  errorFile: string;
}

export interface ImportOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rowsTotal: number;
  /** what the operator should read beside the counts (already in Indonesian), or null */
  message?: string | null;
}

export interface ImportDefinition {
  kind: string;
  /** i18n key naming what is imported ("Penduduk") on the admin page */
  label: string;
  /** the module's staff page showing one import of this kind (a failed import in `/kelola/kerja` links there) */
  page?: (jobId: string) => string;
  run(ctx: Ctx, job: ImportJob, file: string, progress: ImportReporter): Promise<ImportOutcome>;
}

export type ImportRecord = Omit<Selectable<ImportJobTable>, 'options'> & { options: Record<string, unknown> };

/** How often a running import touches its heartbeat, and how old one must be to count as dead. */
export const IMPORT_HEARTBEAT_MS = 30_000;
export const IMPORT_STALE_AFTER_MS = 120_000;
/** Runs of one import begun in all (the first and those after a crash) before it is failed for good. */
export const MAX_IMPORT_ATTEMPTS = 3;
/** Progress goes to the database at most this often: never one write per row. */
const PROGRESS_EVERY_MS = 1000;

export function importDir(ctx: Ctx): string {
  return path.join(ctx.config.dataDir, 'imports');
}

/**
 * Records an import whose file is about to arrive (state 'berjalan', no run yet): the caller
 * streams the upload to `uploadPath`, then calls queueImport. Authorisation is the caller's.
 */
export async function createImport(
  ctx: Ctx,
  input: { kind: string; regionCode: string; fileName: string; options?: Record<string, unknown> },
): Promise<{ id: string; uploadPath: string }> {
  await fs.promises.mkdir(importDir(ctx), { recursive: true });
  const row = await ctx.db
    .insertInto('import_jobs')
    .values({
      kind: input.kind,
      region_code: input.regionCode,
      file_name: input.fileName.slice(0, 200),
      options: JSON.stringify(input.options ?? {}),
      created_by:
        ctx.actor?.kind === 'staff' ? ctx.actor.email : ctx.actor?.kind === 'system' ? 'sistem' : null,
      heartbeat_at: ctx.clock.now(),
      created_at: ctx.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const uploadPath = path.join(importDir(ctx), `${row.id}${path.extname(input.fileName).toLowerCase()}`);
  await ctx.db.updateTable('import_jobs').set({ upload_path: uploadPath }).where('id', '=', row.id).execute();
  return { id: row.id, uploadPath };
}

/** createImport for a CSV or XLSX file; any other is refused with `fileType` (an i18n key) on the file field. */
export function createSheetImport(
  ctx: Ctx,
  input: Parameters<typeof createImport>[1],
  fileType: string,
): Promise<{ id: string; uploadPath: string }> {
  if (!fileKind(input.fileName)) throw new Invalid({ file: t(fileType) });
  return createImport(ctx, input);
}

/** The file is complete: a worker may take the import now (this server's at once, others at their next tick). */
export async function queueImport(ctx: Ctx, id: string): Promise<void> {
  await ctx.db
    .updateTable('import_jobs')
    .set({ state: 'antre', heartbeat_at: ctx.clock.now() })
    .where('id', '=', id)
    .where('state', '=', 'berjalan')
    .where('started_at', 'is', null)
    .execute();
  wakeJob(IMPORTS_JOB);
}

/** An upload that was refused (too large, unreadable): failed with the reason, its file removed. */
export async function abandonImport(ctx: Ctx, id: string, message: string): Promise<void> {
  const row = await ctx.db
    .updateTable('import_jobs')
    .set({ state: 'gagal', message, finished_at: ctx.clock.now() })
    .where('id', '=', id)
    .returning('upload_path')
    .executeTakeFirst();
  await removeFiles(row?.upload_path ?? null);
}

async function removeFiles(uploadPath: string | null): Promise<void> {
  if (!uploadPath) return;
  await fs.promises.rm(uploadPath, { force: true });
  await fs.promises.rm(`${uploadPath}.galat.csv`, { force: true });
}

function toRecord(row: Record<string, unknown>): ImportRecord {
  const options = typeof row.options === 'string' ? JSON.parse(row.options) : row.options;
  return { ...(row as unknown as ImportRecord), options: (options ?? {}) as Record<string, unknown> };
}

/** One import by id; with `kind`, an import of another kind is not found either. */
export async function findImport(ctx: Ctx, id: string, kind?: string): Promise<ImportRecord> {
  const row = /^[0-9a-f-]{36}$/i.test(id)
    ? await ctx.db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst()
    : undefined;
  if (!row || (kind !== undefined && row.kind !== kind)) throw new NotFound(t('imports.notFound'));
  return toRecord(row);
}

/** The latest imports of one kind into one region (the module's import page). */
export async function listImportsOf(
  ctx: Ctx,
  filter: { kind: string; regionCode: string },
  limit = 10,
): Promise<ImportRecord[]> {
  const rows = await ctx.db
    .selectFrom('import_jobs')
    .selectAll()
    .where('kind', '=', filter.kind)
    .where('region_code', '=', filter.regionCode)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toRecord);
}

/** Every kind's latest imports, unfinished first (the admin's background work page). */
export async function listRecentImports(ctx: Ctx, limit = 20): Promise<ImportRecord[]> {
  const rows = await ctx.db
    .selectFrom('import_jobs')
    .selectAll()
    .orderBy(sql`state IN ('berjalan','antre')`, 'desc')
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toRecord);
}

export async function importErrorFileOf(ctx: Ctx, record: ImportRecord) {
  if (!record.error_file_id) throw new NotFound(t('imports.noRejectedRows'));
  return readFile(ctx, record.error_file_id);
}

/**
 * What a module's import page does with one of its imports once the upload has ended, each after
 * the module's own check that the import is the caller's (`own` throws NotFound or Forbidden).
 */
export function ownImportActions(own: (ctx: Ctx, id: string) => Promise<ImportRecord>) {
  async function queue(ctx: Ctx, id: string): Promise<void> {
    await own(ctx, id);
    await queueImport(ctx, id);
  }
  async function refuse(ctx: Ctx, id: string, message: string): Promise<void> {
    await own(ctx, id);
    await abandonImport(ctx, id, message);
  }
  return {
    queue,
    refuse,
    async errorFile(ctx: Ctx, id: string) {
      return importErrorFileOf(ctx, await own(ctx, id));
    },
    /**
     * The file an upload form sent: queued when it arrived whole, otherwise its import is failed
     * and the form refused with the problem, or `noFile` (422), once `mayUpload` has turned a
     * stranger away (Forbidden).
     */
    async takeUpload(
      ctx: Ctx,
      upload: OneUpload<{ id: string }>,
      mayUpload: () => unknown,
      noFile: string,
    ): Promise<void> {
      if (upload.problem || !upload.job) {
        if (upload.job) await refuse(ctx, upload.job.id, upload.problem ?? '');
        await mayUpload();
        throw new Invalid({ file: upload.problem ?? noFile });
      }
      await queue(ctx, upload.job.id);
    },
  };
}

/** Percent of the file done for a progress bar: 100 once finished. */
export function importPercent(record: Pick<ImportRecord, 'state' | 'rows_done' | 'rows_total'>): number {
  if (record.state === 'selesai' || record.state === 'gagal') return 100;
  if (record.rows_total <= 0) return 0;
  return Math.min(99, Math.floor((record.rows_done / record.rows_total) * 100));
}

/** Writes progress at most once a second, and a heartbeat every IMPORT_HEARTBEAT_MS even with no rows. */
function reporterFor(ctx: Ctx, id: string): ImportReporter & { stop(): void } {
  let last = 0;
  let writing = false;
  const write = (values: { rows_done?: number; rows_total?: number }) => {
    if (writing) return;
    writing = true;
    ctx.db
      .updateTable('import_jobs')
      .set({ ...values, heartbeat_at: ctx.clock.now() })
      .where('id', '=', id)
      .where('state', '=', 'berjalan')
      .execute()
      .catch((error: unknown) => ctx.log.warn({ err: error, importId: id }, 'import progress not written'))
      .finally(() => {
        writing = false;
      });
  };
  // progress alone does not show the import is alive: the derived tables at the end are long
  // statements with no rows to report
  const heartbeat = setInterval(() => write({}), IMPORT_HEARTBEAT_MS);
  heartbeat.unref();
  return {
    report({ rowsDone, fraction }) {
      const now = Date.now();
      if (now - last < PROGRESS_EVERY_MS) return;
      last = now;
      const total =
        fraction && fraction > 0 ? Math.max(rowsDone, Math.round(rowsDone / Math.min(1, fraction))) : 0;
      write({ rows_done: rowsDone, rows_total: total });
    },
    stop: () => clearInterval(heartbeat),
  };
}

/**
 * Runs one import to its end in this process and records the outcome; never throws (the row says
 * what happened). `keepUpload` leaves the file where it is (the CLI imports the operator's own file).
 */
async function execute(
  ctx: Ctx,
  definition: ImportDefinition | undefined,
  record: ImportRecord,
  file: string,
  options: { keepUpload?: boolean; errorFile?: string } = {},
): Promise<ImportOutcome | null> {
  const errorFile = options.errorFile ?? `${file}.galat.csv`;
  const reporter = reporterFor(ctx, record.id);
  try {
    if (!definition) throw new Error(`no import definition for kind ${record.kind}`);
    const outcome = await definition.run(
      ctx,
      {
        id: record.id,
        kind: record.kind,
        regionCode: record.region_code,
        fileName: record.file_name,
        options: record.options,
        attempt: record.attempts,
        errorFile,
      },
      file,
      reporter,
    );
    reporter.stop();
    let errorFileId: string | null = null;
    if (outcome.rejected > 0 && fs.existsSync(errorFile)) {
      const saved = await saveFile(ctx, {
        bytes: await fs.promises.readFile(errorFile),
        contentType: 'text/csv; charset=utf-8',
        name: `galat-${record.file_name}.csv`,
        villageCode: record.region_code,
      });
      errorFileId = saved.id;
    }
    await ctx.db
      .updateTable('import_jobs')
      .set({
        state: 'selesai',
        rows_done: outcome.rowsTotal,
        rows_total: outcome.rowsTotal,
        inserted: outcome.inserted,
        updated: outcome.updated,
        unchanged: outcome.unchanged,
        rejected: outcome.rejected,
        error_file_id: errorFileId,
        message: outcome.message ?? null,
        finished_at: ctx.clock.now(),
      })
      .where('id', '=', record.id)
      .execute();
    return outcome;
  } catch (error) {
    reporter.stop();
    ctx.log.error({ err: error, importId: record.id, kind: record.kind }, 'import failed');
    const invalid = error instanceof Invalid;
    await ctx.db
      .updateTable('import_jobs')
      .set({
        state: 'gagal',
        message: invalid ? Object.values(error.fields).join(' ') : null,
        failure: invalid ? null : 'sistem',
        finished_at: ctx.clock.now(),
      })
      .where('id', '=', record.id)
      .execute();
    return null;
  } finally {
    reporter.stop();
    if (!options.keepUpload) await removeFiles(file);
    else if (!options.errorFile) await fs.promises.rm(errorFile, { force: true });
  }
}

/** Runs an import this process has just taken (set running) from its upload, by its kind's definition. */
function runTaken(
  ctx: Ctx,
  definitions: ImportDefinition[],
  row: Record<string, unknown>,
): Promise<ImportOutcome | null> {
  const record = toRecord(row);
  return execute(
    ctx,
    definitions.find((d) => d.kind === record.kind),
    record,
    record.upload_path ?? '',
  );
}

const startColumns = (ctx: Ctx) => ({
  state: 'berjalan' as const,
  started_at: ctx.clock.now(),
  heartbeat_at: ctx.clock.now(),
  attempts: sql<number>`attempts + 1`,
});

/**
 * Takes the oldest queued import of a kind it knows (SKIP LOCKED: two servers never take the same
 * one) and runs it; repeats until the queue is empty. Returns how many it ran.
 */
export async function runQueuedImports(ctx: Ctx, definitions: ImportDefinition[]): Promise<number> {
  // only kinds this server knows: during a rolling upgrade another server may know more
  const kinds = definitions.map((d) => d.kind);
  if (kinds.length === 0) return 0;
  let ran = 0;
  for (;;) {
    const row = await ctx.db
      .updateTable('import_jobs')
      .set(startColumns(ctx))
      .where(
        'id',
        '=',
        sql<string>`(SELECT id FROM import_jobs WHERE state = 'antre' AND kind IN (${sql.join(kinds)})
          ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)`,
      )
      .where('state', '=', 'antre')
      .returningAll()
      .executeTakeFirst();
    if (!row) return ran;
    await runTaken(ctx, definitions, row);
    ran++;
  }
}

/**
 * Runs one recorded import at once in the caller's process, awaited (tests, and a module that
 * must finish before it answers); the request path queues instead.
 */
export async function runImportNow(
  ctx: Ctx,
  definitions: ImportDefinition[],
  id: string,
): Promise<ImportOutcome | null> {
  const row = await ctx.db
    .updateTable('import_jobs')
    .set(startColumns(ctx))
    .where('id', '=', id)
    .where('state', 'in', ['berjalan', 'antre'])
    .returningAll()
    .executeTakeFirst();
  return row ? runTaken(ctx, definitions, row) : null;
}

/**
 * Imports an operator's own file in this process (the CLI), leaving an import row like any other:
 * the file and the error file stay where the operator put them. Throws what the definition throws
 * (a bad region, a file of the wrong kind) after recording it.
 */
export async function importFileNow(
  ctx: Ctx,
  definition: ImportDefinition,
  input: { regionCode: string; file: string; errorFile: string; options?: Record<string, unknown> },
): Promise<{ id: string; outcome: ImportOutcome }> {
  const row = await ctx.db
    .insertInto('import_jobs')
    .values({
      kind: definition.kind,
      region_code: input.regionCode,
      file_name: path.basename(input.file).slice(0, 200),
      options: JSON.stringify(input.options ?? {}),
      created_by: 'cli',
      state: 'berjalan',
      attempts: 1,
      started_at: ctx.clock.now(),
      heartbeat_at: ctx.clock.now(),
      created_at: ctx.clock.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  let thrown: unknown = null;
  const capturing: ImportDefinition = {
    ...definition,
    run: (c, job, file, progress) =>
      definition.run(c, job, file, progress).catch((error: unknown) => {
        thrown = error;
        throw error;
      }),
  };
  const outcome = await execute(ctx, capturing, toRecord(row), input.file, {
    keepUpload: true,
    errorFile: input.errorFile,
  });
  if (!outcome) throw thrown ?? new Error('import failed');
  return { id: row.id, outcome };
}

/**
 * Imports left 'berjalan' whose heartbeat is older than `staleAfterMs`: the process working on
 * them is gone. One that was running, with its upload still on disk and runs to spare, goes back
 * to the queue (resumed from the same file); the others are failed ('terhenti') and their files
 * removed. Returns how many were failed and how many resumed.
 */
export async function recoverStaleImports(
  ctx: Ctx,
  options: { staleAfterMs?: number; kind?: string } = {},
): Promise<{ failed: number; resumed: number }> {
  const now = ctx.clock.now();
  const cutoff = new Date(now.getTime() - (options.staleAfterMs ?? IMPORT_STALE_AFTER_MS));
  let query = ctx.db
    .selectFrom('import_jobs')
    .select(['id', 'upload_path', 'started_at', 'attempts'])
    .where('state', '=', 'berjalan')
    .where('heartbeat_at', '<=', cutoff);
  if (options.kind) query = query.where('kind', '=', options.kind);
  const stale = await query.execute();
  let failed = 0;
  let resumed = 0;
  for (const job of stale) {
    const resumable =
      job.started_at !== null &&
      job.attempts < MAX_IMPORT_ATTEMPTS &&
      job.upload_path !== null &&
      fs.existsSync(job.upload_path);
    const changed = await ctx.db
      .updateTable('import_jobs')
      .set(
        resumable
          ? { state: 'antre', heartbeat_at: now }
          : { state: 'gagal', failure: 'terhenti', finished_at: now },
      )
      .where('id', '=', job.id)
      .where('state', '=', 'berjalan')
      .where('heartbeat_at', '<=', cutoff)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0) continue;
    if (resumable) resumed++;
    else {
      failed++;
      // the dead process's upload and error files would otherwise stay on disk for ever
      await removeFiles(job.upload_path);
    }
  }
  if (stale.length > 0)
    ctx.log.warn({ imports: stale.map((j) => j.id), failed, resumed }, 'interrupted imports recovered');
  if (resumed > 0) wakeJob(IMPORTS_JOB);
  return { failed, resumed };
}

/**
 * At a server's start. On the embedded database no other process can hold the data directory, so
 * every import still 'berjalan' died with the previous process; on a server another app server may
 * be running one, so only those whose heartbeat stopped are recovered (the imports job catches the
 * rest once their heartbeat is old enough).
 */
export function recoverImportsAtStart(ctx: Ctx, kind?: string): Promise<{ failed: number; resumed: number }> {
  return recoverStaleImports(ctx, {
    ...(ctx.config.databaseUrl ? {} : { staleAfterMs: 0 }),
    ...(kind ? { kind } : {}),
  });
}

export const IMPORTS_JOB = 'imports';

const kindLabels = new Map<string, string>();

/** What a kind of import is called on the admin page, from its module's definition. */
export function importKindLabel(kind: string): string {
  const label = kindLabels.get(kind);
  return label ? t(label) : kind;
}

/**
 * The background job that runs queued imports (every module's, from the descriptors' `imports`).
 * On a server it also recovers imports whose process died; the embedded database has one process,
 * whose start already did.
 */
export function importsJob(definitions: ImportDefinition[]): Job {
  for (const definition of definitions) kindLabels.set(definition.kind, definition.label);
  return {
    name: IMPORTS_JOB,
    everyMs: 5_000,
    run: async (ctx) => {
      if (ctx.config.databaseUrl) await recoverStaleImports(ctx);
      await runQueuedImports(ctx, definitions);
    },
  };
}
