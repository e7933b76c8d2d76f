import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { SYSTEM } from '../../platform/auth/roles.ts';
import { type Ctx, fixedClock, withActor } from '../../platform/context.ts';
import { erasePerson } from '../../platform/personal-data/index.ts';
import { buildTestApp, eachTest, makeStaff, testConfig, testDatabaseKind } from '../../testing.ts';
import { modules } from '../index.ts';
import { approveStep, startRequest } from '../services/service.ts';
import {
  makeApplicant,
  makeVillageOffice,
  prepareServices,
  requestInput,
} from '../services/test-builders.ts';
import { generateResidents, villagesOf } from './generator.ts';
import type { ResidentRecord } from './model.ts';
import { csvLine, EXPORT_COLUMNS, exportRow } from './opensid.ts';
import { importResidents } from './service.ts';
import { KRAMATWATU, tempDir } from './test-builders.ts';

// A village of Kabupaten Tangerang (36.03), the other regency of the province on this deployment.
const TANGERANG_VILLAGE = '36.03.01.2003';
const clock = fixedClock('2026-12-01T02:00:00Z');

const onServer = testDatabaseKind() === 'postgres';
const test = onServer
  ? eachTest(() => buildTestApp({ clock, config: testConfig({ SIMPUL_PARTITION_BY_REGENCY: '1' }) }))
  : null;

/** The same database seen by an instance serving another regency (its villages, its staff). */
function servingRegency(ctx: Ctx, regencyCode: string): Ctx {
  return { ...ctx, config: { ...ctx.config, regencyCode } };
}

function csvOf(rows: ResidentRecord[]): string {
  const file = path.join(tempDir(), 'penduduk.csv');
  fs.writeFileSync(file, [csvLine(EXPORT_COLUMNS), ...rows.map((r) => csvLine(exportRow(r)))].join(''));
  return file;
}

async function importInto(ctx: Ctx, village: string, rows: ResidentRecord[]) {
  const file = csvOf(rows);
  const summary = await importResidents(withActor(ctx, SYSTEM), {
    path: file,
    fileName: file,
    regionCode: village,
    mode: 'valid_rows',
    errorFile: `${file}.errors.csv`,
  });
  return {
    summary,
    errors: fs.existsSync(`${file}.errors.csv`) ? fs.readFileSync(`${file}.errors.csv`, 'utf8') : '',
  };
}

function generated(regency: string, village: string, count: number, seed: number): ResidentRecord[] {
  return [
    ...generateResidents({ count, villages: villagesOf(regency, [village]), seed, today: '2026-11-22' }),
  ];
}

/** A domicile letter requested by a new resident of the village, passed by the operator and signed. */
async function issuedLetter(ctx: Ctx, village: string) {
  const office = await makeVillageOffice(ctx, village);
  const applicant = await makeApplicant(ctx, office.operator, { nama: `PEMOHON ${village}` });
  const request = await startRequest(
    withActor(ctx, applicant),
    'keterangan-domisili',
    await requestInput({ keperluan: 'Membuka rekening bank' }, { attachments: ['foto_ktp', 'pengantar_rt'] }),
  );
  await approveStep(withActor(ctx, office.operator), request.id);
  await approveStep(withActor(ctx, office.kades), request.id);
  return { applicant, requestId: request.id };
}

async function rows<T>(ctx: Ctx, query: ReturnType<typeof sql<T>>): Promise<T[]> {
  return (await query.execute(ctx.db)).rows;
}

describe.skipIf(!onServer)(
  'residents partitioned by regency code (PostgreSQL, SIMPUL_PARTITION_BY_REGENCY=1)',
  () => {
    it('keeps each regency in its partition, NIK unique nationally, letters issued, pruning and erasure working', async () => {
      const serang = test!.ctx;
      const tangerang = servingRegency(serang, '36.03');
      // one village of Tangerang (seeding all of them would clash with Serang's village slugs)
      await sql`INSERT INTO villages (code, kecamatan_code, name, slug)
      VALUES (${TANGERANG_VILLAGE}, '36.03.01', 'CANGKUDU', 'cangkudu')`.execute(serang.db);
      await prepareServices(serang);

      const [partitioned] = await rows<{ n: number }>(
        serang,
        sql`SELECT count(*)::int AS n FROM pg_partitioned_table WHERE partrelid = 'residents'::regclass`,
      );
      expect(partitioned!.n).toBe(1);
      const partitions = await rows<{ name: string }>(
        serang,
        sql`SELECT inhrelid::regclass::text AS name FROM pg_inherits WHERE inhparent = 'residents'::regclass ORDER BY 1`,
      );
      // Banten's eight regencies and cities, and the DEFAULT partition
      expect(partitions.map((p) => p.name)).toEqual(
        expect.arrayContaining(['residents_36_03', 'residents_36_04', 'residents_default']),
      );
      expect(partitions).toHaveLength(9);
      const stillReferencing = await rows<{ name: string }>(
        serang,
        sql`SELECT conname AS name FROM pg_constraint WHERE contype = 'f' AND confrelid = 'residents'::regclass`,
      );
      expect(stillReferencing).toEqual([]);

      const serangRows = generated('36.04', KRAMATWATU, 40, 5);
      const tangerangRows = generated('36.03', TANGERANG_VILLAGE, 30, 6);
      expect((await importInto(serang, KRAMATWATU, serangRows)).summary.inserted).toBe(40);
      expect((await importInto(tangerang, TANGERANG_VILLAGE, tangerangRows)).summary.inserted).toBe(30);

      const placed = await rows<{ partition: string; regency: string; n: number }>(
        serang,
        sql`SELECT tableoid::regclass::text AS partition, regency_code AS regency, count(*)::int AS n
        FROM residents GROUP BY 1, 2 ORDER BY 1`,
      );
      expect(placed).toEqual([
        { partition: 'residents_36_03', regency: '36.03', n: 30 },
        { partition: 'residents_36_04', regency: '36.04', n: 40 },
      ]);
      const [keys] = await rows<{ n: number; unmatched: number }>(
        serang,
        sql`SELECT count(*)::int AS n, count(*) FILTER (WHERE r.id IS NULL)::int AS unmatched
        FROM resident_keys k LEFT JOIN residents r ON r.id = k.id AND r.regency_code = k.regency_code AND r.nik = k.nik`,
      );
      expect(keys).toEqual({ n: 70, unmatched: 0 });

      // a Serang NIK offered again in Tangerang: refused by the importer, no row in either table
      const twin = {
        ...serangRows[0]!,
        villageCode: TANGERANG_VILLAGE,
        familyNumber: tangerangRows[0]!.familyNumber,
      };
      const refused = await importInto(tangerang, TANGERANG_VILLAGE, [twin]);
      expect(refused.summary.rejected).toBe(1);
      expect(refused.errors).toContain(`sudah terdaftar di desa ${KRAMATWATU}`);
      await expect(
        sql`INSERT INTO residents (id, village_code, regency_code, nik, family_number, name, birth_date, sex, dusun, rw, rt)
        VALUES (gen_random_uuid(), ${TANGERANG_VILLAGE}, '36.03', ${serangRows[0]!.nik}, ${twin.familyNumber}, 'X', '1990-01-01', 1, 'A', '001', '001')`.execute(
          serang.db,
        ),
      ).rejects.toMatchObject({ code: '23505' });

      const inSerang = await issuedLetter(serang, KRAMATWATU);
      const inTangerang = await issuedLetter(tangerang, TANGERANG_VILLAGE);
      const letters = await rows<{ village: string; state: string }>(
        serang,
        sql`SELECT l.village_code AS village, r.state FROM letters l JOIN service_requests r ON r.id = l.request_id
        WHERE r.id IN (${inSerang.requestId}, ${inTangerang.requestId}) ORDER BY 1`,
      );
      expect(letters).toEqual([
        { village: TANGERANG_VILLAGE, state: 'siap_diambil' },
        { village: KRAMATWATU, state: 'siap_diambil' },
      ]);

      // the registry's list of one village, as its queries filter it, reads one partition
      const plan = await rows<{ 'QUERY PLAN': string }>(
        serang,
        sql`EXPLAIN SELECT id, name FROM residents
        WHERE regency_code = ${'36.03'} AND village_code = ${TANGERANG_VILLAGE} ORDER BY name`,
      );
      const text = plan.map((line) => line['QUERY PLAN']).join('\n');
      expect(text).toContain('residents_36_03');
      expect(text).not.toMatch(/residents_36_04|residents_default/);

      const admin = await makeStaff(tangerang, { role: 'admin_kabupaten', scope: '36.03' });
      const outcome = await erasePerson(withActor(tangerang, admin), modules, inTangerang.applicant.nik);
      expect(outcome.modules.find((m) => m.module === 'residents')?.outcome.kept.length).toBeGreaterThan(0);
      const [request] = await rows<{ data: unknown; phone: string | null }>(
        serang,
        sql`SELECT data, contact_phone AS phone FROM service_requests WHERE id = ${inTangerang.requestId}`,
      );
      expect(request).toEqual({ data: {}, phone: null });
    });
  },
);
