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

/** The distinct contents after `after` in hash order, at most `limit` of them. */
async function contentsAfter(db: Db, after: string, limit: number): Promise<StoredContent[]> {
  const page = await db
    .selectFrom('files')
    .select((eb) => ['sha256', eb.fn.max('size').as('size'), eb.fn.min('name').as('name')])
    .where('sha256', '>', after)
    .groupBy('sha256')
    .orderBy('sha256')
    .limit(limit)
    .execute();
  return page.map((row) => ({ sha256: row.sha256, size: Number(row.size), name: String(row.name) }));
}

/**
 * Every distinct content the `files` table records, in pages of `batch` by hash (a keyset cursor:
 * memory stays the same however many files the regency keeps).
 */
export async function* storedContents(db: Db, batch = 500): AsyncGenerator<StoredContent[]> {
  let after = '';
  for (;;) {
    const page = await contentsAfter(db, after, batch);
    if (page.length === 0) return;
    yield page;
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

/** How many distinct files one run of the job re-hashes at most: a round spans runs when there are more. */
export const FILES_PER_RUN = 2_000;
/** A new round through every stored file starts at most this often (each file checked about daily). */
export const ROUND_EVERY_MS = 24 * 3_600_000;
const CURSOR = 'files';

async function readCursor(db: Db): Promise<{ after: string; roundStartedAt: Date } | null> {
  const row = await db
    .selectFrom('file_integrity_cursor')
    .select(['after_sha256', 'round_started_at'])
    .where('name', '=', CURSOR)
    .executeTakeFirst();
  return row ? { after: row.after_sha256, roundStartedAt: new Date(row.round_started_at) } : null;
}

async function saveCursor(ctx: Ctx, after: string, roundStartedAt: Date): Promise<void> {
  const values = { after_sha256: after, round_started_at: roundStartedAt, updated_at: ctx.clock.now() };
  await ctx.db
    .insertInto('file_integrity_cursor')
    .values({ name: CURSOR, ...values })
    .onConflict((oc) => oc.column('name').doUpdateSet(values))
    .execute();
}

export interface IntegrityRun {
  checked: number;
  changed: number;
  missing: number;
  /** the run reached the last stored file: the round is over, the next run starts a new one */
  complete: boolean;
}

/**
 * Re-hashes stored files against the hash they were stored under, in hash order from where the
 * last run stopped, a page at a time, at most `maxFiles` of them; the cursor is saved after every
 * page, so a run cut short (a crash, a restart) resumes there and re-hashes at most one page again.
 * What is wrong is kept in `file_findings` (a finding goes when the bytes are right again, e.g.
 * restored from a backup), each with a log line.
 */
export async function checkStoredFiles(
  ctx: Ctx,
  options: { batch?: number; maxFiles?: number } = {},
): Promise<IntegrityRun> {
  const batch = options.batch ?? 500;
  const maxFiles = options.maxFiles ?? FILES_PER_RUN;
  const cursor = await readCursor(ctx.db);
  let after = cursor?.after ?? '';
  const roundStartedAt = cursor && after !== '' ? cursor.roundStartedAt : ctx.clock.now();
  if (after === '') await saveCursor(ctx, '', roundStartedAt);
  const run: IntegrityRun = { checked: 0, changed: 0, missing: 0, complete: false };
  while (run.checked < maxFiles) {
    const wanted = Math.min(batch, maxFiles - run.checked);
    const page = await contentsAfter(ctx.db, after, wanted);
    await checkPage(ctx, page, run);
    if (page.length > 0) after = page[page.length - 1]!.sha256;
    if (page.length < wanted) {
      run.complete = true;
      break;
    }
    await saveCursor(ctx, after, roundStartedAt);
  }
  if (run.complete) await endRound(ctx, roundStartedAt);
  ctx.log.info(run, 'stored files checked against their hashes');
  return run;
}

async function checkPage(ctx: Ctx, page: StoredContent[], run: IntegrityRun): Promise<void> {
  const sound: string[] = [];
  for (const content of page) {
    const finding = await check(ctx, content.sha256);
    run.checked++;
    if (!finding) {
      sound.push(content.sha256);
      continue;
    }
    run[finding.problem]++;
    ctx.log.warn(
      { sha256: content.sha256, name: content.name, problem: finding.problem },
      'stored file does not match its hash',
    );
    await recordFinding(ctx, content.sha256, finding);
  }
  if (sound.length > 0) await ctx.db.deleteFrom('file_findings').where('sha256', 'in', sound).execute();
}

/** The round is over: the next starts from the first hash; findings about bytes no record points at go. */
async function endRound(ctx: Ctx, roundStartedAt: Date): Promise<void> {
  await saveCursor(ctx, '', roundStartedAt);
  await ctx.db
    .deleteFrom('file_findings')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(selectFrom('files').select('files.id').whereRef('files.sha256', '=', 'file_findings.sha256')),
      ),
    )
    .execute();
}

/**
 * One run of the job: goes on with the round under way, or starts a new one once the last began
 * a day ago or more; a round over a day's worth of files simply takes several runs.
 */
export async function runIntegrityCheck(ctx: Ctx): Promise<IntegrityRun | null> {
  const cursor = await readCursor(ctx.db);
  const roundOver = !cursor || cursor.after === '';
  if (roundOver && cursor && ctx.clock.now().getTime() - cursor.roundStartedAt.getTime() < ROUND_EVERY_MS)
    return null;
  return checkStoredFiles(ctx);
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

/** Hourly, a bounded batch each time; a new round a day after the last began (see runIntegrityCheck). */
export const fileIntegrityJob = {
  name: 'file_integrity',
  everyMs: 3_600_000,
  run: (ctx: Ctx) => runIntegrityCheck(ctx).then(() => undefined),
};
