import { afterEach, beforeEach, expect, it } from 'vitest';
import { buildTestApp, type TestApp, Visitor } from '../../testing.ts';
import { prepareServices } from './test-builders.ts';

let test: TestApp;

beforeEach(async () => {
  test = await buildTestApp();
  await prepareServices(test.ctx);
});
afterEach(() => test.close());

it('describes a service to residents without the letter code and version as headings, keeping them in small print for officers (#12)', async () => {
  const page = await new Visitor(test.app).get('/layanan/keterangan-tidak-mampu');
  expect(page.statusCode).toBe(200);
  expect(page.body).not.toContain('Kode surat · klasifikasi');
  expect(page.body).not.toMatch(/<dt[^>]*>\s*Versi\s*<\/dt>/);
  expect(page.body).toMatch(
    /<small class="hint">Untuk petugas: kode surat S-\d+, kode klasifikasi arsip [\d.]+, versi layanan \d+\.<\/small>/,
  );
});
