// The health data set of the benches (issue #14): one posyandu per village, `children` children
// under five round-robin over them, 12 monthly measurements each (z-scores spread from −5 to +3, a
// few flagged implausible); the rollup is kept by the insert's trigger.
import { sql } from 'kysely';
import type { Ctx } from '../src/platform/context.ts';

export async function generateHealthData(ctx: Ctx, children: number): Promise<void> {
  await sql`
    INSERT INTO health_posyandu (village_code, name, dusun)
    SELECT code, 'Posyandu ' || name, 'Dusun I' FROM villages WHERE code LIKE ${`${ctx.config.regencyCode}.%`}`.execute(
    ctx.db,
  );
  // children born over the five years before December 2026, round-robin over the posyandu
  await sql`
    INSERT INTO health_children (village_code, posyandu_id, name, sex, birth_date)
    SELECT p.village_code, p.id, 'Anak ' || g, 1 + g % 2, DATE '2026-11-30' - (60 + (g * 7919) % 1700)
    FROM generate_series(1, ${children}) g
    JOIN (SELECT id, village_code, row_number() OVER (ORDER BY village_code) - 1 AS n,
                 count(*) OVER () AS total FROM health_posyandu) p ON p.n = g % p.total`.execute(ctx.db);
  await sql`
    INSERT INTO health_measurements (child_id, village_code, posyandu_id, measured_on, measured_month, age_days,
      weight_kg, height_cm, position, haz, waz, whz, flags)
    SELECT c.id, c.village_code, c.posyandu_id, m.month + 9, m.month, (m.month + 9) - c.birth_date,
      8 + (h % 80) / 10.0, 60 + (h % 500) / 10.0, 'standing',
      ((h % 800) - 500) / 100.0, (((h / 7) % 800) - 500) / 100.0, (((h / 13) % 800) - 500) / 100.0,
      CASE WHEN h % 97 = 0 THEN ARRAY['haz_implausible'] ELSE '{}' END
    FROM health_children c
    CROSS JOIN LATERAL (SELECT (DATE '2025-12-01' + make_interval(months => k))::date AS month
                        FROM generate_series(0, 11) k) m
    CROSS JOIN LATERAL (SELECT abs(hashtext(c.id::text || m.month::text)) AS h) z
    WHERE m.month + 9 > c.birth_date`.execute(ctx.db);
}
