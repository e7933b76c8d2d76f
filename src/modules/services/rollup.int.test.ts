import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, withActor } from '../../platform/context.ts';
import { buildTestApp, makeStaff, type TestApp } from '../../testing.ts';
import { KIBIN, KRAMATWATU, MARGASANA } from '../residents/test-builders.ts';
import { refreshSpeedRollup } from './rollup.ts';
import { type SpeedGrouping, speedReport, speedReportLive } from './speed-report.ts';
import { makeApplicant, makeVillageOffice, prepareServices } from './test-builders.ts';

let test: TestApp;
let clock: ReturnType<typeof fixedClock>;
let residentId: string;
const TODAY = '2026-12-01T05:00:00Z';

/**
 * `count` requests numbered from `first`, in three villages and three services, filed over the 60
 * days before 1 December 2026 at varied hours; every fifth still being checked, every seventh
 * rejected, the others issued 0–12 days (and some hours) after filing, due 5 days after it; every
 * fourth returned once for correction.
 */
async function fileRequests(first: number, count: number): Promise<void> {
  await sql`
    INSERT INTO service_requests (code, village_code, service_id, service_version, resident_id, applicant, state,
      submitted_at, due_at, finished_at, created_at, updated_at)
    SELECT 'T' || g, (ARRAY[${KRAMATWATU}, ${MARGASANA}, ${KIBIN}]::text[])[1 + g % 3], s.id, s.current_version, ${residentId},
      '{}', CASE WHEN g % 5 = 0 THEN 'diperiksa' WHEN g % 7 = 0 THEN 'ditolak' ELSE 'sudah_diambil' END,
      t.at, t.at + interval '5 days',
      CASE WHEN g % 5 <> 0 THEN t.at + make_interval(days => g * 7 % 13, hours => g % 24) END, t.at, t.at
    FROM generate_series(${first}::int, ${first + count - 1}::int) g
    JOIN (SELECT id, current_version, row_number() OVER (ORDER BY slug) - 1 AS n FROM services) s ON s.n = g % 3
    CROSS JOIN LATERAL (SELECT TIMESTAMPTZ '2026-12-01 00:00+07' - make_interval(mins => (g * 4391 % 86400)::int) AS at) t`.execute(
    test.ctx.db,
  );
  await sql`
    INSERT INTO service_request_events (request_id, actor_kind, actor_label, kind)
    SELECT id, 'staff', 'Operator Uji', 'dikembalikan' FROM service_requests
    WHERE code LIKE 'T%' AND substr(code, 2)::int BETWEEN ${first}::int AND ${first + count - 1}::int
      AND substr(code, 2)::int % 4 = 0`.execute(test.ctx.db);
}

async function asAdmin() {
  return withActor(test.ctx, await makeStaff(test.ctx, { role: 'admin_kabupaten', scope: '36.04' }));
}

const PERIODS = [
  // whole Jakarta days
  { from: new Date('2026-10-14T17:00:00Z'), to: new Date('2026-11-30T17:00:00Z') },
  // instants in the middle of days (the edges are counted live)
  { from: new Date('2026-10-20T03:30:00Z'), to: new Date('2026-12-01T05:00:00Z') },
];
const GROUPINGS: SpeedGrouping[] = ['both', 'village', 'service', 'village_service'];

async function expectEqualToLive(): Promise<void> {
  const ctx = await asAdmin();
  for (const period of PERIODS)
    for (const grouping of GROUPINGS)
      expect(await speedReport(ctx, { ...period, grouping })).toEqual(
        await speedReportLive(ctx, { ...period, grouping }),
      );
}

beforeAll(async () => {
  clock = fixedClock(TODAY);
  test = await buildTestApp({ clock });
  await prepareServices(test.ctx);
  const office = await makeVillageOffice(test.ctx);
  residentId = (await makeApplicant(test.ctx, office.operator)).id;
  await fileRequests(1, 1200);
}, 120_000);
afterAll(() => test.close());

describe('service-speed rollup', () => {
  it('gives the live figures before any refresh (every written day is counted live)', async () => {
    await expectEqualToLive();
  });

  it('gives the same counts, median, p90, within-target and returned shares from the rollup as from the requests', async () => {
    const refresh = await refreshSpeedRollup(test.ctx);
    expect(refresh.days).toBeGreaterThan(60);
    const marked = await sql<{ n: number }>`SELECT count(*)::int AS n FROM service_speed_dirty`.execute(
      test.ctx.db,
    );
    expect(marked.rows[0]?.n).toBe(0);
    await expectEqualToLive();
    const [row] = await speedReport(await asAdmin(), {
      ...(PERIODS[0] as (typeof PERIODS)[0]),
      grouping: 'village',
      region: KIBIN,
    });
    // the data set is large enough for the percentiles to fall between two requests
    expect(row).toMatchObject({ villageCode: KIBIN });
    expect(row?.issued).toBeGreaterThan(100);
    expect(row?.medianDays).not.toBeNull();
  });

  it('counts a request issued, and one returned, after the refresh at once and in the rollup at the next refresh', async () => {
    const ctx = await asAdmin();
    const period = {
      ...(PERIODS[0] as (typeof PERIODS)[0]),
      grouping: 'village' as const,
      region: KRAMATWATU,
    };
    const before = await speedReport(ctx, period);
    await sql`UPDATE service_requests SET state = 'siap_diambil', finished_at = submitted_at + interval '30 days'
      WHERE code = 'T10'`.execute(test.ctx.db);
    await sql`UPDATE service_requests SET finished_at = NULL, state = 'diperiksa' WHERE code = 'T12'`.execute(
      test.ctx.db,
    );
    await sql`
      INSERT INTO service_request_events (request_id, actor_kind, actor_label, kind)
      SELECT id, 'staff', 'Operator Uji', 'dikembalikan' FROM service_requests WHERE code = 'T3'`.execute(
      test.ctx.db,
    );
    await expectEqualToLive();
    expect(await speedReport(ctx, period)).not.toEqual(before);
    const refresh = await refreshSpeedRollup(test.ctx);
    expect(refresh.days).toBeGreaterThanOrEqual(1);
    expect(refresh.days).toBeLessThan(10);
    await expectEqualToLive();
  });

  it('recounts everything on a full refresh with the same figures', async () => {
    await sql`DELETE FROM service_speed_durations`.execute(test.ctx.db);
    await refreshSpeedRollup(test.ctx, { full: true });
    await expectEqualToLive();
  });

  it('adds the villages up per kecamatan with the median and p90 of all their requests, as counted live', async () => {
    const ctx = await asAdmin();
    for (const period of PERIODS)
      for (const grouping of GROUPINGS)
        expect(await speedReport(ctx, { ...period, grouping, by: 'kecamatan' })).toEqual(
          await speedReportLive(ctx, { ...period, grouping, by: 'kecamatan' }),
        );
    const period = PERIODS[0] as (typeof PERIODS)[0];
    const kecamatan = await speedReport(ctx, { ...period, grouping: 'village', by: 'kecamatan' });
    const villages = await speedReport(ctx, { ...period, grouping: 'village' });
    expect(kecamatan.map((r) => r.villageCode)).toEqual(['36.04.05', '36.04.16']);
    const inKramatwatu = villages.filter((r) => r.villageCode.startsWith('36.04.05.'));
    expect(inKramatwatu).toHaveLength(2);
    expect(kecamatan[0]?.submitted).toBe(inKramatwatu.reduce((sum, r) => sum + r.submitted, 0));
    expect(kecamatan[0]?.issued).toBe(inKramatwatu.reduce((sum, r) => sum + r.issued, 0));
  });

  it('keeps the camat to the villages of their kecamatan', async () => {
    await fileRequests(5000, 60);
    const camat = withActor(test.ctx, await makeStaff(test.ctx, { role: 'camat', scope: '36.04.05' }));
    const rows = await speedReport(camat, { ...(PERIODS[1] as (typeof PERIODS)[1]), grouping: 'village' });
    expect(rows.map((r) => r.villageCode)).toEqual([KRAMATWATU, MARGASANA].sort());
    await expect(
      speedReport(camat, { ...(PERIODS[1] as (typeof PERIODS)[1]), region: KIBIN }),
    ).rejects.toThrow();
  });
});
