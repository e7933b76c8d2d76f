/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from './axe.ts';
import { launchBrowser, phone, type RunningServer, signInAsStaff, startServer } from './harness.ts';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const NEW_PASSWORD = 'sandi-operator-baru-2026';

describe('onboarding village operators from one CSV, on a 360 px phone with JavaScript off', () => {
  it('creates only the good rows, lists the bad ones by line, prints the letters; an operator signs in with the code', async () => {
    const admin = await phone(browser, { javaScript: false });
    const page = await admin.newPage();
    await signInAsStaff(page, server.url, 'admin@demo.simpul.id');
    await page.goto(`${server.url}/kelola/onboarding`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const u = Date.now().toString(36);
    const csv = [
      'kode_desa,nama,peran,telepon,email',
      `36.04.05.2001,Siti Aminah,operator_desa,0812-3456-7890,siti.${u}@desa.id`,
      `99.99.99.9999,Tanpa Desa,operator_desa,081234567890,tanpa.${u}@desa.id`,
      `36.04.05.2002,Budi Santoso,sekretaris_desa,081298765432,budi.${u}@desa.id`,
      `36.04.05.2002,Eko,lurah,081234567891,eko.${u}@desa.id`,
      `36.04.05.2002,Fajar,operator_desa,081234567892,bukan-email`,
    ].join('\n');
    await page.setInputFiles('input[name="file"]', {
      name: 'operator-desa.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${csv}\n`),
    });
    await page.click('form[enctype="multipart/form-data"] button[type=submit]');
    await page.waitForSelector('h1');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // the two good rows are accounts, each with its code; the three bad ones are named by line
    const main = (await page.textContent('main')) ?? '';
    expect(main).toContain(`siti.${u}@desa.id`);
    expect(main).toContain(`budi.${u}@desa.id`);
    expect(main).not.toContain(`tanpa.${u}@desa.id`);
    const created = await page.$$eval('table', (tables) =>
      tables
        .filter((table) => table.querySelector('[data-code]'))
        .flatMap((table) =>
          [...table.querySelectorAll('tbody tr')].map((row) => ({
            text: row.textContent ?? '',
            code: row.querySelector('[data-code]')?.textContent ?? '',
          })),
        ),
    );
    expect(created).toHaveLength(2);
    const problemRows = await page.$$eval('table', (tables) =>
      tables
        .filter((table) => !table.querySelector('[data-code]'))
        .flatMap((table) =>
          [...table.querySelectorAll('tbody tr')].map((row) =>
            row.querySelector('td, th')?.textContent?.trim(),
          ),
        ),
    );
    expect(problemRows).toEqual(['3', '5', '6']);
    expect(main).toContain('Desa "99.99.99.9999" tidak ada di kabupaten ini.');

    // the letters: one PDF for the batch, for its sender
    const pdfLink = await page.getAttribute('a[href$="/surat.pdf"]', 'href');
    expect(pdfLink).toBeTruthy();
    const pdf = await admin.request.get(`${server.url}${pdfLink}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await admin.close();

    // Siti signs in with her code, chooses a password and lands on her checklist
    const siti = created.find((row) => row.text.includes(`siti.${u}@desa.id`))!;
    const operator = await phone(browser, { javaScript: false });
    const first = await operator.newPage();
    await first.goto(`${server.url}/masuk/kode`);
    expect(await seriousAccessibilityViolations(first)).toEqual([]);
    await first.fill('#field-email', `siti.${u}@desa.id`);
    await first.fill('#field-code', siti.code);
    await first.fill('#field-password', NEW_PASSWORD);
    await first.fill('#field-confirm', NEW_PASSWORD);
    await first.click('form[action^="/masuk/kode"] button[type=submit]');
    await first.waitForURL(`${server.url}/kelola/onboarding/langkah?baru=1`);
    expect(await first.textContent('h1')).toBeTruthy();
    expect(await first.$$('[data-step]')).toHaveLength(5);
    expect(await first.getAttribute('progress', 'max')).toBe('5');
    expect(await seriousAccessibilityViolations(first)).toEqual([]);
    expect(await first.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // the code worked once: the same code again is refused
    const again = await (await browser.newContext()).newPage();
    await again.goto(`${server.url}/masuk/kode`);
    await again.fill('#field-email', `siti.${u}@desa.id`);
    await again.fill('#field-code', siti.code);
    await again.fill('#field-password', NEW_PASSWORD);
    await again.fill('#field-confirm', NEW_PASSWORD);
    await again.click('form[action^="/masuk/kode"] button[type=submit]');
    expect(await again.textContent('main')).toContain('E-mail atau kode salah');
    await operator.close();
  });
});
