import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Ctx } from '../platform/context.ts';
import { fixedClock } from '../platform/context.ts';
import type { Database } from '../platform/db/database.ts';
import { postgresPool } from '../platform/db/index.ts';
import { saveFile } from '../platform/files/index.ts';
import { fileIntegrityJob } from '../platform/files/integrity.ts';
import { backoffDelay } from '../platform/jobs/backoff.ts';
import { type Job, runJobIfDue, runJobOnce, startJobs, wakeJob } from '../platform/jobs/index.ts';
import { deliverPendingNotifications, enqueueNotification } from '../platform/outbox/index.ts';
import { buildTestApp, closingAfterEach, loginAs, makeStaff, type TestContext } from '../testing.ts';

const { context, onEnd } = closingAfterEach();

/** A second app server on the same database: its own connections on PostgreSQL, the one embedded database otherwise. */
async function secondServer(first: TestContext): Promise<Ctx> {
  if (!first.databaseUrl) return { ...first.ctx };
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: postgresPool(first.databaseUrl) }),
  });
  onEnd(() => db.destroy());
  return { ...first.ctx, db };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('scheduled jobs across several app servers', () => {
  it('run once when two servers race for the same due job, and not again until the schedule says', async () => {
    const first = await context();
    const second = await secondServer(first);
    let runs = 0;
    const job: Job = {
      name: 'uji.balapan',
      everyMs: 60_000,
      run: async () => {
        runs++;
        await pause(200);
      },
    };
    const results = await Promise.all([runJobIfDue(first.ctx, job), runJobIfDue(second, job)]);
    expect(runs).toBe(1);
    expect(results.filter(Boolean)).toHaveLength(1);
    // both look again at once: the next run is a minute away
    expect(await Promise.all([runJobIfDue(first.ctx, job), runJobIfDue(second, job)])).toEqual([
      false,
      false,
    ]);
    expect(runs).toBe(1);
    const row = await first.ctx.db
      .selectFrom('jobs')
      .selectAll()
      .where('name', '=', job.name)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ last_outcome: 'ok', attempts: 0, locked_until: null, every_ms: 60_000 });
    expect(row.next_run_at!.getTime() - row.last_finished_at!.getTime()).toBe(60_000);
  });

  it('retry a failing job after 1, 2 and 4 minutes, then keep the normal schedule once it succeeds', async () => {
    const clock = fixedClock('2026-11-23T02:00:00Z');
    const { ctx } = await context({ clock });
    let broken = true;
    let runs = 0;
    const job: Job = {
      name: 'uji.rapuh',
      everyMs: 3_600_000,
      run: async () => {
        runs++;
        if (broken) throw new Error('gerbang SMS tidak menjawab');
      },
    };
    const row = () =>
      ctx.db.selectFrom('jobs').selectAll().where('name', '=', job.name).executeTakeFirstOrThrow();
    expect(await runJobIfDue(ctx, job)).toBe(true);
    for (const [attempt, minutes] of [
      [1, 1],
      [2, 2],
      [3, 4],
    ] as const) {
      const failed = await row();
      expect(failed).toMatchObject({
        last_outcome: 'failed',
        last_error: 'gerbang SMS tidak menjawab',
        attempts: attempt,
      });
      expect(failed.next_run_at).toEqual(new Date(clock.now().getTime() + minutes * 60_000));
      clock.advance(minutes * 60_000 - 1000);
      expect(await runJobIfDue(ctx, job)).toBe(false);
      clock.advance(1000);
      if (attempt === 3) broken = false;
      expect(await runJobIfDue(ctx, job)).toBe(true);
    }
    expect(runs).toBe(4);
    const healed = await row();
    expect(healed).toMatchObject({ last_outcome: 'ok', last_error: null, attempts: 0 });
    expect(healed.next_run_at).toEqual(new Date(clock.now().getTime() + 3_600_000));
  });

  it('wait 1, 2, 4 … minutes after each failure in a row, never more than an hour', () => {
    expect([0, 1, 2, 3, 4, 6, 7, 20].map((n) => backoffDelay(n) / 60_000)).toEqual([
      0, 1, 2, 4, 8, 32, 60, 60,
    ]);
  });

  it('run at once when work is queued for them, on the runner’s context, and again if woken mid-run', async () => {
    const { ctx } = await context();
    const seen: Array<Ctx['actor']> = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const job: Job = {
      name: 'uji.bangun',
      everyMs: 3_600_000,
      run: async (runCtx) => {
        seen.push(runCtx.actor);
        if (seen.length === 1) await gate;
      },
    };
    const runner = startJobs(ctx, [job], { timers: false });
    onEnd(() => runner.stop());
    wakeJob(job.name);
    await pause(100);
    wakeJob(job.name); // while the first run waits
    release();
    for (let i = 0; i < 50 && seen.length < 2; i++) await pause(50);
    expect(seen).toEqual([ctx.actor, ctx.actor]);
  });
});

describe('the outbox on the jobs’ retry rule', () => {
  it('retries a message that failed after 1 and then 2 minutes', async () => {
    const clock = fixedClock('2026-11-23T02:00:00Z');
    const { ctx } = await context({ clock });
    await enqueueNotification(ctx, { channel: 'sms', recipient: '081234567890', body: 'Uji' });
    const down = { send: async () => Promise.reject(new Error('gateway down')) };
    await deliverPendingNotifications(ctx, down);
    const first = await ctx.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
    expect(first.send_after).toEqual(new Date(clock.now().getTime() + backoffDelay(1)));
    expect(backoffDelay(1)).toBe(60_000);
    clock.advance(60_000);
    await deliverPendingNotifications(ctx, down);
    const second = await ctx.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
    expect(second).toMatchObject({ attempts: 2, status: 'pending' });
    expect(second.send_after).toEqual(new Date(clock.now().getTime() + 2 * 60_000));
  });
});

describe('the background work page', () => {
  it('shows the admin every job with its schedule, outcome, last error and next run, and no one else', async () => {
    const test = await buildTestApp();
    onEnd(() => test.close());
    await runJobOnce(test.ctx, { name: 'uji.sehat', everyMs: 15_000, run: async () => undefined });
    await expect(
      runJobOnce(test.ctx, {
        name: 'uji.rusak',
        everyMs: 3_600_000,
        run: async () => Promise.reject(new Error('disk penuh')),
      }),
    ).rejects.toThrow('disk penuh');
    const admin = await loginAs(
      test.app,
      await makeStaff(test.ctx, { role: 'admin_kabupaten', scope: '36.04' }),
    );
    const page = await admin.get('/kelola/tugas');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('uji.sehat');
    expect(page.body).toContain('tiap 15 detik');
    expect(page.body).toContain('Berhasil');
    expect(page.body).toContain('uji.rusak');
    expect(page.body).toContain('tiap 1 jam');
    expect(page.body).toContain('Gagal (1 kali gagal berturut-turut)');
    expect(page.body).toContain('disk penuh');
    const english = await admin.get('/kelola/tugas?lang=en');
    expect(english.body).toContain('Failed (1 failures in a row)');

    const operator = await loginAs(
      test.app,
      await makeStaff(test.ctx, { role: 'operator_desa', scope: '36.04.05.2001' }),
    );
    expect((await operator.get('/kelola/tugas')).statusCode).toBe(403);
  });
});

describe('stored files that no longer match their hash', () => {
  it('are listed for the admin on the background work page after the integrity job, by name and problem', async () => {
    const test = await buildTestApp();
    onEnd(() => test.close());
    const saved = await saveFile(test.ctx, {
      bytes: Buffer.from('%PDF-1.7 berita acara'),
      contentType: 'application/pdf',
      name: 'berita-acara.pdf',
    });
    const admin = await loginAs(
      test.app,
      await makeStaff(test.ctx, { role: 'admin_kabupaten', scope: '36.04' }),
    );
    expect((await admin.get('/kelola/tugas')).body).not.toContain('Berkas tersimpan yang berubah');
    const onDisk = path.join(test.ctx.config.dataDir, 'files', saved.sha256.slice(0, 2), saved.sha256);
    fs.writeFileSync(onDisk, '%PDF-1.7 berita acara (dipalsukan)');
    await runJobOnce(test.ctx, fileIntegrityJob);
    const page = await admin.get('/kelola/tugas');
    expect(page.body).toContain('Berkas tersimpan yang berubah atau hilang');
    expect(page.body).toContain('berita-acara.pdf');
    expect(page.body).toContain('Isi berubah (hash berbeda)');
    expect(page.body).toContain('file_integrity');
    expect((await admin.get('/kelola/tugas?lang=en')).body).toContain('Content changed (hash differs)');
    const dashboard = await admin.get('/kelola');
    expect(dashboard.body).toContain('1 berkas tersimpan berubah atau hilang: pulihkan dari cadangan');
    const operator = await loginAs(
      test.app,
      await makeStaff(test.ctx, { role: 'operator_desa', scope: '36.04.05.2001' }),
    );
    expect((await operator.get('/kelola')).body).not.toContain('berkas tersimpan berubah');
  });
});
