import { sql } from 'kysely';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { SYSTEM } from '../../platform/auth/roles.ts';
import { type Ctx, fixedClock, withActor } from '../../platform/context.ts';
import { openDatabase } from '../../platform/db/index.ts';
import { cliTarget, closingAfterEach, simpulCli } from '../../testing.ts';
import { seedRegions } from '../regions/service.ts';
import { rowField, saveSession } from './service.ts';
import { KRAMATWATU, makeChild, makeOperator, makePosyandu } from './test-builders.ts';

const closing = closingAfterEach();

/** Opens the CLI's database between two runs, as an operator's other tools would. */
async function withCliDatabase<T>(env: Record<string, string>, work: (ctx: Ctx) => Promise<T>): Promise<T> {
  const config = loadConfig({ ...env, LOG_LEVEL: 'silent' });
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const ctx: Ctx = {
    db: handle.db,
    actor: SYSTEM,
    clock: fixedClock('2026-11-23T02:00:00Z'),
    config,
    log: pino({ level: 'silent' }),
  };
  try {
    return await work(ctx);
  } finally {
    await handle.close();
  }
}

type Rollup = Record<string, { measured: number; stunted: number }>;

const rollupOf = (ctx: Ctx) =>
  sql<{ key: string; measured: number; stunted: number }>`
    SELECT to_char(month, 'YYYY-MM') || ' ' || village_code AS key, sum(measured)::int AS measured,
      sum(stunted)::int AS stunted
    FROM health_monthly_village GROUP BY 1 ORDER BY 1`
    .execute(ctx.db)
    .then((r): Rollup => Object.fromEntries(r.rows.map(({ key, ...counts }) => [key, counts])));

/** Two months of sessions at one posyandu of Kramatwatu, then the rollup emptied as a restore that bypassed the triggers would leave it. */
async function measuredVillage(ctx: Ctx): Promise<Rollup> {
  await seedRegions(ctx, ctx.config.regencyCode);
  const operator = await makeOperator(ctx);
  const posyandu = await makePosyandu(ctx, operator);
  const ids = [];
  for (const [nama, tanggal_lahir] of [
    ['Budi', '2025-05-10'],
    ['Siti', '2024-11-01'],
  ] as const)
    ids.push((await makeChild(ctx, operator, posyandu.id, { nama, tanggal_lahir })).id);
  const [budi, siti] = ids as [string, string];
  await saveSession(withActor(ctx, operator), posyandu.id, '2026-10-20', {
    [rowField('berat', budi)]: '8,4',
    [rowField('tinggi', budi)]: '71,0',
  });
  await saveSession(withActor(ctx, operator), posyandu.id, '2026-11-20', {
    [rowField('berat', budi)]: '8,8',
    [rowField('tinggi', budi)]: '72,0',
    [rowField('berat', siti)]: '9,5',
    [rowField('tinggi', siti)]: '76,0',
  });
  const counted = await rollupOf(ctx);
  await sql`TRUNCATE health_monthly_village`.execute(ctx.db);
  return counted;
}

describe('npx simpul health rollup', () => {
  it('recounts one village’s month, then everything, and ends with a one-line summary', async () => {
    const env = await cliTarget(closing, { dirPrefix: 'simpul-health-cli-' });
    await simpulCli(env, 'migrate');
    const counted = await withCliDatabase(env, measuredVillage);
    expect(counted).toEqual({
      [`2026-10 ${KRAMATWATU}`]: { measured: 1, stunted: expect.any(Number) },
      [`2026-11 ${KRAMATWATU}`]: { measured: 2, stunted: expect.any(Number) },
    });

    const november = await simpulCli(env, 'health', 'rollup', '--village', KRAMATWATU, '--month', '2026-11');
    const lines = november.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Rekap kesehatan dihitung ulang \(36\.04\.05\.2001, 2026-11\): 1 baris posyandu-bulan, 2 pengukuran terhitung, [\d.]+ detik\.$/,
    );
    expect(await withCliDatabase(env, rollupOf)).toEqual({
      [`2026-11 ${KRAMATWATU}`]: counted[`2026-11 ${KRAMATWATU}`],
    });

    const all = await simpulCli(env, 'health', 'rollup');
    expect(all.stdout).toContain('(semua desa, semua bulan): 2 baris posyandu-bulan, 3 pengukuran terhitung');
    expect(await withCliDatabase(env, rollupOf)).toEqual(counted);
  }, 240_000);

  it('names each bad option and exits non-zero, and lists the command in the usage', async () => {
    const env = await cliTarget(closing, { dirPrefix: 'simpul-health-cli-' });
    const refused = await simpulCli(
      env,
      'health',
      'rollup',
      '--village',
      '36.04.99.9999',
      '--month',
      '2026-13',
    ).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain('village: Tidak ada desa dengan kode 36.04.99.9999');
    expect(refused?.stderr).toContain('month: Bulan 2026-13 tidak valid');
    const help = await simpulCli(env, 'help');
    expect(help.stdout).toContain('health rollup [--village CODE] [--month YYYY-MM]');
  }, 240_000);
});
