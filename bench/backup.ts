// Backup and restore with files (issue #16, part 3): FILES stored files of SIZE bytes (random, so
// every one is distinct) in an embedded database with the platform's tables; RUNS full backups
// into a fresh folder (dump + every file copied and hash-checked) and RUNS restores into a fresh
// database and data folder (every file copied back and hash-checked); then one off-site copy of
// the backup to s3rver and one restore from it (S3=0 to leave them out). Prints medians.
// Run: node --import tsx bench/backup.ts        (FILES, SIZE, RUNS, S3 to change it)
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { SYSTEM } from '../src/platform/auth/roles.ts';
import type { Ctx } from '../src/platform/context.ts';
import { systemClock } from '../src/platform/context.ts';
import { fromPGlite, openPGlite } from '../src/platform/db/index.ts';
import { collectMigrations, migrateToLatest } from '../src/platform/db/migrate.ts';
import { backupWithFiles, copyBackup, restoreWithFiles } from '../src/platform/files/backup.ts';
import { saveFile } from '../src/platform/files/index.ts';
import { s3Store } from '../src/platform/files/s3.ts';
import { localDiskStore } from '../src/platform/files/store.ts';
import { importMigrations } from '../src/platform/imports/schema.ts';
import { jobMigrations } from '../src/platform/jobs/schema.ts';
import { platformMigrations } from '../src/platform/migrations.ts';
import { startS3Server } from '../src/platform/testing.ts';
import { median } from './figures.ts';

const FILES = Number(process.env.FILES ?? 2000);
const SIZE = Number(process.env.SIZE ?? 200_000);
const RUNS = Number(process.env.RUNS ?? 3);
const S3 = process.env.S3 !== '0';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-bench-backup-'));
const folder = (name: string) => fs.mkdtempSync(path.join(scratch, `${name}-`));

async function database(): Promise<{ ctx: Ctx; close: () => Promise<void> }> {
  const handle = fromPGlite(await openPGlite(null));
  await migrateToLatest(handle.db, collectMigrations([platformMigrations, jobMigrations, importMigrations]));
  const config = loadConfig({ DATA_DIR: folder('data'), LOG_LEVEL: 'silent', SIMPUL_DEMO: '0' });
  return {
    ctx: { db: handle.db, actor: SYSTEM, clock: systemClock, config, log: pino({ level: 'silent' }) },
    close: handle.close,
  };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
}

const mb = (FILES * SIZE) / 1_048_576;
const line = (what: string, times: number[]) =>
  console.log(
    `${what.padEnd(34)} median ${Math.round(median(times)).toLocaleString('en')} ms  (${(mb / (median(times) / 1000)).toFixed(0)} MB/s, ${Math.round(FILES / (median(times) / 1000)).toLocaleString('en')} files/s)`,
  );

try {
  const source = await database();
  for (let i = 0; i < FILES; i++)
    await saveFile(source.ctx, {
      bytes: randomBytes(SIZE),
      contentType: 'application/pdf',
      name: `berkas-${i}.pdf`,
    });
  console.log(
    `${FILES.toLocaleString('en')} files of ${SIZE.toLocaleString('en')} bytes (${mb.toFixed(0)} MB), ${RUNS} runs`,
  );

  const backups: number[] = [];
  let file = '';
  for (let run = 0; run < RUNS; run++) {
    file = path.join(folder('backup'), 'harian.jsonl.gz');
    const { ms, result } = await timed(() => backupWithFiles(source.ctx, file, []));
    if (result.files.copied !== FILES) throw new Error(`copied ${result.files.copied}`);
    backups.push(ms);
  }
  line('backup (dump + files, full)', backups);
  const again = await timed(() => backupWithFiles(source.ctx, file, []));
  console.log(`${'backup again (no new file)'.padEnd(34)} ${Math.round(again.ms).toLocaleString('en')} ms`);

  const restores: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const target = await database();
    const { ms, result } = await timed(() => restoreWithFiles(target.ctx, file));
    if (result.files.copied !== FILES) throw new Error(`restored ${result.files.copied}`);
    restores.push(ms);
    await target.close();
  }
  line('restore (dump + files, verified)', restores);

  if (S3) {
    const server = await startS3Server(['bench']);
    try {
      const bucket = s3Store(server.settings('bench'));
      const local = localDiskStore(path.dirname(file));
      const sent = await timed(() => copyBackup(local, bucket, 'harian.jsonl.gz'));
      line('off-site copy to s3rver', [sent.ms]);
      const target = await database();
      const back = await timed(() => restoreWithFiles(target.ctx, 'harian.jsonl.gz', bucket));
      if (back.result.files.copied !== FILES) throw new Error(`restored ${back.result.files.copied}`);
      line('restore from s3rver', [back.ms]);
      await target.close();
    } finally {
      await server.close();
    }
  }
  await source.close();
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
