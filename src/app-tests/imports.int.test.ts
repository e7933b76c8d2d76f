import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../platform/context.ts';
import {
  createImport,
  findImport,
  IMPORT_STALE_AFTER_MS,
  type ImportDefinition,
  importErrorFileOf,
  importPercent,
  importsJob,
  MAX_IMPORT_ATTEMPTS,
  queueImport,
  recoverStaleImports,
  runQueuedImports,
} from '../platform/imports/index.ts';
import { runJobOnce } from '../platform/jobs/index.ts';
import { csvFileWriter, readRecords } from '../platform/tabular/index.ts';
import { buildTestApp, closingAfterEach, loginAs, makeStaff } from '../testing.ts';

const { context, onEnd } = closingAfterEach();

/**
 * A small module's import, as health or UMKM would write one: rows with a name are kept, the rest
 * go to the error file. `hold` pauses after the first half so a test can look at the progress.
 */
function namesImport(seen: { attempts: number[] }, hold?: Promise<void>): ImportDefinition {
  return {
    kind: 'uji',
    label: 'jobs.importKind',
    async run(_ctx, job, file, progress) {
      seen.attempts.push(job.attempt);
      const errors = csvFileWriter(job.errorFile);
      await errors.row(['baris', 'kolom', 'pesan']);
      let rows = 0;
      let rejected = 0;
      for await (const { rowNumber, record } of readRecords(file, { aliases: { nama_lengkap: 'nama' } })) {
        rows++;
        if (!record.nama) {
          rejected++;
          await errors.row([rowNumber, 'nama', 'Nama wajib diisi.']);
        }
        if (rows === 5) {
          progress.report({ rowsDone: rows, fraction: 0.5 });
          await hold;
        }
      }
      await errors.close();
      return { inserted: rows - rejected, updated: 0, unchanged: 0, rejected, rowsTotal: rows };
    },
  };
}

const FILE = `Nama Lengkap,umur\n${Array.from({ length: 10 }, (_, i) => (i === 7 ? ',40' : `=WARGA ${i},${20 + i}`)).join('\n')}\n`;

describe('the import job runner', () => {
  it('runs an import a request queued, shows its progress while it runs and keeps the rejected rows as a CSV', async () => {
    const test = await buildTestApp();
    onEnd(() => test.close());
    const seen = { attempts: [] as number[] };
    let release!: () => void;
    const hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { id, uploadPath } = await createImport(test.ctx, {
      kind: 'uji',
      regionCode: '36.04.05.2001',
      fileName: 'warga.csv',
    });
    fs.writeFileSync(uploadPath, FILE);
    await queueImport(test.ctx, id);
    expect((await findImport(test.ctx, id)).state).toBe('antre');
    // the worker's body (the app's own runner, woken by queueImport, knows only the app's kinds)
    const worker = runQueuedImports(test.ctx, [namesImport(seen, hold)]);

    let running = await findImport(test.ctx, id);
    for (let i = 0; i < 100 && running.rows_done < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      running = await findImport(test.ctx, id);
    }
    expect(running).toMatchObject({ state: 'berjalan', rows_done: 5, rows_total: 10 });
    expect(importPercent(running)).toBe(50);
    const admin = await loginAs(
      test.app,
      await makeStaff(test.ctx, { role: 'admin_kabupaten', scope: '36.04' }),
    );
    const page = await admin.get('/kelola/tugas');
    expect(page.body).toContain('<progress max="100" value="50">');
    expect(page.body).toContain('http-equiv="refresh"');
    release();
    expect(await worker).toBe(1);

    const done = await findImport(test.ctx, id);
    expect(done).toMatchObject({ state: 'selesai', inserted: 9, rejected: 1, rows_done: 10, rows_total: 10 });
    expect(importPercent(done)).toBe(100);
    expect(seen.attempts).toEqual([1]);
    const errors = await importErrorFileOf(test.ctx, done);
    expect(errors.bytes.toString()).toBe('baris,kolom,pesan\n9,nama,Nama wajib diisi.\n');
    expect(fs.existsSync(uploadPath)).toBe(false);
    const download = await admin.get(`/kelola/tugas/impor/${id}/galat.csv`);
    expect(download.statusCode).toBe(200);
    expect(download.body).toContain('9,nama,Nama wajib diisi.');
    const after = await admin.get('/kelola/tugas');
    expect(after.body).not.toContain('http-equiv="refresh"');
  });

  it('takes up again from its file an import whose server died mid-run, and fails one out of attempts', async () => {
    const clock = fixedClock('2026-11-23T02:00:00Z');
    const { ctx } = await context({ clock });
    const seen = { attempts: [] as number[] };
    const crashed = async (attempts: number) => {
      const job = await createImport(ctx, {
        kind: 'uji',
        regionCode: '36.04.05.2001',
        fileName: 'warga.csv',
      });
      fs.writeFileSync(job.uploadPath, FILE);
      // what a worker that was killed leaves behind: running, started, its heartbeat long silent
      await ctx.db
        .updateTable('import_jobs')
        .set({ state: 'berjalan', started_at: clock.now(), attempts, heartbeat_at: clock.now() })
        .where('id', '=', job.id)
        .execute();
      return job;
    };
    const resumable = await crashed(1);
    const exhausted = await crashed(MAX_IMPORT_ATTEMPTS);
    clock.advance(IMPORT_STALE_AFTER_MS - 1000);
    expect(await recoverStaleImports(ctx)).toEqual({ failed: 0, resumed: 0 });
    clock.advance(1000);
    expect(await recoverStaleImports(ctx)).toEqual({ failed: 1, resumed: 1 });

    expect(await findImport(ctx, exhausted.id)).toMatchObject({ state: 'gagal', failure: 'terhenti' });
    expect(fs.existsSync(exhausted.uploadPath)).toBe(false);
    expect((await findImport(ctx, resumable.id)).state).toBe('antre');
    await runJobOnce(ctx, importsJob([namesImport(seen)]));
    expect(seen.attempts).toEqual([2]);
    expect(await findImport(ctx, resumable.id)).toMatchObject({ state: 'selesai', inserted: 9, rejected: 1 });
  });

  it('fails an import cleanly, with the reason kept, when its module throws', async () => {
    const { ctx } = await context();
    const job = await createImport(ctx, { kind: 'uji', regionCode: '36.04.05.2001', fileName: 'warga.csv' });
    fs.writeFileSync(job.uploadPath, FILE);
    await queueImport(ctx, job.id);
    const broken: ImportDefinition = {
      kind: 'uji',
      label: 'jobs.importKind',
      run: async () => Promise.reject(new Error('disk penuh')),
    };
    await runJobOnce(ctx, importsJob([broken]));
    expect(await findImport(ctx, job.id)).toMatchObject({ state: 'gagal', failure: 'sistem' });
    expect(fs.existsSync(job.uploadPath)).toBe(false);
  });
});
