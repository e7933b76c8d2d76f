import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Ctx } from '../context.ts';
import { backupDatabase, type DumpSummary, inSnapshot, restoreDatabase } from '../db/backup.ts';
import { jakartaDate } from '../time.ts';
import { type CopyOutcome, copyVerified, eachLimited } from './hashing.ts';
import { storedContents } from './integrity.ts';
import { checkedKey, storageKey } from './keys.ts';
import { s3Store } from './s3.ts';
import { type FileStore, fileStore, localDiskStore } from './store.ts';

/*
 * A backup is a store (a folder on another disk, an S3 bucket) that holds the database dump under
 * its name, beside it `NAME.files.jsonl` (a header line, then key, sha256, size and one name of
 * every stored file) and the files' bytes under `simpul-files/ab/abcd…`, by SHA-256 like the
 * primary store. The bytes are shared by every backup in that store, so a new backup or off-site
 * copy sends only the files the target lacks: an archive of many gigabytes grows by its new scans.
 */

const FILES = 'simpul-files';
const MANIFEST_FORMAT = 'simpul-files/1';
/** copies in flight at once: disk gains nothing from more, S3 round trips overlap */
const PARALLEL = 8;

interface ManifestEntry {
  key: string;
  sha256: string;
  size: number;
  name: string;
}

export interface FileProblem {
  name: string;
  key: string;
  problem: 'changed' | 'missing';
}

export interface FilesCopied {
  /** files this backup holds, and their bytes */
  files: number;
  bytes: number;
  /** how many of them were sent now (the others were in the target already) */
  copied: number;
  problems: FileProblem[];
}

const manifestKey = (dump: string) => `${dump}.files.jsonl`;
const backupKey = (key: string) => `${FILES}/${key}`;

/** The name a dump is kept under in a backup store: its file name, if that is a plain one. */
export function dumpName(file: string): string {
  const name = path.basename(file);
  checkedKey(name);
  return name;
}

async function keysIn(store: FileStore): Promise<Set<string>> {
  const keys = new Set<string>();
  for await (const key of store.list(`${FILES}/`)) keys.add(key);
  return keys;
}

function problemOf(entry: { key: string; name: string }, outcome: CopyOutcome): FileProblem | null {
  return outcome.state === 'copied' ? null : { name: entry.name, key: entry.key, problem: outcome.state };
}

async function readManifest(store: FileStore, dump: string): Promise<ManifestEntry[]> {
  const bytes = await store.get(manifestKey(dump));
  if (!bytes) throw new Error(`Daftar berkas ${manifestKey(dump)} tidak ada di ${store.kind}`);
  const [header, ...lines] = bytes.toString('utf8').split('\n').filter(Boolean);
  if ((JSON.parse(header ?? '{}') as { format?: string }).format !== MANIFEST_FORMAT)
    throw new Error(`${manifestKey(dump)} bukan daftar berkas cadangan Simpul`);
  return lines.map((line) => JSON.parse(line) as ManifestEntry);
}

/**
 * Copies every file the database records from the primary store into the backup store (only the
 * ones it lacks, each checked against its hash on the way) and writes the manifest of `dump`.
 * A file whose stored bytes are gone or changed is not copied but reported.
 */
export async function backupFiles(ctx: Ctx, target: FileStore, dump: string): Promise<FilesCopied> {
  const primary = fileStore(ctx.config);
  const present = await keysIn(target);
  const lines = [JSON.stringify({ format: MANIFEST_FORMAT, dump, at: ctx.clock.now().toISOString() })];
  const result: FilesCopied = { files: 0, bytes: 0, copied: 0, problems: [] };
  for await (const page of storedContents(ctx.db)) {
    await eachLimited(page, PARALLEL, async (content) => {
      const entry = { key: storageKey(content.sha256), ...content };
      if (!present.has(backupKey(entry.key))) {
        const outcome = await copyVerified(
          { store: primary, key: entry.key },
          { store: target, key: backupKey(entry.key) },
          entry.sha256,
        );
        const problem = problemOf(entry, outcome);
        if (problem) return void result.problems.push(problem);
        result.copied++;
      }
      lines.push(
        JSON.stringify({ key: entry.key, sha256: entry.sha256, size: entry.size, name: entry.name }),
      );
      result.files++;
      result.bytes += entry.size;
    });
  }
  await target.put(manifestKey(dump), Buffer.from(`${lines.join('\n')}\n`));
  return result;
}

/**
 * Copies a backup from one store to another (off-site): the files of its manifest the target
 * lacks, checked on the way, then the dump, then the manifest last, so the target never names a
 * file it does not hold.
 */
export async function copyBackup(from: FileStore, to: FileStore, dump: string): Promise<FilesCopied> {
  const entries = await readManifest(from, dump);
  const present = await keysIn(to);
  const result: FilesCopied = { files: 0, bytes: 0, copied: 0, problems: [] };
  await eachLimited(entries, PARALLEL, async (entry) => {
    if (!present.has(backupKey(entry.key))) {
      const outcome = await copyVerified(
        { store: from, key: backupKey(entry.key) },
        { store: to, key: backupKey(entry.key) },
        entry.sha256,
      );
      const problem = problemOf(entry, outcome);
      if (problem) return void result.problems.push(problem);
      result.copied++;
    }
    result.files++;
    result.bytes += entry.size;
  });
  const dumpBytes = await from.stream(dump);
  if (!dumpBytes) throw new Error(`Cadangan basis data ${dump} tidak ada di ${from.kind}`);
  await to.put(dump, dumpBytes);
  const manifest = await from.get(manifestKey(dump));
  if (manifest) await to.put(manifestKey(dump), manifest);
  return result;
}

/**
 * Brings back, from a backup store into the primary store, the bytes of every file the (just
 * restored) database records, checking each against its SHA-256. A file the backup lacks, or
 * whose bytes there are not the recorded ones, is reported by name and not written.
 */
export async function restoreFiles(ctx: Ctx, source: FileStore): Promise<FilesCopied> {
  const primary = fileStore(ctx.config);
  const result: FilesCopied = { files: 0, bytes: 0, copied: 0, problems: [] };
  for await (const page of storedContents(ctx.db)) {
    await eachLimited(page, PARALLEL, async (content) => {
      const entry = { key: storageKey(content.sha256), name: content.name };
      result.files++;
      const outcome = await copyVerified(
        { store: source, key: backupKey(entry.key) },
        { store: primary, key: entry.key },
        content.sha256,
      );
      const problem = problemOf(entry, outcome);
      if (problem) return void result.problems.push(problem);
      result.copied++;
      result.bytes += content.size;
    });
  }
  return result;
}

export interface BackupSummary extends DumpSummary {
  files: FilesCopied;
  offsite: Array<{ where: string; files: FilesCopied }>;
}

/**
 * `simpul backup FILE`: the database dump to FILE, the files into `simpul-files/` beside it, then
 * the same backup copied to each off-site store.
 */
export async function backupWithFiles(
  ctx: Ctx,
  file: string,
  offsite: Array<{ where: string; store: FileStore }>,
): Promise<BackupSummary> {
  const dump = dumpName(file);
  const local = localDiskStore(path.dirname(path.resolve(file)));
  // the rows and the list of files from one snapshot: the files of a letter signed meanwhile are
  // not listed without its row, nor its row dumped without its file
  const { files, ...database } = await inSnapshot(ctx.db, async (snapshot) => {
    const summary = await backupDatabase(snapshot, file);
    return { ...summary, files: await backupFiles({ ...ctx, db: snapshot }, local, dump) };
  });
  const copies: BackupSummary['offsite'] = [];
  for (const target of offsite)
    copies.push({ where: target.where, files: await copyBackup(local, target.store, dump) });
  return { ...database, files, offsite: copies };
}

/**
 * `simpul restore FILE`: the database from the dump, then every file it records from the backup
 * store (the folder of FILE, or `from`, where the dump is read by its name).
 */
export async function restoreWithFiles(
  ctx: Ctx,
  file: string,
  from?: FileStore,
): Promise<{ tables: number; rows: number; files: FilesCopied }> {
  if (!from) {
    const { tables, rows } = await restoreDatabase(ctx.db, file);
    const files = await restoreFiles(ctx, localDiskStore(path.dirname(path.resolve(file))));
    return { tables, rows, files };
  }
  const dump = dumpName(file);
  const folder = await fsp.mkdtemp(path.join(os.tmpdir(), 'simpul-restore-'));
  try {
    const bytes = await from.stream(dump);
    if (!bytes) throw new Error(`Cadangan ${dump} tidak ada di ${from.kind}`);
    const local = path.join(folder, dump);
    await pipeline(bytes, fs.createWriteStream(local));
    const { tables, rows } = await restoreDatabase(ctx.db, local);
    return { tables, rows, files: await restoreFiles(ctx, from) };
  } finally {
    await fsp.rm(folder, { recursive: true, force: true });
  }
}

const DAILY_DUMP = /^simpul-\d{4}-\d{2}-\d{2}\.jsonl\.gz$/;

/**
 * The server's own daily backup when BACKUP_DIR is set: `simpul-YYYY-MM-DD.jsonl.gz` (the Jakarta
 * date) with its files, copied to the BACKUP_S3_* bucket when one is configured, the BACKUP_KEEP
 * newest dumps kept. On the embedded database it is the way to back up without stopping the server
 * (no other process may open its directory); its snapshot holds the one connection while it runs.
 */
export async function scheduledBackup(ctx: Ctx): Promise<BackupSummary | null> {
  const dir = ctx.config.backupDir;
  if (!dir) return null;
  await fsp.mkdir(dir, { recursive: true });
  const file = path.join(dir, `simpul-${jakartaDate(ctx.clock.now())}.jsonl.gz`);
  const s3 = ctx.config.backupS3;
  const offsite = s3 ? [{ where: `${s3.endpoint}/${s3.bucket}`, store: s3Store(s3) }] : [];
  const summary = await backupWithFiles(ctx, file, offsite);
  const problems = [...summary.files.problems, ...summary.offsite.flatMap((copy) => copy.files.problems)];
  if (problems.length > 0) ctx.log.error({ problems, file }, 'backup: files not copied');
  await pruneDailyDumps(dir, ctx.config.backupKeep);
  return summary;
}

/** The dumps beyond the newest `keep` go, with their manifests; the shared bytes in simpul-files/ stay. */
async function pruneDailyDumps(dir: string, keep: number): Promise<void> {
  const dumps = (await fsp.readdir(dir)).filter((name) => DAILY_DUMP.test(name)).sort();
  for (const name of dumps.slice(0, Math.max(0, dumps.length - keep))) {
    await fsp.rm(path.join(dir, name), { force: true });
    await fsp.rm(path.join(dir, manifestKey(name)), { force: true });
  }
}

export const backupJob = {
  name: 'backup',
  everyMs: 24 * 3_600_000,
  run: (ctx: Ctx) => scheduledBackup(ctx).then(() => undefined),
};
