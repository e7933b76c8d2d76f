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

/** Files that never change what a seed writes: tests, and the build's own time stamp. */
const IGNORED = /(\.test\.tsx?$|^\.build-stamp$)/;

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
