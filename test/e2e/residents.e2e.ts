/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateResidents, villagesOf } from '../../src/modules/residents/generator.ts';
import { makeNik } from '../../src/modules/residents/nik.ts';
import { csvLine, EXPORT_COLUMNS, exportRow } from '../../src/modules/residents/opensid.ts';
import { launchBrowser, phone, type RunningServer, signInAsStaff, startServer } from './harness.ts';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const KRAMATWATU = '36.04.05.2001';

async function login(page: Page, email: string) {
  await signInAsStaff(page, server.url, email);
}

async function noSideways(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}

/** A village file in OpenSID's format; serials 9xxx keep it apart from the demo residents. */
function villageFile(dir: string, broken: boolean): { file: string; names: string[] } {
  const rows = [
    ...generateResidents({
      count: 150,
      villages: villagesOf('36.04', [KRAMATWATU]),
      seed: 77,
      today: '2026-11-22',
    }),
  ];
  const families = new Map<string, string>();
  const lines = [csvLine(EXPORT_COLUMNS)];
  rows.forEach((r, i) => {
    if (!families.has(r.familyNumber))
      families.set(r.familyNumber, `${r.familyNumber.slice(0, 12)}${8000 + families.size}`);
    const row = {
      ...r,
      nik: `${r.nik.slice(0, 12)}${9000 + i}`,
      familyNumber: families.get(r.familyNumber)!,
    };
    const cells = exportRow(row);
    // two rows as operators often get them wrong: a NIK without its +40 for a woman, a date that does not exist
    if (broken && i === 10)
      cells[6] = `${row.nik.slice(0, 6)}${String(Number(row.nik.slice(6, 8)) % 40).padStart(2, '0')}${row.nik.slice(8)}`;
    if (broken && i === 20) cells[9] = '31-02-1990';
    lines.push(csvLine(cells));
  });
  const file = path.join(dir, 'penduduk-kramatwatu.csv');
  fs.writeFileSync(file, lines.join(''));
  return { file, names: rows.map((r) => r.name) };
}

async function importFile(page: Page, file: string): Promise<string> {
  await page.goto(`${server.url}/kelola/penduduk/impor?desa=${KRAMATWATU}`);
  await page.setInputFiles('#field-file', file);
  await page.click('main form button[type=submit]');
  await page.waitForURL(/\/kelola\/penduduk\/impor\/[0-9a-f-]{36}$/);
  // the status page refreshes itself (meta refresh, no JavaScript) until the import is done
  await page.waitForSelector('.summary-line', { timeout: 60_000 });
  return (await page.textContent('.summary-line'))!.trim();
}

async function femaleUnderFive(page: Page): Promise<number> {
  await page.goto(`${server.url}/kelola/penduduk/statistik?wilayah=${KRAMATWATU}`);
  const row = page.locator('table tr', { has: page.locator('td', { hasText: /^0–4$/ }) });
  return Number((await row.locator('td').nth(2).textContent())!.replace(/\D/g, ''));
}

describe('residents registry in the browser', () => {
  it('an operator imports the village file, fixes the rejected rows, finds a misspelled name, records a birth and sees the pyramid change', async () => {
    const dir = fs.mkdtempSync(path.join(server.dataDir, 'berkas-'));
    const context = await phone(browser, { javaScript: false });
    const page = await context.newPage();
    await login(page, 'operator.kramatwatu@demo.simpul.id');
    await page.click('.main-nav a[href="/kelola/penduduk"]');
    expect(await page.textContent('h1')).toContain('Kramatwatu');
    expect(await noSideways(page)).toBe(true);

    // 1. import: two rows are refused, the rest are in
    const { file, names } = villageFile(dir, true);
    expect(await importFile(page, file)).toBe('148 penduduk baru, 0 diperbarui, 0 tidak berubah, 2 ditolak');
    const errorsUrl = await page.getAttribute('a[href$="/galat.csv"]', 'href');
    const errors = await (await page.request.get(`${server.url}${errorsUrl}`)).text();
    expect(errors).toContain('baris,kolom,pesan');
    expect(errors).toMatch(/^12,nik,"?NIK: .*perempuan/m);
    expect(errors).toMatch(/^22,tanggallahir,"Tanggal lahir ""31-02-1990"" tidak terbaca/m);

    // 2. the operator fixes those two rows and imports again: only they are new
    villageFile(dir, false);
    expect(await importFile(page, file)).toBe('2 penduduk baru, 0 diperbarui, 148 tidak berubah, 0 ditolak');

    // 3. a misspelled search still finds the person
    const wanted = names[40]!;
    const misspelt = `${wanted.slice(0, 3)}${wanted.slice(4)}`.toLowerCase();
    await page.goto(`${server.url}/kelola/penduduk?desa=${KRAMATWATU}`);
    await page.fill('#field-q', misspelt);
    await page.click('form.filters button[type=submit]');
    expect(await page.locator('table a', { hasText: wanted }).count()).toBeGreaterThan(0);

    // 4. a girl is born into the first family of the file; the pyramid's 0–4 band grows by one
    const before = await femaleUnderFive(page);
    expect(await noSideways(page)).toBe(true);
    const head = await page.goto(
      `${server.url}/kelola/penduduk?desa=${KRAMATWATU}&q=${encodeURIComponent(names[0]!)}`,
    );
    expect(head?.ok()).toBe(true);
    await page.locator('table a', { hasText: names[0]! }).first().click();
    await page.click('a[href^="/kelola/keluarga/"]');
    await page.click('a[href*="peristiwa=lahir"]');
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    await page.fill('#field-nama', 'Nayla Azzahra');
    await page.fill('#field-nik', makeNik('360405', today, 2, 9999));
    await page.selectOption('#field-sex', '2');
    await page.click('main form button[type=submit]');
    await page.waitForURL(/\/kelola\/penduduk\/[0-9a-f-]{36}$/);
    expect(await page.textContent('main')).toContain('NAYLA AZZAHRA');
    expect(await page.textContent('main')).toContain('Lahir');
    expect(await femaleUnderFive(page)).toBe(before + 1);
    await context.close();
  });

  it('the camat sees the village list with NIK and No. KK masked', async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    await login(page, 'camat.kramatwatu@demo.simpul.id');
    await page.goto(`${server.url}/kelola/penduduk?desa=${KRAMATWATU}`);
    const nik = (await page.locator('table tbody tr td').nth(1).textContent())!.trim();
    expect(nik).toMatch(/^3604•{8}\d{4}$/);
    expect(await page.locator('a[href*="ekspor"]').count()).toBe(0);
    await context.close();
  });
});
