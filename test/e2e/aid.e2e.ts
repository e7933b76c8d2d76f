/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from './axe.ts';
import { launchBrowser, phone, type RunningServer, signInAsStaff, startServer } from './harness.ts';

// Issue #15: a resident applies for social aid from the service catalogue; the village verifies it
// with the musyawarah minutes and forwards it, Dinsos approves, the village records the payment, and
// the resident sees it paid, on a 360 px phone without JavaScript.

const OPERATOR = 'operator.kramatwatu@demo.simpul.id';
const DINSOS = 'dinsos@demo.simpul.id';

let server: RunningServer;
let browser: Browser;
let demoNik: string;
let demoPin: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const login = /warga \(NIK \+ PIN\)\s+(\d{16})\s+(\d{6})/.exec(server.output());
  if (!login) throw new Error(`the demo resident's login was not printed:\n${server.output()}`);
  [, demoNik, demoPin] = login as unknown as [string, string, string];
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function accessible(page: Page) {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

function jakartaToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
}

function longDate(isoDate: string): string {
  return new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'Asia/Jakarta' }).format(
    new Date(`${isoDate}T12:00:00+07:00`),
  );
}

/** The smallest PDF a scanner could have written: one empty page. */
function minutesPdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
}

async function statusOf(page: Page): Promise<string> {
  return (await page.textContent('main dl')) ?? '';
}

describe('a social aid application from the catalogue to the payment', () => {
  it('is applied for by a resident, verified and forwarded by the village, approved by Dinsos and paid', async () => {
    const resident = await (await phone(browser, { javaScript: false })).newPage();
    await resident.goto(`${server.url}/masuk/warga`);
    await resident.fill('#field-nik', demoNik);
    await resident.fill('#field-pin', demoPin);
    await resident.click('main button[type=submit]');
    await resident.waitForURL(`${server.url}/akun`);

    // the catalogue's bantuan sosial service hands over to the aid module's own form
    await resident.goto(`${server.url}/layanan`);
    await resident.click('main a[href^="/layanan/permohonan-bantuan-sosial"]');
    await resident.click('main a[href="/akun/bansos/baru"]');
    await resident.waitForURL(`${server.url}/akun/bansos/baru`);
    await accessible(resident);
    const bltDd = await resident
      .locator('#field-program option', { hasText: 'BLT-DD' })
      .getAttribute('value');
    expect(bltDd).toBeTruthy();
    await resident.selectOption('#field-program', bltDd as string);
    await resident.fill('#field-alasan', 'Suami sakit sejak Maret, tidak ada penghasilan tetap.');
    await resident.click('main form[action="/akun/bansos/baru"] button[type=submit]');
    await resident.waitForURL(/\/akun\/bansos\/[0-9a-f-]{36}$/);
    const id = resident.url().split('/').pop() as string;
    expect(await statusOf(resident)).toContain('Diajukan');

    // the village operator verifies with the minutes of the musyawarah desa and forwards
    const operator = await (await phone(browser, { javaScript: false })).newPage();
    await signInAsStaff(operator, server.url, OPERATOR);
    await operator.goto(`${server.url}/kelola/bansos/usulan/${id}`);
    await accessible(operator);
    await operator.fill('#field-tanggal_musdes', jakartaToday());
    await operator.fill('#field-nomor_berita_acara', '07/BA-MUSDES/2026');
    // a Dana Desa programme is not verified without the scan; what was typed stays
    await operator.click('form[action$="/verifikasi"] button[type=submit]');
    expect(await operator.textContent('#error-berita_acara')).toBeTruthy();
    expect(await operator.inputValue('#field-nomor_berita_acara')).toBe('07/BA-MUSDES/2026');
    expect(await statusOf(operator)).toContain('Diajukan');
    await accessible(operator);
    await operator.setInputFiles('#field-berita_acara', {
      name: 'berita-acara.pdf',
      mimeType: 'application/pdf',
      buffer: minutesPdf(),
    });
    await operator.click('form[action$="/verifikasi"] button[type=submit]');
    await operator.waitForURL(new RegExp(`/kelola/bansos/usulan/${id}$`));
    expect(await statusOf(operator)).toContain('Diverifikasi desa');
    expect(await operator.locator(`main a[href="/kelola/bansos/usulan/${id}/berita-acara"]`).count()).toBe(1);
    const scan = await operator.request.get(`${server.url}/kelola/bansos/usulan/${id}/berita-acara`);
    expect(scan.status()).toBe(200);
    expect((await scan.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await operator.click('form[action$="/teruskan"] button[type=submit]');
    await operator.waitForURL(new RegExp(`/kelola/bansos/usulan/${id}$`));
    expect(await statusOf(operator)).toContain('Diteruskan ke Dinsos');

    // the Dinsos officer approves
    const dinsos = await (await phone(browser, { javaScript: false })).newPage();
    await signInAsStaff(dinsos, server.url, DINSOS);
    await dinsos.goto(`${server.url}/kelola/bansos/usulan/${id}`);
    await accessible(dinsos);
    await dinsos.click('form[action$="/setujui"] button[type=submit]');
    await dinsos.waitForURL(new RegExp(`/kelola/bansos/usulan/${id}$`));
    expect(await statusOf(dinsos)).toContain('Disetujui');

    // the operator records the payment
    await operator.goto(`${server.url}/kelola/bansos/usulan/${id}`);
    const paidOn = jakartaToday();
    await operator.fill('#field-tanggal', paidOn);
    await operator.fill('#field-jumlah', '300000');
    await operator.click('form[action$="/salurkan"] button[type=submit]');
    await operator.waitForURL(new RegExp(`/kelola/bansos/usulan/${id}$`));
    expect(await statusOf(operator)).toContain('Disalurkan');

    // the resident sees it paid, with the date, at 360 px
    await resident.goto(`${server.url}/akun/bansos`);
    const row = resident.locator('main tr', { has: resident.locator(`a[href="/akun/bansos/${id}"]`) });
    expect(await row.textContent()).toContain('Disalurkan');
    await accessible(resident);
    await resident.click(`main a[href="/akun/bansos/${id}"]`);
    const detail = await statusOf(resident);
    expect(detail).toContain('Disalurkan');
    expect(detail).toContain(longDate(paidOn));
    expect(detail).toContain('Rp300.000');
    const width = await resident.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await accessible(resident);
  }, 300_000);
});
