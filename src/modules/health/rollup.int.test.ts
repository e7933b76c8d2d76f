import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffActor } from '../../platform/auth/roles.ts';
import { type Ctx, fixedClock, withActor } from '../../platform/context.ts';
import { runImportNow } from '../../platform/imports/index.ts';
import { createTestContext, type TestContext } from '../../testing.ts';
import { createHealthImport, healthImport } from './import.ts';
import { healthPersonalData } from './personal-data.ts';
import { rebuildRollup } from './rollup.ts';
import { registerChild, rowField, saveSession } from './service.ts';
import { KIBIN, makeChild, makeOperator, makePosyandu } from './test-builders.ts';

const clock = fixedClock('2026-11-23T02:00:00Z');
let test: TestContext;
let ctx: Ctx;
let operator: StaffActor;
let posyandu: { id: string; villageCode: string };
const children: Record<string, string> = {};

beforeAll(async () => {
  test = await createTestContext({ clock });
  ctx = test.ctx;
  operator = await makeOperator(ctx);
  posyandu = await makePosyandu(ctx, operator);
  for (const [name, born] of [
    ['Budi', '2025-05-10'],
    ['Siti', '2024-11-01'],
    ['Ani', '2023-02-01'],
  ] as const)
    children[name] = (await makeChild(ctx, operator, posyandu.id, { nama: name, tanggal_lahir: born })).id;
}, 120_000);
afterAll(() => test.close());

type Key = string;
interface Counts {
  measured: number;
  haz_assessed: number;
  stunted: number;
  whz_assessed: number;
  wasted: number;
  waz_assessed: number;
  underweight: number;
}

/** The counts made in JavaScript from every raw measurement: the figures' definitions, written out. */
async function direct(): Promise<Map<Key, Counts>> {
  const rows = await ctx.db
    .selectFrom('health_measurements')
    .select(['measured_month', 'village_code', 'posyandu_id', 'age_days', 'haz', 'waz', 'whz', 'flags'])
    .select('confirmed_implausible')
    .execute();
  const out = new Map<Key, Counts>();
  for (const m of rows) {
    if (m.age_days >= 1826 || (m.flags.length > 0 && !m.confirmed_implausible)) continue;
    const key = `${String(m.measured_month).slice(0, 10)} ${m.village_code} ${m.posyandu_id}`;
    const c = out.get(key) ?? {
      measured: 0,
      haz_assessed: 0,
      stunted: 0,
      whz_assessed: 0,
      wasted: 0,
      waz_assessed: 0,
      underweight: 0,
    };
    c.measured++;
    for (const [z, assessed, below] of [
      ['haz', 'haz_assessed', 'stunted'],
      ['whz', 'whz_assessed', 'wasted'],
      ['waz', 'waz_assessed', 'underweight'],
    ] as const) {
      const value = m[z];
      if (value === null || m.flags.includes(`${z}_implausible`)) continue;
      c[assessed]++;
      if (Number(value) < -2) c[below]++;
    }
    out.set(key, c);
  }
  return out;
}

async function rollup(): Promise<Map<Key, Counts>> {
  const { rows } = await sql<Counts & { key: string }>`
    SELECT to_char(month, 'YYYY-MM-DD') || ' ' || village_code || ' ' || posyandu_id AS key,
      measured, haz_assessed, stunted, whz_assessed, wasted, waz_assessed, underweight
    FROM health_monthly_village`.execute(ctx.db);
  return new Map(rows.map(({ key, ...counts }) => [key, counts]));
}

async function expectRollupExact() {
  const expected = await direct();
  expect(expected.size).toBeGreaterThan(0);
  expect(await rollup()).toEqual(expected);
}

function monthRow(month: string) {
  return rollup().then((r) => r.get(`${month}-01 ${posyandu.villageCode} ${posyandu.id}`));
}

describe('the monthly rollup', () => {
  it('equals the direct count after sessions, an edit of an earlier month, an import, an erase and a delete', async () => {
    const as = withActor(ctx, operator);
    const { Budi, Siti, Ani } = children as Record<string, string>;
    await saveSession(as, posyandu.id, '2026-09-15', {
      [rowField('berat', Budi as string)]: '8,0',
      [rowField('tinggi', Budi as string)]: '70,0',
      [rowField('berat', Siti as string)]: '9,0',
      [rowField('tinggi', Siti as string)]: '76,0',
    });
    await saveSession(as, posyandu.id, '2026-10-20', {
      [rowField('berat', Budi as string)]: '8,4',
      [rowField('tinggi', Budi as string)]: '71,0',
      [rowField('berat', Ani as string)]: '12,0',
      [rowField('tinggi', Ani as string)]: '88,0',
    });
    await expectRollupExact();
    expect((await monthRow('2026-09'))?.measured).toBe(2);
    expect((await monthRow('2026-10'))?.measured).toBe(2);

    // September again (the second entry of a month replaces the first): Budi weighed only,
    // Siti's height corrected, neither stunted any more
    expect((await monthRow('2026-09'))?.stunted).toBe(2);
    await saveSession(as, posyandu.id, '2026-09-16', {
      [rowField('berat', Budi as string)]: '8,0',
      [rowField('berat', Siti as string)]: '9,1',
      [rowField('tinggi', Siti as string)]: '86,0',
    });
    await expectRollupExact();
    expect(await monthRow('2026-09')).toMatchObject({ measured: 2, haz_assessed: 1, stunted: 0 });

    // a sheet for November, one row implausible: held for confirmation, so not counted
    const job = await createHealthImport(as, posyandu.id, 'november.csv');
    fs.writeFileSync(
      job.uploadPath,
      [
        'NIK;Nama;Tanggal Lahir;Tanggal Ukur;Berat KG;Tinggi CM;Cara Ukur',
        ';Budi;2025-05-10;2026-11-18;8,6;72,0;berbaring',
        ';Siti;2024-11-01;2026-11-18;3,0;77,0;berbaring',
        ';Ani;2023-02-01;2026-11-18;12,2;89,0;berdiri',
      ].join('\n'),
    );
    const outcome = await runImportNow(ctx, [healthImport], job.id);
    expect(outcome).toMatchObject({ rejected: 0, rowsTotal: 3 });
    await expectRollupExact();
    const held = await ctx.db
      .selectFrom('health_measurements')
      .select('flags')
      .where('child_id', '=', Siti as string)
      .where('measured_month', '=', '2026-11-01')
      .executeTakeFirstOrThrow();
    expect(held.flags.length).toBeGreaterThan(0);
    expect((await monthRow('2026-11'))?.measured).toBe(2);

    // erasure anonymises the child and keeps the measurements: the counts stay
    const nik = '3604055005250001';
    const { id: rina } = await registerChild(as, posyandu.id, {
      nik,
      nama: 'Rina',
      jenis_kelamin: '2',
      tanggal_lahir: '2025-05-10',
    });
    await saveSession(as, posyandu.id, '2026-11-20', { [rowField('berat', rina)]: '9,1' });
    const withRina = await rollup();
    await healthPersonalData.erase(ctx, nik);
    expect(await rollup()).toEqual(withRina);
    await expectRollupExact();

    // a child deleted outright takes its measurements (cascade) out of the rollup; a month left
    // with nobody has no row
    await ctx.db
      .deleteFrom('health_children')
      .where('id', '=', Ani as string)
      .execute();
    await expectRollupExact();
    await ctx.db.deleteFrom('health_measurements').where('measured_month', '=', '2026-09-01').execute();
    expect(await monthRow('2026-09')).toBeUndefined();
    await expectRollupExact();
  });

  it('rebuilds from the raw rows after a write that bypassed the triggers', async () => {
    const kept = await rollup();
    await sql`TRUNCATE health_monthly_village`.execute(ctx.db);
    expect((await rollup()).size).toBe(0);
    expect(await rebuildRollup(ctx.db)).toBe(kept.size);
    expect(await rollup()).toEqual(kept);
    await expectRollupExact();
  });

  it('stamps refreshed_at with the writer’s clock, and a scoped rebuild only the rows it recounts', async () => {
    const { Budi } = children as Record<string, string>;
    const stamps = async () => {
      const { rows } = await sql<{ month: string; at: Date }>`
        SELECT to_char(month, 'YYYY-MM') AS month, refreshed_at AS at FROM health_monthly_village
        WHERE posyandu_id = ${posyandu.id} ORDER BY month`.execute(ctx.db);
      return Object.fromEntries(rows.map((r) => [r.month, new Date(r.at).toISOString()]));
    };
    const before = await stamps();
    clock.set('2026-11-23T03:15:00Z');
    await saveSession(withActor(ctx, operator), posyandu.id, '2026-11-21', {
      [rowField('berat', Budi as string)]: '8,7',
      [rowField('tinggi', Budi as string)]: '72,0',
    });
    const afterSession = await stamps();
    expect(afterSession['2026-11']).toBe('2026-11-23T03:15:00.000Z');
    // October was not written: it keeps the time of its last write
    expect(afterSession['2026-10']).toBe(before['2026-10']);

    const at = new Date('2026-11-24T01:00:00Z');
    expect(await rebuildRollup(ctx.db, { villageCode: posyandu.villageCode, month: '2026-11-01' }, at)).toBe(
      1,
    );
    expect(await stamps()).toEqual({ ...afterSession, '2026-11': at.toISOString() });
    await expectRollupExact();
    clock.set('2026-11-23T02:00:00Z');
  });

  it('keeps each village apart', async () => {
    const other = await makeOperator(ctx, KIBIN);
    const kibin = await makePosyandu(ctx, other, 'Kenanga');
    const dewi = (await makeChild(ctx, other, kibin.id, { nama: 'Dewi', tanggal_lahir: '2025-01-05' })).id;
    await saveSession(withActor(ctx, other), kibin.id, '2026-11-10', {
      [rowField('berat', dewi)]: '9,0',
      [rowField('tinggi', dewi)]: '75,0',
    });
    await expectRollupExact();
    const rows = await rollup();
    expect(rows.get(`2026-11-01 ${KIBIN} ${kibin.id}`)?.measured).toBe(1);
  });

  it('counts two writers of one posyandu-month that commit in turn (the second sees the first)', async () => {
    const three = await Promise.all(
      ['Eka', 'Fajar', 'Gita'].map(
        async (nama) =>
          (await makeChild(ctx, operator, posyandu.id, { nama, tanggal_lahir: '2025-03-03' })).id,
      ),
    );
    const insert = (db: typeof ctx.db, child: string) =>
      sql`INSERT INTO health_measurements (child_id, village_code, posyandu_id, measured_on, measured_month,
            age_days, weight_kg, haz, waz, whz)
          VALUES (${child}, ${posyandu.villageCode}, ${posyandu.id}, DATE '2026-08-12', DATE '2026-08-01',
            527, 9.0, -2.5, -1.0, -0.5)`.execute(db);
    // the month already has a row: both writers update it
    await insert(ctx.db, three[2] as string);
    let firstInserted!: () => void;
    const inserted = new Promise<void>((resolve) => {
      firstInserted = resolve;
    });
    // the first writer holds its transaction open after its insert; the second writes meanwhile
    // (on PostgreSQL it waits on the first's rollup row, then counts both)
    const first = ctx.db.transaction().execute(async (tx) => {
      await insert(tx, three[0] as string);
      firstInserted();
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    await inserted;
    const second = ctx.db.transaction().execute((tx) => insert(tx, three[1] as string));
    await Promise.all([first, second]);
    expect(await monthRow('2026-08')).toMatchObject({ measured: 3, stunted: 3 });
    await expectRollupExact();
  });
});
