/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvLine, splitCsvLine } from '../../src/platform/csv.ts';
import { seriousAccessibilityViolations } from './axe.ts';
import { launchBrowser, phone, type RunningServer, signInAsStaff, startServer } from './harness.ts';

// Issue #12 items 21 and 3: an operator re-imports the village file and sees what the updated rows
// changed; a resident then finds the wrong birth date it left on their letter form, asks for a
// correction, the operator applies it, and the letter form shows the right date. 360 px, no JavaScript.

let server: RunningServer;
let browser: Browser;
let demoNik: string;
let demoPin: string;
let village: string;

const OPERATOR = 'operator.kramatwatu@demo.simpul.id';
const LETTER = '/layanan/keterangan-domisili/ajukan';
const MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const login = /warga \(NIK \+ PIN\)\s+(\d{16})\s+(\d{6})\s+(\S+)/.exec(server.output());
  if (!login) throw new Error(`the demo resident's login was not printed:\n${server.output()}`);
  [, demoNik, demoPin, village] = login as unknown as [string, string, string, string];
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function accessible(page: Page) {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

async function noSideways(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}

/** dd-mm-yyyy → "12 April 1990", as the letter form prints a date. */
function spoken(date: string): string {
  const [d, m, y] = date.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

let rightDate = '';
let wrongDate = '';

describe('what an import changed, and a resident correcting what it got wrong', () => {
  it('the operator re-imports the village file with two changed rows and sees each change listed', async () => {
    const context = await phone(browser, { javaScript: false });
    const page = await context.newPage();
    await signInAsStaff(page, server.url, OPERATOR);
    const exported = await (
      await page.request.get(`${server.url}/kelola/penduduk/ekspor.csv?desa=${village}`)
    ).text();
    const lines = exported
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    const header = splitCsvLine(lines[0]!);
    const nik = header.indexOf('nik');
    const born = header.indexOf('tanggallahir');
    const address = header.indexOf('alamat');
    const rows = lines.slice(1).map(splitCsvLine);
    // the spreadsheet program read the demo resident's two-digit year a century early
    const mine = rows.find((r) => r[nik] === demoNik)!;
    rightDate = mine[born]!;
    const [d, m, y] = rightDate.split('-');
    wrongDate = `${d}-${m}-${Number(y) - 100}`;
    mine[born] = wrongDate;
    const other = rows.find((r) => r[nik] !== demoNik)!;
    const otherAddress = other[address]!;
    other[address] = 'KP. PASIR GEDE';
    const dir = fs.mkdtempSync(path.join(server.dataDir, 'berkas-'));
    const file = path.join(dir, 'penduduk.csv');
    fs.writeFileSync(file, [header, ...rows].map((r) => csvLine(r)).join(''));

    await page.goto(`${server.url}/kelola/penduduk/impor?desa=${village}`);
    await page.setInputFiles('#field-file', file);
    await page.click('main form button[type=submit]');
    await page.waitForURL(/\/kelola\/penduduk\/impor\/[0-9a-f-]{36}$/);
    await page.waitForSelector('.summary-line', { timeout: 60_000 });
    expect(await page.textContent('.summary-line')).toBe(
      `0 penduduk baru, 2 diperbarui, ${rows.length - 2} tidak berubah, 0 ditolak`,
    );
    const changes = (await page.textContent('#import-changes + *')) ?? '';
    expect(changes).toContain(demoNik);
    expect(changes).toContain(`Tanggal lahir: ${rightDate} → ${wrongDate}`);
    expect(changes).toContain(`Alamat: ${otherAddress || '—'} → KP. PASIR GEDE`);
    expect(await page.locator('#import-changes + * tbody tr').count()).toBe(2);
    const csv = await (
      await page.request.get(`${server.url}${await page.getAttribute('a[href$="/perubahan.csv"]', 'href')}`)
    ).text();
    expect(csv).toContain(
      `${demoNik},${mine[header.indexOf('nama')]},Tanggal lahir,${rightDate},${wrongDate}`,
    );
    expect(await noSideways(page)).toBe(true);
    await accessible(page);
    await context.close();
  });

  it('the resident asks for the correction from the letter form, the operator applies it, the form shows the right date', async () => {
    expect(wrongDate).not.toBe('');
    const resident = await (await phone(browser, { javaScript: false })).newPage();
    await resident.goto(`${server.url}/masuk/warga`);
    await resident.fill('#field-nik', demoNik);
    await resident.fill('#field-pin', demoPin);
    await resident.click('main button[type=submit]');
    await resident.waitForURL(`${server.url}/akun`);

    // the letter form prints the wrong date; its link opens the correction form
    await resident.goto(`${server.url}${LETTER}`);
    expect(await resident.textContent('.applicant-panel')).toContain(spoken(wrongDate));
    await resident.click('.applicant-panel a[href^="/akun/perbaikan/baru"]');
    expect(await resident.textContent('h1')).toBe('Ajukan perbaikan data');
    expect(await resident.textContent('main')).toContain(`Tercatat: ${wrongDate}`);
    expect(await noSideways(resident)).toBe(true);
    await accessible(resident);

    // sent without a note: the field says so, and what was typed stays
    const [d, m, y] = rightDate.split('-');
    await resident.fill('#field-tanggallahir', `${y}-${m}-${d}`);
    await resident.click('main form.request-form button[type=submit]');
    expect(await resident.textContent('#error-catatan')).toContain('Tulis singkat mengapa data ini salah.');
    expect(await resident.inputValue('#field-tanggallahir')).toBe(`${y}-${m}-${d}`);
    await accessible(resident);
    await resident.fill('#field-catatan', 'Tahun lahir sesuai akta kelahiran.');
    await resident.click('main form.request-form button[type=submit]');
    await resident.waitForURL(/\/akun\/perbaikan\/[0-9a-f-]{36}$/);
    const mine = resident.url();
    expect(await resident.textContent('main')).toContain('Menunggu pemeriksaan');
    await accessible(resident);

    // the operator finds it in what waits for them, sees old and new, and applies it
    const office = await (await phone(browser, { javaScript: false })).newPage();
    await signInAsStaff(office, server.url, OPERATOR);
    await office.click('main a[href^="/kelola/penduduk/perbaikan?"]');
    expect(await office.textContent('h1')).toContain('Perbaikan data penduduk');
    expect(await noSideways(office)).toBe(true);
    await accessible(office);
    await office.locator('main table a').first().click();
    await office.waitForURL(/\/kelola\/penduduk\/perbaikan\/[0-9a-f-]{36}$/);
    const request = (await office.textContent('main')) ?? '';
    expect(request).toContain(wrongDate);
    expect(request).toContain(rightDate);
    expect(request).toContain('Tahun lahir sesuai akta kelahiran.');
    expect(await noSideways(office)).toBe(true);
    await accessible(office);
    await office.click('main form[action$="/terapkan"]:not(:has(input[name=bidang])) button');
    expect(await office.textContent('main')).toContain('Sudah diperbaiki');
    await accessible(office);

    // the resident reads the outcome and goes back to the letter, now with the right date
    await resident.goto(mine);
    expect(await resident.textContent('main')).toContain('Sudah diperbaiki');
    await resident.click(`main a[href="${LETTER}"]`);
    await resident.waitForURL(`${server.url}${LETTER}`);
    expect(await resident.textContent('.applicant-panel')).toContain(spoken(rightDate));
    await resident.goto(`${server.url}/akun`);
    expect(await resident.textContent('section[aria-labelledby=my-corrections]')).toContain(
      'Sudah diperbaiki',
    );
    await accessible(resident);
  });
});
