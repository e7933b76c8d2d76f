import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Ctx } from '../../platform/context.ts';
import { csvLine } from '../../platform/csv.ts';
import type { Db } from '../../platform/db/index.ts';
import type { ResidentRecord } from './generator.ts';
import { issuedElsewhere } from './nik.ts';
import { mapHeader, parseRow, RowView } from './opensid.ts';
import {
  addStatCounts,
  analyseRegistry,
  CopyWriter,
  type ExistingNik,
  existingByNik,
  recordHash,
  refreshFamilyStats,
  refreshStats,
  STAT_DIMENSIONS,
  statBucket,
  writeFamiliesOfImport,
  writeImportBatch,
} from './repo.ts';
import type { RowSource } from './sources.ts';

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
  };
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
  const touched = new Set<string>();
  const canonicalVillage = new Map([...options.villageCodes].map((v) => [v, v]));
  const recount = new Set<string>();
  const newcomers = new Map<number, number>();
  const villageList = [...options.villageCodes];
  const villageIndex = new Map(villageList.map((v, i) => [v, i]));

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
      // newcomers are simply added to the rollup; a village with changed records is recounted
      for (const r of fresh) {
        touched.add(r.villageCode);
        if (issuedElsewhere(r.nik, r.villageCode)) summary.warnings++;
        if (r.status !== 'hidup') continue;
        const village = villageIndex.get(r.villageCode)!;
        for (let dimension = 0; dimension < STAT_DIMENSIONS.length; dimension++) {
          // a number key (village, dimension, sex, bucket) is far cheaper than a string per row
          const key = ((village * 8 + dimension) * 4 + r.sex) * 100_000 + statBucket(r, dimension);
          newcomers.set(key, (newcomers.get(key) ?? 0) + 1);
        }
      }
      for (const r of changed) {
        if (issuedElsewhere(r.nik, r.villageCode)) summary.warnings++;
        touched.add(r.villageCode);
        recount.add(r.villageCode);
      }
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
    const familiesFrom = performance.now();
    summary.timings.rows = familiesFrom - startedAt;
    await writeFamiliesOfImport(db, importId);
    const statisticsFrom = performance.now();
    summary.timings.families = statisticsFrom - familiesFrom;
    const counts = new Map<string, number>();
    for (const [key, n] of newcomers) {
      const bucket = key % 100_000;
      const rest = Math.floor(key / 100_000);
      const sex = rest % 4;
      const dimension = STAT_DIMENSIONS[Math.floor(rest / 4) % 8]!;
      const village = villageList[Math.floor(rest / 32)]!;
      if (!recount.has(village)) counts.set(`${village}|${dimension}|${sex}|${bucket}`, n);
    }
    await addStatCounts(db, counts);
    await refreshStats(db, [...recount]);
    await refreshFamilyStats(
      db,
      [...touched].filter((v) => !recount.has(v)),
    );
    summary.timings.statistics = performance.now() - statisticsFrom;
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
