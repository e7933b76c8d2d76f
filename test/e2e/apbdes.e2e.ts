/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
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

const KRAMATWATU = '36.04.05.2001';
// next year's budget, as villages draft it at the end of a year: the demo seed holds this year's
const YEAR =
  Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric' }).format(new Date())) +
  1;

describe('APBDes', () => {
  it('an operator imports a file and publishes it; the public table and infographic show its totals', async () => {
    const file = path.join(server.dataDir, 'apbdes-uji.csv');
    fs.writeFileSync(
      file,
      [
        'kode;uraian;anggaran;realisasi_semester_1;realisasi_semester_2',
        '4.2.1;Dana Desa;1.111.000.000;555.500.000;',
        '4.2.3;Alokasi Dana Desa;"522.000.000,00";261.000.000;',
        '2.3.10;Pembangunan Jalan Desa;800.000.000;400.000.000;100.000.000',
        '1.1.01;Siltap Kepala Desa;60.000.000;30.000.000;30.000.000',
        '',
      ].join('\n'),
    );
    const context = await phone(browser);
    const page = await context.newPage();
    await signInAsStaff(page, server.url, 'operator.kramatwatu@demo.simpul.id');
    await page.goto(`${server.url}/kelola/apbdes/${KRAMATWATU}/${YEAR}`);
    await page.setInputFiles('#field-file', file);
    await page.click('button:has-text("Impor")');
    await page.waitForURL(/\/kelola\/apbdes\/impor\/[0-9a-f-]{36}$/);
    await page.waitForSelector('.summary-line', { timeout: 60_000 });
    expect(await page.textContent('.summary-line')).toContain('4 baru');
    await page.click('a:has-text("Kembali ke APBDes")');
    await page.click('button[value="published"]');
    await page.waitForSelector('.tag-good');

    const visitor = await (await phone(browser)).newPage();
    await visitor.goto(`${server.url}/desa/${KRAMATWATU}/apbdes/${YEAR}`);
    const tableTotal = await visitor.textContent('tr[data-total="pendapatan"] td[data-label="Anggaran"]');
    expect(tableTotal?.trim()).toBe('Rp 1.633.000.000');
    const spending = await visitor.textContent('tr[data-total="belanja"] td[data-label="Anggaran"]');
    expect(spending?.trim()).toBe('Rp 860.000.000');
    expect((await visitor.textContent('strong[data-total="pendapatan"]'))?.trim()).toBe('Rp 1,6 M');
    const bars = await visitor.$$eval('svg rect title', (titles) => titles.map((t) => t.textContent ?? ''));
    expect(bars).toContain('Dana Desa: Rp 1.111.000.000');
    expect(bars).toContain('Alokasi Dana Desa: Rp 522.000.000');
    expect(bars).toContain('Bidang Pelaksanaan Pembangunan Desa: Rp 800.000.000');
    expect(await seriousAccessibilityViolations(visitor)).toEqual([]);

    await visitor.goto(`${server.url}/apbdes/${YEAR}`);
    expect(await visitor.textContent('h1')).toContain(String(YEAR));
    expect(await seriousAccessibilityViolations(visitor)).toEqual([]);
    await context.close();
  }, 240_000);
});
