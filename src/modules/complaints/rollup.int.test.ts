import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/context.ts';
import { buildTestApp, type TestApp } from '../../testing.ts';
import { KIBIN, KRAMATWATU, MARGASANA } from '../residents/test-builders.ts';
import { type ComplaintStatsScope, complaintStats, complaintStatsLive } from './dashboard-stats.ts';
import { refreshComplaintRollup } from './rollup.ts';
import { seedComplaintReference } from './service.ts';

let test: TestApp;
const TODAY = '2026-12-01T05:00:00Z';

/**
 * `count` reports numbered from `first` in three villages (two kecamatan), routed to DPUPR or to
 * DLH, over the 60 days before 1 December 2026; every third resolved 0–19 days after filing (due
 * after 14), the others open (some past their due time), every fifth without a position.
 */
async function fileReports(first: number, count: number): Promise<void> {
  await sql`
    INSERT INTO complaints (ticket, village_code, kecamatan_code, category_code, title, description, lat, lng, state,
      handler_kind, handler_code, reporter_key_hash, source, verify_due_at, response_due_at, resolve_due_at,
      resolved_at, created_at, updated_at)
    SELECT 'R-' || g, v.code, left(v.code, 8), c.code, 'Laporan uji', 'Laporan uji untuk rekap',
      CASE WHEN g % 5 <> 0 THEN -6.0 - (g % 300) / 1000.0 END, CASE WHEN g % 5 <> 0 THEN 106.0 + (g % 400) / 1000.0 END,
      (ARRAY['baru', 'diproses', 'selesai', 'diteruskan', 'diverifikasi', 'selesai'])[1 + g % 6],
      'agency', (ARRAY['DPUPR', 'DLH']::text[])[1 + g % 2], 'uji', 'web',
      t.at + interval '1 day', t.at + interval '3 days', t.at + interval '14 days',
      CASE WHEN g % 6 IN (2, 5) THEN t.at + make_interval(days => g % 20, hours => g % 24) END, t.at, t.at
    FROM generate_series(${first}::int, ${first + count - 1}::int) g
    CROSS JOIN LATERAL (SELECT (ARRAY[${KRAMATWATU}, ${MARGASANA}, ${KIBIN}]::text[])[1 + g % 3] AS code) v
    JOIN (SELECT code, row_number() OVER (ORDER BY code) - 1 AS n, count(*) OVER () AS total
          FROM complaint_categories) c ON c.n = g % c.total
    CROSS JOIN LATERAL (SELECT TIMESTAMPTZ '2026-12-01 00:00+07' - make_interval(mins => (g * 4391 % 86400)::int) AS at) t`.execute(
    test.ctx.db,
  );
}

const PERIODS = [
  { from: new Date('2026-10-14T17:00:00Z'), to: new Date('2026-11-30T17:00:00Z') },
  { from: new Date('2026-10-20T03:30:00Z'), to: new Date('2026-12-01T05:00:00Z') },
];
const SCOPES: ComplaintStatsScope[] = [{ region: null }, { region: '36.04.05' }, { agency: 'DLH' }];

function rounded<T extends { lat: number | null; lng: number | null }>(rows: T[]) {
  return rows.map((r) => ({
    ...r,
    lat: r.lat === null ? null : Math.round(r.lat * 1e9),
    lng: r.lng === null ? null : Math.round(r.lng * 1e9),
  }));
}

async function expectEqualToLive(): Promise<void> {
  for (const period of PERIODS)
    for (const scope of SCOPES) {
      const { refreshedAt: _, ...rolled } = await complaintStats(test.ctx, scope, period);
      const live = await complaintStatsLive(test.ctx, scope, period);
      for (const grouping of ['byKecamatan', 'byHandler', 'byCategory'] as const)
        expect(rounded(rolled[grouping])).toEqual(rounded(live[grouping]));
    }
}

beforeAll(async () => {
  test = await buildTestApp({ clock: fixedClock(TODAY) });
  await seedComplaintReference(test.ctx);
  await fileReports(1, 1500);
}, 120_000);
afterAll(() => test.close());

describe('complaints rollup', () => {
  it('counts received, open, overdue, resolved and on time as the reports say, before any refresh', async () => {
    await expectEqualToLive();
    const stats = await complaintStats(test.ctx, { region: null }, PERIODS[0] as (typeof PERIODS)[0]);
    const direct = await sql<{ received: number; open: number }>`
      SELECT count(*) FILTER (WHERE created_at >= '2026-10-14T17:00:00Z' AND created_at < '2026-11-30T17:00:00Z')::int AS received,
        count(*) FILTER (WHERE state IN ('baru', 'diproses', 'diteruskan', 'diverifikasi'))::int AS open
      FROM complaints`.execute(test.ctx.db);
    const sum = (field: 'received' | 'open') => stats.byKecamatan.reduce((n, k) => n + k[field], 0);
    expect(sum('received')).toBe(direct.rows[0]?.received);
    expect(sum('open')).toBe(direct.rows[0]?.open);
    expect(stats.refreshedAt).toBeNull();
  });

  it('gives the same figures from the rollup after a refresh', async () => {
    const refresh = await refreshComplaintRollup(test.ctx);
    expect(refresh.days).toBeGreaterThan(60);
    const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM complaint_daily`.execute(
      test.ctx.db,
    );
    expect(rows.rows[0]?.n).toBeGreaterThan(100);
    await expectEqualToLive();
    expect(
      (await complaintStats(test.ctx, { region: null }, PERIODS[0] as (typeof PERIODS)[0])).refreshedAt,
    ).toEqual(new Date(TODAY));
  });

  it('reflects a report resolved, one re-routed and one reopened after the refresh, at once and after the next refresh', async () => {
    const before = await complaintStats(test.ctx, { agency: 'DLH' }, PERIODS[0] as (typeof PERIODS)[0]);
    await sql`UPDATE complaints SET state = 'selesai', resolved_at = created_at + interval '2 days' WHERE ticket = 'R-6'`.execute(
      test.ctx.db,
    );
    await sql`UPDATE complaints SET handler_code = 'DLH' WHERE ticket = 'R-14'`.execute(test.ctx.db);
    await sql`UPDATE complaints SET state = 'diproses', resolved_at = NULL WHERE ticket = 'R-11'`.execute(
      test.ctx.db,
    );
    await expectEqualToLive();
    expect(await complaintStats(test.ctx, { agency: 'DLH' }, PERIODS[0] as (typeof PERIODS)[0])).not.toEqual(
      before,
    );
    const refresh = await refreshComplaintRollup(test.ctx);
    expect(refresh.days).toBeGreaterThanOrEqual(2);
    expect(refresh.days).toBeLessThan(10);
    await expectEqualToLive();
  });

  it('recounts everything on a full refresh with the same figures', async () => {
    await sql`DELETE FROM complaint_daily`.execute(test.ctx.db);
    await refreshComplaintRollup(test.ctx, { full: true });
    await expectEqualToLive();
  });

  it('keeps the open counts with every write, deletions and swaps between handlers too, so open and overdue never lag', async () => {
    await sql`DELETE FROM complaints WHERE ticket IN ('R-1', 'R-7')`.execute(test.ctx.db);
    await sql`UPDATE complaints SET handler_code = CASE handler_code WHEN 'DPUPR' THEN 'DLH' ELSE 'DPUPR' END
      WHERE ticket IN ('R-19', 'R-20', 'R-25', 'R-26')`.execute(test.ctx.db);
    await expectEqualToLive();
    const counts = await sql<{ counted: number; open: number }>`
      SELECT (SELECT sum(open) FROM complaint_open_counts)::int AS counted,
        (SELECT count(*) FROM complaints WHERE state IN ('baru', 'diproses', 'diteruskan', 'diverifikasi'))::int AS open`.execute(
      test.ctx.db,
    );
    expect(counts.rows[0]?.counted).toBe(counts.rows[0]?.open);
  });

  it('keeps a kecamatan to its villages and an agency to the reports routed to it', async () => {
    const period = PERIODS[1] as (typeof PERIODS)[1];
    const kecamatan = await complaintStats(test.ctx, { region: '36.04.05' }, period);
    expect(kecamatan.byKecamatan.map((k) => k.key)).toEqual(['36.04.05']);
    const agency = await complaintStats(test.ctx, { agency: 'DLH' }, period);
    expect(agency.byHandler.map((h) => h.key)).toEqual(['agency:DLH']);
  });
});
