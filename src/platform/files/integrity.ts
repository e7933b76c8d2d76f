import { sql } from 'kysely';
import { assertOnItem, canOnItem } from '../auth/policy.ts';
import type { Ctx } from '../context.ts';
import type { Db } from '../db/index.ts';
import { t } from '../i18n/index.ts';
import type { WorkQueueItem } from '../module.ts';
import { hashOf } from './hashing.ts';
import { storageKey } from './keys.ts';
import { fileStore } from './store.ts';
import './schema.ts';

export interface StoredContent {
  sha256: string;
  size: number;
  /** one of the names it was uploaded under (identical uploads share the bytes) */
  name: string;
}

/**
 * Every distinct content the `files` table records, in pages of `batch` by hash (a keyset cursor:
 * memory stays the same however many files the regency keeps).
 */
export async function* storedContents(db: Db, batch = 500): AsyncGenerator<StoredContent[]> {
  let after = '';
  for (;;) {
    const page = await db
      .selectFrom('files')
      .select((eb) => ['sha256', eb.fn.max('size').as('size'), eb.fn.min('name').as('name')])
      .where('sha256', '>', after)
      .groupBy('sha256')
      .orderBy('sha256')
      .limit(batch)
      .execute();
    if (page.length === 0) return;
    yield page.map((row) => ({ sha256: row.sha256, size: Number(row.size), name: String(row.name) }));
    if (page.length < batch) return;
    after = page[page.length - 1]!.sha256;
  }
}

export type Finding = { problem: 'changed'; actual: string } | { problem: 'missing' };

/** Hashes the stored bytes of one content again: null when they are still what was stored. */
async function check(ctx: Ctx, sha256: string): Promise<Finding | null> {
  const stream = await fileStore(ctx.config).stream(storageKey(sha256));
  if (!stream) return { problem: 'missing' };
  const { sha256: actual } = await hashOf(stream);
  return actual === sha256 ? null : { problem: 'changed', actual };
}

/**
 * Re-hashes every stored file against the hash it was stored under, a page at a time, and keeps
 * what is wrong in `file_findings` (a finding goes when the bytes are right again, e.g. restored
 * from a backup), each with a log line.
 */
export async function checkStoredFiles(
  ctx: Ctx,
  options: { batch?: number } = {},
): Promise<{ checked: number; changed: number; missing: number }> {
  const totals = { checked: 0, changed: 0, missing: 0 };
  for await (const page of storedContents(ctx.db, options.batch)) {
    const sound: string[] = [];
    for (const content of page) {
      const finding = await check(ctx, content.sha256);
      totals.checked++;
      if (!finding) {
        sound.push(content.sha256);
        continue;
      }
      totals[finding.problem]++;
      ctx.log.warn(
        { sha256: content.sha256, name: content.name, problem: finding.problem },
        'stored file does not match its hash',
      );
      await recordFinding(ctx, content.sha256, finding);
    }
    if (sound.length > 0) await ctx.db.deleteFrom('file_findings').where('sha256', 'in', sound).execute();
  }
  // a finding about bytes no record points at any more is of no use
  await ctx.db
    .deleteFrom('file_findings')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(selectFrom('files').select('files.id').whereRef('files.sha256', '=', 'file_findings.sha256')),
      ),
    )
    .execute();
  ctx.log.info(totals, 'stored files checked against their hashes');
  return totals;
}

async function recordFinding(ctx: Ctx, sha256: string, finding: Finding): Promise<void> {
  const now = ctx.clock.now();
  const actual = finding.problem === 'changed' ? finding.actual : null;
  await ctx.db
    .insertInto('file_findings')
    .values({
      sha256,
      problem: finding.problem,
      actual_sha256: actual,
      first_found_at: now,
      last_checked_at: now,
    })
    .onConflict((oc) =>
      oc
        .column('sha256')
        .doUpdateSet({ problem: finding.problem, actual_sha256: actual, last_checked_at: now }),
    )
    .execute();
}

export interface FileFinding {
  sha256: string;
  problem: 'changed' | 'missing';
  firstFoundAt: Date;
  lastCheckedAt: Date;
  /** the names of the records that share these bytes, and how many there are */
  names: string[];
  records: number;
}

/** What the integrity check found wrong, newest first (admin kabupaten). */
export async function listFileFindings(ctx: Ctx): Promise<FileFinding[]> {
  assertOnItem(ctx.actor, 'manage');
  const rows = await ctx.db
    .selectFrom('file_findings as f')
    .select([
      'f.sha256',
      'f.problem',
      'f.first_found_at',
      'f.last_checked_at',
      sql<
        string[]
      >`ARRAY(SELECT DISTINCT r.name FROM files r WHERE r.sha256 = f.sha256 ORDER BY r.name LIMIT 3)`.as(
        'names',
      ),
      sql<number>`(SELECT count(*) FROM files r WHERE r.sha256 = f.sha256)::int`.as('records'),
    ])
    .orderBy('f.first_found_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    sha256: r.sha256,
    problem: r.problem,
    firstFoundAt: r.first_found_at,
    lastCheckedAt: r.last_checked_at,
    names: r.names,
    records: r.records,
  }));
}

/** The regency administrator's work queue line while any stored file is wrong: overdue, it is damage. */
export async function fileIntegrityWork(ctx: Ctx): Promise<WorkQueueItem[]> {
  if (!canOnItem(ctx.actor, 'manage')) return [];
  const row = await ctx.db
    .selectFrom('file_findings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const count = Number(row.n);
  if (count === 0) return [];
  const label = t('files.workQueue', { n: count });
  return [{ kind: 'files.integrity', count, overdue: count, href: '/kelola/tugas', label }];
}

export const fileIntegrityJob = {
  name: 'file_integrity',
  everyMs: 24 * 3_600_000,
  run: (ctx: Ctx) => checkStoredFiles(ctx).then(() => undefined),
};
