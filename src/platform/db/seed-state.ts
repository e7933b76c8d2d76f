import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from './index.ts';

// Reference seeds (regions, agencies, code lists, classification, complaint categories, the
// service catalog) are idempotent but not free: every start used to re-check them, some row by
// row. Their outcome depends only on their inputs, the code and data files that run them, so a
// start records a fingerprint of those inputs once they have been applied and skips the seeds
// while the fingerprint is the same. Any changed byte in an input (a new catalog entry, a new
// region file, a changed seed) gives a new fingerprint, and the seeds run again.

/** Written by the build into `dist/`: the fingerprint of the compiled code beside it. */
export const CODE_FINGERPRINT_FILE = '.code-fingerprint';

/** Files that never change what a seed writes: tests, the build's time stamp, fingerprint and database template. */
const IGNORED =
  /(\.test\.tsx?$|^\.build-stamp$|^\.code-fingerprint$|^pglite-.*-(schema|demo)-.*\.(tar\.gz|json)$)/;

function addFiles(hash: ReturnType<typeof createHash>, root: string, at: string): void {
  const full = path.join(root, at);
  const stat = fs.statSync(full, { throwIfNoEntry: false });
  if (!stat) {
    hash.update(`missing ${at}\0`);
    return;
  }
  if (stat.isDirectory()) {
    const names = fs.readdirSync(full).sort();
    for (const name of names) if (!IGNORED.test(name)) addFiles(hash, root, path.join(at, name));
    return;
  }
  hash.update(`file ${at} ${stat.size}\0`);
  hash.update(fs.readFileSync(full));
}

/**
 * SHA-256 over the names and bytes of every file under `paths` (files or folders, walked in name
 * order) and the given values: the same inputs give the same fingerprint on any machine.
 */
export function fingerprintInputs(paths: string[], values: string[] = []): string {
  const hash = createHash('sha256');
  for (const value of values) hash.update(`value ${value}\0`);
  // names relative to each path, so a copy of the same tree elsewhere gives the same fingerprint
  for (const [i, p] of paths.entries()) {
    hash.update(`root ${i}\0`);
    addFiles(hash, path.resolve(p), '');
  }
  return hash.digest('hex');
}

/** Every file under `dir` (tests and the build's own files left out) with its size and modification time. */
function fileStats(
  dir: string,
  at = '',
  into: Record<string, [number, number]> = {},
): Record<string, [number, number]> {
  for (const name of fs.readdirSync(path.join(dir, at)).sort()) {
    if (IGNORED.test(name)) continue;
    const relative = path.join(at, name);
    const stat = fs.statSync(path.join(dir, relative));
    if (stat.isDirectory()) fileStats(dir, relative, into);
    else into[relative] = [stat.size, Math.trunc(stat.mtimeMs)];
  }
  return into;
}

/** What the build writes into `dist/`: the fingerprint of the compiled tree and the files it was taken over. */
export function writeCodeFingerprint(dir: string): void {
  const record = { fingerprint: fingerprintInputs([dir]), files: fileStats(dir) };
  fs.writeFileSync(path.join(dir, CODE_FINGERPRINT_FILE), JSON.stringify(record));
}

/**
 * The fingerprint of a code directory. Reading and hashing every byte is most of a skipped seed's
 * cost, so a compiled tree keeps the fingerprint its build took, used while every file still has the
 * size and time it had then (a file changed, added or removed since makes it hash the tree again).
 */
export function codeFingerprint(codeDir: string): string {
  const written = path.join(codeDir, CODE_FINGERPRINT_FILE);
  if (fs.existsSync(written)) {
    const record = JSON.parse(fs.readFileSync(written, 'utf8')) as {
      fingerprint: string;
      files: Record<string, [number, number]>;
    };
    if (JSON.stringify(fileStats(codeDir)) === JSON.stringify(record.files)) return record.fingerprint;
  }
  return fingerprintInputs([codeDir]);
}

export async function seedFingerprint(db: Db, name: string): Promise<string | null> {
  const row = await sql<{ fingerprint: string }>`
    SELECT fingerprint FROM seed_state WHERE name = ${name}`.execute(db);
  return row.rows[0]?.fingerprint ?? null;
}

/**
 * Runs `work` unless the seed `name` was last applied with this very fingerprint (or `force`),
 * then records the fingerprint. Recorded only after `work` succeeded: a start that fails half-way
 * runs the seed again. True when it ran.
 */
export async function seedIfChanged(
  db: Db,
  name: string,
  fingerprint: string,
  work: () => Promise<void>,
  options: { force?: boolean } = {},
): Promise<boolean> {
  if (!options.force && (await seedFingerprint(db, name)) === fingerprint) return false;
  await work();
  await sql`
    INSERT INTO seed_state (name, fingerprint, applied_at) VALUES (${name}, ${fingerprint}, now())
    ON CONFLICT (name) DO UPDATE SET fingerprint = excluded.fingerprint, applied_at = excluded.applied_at`.execute(
    db,
  );
  return true;
}
