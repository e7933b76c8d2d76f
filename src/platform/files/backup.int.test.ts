import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { type Ctx, fixedClock } from '../context.ts';
import { runJobOnce } from '../jobs/index.ts';
import { createTestDatabase, startS3Server, type TestContext } from '../testing.ts';
import { backupJob, backupWithFiles, restoreWithFiles } from './backup.ts';
import { readFile, saveFile } from './index.ts';
import { s3Store } from './s3.ts';
import { localDiskStore } from './store.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function database(): Promise<TestContext> {
  const test = await createTestDatabase();
  cleanups.push(() => test.close());
  return test;
}

function folder(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A few uploads: two identical letters, a scan of random bytes, a photo. */
async function uploads(ctx: Ctx): Promise<Map<string, Buffer>> {
  const bytes = new Map<string, Buffer>([
    ['surat.pdf', Buffer.from('%PDF-1.7 surat keterangan domisili')],
    ['surat-salinan.pdf', Buffer.from('%PDF-1.7 surat keterangan domisili')],
    ['pindaian.pdf', Buffer.concat([Buffer.from('%PDF-1.7 '), randomBytes(200_000)])],
    ['foto.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), randomBytes(5_000)])],
  ]);
  for (const [name, content] of bytes)
    await saveFile(ctx, {
      bytes: content,
      contentType: 'application/pdf',
      name,
      villageCode: '36.04.05.2001',
    });
  return bytes;
}

/** Every recorded file of a database, read back through the platform, with the hash of what came back. */
async function everyFile(ctx: Ctx) {
  const rows = await ctx.db.selectFrom('files').select(['id', 'name', 'sha256']).orderBy('name').execute();
  return Promise.all(
    rows.map(async (row) => {
      const file = await readFile(ctx, row.id);
      return {
        id: row.id,
        name: row.name,
        recorded: row.sha256,
        read: sha(file.bytes),
        size: file.bytes.length,
      };
    }),
  );
}

describe('backup and restore with the stored files', () => {
  it('brings every file back into a fresh data directory and a fresh database, hashes equal', async () => {
    const source = await database();
    const bytes = await uploads(source.ctx);
    const file = path.join(folder('simpul-cadangan-'), 'cadangan.jsonl.gz');
    const summary = await backupWithFiles(source.ctx, file, []);
    expect(summary.files).toMatchObject({ files: 3, copied: 3, problems: [] });
    const manifest = fs
      .readFileSync(`${file}.files.jsonl`, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(manifest[0]).toMatchObject({ format: 'simpul-files/1', dump: 'cadangan.jsonl.gz' });
    const scan = bytes.get('pindaian.pdf')!;
    expect(manifest).toContainEqual({
      key: `${sha(scan).slice(0, 2)}/${sha(scan)}`,
      sha256: sha(scan),
      size: scan.length,
      name: 'pindaian.pdf',
    });

    const target = await database();
    expect(fs.existsSync(path.join(target.config.dataDir, 'files'))).toBe(false);
    const restored = await restoreWithFiles(target.ctx, file);
    expect(restored.files).toMatchObject({ files: 3, copied: 3, problems: [] });
    const back = await everyFile(target.ctx);
    expect(back).toEqual(await everyFile(source.ctx));
    for (const entry of back) {
      expect(entry.read).toBe(entry.recorded);
      expect(entry.size).toBe(bytes.get(entry.name)!.length);
    }
  });

  it('sends a later backup into the same folder only the files it lacks', async () => {
    const source = await database();
    await uploads(source.ctx);
    const dir = folder('simpul-cadangan-');
    await backupWithFiles(source.ctx, path.join(dir, 'senin.jsonl.gz'), []);
    await saveFile(source.ctx, {
      bytes: Buffer.from('%PDF-1.7 baru'),
      contentType: 'application/pdf',
      name: 'baru.pdf',
    });
    const offsite = folder('simpul-luar-');
    const tuesday = await backupWithFiles(source.ctx, path.join(dir, 'selasa.jsonl.gz'), [
      { where: offsite, store: localDiskStore(offsite) },
    ]);
    expect(tuesday.files).toMatchObject({ files: 4, copied: 1 });
    expect(tuesday.offsite[0]!.files).toMatchObject({ files: 4, copied: 4, problems: [] });
    // both days' dumps share the one folder of bytes: each content is there once
    const kept: string[] = [];
    for await (const key of localDiskStore(dir).list('simpul-files/')) kept.push(key);
    expect(kept).toHaveLength(4);
    expect(fs.existsSync(path.join(dir, 'senin.jsonl.gz.files.jsonl'))).toBe(true);

    const target = await database();
    const restored = await restoreWithFiles(target.ctx, path.join(offsite, 'selasa.jsonl.gz'));
    expect(restored.files).toMatchObject({ files: 4, copied: 4, problems: [] });
    expect(await everyFile(target.ctx)).toEqual(await everyFile(source.ctx));
  });

  it('copies a backup off-site to an S3 server and restores from it alone', async () => {
    const server = await startS3Server(['cadangan-serang']);
    cleanups.push(() => server.close());
    const bucket = s3Store(server.settings('cadangan-serang'));
    const source = await database();
    await uploads(source.ctx);
    const dir = folder('simpul-cadangan-');
    const first = await backupWithFiles(source.ctx, path.join(dir, 'harian.jsonl.gz'), [
      { where: 's3', store: bucket },
    ]);
    expect(first.offsite[0]!.files).toMatchObject({ files: 3, copied: 3, problems: [] });
    const again = await backupWithFiles(source.ctx, path.join(dir, 'harian.jsonl.gz'), [
      { where: 's3', store: bucket },
    ]);
    expect(again.offsite[0]!.files).toMatchObject({ files: 3, copied: 0 });
    // the machine and its backup folder are gone: only the bucket is left
    fs.rmSync(dir, { recursive: true, force: true });

    const target = await database();
    const restored = await restoreWithFiles(target.ctx, 'harian.jsonl.gz', bucket);
    expect(restored.files).toMatchObject({ files: 3, copied: 3, problems: [] });
    expect(restored.rows).toBe(first.rows);
    expect(await everyFile(target.ctx)).toEqual(await everyFile(source.ctx));
  });

  it('names a file whose backed-up bytes were corrupted and does not restore it, the others intact', async () => {
    const source = await database();
    const bytes = await uploads(source.ctx);
    const file = path.join(folder('simpul-cadangan-'), 'cadangan.jsonl.gz');
    await backupWithFiles(source.ctx, file, []);
    const photo = sha(bytes.get('foto.jpg')!);
    const corrupted = path.join(path.dirname(file), 'simpul-files', photo.slice(0, 2), photo);
    fs.writeFileSync(corrupted, 'bukan foto');

    const target = await database();
    const restored = await restoreWithFiles(target.ctx, file);
    expect(restored.files.problems).toEqual([
      { name: 'foto.jpg', key: `${photo.slice(0, 2)}/${photo}`, problem: 'changed' },
    ]);
    expect(restored.files.copied).toBe(2);
    expect(fs.existsSync(path.join(target.config.dataDir, 'files', photo.slice(0, 2), photo))).toBe(false);
    const scan = sha(bytes.get('pindaian.pdf')!);
    expect(sha(fs.readFileSync(path.join(target.config.dataDir, 'files', scan.slice(0, 2), scan)))).toBe(
      scan,
    );
  });

  it('reports a stored file that changed before the backup and keeps its changed bytes out of it', async () => {
    const source = await database();
    const bytes = await uploads(source.ctx);
    const letter = sha(bytes.get('surat.pdf')!);
    fs.writeFileSync(path.join(source.config.dataDir, 'files', letter.slice(0, 2), letter), 'diubah');
    const file = path.join(folder('simpul-cadangan-'), 'cadangan.jsonl.gz');
    const summary = await backupWithFiles(source.ctx, file, []);
    expect(summary.files.problems).toEqual([
      { name: 'surat-salinan.pdf', key: `${letter.slice(0, 2)}/${letter}`, problem: 'changed' },
    ]);
    expect(summary.files).toMatchObject({ files: 2, copied: 2 });
    expect(fs.existsSync(path.join(path.dirname(file), 'simpul-files', letter.slice(0, 2), letter))).toBe(
      false,
    );
  });

  it('refuses, whole, a dump that lost a row on the way: the database stays as it was', async () => {
    const source = await database();
    await uploads(source.ctx);
    const file = path.join(folder('simpul-cadangan-'), 'cadangan.jsonl.gz');
    const summary = await backupWithFiles(source.ctx, file, []);
    expect(summary.counts.files).toBe(4);
    // the third file's row cut out, the rest of the dump intact and still valid gzip
    const lines = gunzipSync(fs.readFileSync(file)).toString().split('\n');
    const filesAt = lines.indexOf(JSON.stringify({ table: 'files' }));
    lines.splice(filesAt + 3, 1);
    fs.writeFileSync(file, gzipSync(lines.join('\n')));

    const target = await database();
    await expect(restoreWithFiles(target.ctx, file)).rejects.toThrow(
      'tabel files berisi 3 baris, cadangan mencatat 4',
    );
    expect(await target.ctx.db.selectFrom('files').select('id').execute()).toEqual([]);
  });

  it("writes the server's daily backup into BACKUP_DIR through the job runner, restorable, keeping the newest BACKUP_KEEP", async () => {
    const source = await database();
    await uploads(source.ctx);
    const dir = folder('simpul-harian-');
    const days = ['2026-11-28', '2026-11-29', '2026-11-30'];
    for (const day of days) {
      const ctx = {
        ...source.ctx,
        clock: fixedClock(new Date(`${day}T19:30:00Z`)),
        config: { ...source.config, backupDir: dir, backupKeep: 2 },
      };
      expect(await runJobOnce(ctx, backupJob)).toBe(true);
    }
    // 19:30 UTC is 02:30 the next day in Jakarta; the oldest of the three is gone with its manifest
    expect(
      fs
        .readdirSync(dir)
        .filter((name) => name !== 'simpul-files')
        .sort(),
    ).toEqual([
      'simpul-2026-11-30.jsonl.gz',
      'simpul-2026-11-30.jsonl.gz.files.jsonl',
      'simpul-2026-12-01.jsonl.gz',
      'simpul-2026-12-01.jsonl.gz.files.jsonl',
    ]);
    const job = await source.ctx.db
      .selectFrom('jobs')
      .selectAll()
      .where('name', '=', 'backup')
      .executeTakeFirst();
    expect(job).toMatchObject({ last_outcome: 'ok', attempts: 0 });

    const target = await database();
    const restored = await restoreWithFiles(target.ctx, path.join(dir, 'simpul-2026-12-01.jsonl.gz'));
    expect(restored.files).toMatchObject({ files: 3, copied: 3, problems: [] });
    expect(await everyFile(target.ctx)).toEqual(await everyFile(source.ctx));
  });
});
