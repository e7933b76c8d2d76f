import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { approveStep } from '../modules/services/service.ts';
import type { StaffActor } from '../platform/auth/roles.ts';
import { type Ctx, withActor } from '../platform/context.ts';
import { backupWithFiles, restoreWithFiles } from '../platform/files/backup.ts';
import { readFile } from '../platform/files/index.ts';
import { closingAfterEach } from '../testing.ts';
import { archiveOperator, fileDecrees, lettersAwaitingSignature } from './crash-scenarios.ts';

// A backup taken while the village office keeps working (#18 §5): the kepala desa signs letters
// and the operator files scans all through it. Restored on a clean database and a clean data
// directory, the copy must be one moment of the source: every table as the backup counted it, no
// row pointing at a row the copy lacks, letter numbers without a gap, every file's bytes there.
const closing = closingAfterEach();

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function folder(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  closing.onEnd(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Signs the waiting letters and files scans, one after the other, until `stop` is set. */
function keepWorking(ctx: Ctx, letters: { kades: StaffActor; ids: string[] }) {
  const state = { stop: false, signed: 0, filed: 0 };
  const signing = (async () => {
    for (const id of letters.ids) {
      if (state.stop) break;
      await approveStep(withActor(ctx, letters.kades), id);
      state.signed++;
    }
  })();
  const filing = (async () => {
    const operator = await archiveOperator(ctx);
    for (let i = 0; !state.stop && i < 200; i++) {
      await fileDecrees(ctx, operator, { from: i, to: i + 1 });
      state.filed++;
    }
  })();
  return { state, done: Promise.all([signing, filing]) };
}

/** Rows of every foreign key whose referenced row is missing, per constraint (none in a consistent copy). */
async function danglingReferences(ctx: Ctx): Promise<Record<string, number>> {
  const keys = await sql<{ name: string; child: string; parent: string; columns: string[]; refs: string[] }>`
    SELECT c.conname AS name, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
      to_jsonb(array(SELECT attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY i)) AS columns,
      to_jsonb(array(SELECT attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
            JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY i)) AS refs
    FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`.execute(ctx.db);
  const dangling: Record<string, number> = {};
  for (const key of keys.rows) {
    const join = sql.join(
      key.columns.map((column, i) => sql`p.${sql.ref(key.refs[i]!)} = c.${sql.ref(column)}`),
      sql` AND `,
    );
    const present = sql.join(
      key.columns.map((column) => sql`c.${sql.ref(column)} IS NOT NULL`),
      sql` AND `,
    );
    const found = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM ${sql.table(key.child)} c
      WHERE ${present} AND NOT EXISTS (SELECT 1 FROM ${sql.table(key.parent)} p WHERE ${join})`.execute(
      ctx.db,
    );
    if (found.rows[0]!.n > 0) dangling[key.name] = found.rows[0]!.n;
  }
  return dangling;
}

async function tableCounts(ctx: Ctx, tables: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(ctx.db);
    counts[table] = row.rows[0]!.n;
  }
  return counts;
}

describe('a backup taken while the office works', () => {
  it('restores one consistent moment: counts as taken, no dangling row, numbers without a gap, every file', async () => {
    const source = await closing.context();
    const letters = await lettersAwaitingSignature(source.ctx, 40);
    const work = keepWorking(source.ctx, letters);
    while (work.state.signed < 3 || work.state.filed < 3) await new Promise((r) => setTimeout(r, 20));
    const before = { ...work.state };
    const file = path.join(folder('simpul-cadangan-'), 'cadangan.jsonl.gz');
    const summary = await backupWithFiles(source.ctx, file, []);
    const during = { ...work.state };
    work.state.stop = true;
    await work.done;
    // the office did work while the backup ran, or this test shows nothing
    expect(during.signed + during.filed).toBeGreaterThan(before.signed + before.filed);

    const target = await closing.context();
    const restored = await restoreWithFiles(target.ctx, file);
    expect(restored.files.problems).toEqual([]);
    expect(await tableCounts(target.ctx, Object.keys(summary.counts))).toEqual(summary.counts);
    expect(await danglingReferences(target.ctx)).toEqual({});

    // what was done before the backup began is in it; no more than was done by its end
    const issued = await target.ctx.db.selectFrom('letters').select('sequence').orderBy('sequence').execute();
    expect(issued.length).toBeGreaterThanOrEqual(before.signed);
    expect(issued.length).toBeLessThanOrEqual(during.signed);
    expect(issued.map((l) => l.sequence)).toEqual(issued.map((_, i) => i + 1));
    const sequences = await target.ctx.db.selectFrom('letter_sequences').select('last_number').execute();
    expect(sequences.map((s) => s.last_number)).toEqual([issued.length]);
    const documents = await target.ctx.db.selectFrom('archive_documents').select('file_id').execute();
    expect(documents.length).toBeGreaterThanOrEqual(before.filed);
    expect(documents.length).toBeLessThanOrEqual(during.filed);

    // every file the copy records is there with its bytes
    const files = await target.ctx.db.selectFrom('files').select(['id', 'sha256']).execute();
    for (const row of files) expect(sha256((await readFile(target.ctx, row.id)).bytes)).toBe(row.sha256);
  }, 180_000);
});
