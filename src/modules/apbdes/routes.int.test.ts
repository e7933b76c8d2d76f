import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/context.ts';
import { buildTestApp, loginAs, type TestApp, Visitor } from '../../testing.ts';
import { KRAMATWATU, makeOperator, YEAR } from './test-builders.ts';

let test: TestApp;
let operator: Visitor;
const budgetPage = `/kelola/apbdes/${KRAMATWATU}/${YEAR}`;

beforeAll(async () => {
  test = await buildTestApp({ clock: fixedClock('2026-12-01T02:00:00Z') });
  operator = await loginAs(test.app, await makeOperator(test.ctx));
}, 240_000);
afterAll(() => test.close());

async function waitForImport(url: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const page = await operator.get(url);
    if (!page.body.includes('http-equiv="refresh"')) return page.body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the import did not finish');
}

describe('APBDes pages', () => {
  it('takes the downloaded XLSX template back filled in, publishes it, and shows the totals publicly', async () => {
    const template = await new Visitor(test.app).get('/apbdes/templat-impor.xlsx');
    expect(template.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'kode',
      'uraian',
      'anggaran',
      'realisasi_semester_1',
      'realisasi_semester_2',
    ]);
    const fill: Record<string, [number | string, number | string]> = {
      '4.2.1': [1_000_000_000, '500.000.000'],
      '4.2.3': ['500.000.000,00', 250_000_000],
      '2.3.10': [700_000_000, 350_000_000],
    };
    sheet.eachRow((row) => {
      const amounts = fill[String(row.getCell(1).value)];
      if (amounts) {
        row.getCell(3).value = amounts[0];
        row.getCell(4).value = amounts[1];
      }
    });
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const upload = await operator.submitMultipart(budgetPage, {}, [
      { name: 'file', filename: 'APBDes.xlsx', type: 'application/octet-stream', bytes },
    ]);
    expect(upload.statusCode).toBe(303);
    const status = await waitForImport(upload.headers.location as string);
    expect(status).toContain('diimpor: 3 baru, 0 diubah');

    expect((await new Visitor(test.app).get(`/desa/${KRAMATWATU}/apbdes/${YEAR}`)).body).toContain(
      'belum menerbitkan APBDes',
    );
    const published = await operator.post(
      `${budgetPage}/status`,
      { status: 'published' },
      { csrfFrom: budgetPage },
    );
    expect(published.statusCode).toBe(303);

    const page = await new Visitor(test.app).get(`/desa/${KRAMATWATU}/apbdes`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<meta name="description"');
    expect(page.body).toMatch(/data-total="pendapatan">Rp 1,5 M</);
    expect(page.body).toContain('Rp 1.500.000.000');
    expect(page.body).toContain('<svg');
    expect(page.body).toContain('Dana Desa: Rp 1.000.000.000');
    const regency = await new Visitor(test.app).get(`/apbdes/${YEAR}`);
    expect(regency.body).toMatch(/data-total="desa">1 dari 326</);
    expect(regency.body).toContain(`/desa/${KRAMATWATU}/apbdes/${YEAR}`);
  }, 60_000);

  it('shows a refused line beside its field with the typed values kept', async () => {
    const response = await operator.post(
      `${budgetPage}/baris`,
      { kode: '2.9.01', uraian: 'Kegiatan', anggaran: '1.000' },
      { csrfFrom: budgetPage },
    );
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Kode 2.9.01 tidak ada dalam struktur APBDes');
    expect(response.body).toContain('value="Kegiatan"');
  });

  it('answers an unknown year or village with 404, not an error', async () => {
    expect((await new Visitor(test.app).get(`/desa/${KRAMATWATU}/apbdes/abcd`)).statusCode).toBe(404);
    expect((await new Visitor(test.app).get('/desa/99.99.99.9999/apbdes')).statusCode).toBe(404);
    expect((await operator.get(`/kelola/apbdes/${KRAMATWATU}/1800`)).statusCode).toBe(404);
  });
});
