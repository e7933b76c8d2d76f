import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/context.ts';
import { buildTestApp, loginAsNewStaff, type makeStaff, type TestApp, Visitor } from '../../testing.ts';
import { EXPORT_COLUMNS } from './export-ppgbm.ts';
import { A1, B1, csvRows, insertKnown, KEC_A, KEC_B, KNOWN } from './figures-test-data.ts';

let test: TestApp;

beforeAll(async () => {
  test = await buildTestApp({ clock: fixedClock('2026-03-14T22:00:00Z') });
  await insertKnown(test.ctx);
}, 240_000);
afterAll(() => test.close());

async function visitor(role: Parameters<typeof makeStaff>[1]['role'], scope: string): Promise<Visitor> {
  return loginAsNewStaff(test, { role, scope });
}

describe('health figures pages', () => {
  it("shows a camat the kecamatan's prevalence with its counts, the villages and a trend chart", async () => {
    const camat = await visitor('camat', KEC_A);
    const page = await camat.get(`/kelola/kesehatan/angka?wilayah=${KEC_A}&bulan=2026-03`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('3 dari 6 balita');
    expect(page.body).toContain('50 %');
    expect(page.body).toContain('<svg');
    expect(page.body).toContain('Angka pengukuran per ');
    const empty = await camat.get(`/kelola/kesehatan/angka?wilayah=${KEC_A}&bulan=2020-01`);
    expect(empty.body).toContain('Belum ada pengukuran yang dihitung dalam 12 bulan ini.');
    expect(page.body).toContain(`/kelola/kesehatan/angka?wilayah=${A1}&amp;bulan=2026-03`);
    // the camat reads aggregates only: no link to the export with NIK
    expect(page.body).not.toContain('/kelola/kesehatan/ekspor');
    const other = await camat.get(`/kelola/kesehatan/angka?wilayah=${KEC_B}`);
    expect(other.statusCode).toBe(403);
    expect((await camat.get('/kelola/kesehatan/angka?bulan=2026-13')).statusCode).toBe(422);
  });

  it('downloads the table as CSV, one row per village of the kecamatan', async () => {
    const camat = await visitor('camat', KEC_A);
    const csv = await camat.get(`/kelola/kesehatan/angka.csv?wilayah=${KEC_A}&bulan=2026-03`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = csvRows(csv.body);
    const page = await camat.get(`/kelola/kesehatan/angka?wilayah=${KEC_A}&bulan=2026-03`);
    const villages = (page.body.match(/kelola\/kesehatan\/angka\?wilayah=36\.04\.05\.\d{4}/g) ?? []).length;
    expect(rows.length - 1).toBe(villages);
    const a1 = rows.find((r) => r.includes('8') && r[2] === '6');
    expect(a1?.slice(1, 7)).toEqual(['8', '6', '75', '2', '4', '50']);
  });

  it('exports the month for e-PPGBM to Dinkes, one row per measurement, and audits it', async () => {
    const dinkes = await visitor('opd', 'DINKES');
    const xlsx = await dinkes.get(`/kelola/kesehatan/ekspor.xlsx?wilayah=${KEC_A}&bulan=2026-03`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...EXPORT_COLUMNS]);
    const march = KNOWN.filter((c) => c.village.startsWith(`${KEC_A}.`) && c.march).length;
    expect(sheet.actualRowCount - 1).toBe(march);
    const nik = String(sheet.getRow(2).getCell(2).value);
    expect(nik).toMatch(/^\d{16}$/);

    const csv = await dinkes.get(`/kelola/kesehatan/ekspor.csv?wilayah=${B1}&bulan=2026-03`);
    const rows = csvRows(csv.body);
    expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
    // the unconfirmed row is in the sheet (the officer sees it), marked, though the figures leave it out
    expect(rows).toHaveLength(3);
    const haz = rows[0]!.indexOf('ZS TB/U');
    expect(rows.map((r) => r[haz])).toContain('-3');
    expect(rows.find((r) => r[haz] === '-3.5')?.at(-1)).toContain('belum dikonfirmasi');
    const audits = await test.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity', 'detail'])
      .where('entity', '=', 'health_ppgbm_export')
      .execute();
    expect(audits.map((a) => a.action)).toEqual(['read_personal', 'read_personal']);
  });

  it('refuses the export to a camat and to another village office', async () => {
    const camat = await visitor('camat', KEC_A);
    expect((await camat.get(`/kelola/kesehatan/ekspor.xlsx?wilayah=${KEC_A}`)).statusCode).toBe(403);
    expect((await camat.get(`/kelola/kesehatan/ekspor?wilayah=${KEC_A}`)).statusCode).toBe(403);
    const other = await visitor('operator_desa', B1);
    expect((await other.get(`/kelola/kesehatan/ekspor.csv?wilayah=${A1}`)).statusCode).toBe(403);
    const own = await visitor('operator_desa', A1);
    expect((await own.get(`/kelola/kesehatan/ekspor.csv?wilayah=${A1}&bulan=2026-03`)).statusCode).toBe(200);
  });

  it('lets the village office fill in the scorecard; a wrong count comes back as a 422 with the field', async () => {
    const operator = await visitor('operator_desa', A1);
    const url = `/kelola/kesehatan/scorecard?desa=${A1}&triwulan=2026-1`;
    const bad = await operator.post(url, { n_anak_konseling: 'banyak' }, { csrfFrom: url });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('field-n_anak_konseling');
    const good = await operator.post(url, { n_anak_konseling: '0' }, { csrfFrom: url });
    expect(good.statusCode).toBe(303);
    const page = await operator.get(url);
    expect(page.body).toContain('Scorecard konvergensi desa');
  });

  it('shows the public village section with "< 5" for a small count', async () => {
    const page = await new Visitor(test.app).get(`/desa/${B1}/kesehatan`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('&lt; 5');
    expect(page.body).not.toContain('100 %');
  });
});
