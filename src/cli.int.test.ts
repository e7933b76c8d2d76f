import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from './platform/db/database.ts';
import { postgresPool } from './platform/db/index.ts';
import { cliTarget, closingAfterEach, simpulCli } from './testing.ts';

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
