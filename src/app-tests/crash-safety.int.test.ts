import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { healthImport } from '../modules/health/import.ts';
import { approveStep } from '../modules/services/service.ts';
import { type StaffActor, SYSTEM } from '../platform/auth/roles.ts';
import { type Ctx, fixedClock, systemClock, withActor } from '../platform/context.ts';
import { restoreDatabase } from '../platform/db/backup.ts';
import { openDatabase } from '../platform/db/index.ts';
import { hashOf } from '../platform/files/hashing.ts';
import { storageKey } from '../platform/files/keys.ts';
import { fileStore } from '../platform/files/store.ts';
import { IMPORT_STALE_AFTER_MS, recoverStaleImports, runQueuedImports } from '../platform/imports/index.ts';
import { cliTarget, closingAfterEach, simpulCli, testConfig } from '../testing.ts';
import { decreeScan, fileDecrees, posyanduSheetQueued } from './crash-scenarios.ts';

// kill -9 in the middle of work (#18 §1), on PGlite and on PostgreSQL: the process that dies is a
// child of the test's (crash-child.ts, or the CLI itself); the test opens the database after it.
const closing = closingAfterEach();

/** Opens what the killed process wrote to, as the next start of the server would. */
async function openAfterCrash(env: Record<string, string>): Promise<Ctx> {
  const handle = await openDatabase({ databaseUrl: env.DATABASE_URL || null, dataDir: env.DATA_DIR! });
  closing.onEnd(() => handle.close());
  const config = { ...testConfig({ DATA_DIR: env.DATA_DIR! }), databaseUrl: env.DATABASE_URL || null };
  return { db: handle.db, actor: SYSTEM, clock: systemClock, config, log: pino({ level: 'silent' }) };
}

/** The node arguments that run crash-child.ts on `work` with `count` (its header says what each does). */
const crashChild = (work: 'sign' | 'posyandu' | 'archive', count: number) => [
  '--import',
  'tsx',
  path.join('src', 'app-tests', 'crash-child.ts'),
  work,
  String(count),
];

/** Runs a command in a child process and kills it (SIGKILL) as soon as `killWhen` says so. */
function runThenKill(
  args: string[],
  env: Record<string, string>,
  killWhen: (output: string) => boolean,
): Promise<{ killed: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, LOG_LEVEL: 'silent', SIMPUL_DEMO: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const check = () => {
      if (child.exitCode === null && !child.killed && killWhen(output)) child.kill('SIGKILL');
    };
    const poll = setInterval(check, 5);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      check();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearInterval(poll);
      resolve({ killed: signal === 'SIGKILL', output });
    });
  });
}

async function storedBytesMatch(ctx: Ctx, fileId: string): Promise<boolean> {
  const row = await ctx.db.selectFrom('files').select('sha256').where('id', '=', fileId).executeTakeFirst();
  if (!row) return false;
  const bytes = await fileStore(ctx.config).get(storageKey(row.sha256));
  if (!bytes) return false;
  return (await hashOf(Readable.from(bytes))).sha256 === row.sha256;
}

describe('a process killed in the middle of its work', () => {
  it('leaves letters signed in a burst numbered without a gap or a repeat, each with its PDF, and the rest signable', async () => {
    const total = 10;
    const env = await cliTarget(closing, { dirPrefix: 'simpul-crash-sign-' });
    const crash = await runThenKill(crashChild('sign', total), env, (output) => /^signed 3$/m.test(output));
    expect(crash.killed, crash.output).toBe(true);
    const ready = /^ready (.+)$/m.exec(crash.output)?.[1];
    const { kades, ids } = JSON.parse(ready!) as { kades: StaffActor; ids: string[] };

    const ctx = await openAfterCrash(env);
    const letters = await ctx.db
      .selectFrom('letters')
      .select(['request_id', 'sequence', 'file_id'])
      .where('request_id', 'in', ids)
      .orderBy('sequence')
      .execute();
    const signed = letters.length;
    expect(signed).toBeGreaterThanOrEqual(3);
    expect(signed).toBeLessThan(total);
    expect(letters.map((l) => l.sequence)).toEqual(Array.from({ length: signed }, (_, i) => i + 1));
    for (const letter of letters) expect(await storedBytesMatch(ctx, letter.file_id)).toBe(true);
    const sequence = await ctx.db
      .selectFrom('letter_sequences')
      .select('last_number')
      .executeTakeFirstOrThrow();
    expect(sequence.last_number).toBe(signed);
    // a request is either signed with its letter or still waiting for the signature, never between
    const states = await ctx.db
      .selectFrom('service_requests')
      .select(['id', 'state'])
      .where('id', 'in', ids)
      .execute();
    const withLetter = new Set(letters.map((l) => l.request_id));
    expect(new Set(states.filter((r) => withLetter.has(r.id)).map((r) => r.state)).size).toBe(1);
    expect(new Set(states.filter((r) => !withLetter.has(r.id)).map((r) => r.state)).size).toBe(1);

    for (const id of ids.filter((id) => !withLetter.has(id))) await approveStep(withActor(ctx, kades), id);
    const after = await ctx.db
      .selectFrom('letters')
      .select('sequence')
      .where('request_id', 'in', ids)
      .orderBy('sequence')
      .execute();
    expect(after.map((l) => l.sequence)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  }, 240_000);

  it('never leaves a cut-short backup under the name of a good one, and the next backup restores', async () => {
    const env = await cliTarget(closing, { dirPrefix: 'simpul-crash-backup-' });
    // a database with some weight: the regions, the catalog, a letter with its PDF
    await runThenKill(crashChild('sign', 2), env, () => false);
    const file = path.join(env.DATA_DIR!, 'cadangan.jsonl.gz');
    const crash = await runThenKill(['bin/simpul.js', 'backup', file], env, () => {
      const partial = `${file}.partial`;
      return fs.existsSync(partial) && fs.statSync(partial).size > 0;
    });
    expect(crash.killed, crash.output).toBe(true);
    expect(fs.existsSync(file)).toBe(false);

    const { stdout } = await simpulCli(env, 'backup', file);
    expect(stdout).toContain('Cadangan ditulis');
    expect(fs.existsSync(file)).toBe(true);
    const restored = await closing.context();
    const { rows } = await restoreDatabase(restored.ctx.db, file);
    expect(rows).toBeGreaterThan(0);
    const letters = await restored.ctx.db.selectFrom('letters').select('number').execute();
    expect(letters).toHaveLength(2);
  }, 240_000);

  it('resumes a posyandu sheet import killed half-way to the measurements and figures of a clean run', async () => {
    const total = 40;
    const env = await cliTarget(closing, { dirPrefix: 'simpul-crash-posyandu-' });
    const crash = await runThenKill(crashChild('posyandu', total), env, (output) =>
      [...output.matchAll(/^rows (\d+)$/gm)].some((m) => Number(m[1]) >= total / 2),
    );
    expect(crash.killed, crash.output).toBe(true);
    const ctx = await openAfterCrash(env);
    const written = await ctx.db
      .selectFrom('health_measurements')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(written.n)).toBeGreaterThan(0);
    expect(Number(written.n)).toBeLessThan(total);

    // the next start (or, beside a live server, the imports job once the heartbeat is old) takes it up again
    const later = fixedClock(new Date(Date.now() + IMPORT_STALE_AFTER_MS + 1000));
    expect(await recoverStaleImports({ ...ctx, clock: later })).toEqual({ failed: 0, resumed: 1 });
    expect(await runQueuedImports(ctx, [healthImport])).toBe(1);
    const job = await ctx.db
      .selectFrom('import_jobs')
      .select(['state', 'attempts'])
      .executeTakeFirstOrThrow();
    expect(job).toEqual({ state: 'selesai', attempts: 2 });

    const clean = (await closing.context()).ctx;
    await posyanduSheetQueued(clean, total);
    await runQueuedImports(clean, [healthImport]);
    expect(await healthState(ctx)).toEqual(await healthState(clean));
  }, 240_000);
});

describe('an archive upload killed in the middle', () => {
  it('leaves every filed document with its bytes, at most the one in flight unrecorded, and a retry files it once', async () => {
    const total = 12;
    const env = await cliTarget(closing, { dirPrefix: 'simpul-crash-archive-' });
    const crash = await runThenKill(crashChild('archive', total), env, (output) => /^filed 4$/m.test(output));
    expect(crash.killed, crash.output).toBe(true);
    const { operator } = JSON.parse(/^ready (.+)$/m.exec(crash.output)![1]!) as { operator: StaffActor };
    const ctx = await openAfterCrash(env);
    const filed = await ctx.db.selectFrom('archive_documents').select(['file_id', 'file_name']).execute();
    expect(filed.length).toBeGreaterThanOrEqual(4);
    expect(filed.length).toBeLessThan(total);
    for (const document of filed) expect(await storedBytesMatch(ctx, String(document.file_id))).toBe(true);
    // bytes are stored before their row commits: the one upload the kill cut short may have left its bytes
    expect((await unrecordedContent(ctx)).length).toBeLessThanOrEqual(1);

    // the operator files what did not arrive again: each once, and nothing is left unrecorded
    const arrived = new Set(filed.map((d) => d.file_name));
    for (let i = 0; i < total; i++)
      if (!arrived.has(decreeScan(i).filename)) await fileDecrees(ctx, operator, { from: i, to: i + 1 });
    const after = await ctx.db.selectFrom('archive_documents').select('file_name').execute();
    expect(after.map((d) => d.file_name).sort()).toEqual(
      Array.from({ length: total }, (_, i) => decreeScan(i).filename).sort(),
    );
    expect(await unrecordedContent(ctx)).toEqual([]);
  }, 240_000);
});

/** Stored contents no `files` row names. */
async function unrecordedContent(ctx: Ctx): Promise<string[]> {
  const recorded = new Set(
    (await ctx.db.selectFrom('files').select('sha256').execute()).map((f) => storageKey(f.sha256)),
  );
  const keys: string[] = [];
  for await (const key of fileStore(ctx.config).list('')) if (!recorded.has(key)) keys.push(key);
  return keys;
}

/** The measurements by child and the monthly rollup, without the ids and times that differ between runs. */
async function healthState(ctx: Ctx) {
  const measurements = await ctx.db
    .selectFrom('health_measurements as m')
    .innerJoin('health_children as c', 'c.id', 'm.child_id')
    .select(['c.name', 'm.measured_on', 'm.weight_kg', 'm.height_cm', 'm.haz', 'm.waz', 'm.whz', 'm.flags'])
    .orderBy('c.name')
    .execute();
  const rollup = await sql<
    Record<string, unknown>
  >`SELECT * FROM health_monthly_village ORDER BY 1, 2, 3`.execute(ctx.db);
  const withoutIds = rollup.rows.map((row) =>
    Object.fromEntries(Object.entries(row).filter(([key]) => !key.endsWith('id') && key !== 'refreshed_at')),
  );
  return { measurements, rollup: withoutIds };
}
