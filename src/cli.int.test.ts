import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { SYSTEM } from './platform/auth/roles.ts';
import { systemClock } from './platform/context.ts';
import type { Database } from './platform/db/database.ts';
import { openDatabase, postgresPool } from './platform/db/index.ts';
import { saveFile } from './platform/files/index.ts';
import {
  cliTarget,
  closingAfterEach,
  simpulCli,
  startS3Server,
  startSimpulServer,
  testDatabaseKind,
} from './testing.ts';

const closing = closingAfterEach();
/** Where the CLI should keep its data: a fresh embedded database, or a fresh database on the server. */
const target = () =>
  cliTarget(closing, {
    dirPrefix: 'simpul-cli-',
    prepare: async (context) => {
      await context.ctx.db.deleteFrom('villages').execute();
    },
  });
const simpul = simpulCli;
const CREATE_CAMAT = [
  'user',
  'create',
  '--role',
  'camat',
  '--scope',
  '36.04.09',
  '--email',
  'camat.ciruas@serangkab.go.id',
];

async function countStaff(env: Record<string, string>): Promise<number> {
  if (env.DATABASE_URL) {
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: postgresPool(env.DATABASE_URL, 1) }),
    });
    const row = await db
      .selectFrom('staff_users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await db.destroy();
    return Number(row.n);
  }
  return -1;
}

/** Uploads saved into the CLI's database and data folder between two CLI runs, as the server would. */
async function uploadInto(env: Record<string, string>, uploads: Array<{ name: string; bytes: Buffer }>) {
  const config = loadConfig({ ...env, LOG_LEVEL: 'silent' });
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const ctx = { db: handle.db, actor: SYSTEM, clock: systemClock, config, log: pino({ level: 'silent' }) };
  try {
    for (const upload of uploads) await saveFile(ctx, { ...upload, contentType: 'application/pdf' });
  } finally {
    await handle.close();
  }
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const stored = (env: Record<string, string>, bytes: Buffer) =>
  path.join(env.DATA_DIR!, 'files', sha(bytes).slice(0, 2), sha(bytes));

describe('npx simpul backup and restore with files', () => {
  it('sends a backup with its files to S3, restores it on a clean machine, and fails on a corrupted file', async () => {
    const server = await startS3Server(['cadangan-cli']);
    closing.onEnd(() => server.close());
    const s3 = server.settings('cadangan-cli');
    const bucket = {
      BACKUP_S3_ENDPOINT: s3.endpoint,
      BACKUP_S3_BUCKET: s3.bucket,
      BACKUP_S3_ACCESS_KEY: s3.accessKey,
      BACKUP_S3_SECRET_KEY: s3.secretKey,
    };
    const source = await target();
    await simpul(source, 'migrate');
    const letter = Buffer.from('%PDF-1.7 surat keterangan usaha');
    const scan = Buffer.concat([Buffer.from('%PDF-1.7 '), randomBytes(100_000)]);
    await uploadInto(source, [
      { name: 'surat.pdf', bytes: letter },
      { name: 'pindaian.pdf', bytes: scan },
    ]);
    const folder = fs.mkdtempSync(path.join(path.dirname(source.DATA_DIR!), 'simpul-cadangan-'));
    const offsite = fs.mkdtempSync(path.join(path.dirname(source.DATA_DIR!), 'simpul-luar-'));
    const file = path.join(folder, 'harian.jsonl.gz');
    const backup = await simpul(
      { ...source, ...bucket },
      'backup',
      file,
      '--offsite-dir',
      offsite,
      '--offsite-s3',
    );
    expect(backup.stdout).toContain('Berkas: 2 (0.1 MB), 2 baru disalin ke simpul-files/.');
    expect(backup.stdout).toContain(`Salinan di ${offsite}: 2 berkas, 2 baru dikirim.`);
    expect(backup.stdout).toContain(`Salinan di ${s3.endpoint}/cadangan-cli: 2 berkas, 2 baru dikirim.`);

    const clean = await target();
    const restored = await simpul({ ...clean, ...bucket }, 'restore', 'harian.jsonl.gz', '--from-s3');
    expect(restored.stdout).toContain('Berkas dipulihkan: 2 dari 2 (0.1 MB), hash SHA-256 diperiksa.');
    expect(sha(fs.readFileSync(stored(clean, letter)))).toBe(sha(letter));
    expect(sha(fs.readFileSync(stored(clean, scan)))).toBe(sha(scan));

    fs.writeFileSync(path.join(offsite, 'simpul-files', sha(scan).slice(0, 2), sha(scan)), 'rusak');
    const another = await target();
    const failed = (await simpul(another, 'restore', path.join(offsite, 'harian.jsonl.gz')).catch(
      (e: unknown) => e,
    )) as { code: number; stdout: string; stderr: string };
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`hash berbeda: pindaian.pdf (${sha(scan).slice(0, 2)}/${sha(scan)})`);
    expect(failed.stderr).toContain('1 berkas tidak dapat dipulihkan.');
    expect(fs.existsSync(stored(another, scan))).toBe(false);
    expect(fs.existsSync(stored(another, letter))).toBe(true);
  }, 240_000);
});

describe('npx simpul', () => {
  it('migrates, creates a user, backs up and restores into another database', async () => {
    const source = await target();
    await simpul(source, 'migrate');
    const created = await simpul(source, ...CREATE_CAMAT);
    expect(created.stdout).toContain('Akun dibuat: camat.ciruas@serangkab.go.id (camat');
    expect(created.stdout).toMatch(/Kata sandi awal: \S{12,}/);
    const file = path.join(source.DATA_DIR!, 'cadangan.jsonl.gz');
    const backup = await simpul(source, 'backup', file);
    expect(backup.stdout).toMatch(/Cadangan ditulis ke .*: \d+ tabel, \d+ baris\./);
    const copy = await target();
    await simpul(copy, 'migrate');
    const restored = await simpul(copy, 'restore', file);
    expect(restored.stdout).toMatch(/Dipulihkan dari .*: \d+ tabel, \d+ baris\./);
    const again = await simpul(copy, ...CREATE_CAMAT).catch((e: { stderr: string }) => e);
    expect((again as { stderr: string }).stderr).toContain('Email ini sudah dipakai akun lain.');
    if (copy.DATABASE_URL) expect(await countStaff(copy)).toBe(1);
    // six CLI processes, each opening the database and seeding reference data: slow on a busy machine
  }, 180_000);

  it.skipIf(testDatabaseKind() === 'postgres')(
    'refuses a command on the embedded database while the server has it open, and runs once the server is killed',
    async () => {
      const env = await target();
      const { server } = await startSimpulServer(env);
      closing.onEnd(() => void server.kill('SIGKILL'));
      const refused = await simpul(env, ...CREATE_CAMAT, '--password', 'rahasia-camat-1').catch(
        (error: { code: number; stderr: string }) => error,
      );
      expect(refused).toMatchObject({ code: 1 });
      expect((refused as { stderr: string }).stderr).toContain(
        `sedang dipakai proses lain (pid ${server.pid})`,
      );
      // killed, it cannot give the lock back: the next opener sees its process gone and takes it
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGKILL');
      await exited;
      const created = await simpul(env, ...CREATE_CAMAT, '--password', 'rahasia-camat-1');
      expect(created.stdout).toContain('camat.ciruas@serangkab.go.id');
    },
    120_000,
  );

  it('names the bad field when a user cannot be created, and exits non-zero', async () => {
    const env = await target();
    const error = (await simpul(
      env,
      'user',
      'create',
      '--role',
      'operator_desa',
      '--scope',
      '36.04',
      '--email',
      'op@desa.id',
    ).catch((e: unknown) => e)) as {
      code: number;
      stderr: string;
    };
    expect(error.code).toBe(1);
    expect(error.stderr).toContain('scope: Cakupan peran desa harus kode desa');
  });

  it('refuses to start with a bad variable and says which one', async () => {
    const error = (await simpul({ PORT: 'tiga-ribu' }, 'migrate').catch((e: unknown) => e)) as {
      code: number;
      stderr: string;
    };
    expect(error.code).toBe(1);
    expect(error.stderr).toContain('PORT harus bilangan bulat');
  });

  it('seeds no demo accounts when SIMPUL_DEMO=0', async () => {
    const env = await target();
    await simpul(env, 'seed');
    if (env.DATABASE_URL) expect(await countStaff(env)).toBe(0);
    else {
      const out = await simpul({ ...env, SIMPUL_DEMO: '1' }, 'seed');
      expect(out.stdout).toContain('data demo');
    }
  });
});
