import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Ctx } from '../../platform/context.ts';
import { csvLine } from '../../platform/csv.ts';
import type { Db } from '../../platform/db/index.ts';
import type { RowSource } from '../../platform/tabular/index.ts';
import { RESIDENT_FIELDS, type ResidentRecord } from './model.ts';
import { issuedElsewhere } from './nik.ts';
import { mapHeader, parseRow, RowView } from './opensid.ts';
import {
  analyseRegistry,
  CopyWriter,
  type ExistingNik,
  existingByNik,
  type Resident,
  rebuildFamilies,
  recordHash,
  refreshStats,
  residentsByNik,
  toResident,
  writeImportBatch,
} from './repo.ts';
import { reindexResidentVillages } from './search.ts';

export type ImportMode = 'valid_rows' | 'all_or_nothing';

export interface ImportSummary {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: number;
  /** milliseconds spent reading and writing the rows, writing the families, updating the figures */
  timings: { rows: number; families: number; statistics: number };
  rowsTotal: number;
  /** all-or-nothing import with rejected rows: nothing was written */
  rolledBack: boolean;
  /** what the first `changeLimit` updated rows changed, field by field (the rest are only counted) */
  changes: RowChange[];
}

/** One updated row: the fields whose value the file changed, registry value before and after. */
export interface RowChange {
  rowNumber: number;
  nik: string;
  name: string;
  fields: Record<string, { from: unknown; to: unknown }>;
}

/** Updated rows whose changes an import keeps (the summary counts them all). */
export const CHANGE_LIMIT = 1000;

// every field of the record but the village (a row of another village is refused, never moved)
const COMPARED = RESIDENT_FIELDS.filter((f) => f.field !== 'villageCode').map((f) => f.field);

function rowChange(before: Resident, after: CheckedRow): RowChange {
  const fields: RowChange['fields'] = {};
  for (const key of COMPARED)
    if ((before[key] ?? null) !== (after[key] ?? null)) fields[key] = { from: before[key], to: after[key] };
  if (before.status !== after.status) fields.status = { from: before.status, to: after.status };
  return { rowNumber: after.rowNumber, nik: after.nik, name: after.name, fields };
}

export interface ImportProgress {
  rowsDone: number;
  bytesRead: number;
  bytesTotal: number;
}

export interface ImportRunOptions {
  /** a village, or a kecamatan/regency code with a kode_desa column naming each row's village */
  regionCode: string;
  /** villages that exist under regionCode (a row naming another is rejected) */
  villageCodes: ReadonlySet<string>;
  mode: ImportMode;
  importId?: string;
  batchSize?: number;
  /** where to write the error file (CSV: baris, kolom, pesan); null to keep none */
  errorFile: string | null;
  onProgress?: (p: ImportProgress) => void | Promise<void>;
  /** PostgreSQL server address: new rows of a "valid rows" import then go in through COPY */
  copyUrl?: string | null;
  /** how many updated rows to describe field by field (CHANGE_LIMIT unless told) */
  changeLimit?: number;
}

export function summaryLine(
  s: Pick<ImportSummary, 'inserted' | 'updated' | 'unchanged' | 'rejected'>,
): string {
  return `imported: ${s.inserted} new, ${s.updated} updated, ${s.unchanged} unchanged, ${s.rejected} rejected`;
}

class RollBack extends Error {}

type CheckedRow = ResidentRecord & { hash: string; rowNumber: number; status: 'hidup' | 'pindah' | 'mati' };

/** The checked record, completed in place: copying its 21 fields per row showed in the profile. */
function checkedRow(record: ResidentRecord, status: CheckedRow['status'], rowNumber: number): CheckedRow {
  const row = record as CheckedRow;
  row.hash = recordHash(record, status);
  row.rowNumber = rowNumber;
  row.status = status;
  return row;
}

/**
 * Families and statistics of the villages read, derived from the whole registry of those villages
 * (one set-based statement each, never per row), so they are the same whatever earlier runs did or
 * failed to do.
 */
async function derive(db: Db, villages: string[], summary: ImportSummary): Promise<void> {
  const familiesFrom = performance.now();
  await rebuildFamilies(db, villages);
  const statisticsFrom = performance.now();
  summary.timings.families = statisticsFrom - familiesFrom;
  await refreshStats(db, villages);
  await reindexResidentVillages(db, villages);
  summary.timings.statistics = performance.now() - statisticsFrom;
}

/**
 * Reads a resident file and writes it in batches (writeImportBatch: new rows by COPY or one
 * INSERT, changed rows by upsert on NIK), so memory stays flat and re-importing the same file
 * changes nothing. Every refused row goes to the error file with its row number, column and reason.
 */
export async function runImport(
  ctx: Ctx,
  source: RowSource,
  options: ImportRunOptions,
): Promise<ImportSummary> {
  const summary: ImportSummary = {
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    warnings: 0,
    rowsTotal: 0,
    rolledBack: false,
    timings: { rows: 0, families: 0, statistics: 0 },
    changes: [],
  };
  const changeLimit = options.changeLimit ?? CHANGE_LIMIT;
  const startedAt = performance.now();
  const importId = options.importId ?? randomUUID();
  const batchSize = options.batchSize ?? 5000;
  const errors = options.errorFile ? fs.createWriteStream(options.errorFile) : null;
  const writeError = async (rowNumber: number, column: string, message: string) => {
    if (!errors) return;
    if (!errors.write(csvLine([rowNumber, column, message])))
      await new Promise<void>((r) => errors.once('drain', () => r()));
  };
  errors?.write(csvLine(['baris', 'kolom', 'pesan']));
  const canonicalVillage = new Map([...options.villageCodes].map((v) => [v, v]));
  // every village the file names, unchanged rows included: an earlier run that died may have left
  // its families and figures behind, and only a rebuild from the table can tell
  const villagesRead = new Set<string>();

  const work = async (db: Db) => {
    let columns: Map<string, number> | null = null;
    let view: RowView | null = null;
    let batch: CheckedRow[] = [];
    let lastProgress = 0;
    // Writing batch k overlaps with reading batch k+1 (the database works while JavaScript parses),
    // and batch k+1's NIKs are looked up while batch k is still being written.
    let pending: Promise<void> = Promise.resolve();
    let inFlight = new Map<string, number>();
    let allNew = true;
    const dropRepeats = async (current: CheckedRow[]) => {
      // a NIK twice in one batch: keep the first, refuse the rest
      const seen = new Map<string, number>();
      const unique: CheckedRow[] = [];
      for (const r of current) {
        const first = seen.get(r.nik);
        if (first !== undefined) {
          summary.rejected++;
          await writeError(r.rowNumber, 'nik', `NIK ${r.nik} sudah ada di baris ${first} berkas ini.`);
        } else {
          seen.set(r.nik, r.rowNumber);
          unique.push(r);
        }
      }
      return { unique, seen };
    };
    /**
     * Sorts a batch into new, changed and unchanged rows. `earlier` holds the previous batch, which
     * the lookup may not have seen yet; batches before it were written before the lookup began.
     */
    const classify = async (unique: CheckedRow[], found: ExistingNik[], earlier: Map<string, number>) => {
      const existing = new Map(found.map((e) => [e.nik, e]));
      const fresh: CheckedRow[] = [];
      const changed: CheckedRow[] = [];
      for (const r of unique) {
        const old = existing.get(r.nik);
        const before = earlier.get(r.nik);
        if (before !== undefined) {
          summary.rejected++;
          await writeError(r.rowNumber, 'nik', `NIK ${r.nik} sudah ada di baris ${before} berkas ini.`);
        } else if (!old) {
          summary.inserted++;
          fresh.push(r);
        } else if (old.village_code !== r.villageCode) {
          summary.rejected++;
          await writeError(
            r.rowNumber,
            'nik',
            `NIK ${r.nik} sudah terdaftar di desa ${old.village_code}; catat pindah datang, bukan impor.`,
          );
        } else if (old.import_id === importId) {
          summary.rejected++;
          await writeError(r.rowNumber, 'nik', `NIK ${r.nik} muncul lebih dari sekali dalam berkas ini.`);
        } else if (old.row_hash === r.hash) summary.unchanged++;
        else {
          summary.updated++;
          changed.push(r);
        }
      }
      return { fresh, changed };
    };
    const write = async (fresh: CheckedRow[], changed: CheckedRow[], copyData: Buffer | null) => {
      await writeImportBatch(db, fresh, changed, importId, copy, copyData);
      for (const r of fresh) if (issuedElsewhere(r.nik, r.villageCode)) summary.warnings++;
      for (const r of changed) if (issuedElsewhere(r.nik, r.villageCode)) summary.warnings++;
    };
    const flush = async () => {
      if (batch.length === 0) return;
      const current = batch;
      batch = [];
      const { unique, seen } = await dropRepeats(current);
      const lookup = existingByNik(
        db,
        unique.map((r) => r.nik),
      );
      lookup.catch(() => undefined);
      // While the previous batch was all new (a first import), this one's COPY data is built while
      // the previous one is still being written, which keeps the COPY connection busy.
      const copyData = copy && allNew ? copy.data(unique, importId) : null;
      await pending;
      const { fresh, changed } = await classify(unique, await lookup, inFlight);
      // read before this batch is written (the previous one is): the registry's values as they were
      const described = changed.slice(0, Math.max(0, changeLimit - summary.changes.length));
      if (described.length > 0) {
        const before = new Map(
          (
            await residentsByNik(
              db,
              described.map((r) => r.nik),
            )
          ).map((row) => [row.nik, toResident(row)]),
        );
        for (const r of described) {
          const old = before.get(r.nik);
          if (old) summary.changes.push(rowChange(old, r));
        }
      }
      inFlight = seen;
      allNew = fresh.length === unique.length;
      pending = write(fresh, changed, allNew ? copyData : null);
      // the rejection is awaited (and thrown) at the next flush; this only keeps Node from calling it unhandled
      pending.catch(() => undefined);
    };

    for await (const group of source.rows) {
      // A file chunk already buffered resolves without a turn of the event loop, so the database's
      // replies, and the socket draining the COPY of the previous batch, would wait behind the
      // parsing of many chunks; yield once per chunk.
      await new Promise<void>((resolve) => setImmediate(resolve));
      for (const { rowNumber, values } of group) {
        if (!columns) {
          const header = mapHeader(values.map((v) => String(v ?? '')));
          if (header.missing.length > 0) {
            summary.rejected++;
            await writeError(
              rowNumber,
              header.missing.join(' '),
              `Kolom wajib tidak ditemukan di baris judul: ${header.missing.join(', ')}.`,
            );
            throw new RollBack();
          }
          columns = header.columns;
          view = new RowView(columns);
          continue;
        }
        if (values.every((v) => v === '' || v === null || v === undefined)) continue;
        summary.rowsTotal++;
        view!.values = values;
        const parsed = parseRow(view!, options.regionCode);
        if (!parsed.ok) {
          summary.rejected++;
          for (const [column, message] of Object.entries(parsed.errors))
            await writeError(rowNumber, column, message);
        } else if (!options.villageCodes.has(parsed.record.villageCode)) {
          summary.rejected++;
          await writeError(
            rowNumber,
            'kode_desa',
            `Desa ${parsed.record.villageCode} tidak ada di wilayah ${options.regionCode}.`,
          );
        } else {
          // Field values are slices of the file chunk they were read from; a village code kept in
          // a long-lived map would keep its whole chunk alive, so long-lived keys use the canonical string.
          parsed.record.villageCode = canonicalVillage.get(parsed.record.villageCode)!;
          villagesRead.add(parsed.record.villageCode);
          batch.push(checkedRow(parsed.record, parsed.status, rowNumber));
          if (batch.length >= batchSize) await flush();
        }
        if (options.onProgress && summary.rowsTotal - lastProgress >= 1000) {
          lastProgress = summary.rowsTotal;
          await options.onProgress({
            rowsDone: summary.rowsTotal,
            bytesRead: source.bytesRead(),
            bytesTotal: source.bytesTotal,
          });
        }
      }
    }
    await flush();
    await pending;
    await analyseRegistry(db);
    if (!columns) {
      summary.rejected++;
      await writeError(1, '', 'Berkas kosong: tidak ada baris judul.');
    }
    if (options.mode === 'all_or_nothing' && summary.rejected > 0) throw new RollBack();
    summary.timings.rows = performance.now() - startedAt;
    const villages = [...villagesRead];
    // One transaction, so the figures are never seen half recounted and a crash here leaves the
    // previous state for the next run to rebuild. All-or-nothing is already inside one.
    await (db.isTransaction
      ? derive(db, villages, summary)
      : db.transaction().execute((trx) => derive(trx, villages, summary)));
  };

  // all-or-nothing runs in one transaction on one connection, so it keeps to INSERT
  const copy =
    options.copyUrl && options.mode === 'valid_rows' ? await CopyWriter.open(options.copyUrl) : null;
  try {
    if (options.mode === 'all_or_nothing') await ctx.db.transaction().execute((trx) => work(trx));
    else await work(ctx.db);
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    summary.rolledBack = options.mode === 'all_or_nothing';
    if (summary.rolledBack) {
      summary.inserted = 0;
      summary.updated = 0;
      summary.unchanged = 0;
      summary.changes = [];
    }
  } finally {
    await copy?.close();
    if (errors) await new Promise<void>((resolve) => errors.end(resolve));
  }
  await options.onProgress?.({
    rowsDone: summary.rowsTotal,
    bytesRead: source.bytesTotal,
    bytesTotal: source.bytesTotal,
  });
  return summary;
}
