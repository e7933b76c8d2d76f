import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { SYSTEM } from '../../platform/auth/roles.ts';
import { type Ctx, fixedClock, systemClock, withActor } from '../../platform/context.ts';
import { type DatabaseHandle, openDatabase } from '../../platform/db/index.ts';
import {
  buildTestApp,
  closingAfterEach,
  loginAs,
  makeStaff,
  type TestContext,
  testConfig,
  testDatabaseKind,
} from '../../testing.ts';
import { summaryLine } from './importer.ts';
import { residentsModule } from './index.ts';
import {
  createImportJob,
  failInterruptedImportsAtStart,
  failStaleImports,
  IMPORT_STALE_AFTER_MS,
  importResidents,
} from './service.ts';
import { generatedCsv, KRAMATWATU, MARGASANA, tempDir } from './test-builders.ts';

const { context: testContext, onEnd } = closingAfterEach();

/**
 * Where the killed process imports: a PostgreSQL test database, or an embedded database in a data
 * directory of its own (the child opens it, dies, and the test opens it after it).
 */
async function crashTarget(): Promise<{ env: Record<string, string>; open: () => Promise<Ctx> }> {
  const dataDir = tempDir();
  if (testDatabaseKind() === 'postgres') {
    const context = await testContext();
    return {
      env: { DATA_DIR: dataDir, DATABASE_URL: context.databaseUrl! },
      open: async () => context.ctx,
    };
  }
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: '' },
    open: async () => {
      const handle: DatabaseHandle = await openDatabase({ databaseUrl: null, dataDir });
      onEnd(() => handle.close());
      const config = testConfig({ DATA_DIR: dataDir });
      return { db: handle.db, actor: SYSTEM, clock: systemClock, config, log: pino({ level: 'silent' }) };
    },
  };
}

/** Runs the import in a child process and kills it (SIGKILL) once it has read `killAfterRows` rows. */
function importThenKill(env: Record<string, string>, file: string, region: string, killAfterRows: number) {
  return new Promise<{ killed: boolean; output: string }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join('src', 'modules', 'residents', 'import-crash-child.ts'),
        file,
        region,
        '500',
      ],
      {
        env: { ...process.env, LOG_LEVEL: 'silent', SIMPUL_DEMO: '0', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const last = [...output.matchAll(/^rows (\d+)$/gm)].at(-1);
      if (last && Number(last[1]) >= killAfterRows && child.exitCode === null) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ killed: signal === 'SIGKILL', output }));
  });
}

async function registryState(ctx: Ctx) {
  const residents = await sql<{ n: number }>`SELECT count(*)::int AS n FROM residents`.execute(ctx.db);
  const families = await sql`
    SELECT f.family_number, f.village_code, f.dusun, f.rw, f.rt, f.address, h.nik AS head
    FROM families f LEFT JOIN residents h ON h.id = f.head_resident_id
    ORDER BY f.family_number`.execute(ctx.db);
  const stats = await sql`
    SELECT village_code, dimension, sex, bucket, n FROM resident_stats
    ORDER BY village_code, dimension, sex, bucket`.execute(ctx.db);
  return { residents: residents.rows[0]!.n, families: families.rows, stats: stats.rows };
}

describe('an import interrupted by a killed process', () => {
  it('ends, once the same file is imported again, with the families and figures of a clean import', async () => {
    const total = 6000;
    const { file } = generatedCsv([KRAMATWATU, MARGASANA], total, 21);
    const region = '36.04.05';

    const target = await crashTarget();
    const crash = await importThenKill(target.env, file, region, total / 2);
    expect(crash.killed, crash.output).toBe(true);
    const crashed = await target.open();
    const { residents: written } = await registryState(crashed);
    // the kill came mid-way: some batches are in, the end of the import never ran
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(total);

    const rerun = await importResidents(crashed, {
      path: file,
      fileName: file,
      regionCode: region,
      mode: 'valid_rows',
      errorFile: null,
    });
    expect(summaryLine(rerun)).toBe(
      `imported: ${total - written} new, 0 updated, ${written} unchanged, 0 rejected`,
    );

    const clean = (await testContext()).ctx;
    await importResidents(clean, {
      path: file,
      fileName: file,
      regionCode: region,
      mode: 'valid_rows',
      errorFile: null,
    });
    const expected = await registryState(clean);
    const after = await registryState(crashed);
    expect(after.residents).toBe(total);
    expect(after.families.length).toBe(expected.families.length);
    expect(after.families).toEqual(expected.families);
    expect(after.stats).toEqual(expected.stats);
  }, 180_000);
});

describe('imports left running by a process that is gone', () => {
  async function operatorCtx(context: TestContext) {
    const staff = await makeStaff(context.ctx, { role: 'operator_desa', scope: KRAMATWATU });
    return withActor(context.ctx, staff);
  }

  it('are marked failed once their heartbeat is older than the limit, and a live one keeps running', async () => {
    const clock = fixedClock('2026-11-23T02:00:00Z');
    const context = await testContext({ clock });
    const ctx = await operatorCtx(context);
    const dead = await createImportJob(ctx, {
      villageCode: KRAMATWATU,
      fileName: 'mati.csv',
      mode: 'valid_rows',
    });
    const live = await createImportJob(ctx, {
      villageCode: KRAMATWATU,
      fileName: 'hidup.csv',
      mode: 'valid_rows',
    });
    fs.writeFileSync(dead.uploadPath, 'nik\n');
    clock.advance(IMPORT_STALE_AFTER_MS + 1000);
    await ctx.db
      .updateTable('import_jobs')
      .set({ heartbeat_at: clock.now() })
      .where('id', '=', live.id)
      .execute();

    expect(await failStaleImports(ctx)).toBe(1);
    const rows = await ctx.db
      .selectFrom('import_jobs')
      .select(['id', 'state', 'failure', 'finished_at'])
      .execute();
    expect(rows.find((r) => r.id === dead.id)).toMatchObject({ state: 'gagal', failure: 'terhenti' });
    expect(rows.find((r) => r.id === dead.id)?.finished_at).toEqual(clock.now());
    expect(rows.find((r) => r.id === live.id)).toMatchObject({ state: 'berjalan', failure: null });
    expect(fs.existsSync(dead.uploadPath)).toBe(false);
    expect(await failStaleImports(ctx)).toBe(0);
  });

  it('are all failed when a server on the embedded database starts, only the silent ones on a server', async () => {
    const clock = fixedClock('2026-11-23T02:00:00Z');
    const context = await testContext({ clock });
    const ctx = await operatorCtx(context);
    const recent = await createImportJob(ctx, {
      villageCode: KRAMATWATU,
      fileName: 'baru.csv',
      mode: 'valid_rows',
    });
    clock.advance(10_000);
    const failed = await failInterruptedImportsAtStart(ctx);
    const state = await ctx.db
      .selectFrom('import_jobs')
      .select('state')
      .where('id', '=', recent.id)
      .executeTakeFirstOrThrow();
    if (ctx.config.databaseUrl) {
      // another app server may be running it: its heartbeat is 10 s old
      expect(failed).toBe(0);
      expect(state.state).toBe('berjalan');
      clock.advance(IMPORT_STALE_AFTER_MS);
      await residentsModule.onStart!(ctx);
    } else {
      expect(failed).toBe(1);
    }
    expect(
      (
        await ctx.db
          .selectFrom('import_jobs')
          .select('state')
          .where('id', '=', recent.id)
          .executeTakeFirstOrThrow()
      ).state,
    ).toBe('gagal');
  });

  it('show the operator that the import stopped and what to do, in Indonesian and English', async () => {
    const clock = fixedClock('2026-11-23T02:00:00Z');
    const test = await buildTestApp({ clock });
    onEnd(() => test.close());
    const staff = await makeStaff(test.ctx, { role: 'operator_desa', scope: KRAMATWATU });
    const job = await createImportJob(withActor(test.ctx, staff), {
      villageCode: KRAMATWATU,
      fileName: 'penduduk.csv',
      mode: 'valid_rows',
    });
    clock.advance(IMPORT_STALE_AFTER_MS + 1000);
    await failStaleImports(test.ctx);
    const visitor = await loginAs(test.app, staff);

    const status = await visitor.get(`/kelola/penduduk/impor/${job.id}`);
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain('Gagal');
    expect(status.body).toContain(
      'Impor terhenti karena server berhenti; unggah ulang berkas yang sama untuk melanjutkan.',
    );
    expect(status.body).not.toContain('http-equiv="refresh"');
    const list = await visitor.get(`/kelola/penduduk/impor?desa=${KRAMATWATU}`);
    expect(list.body).toContain('Impor terhenti karena server berhenti');
    const english = await visitor.get(`/kelola/penduduk/impor/${job.id}?lang=en`);
    expect(english.body).toContain('Failed');
    expect(english.body).toContain(
      'The import stopped because the server stopped; upload the same file again to continue.',
    );
  });
});
