/// <reference lib="dom" />
/**
 * Issue #12, walked as the resident would: a 360 px phone with JavaScript off reports a damaged
 * village road and never has to guess or come back; the village officer cannot close it without a
 * note; and with JavaScript on, Leaflet is not fetched until the map is asked for.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithGps } from '../../src/modules/complaints/test-photos.ts';
import { seriousAccessibilityViolations } from './axe.ts';
import { launchBrowser, phone, type RunningServer, signInAsStaff, startServer } from './harness.ts';

const KRAMATWATU = '36.04.05.2001';
let server: RunningServer;
let browser: Browser;
let ticket = '';

beforeAll(async () => {
  server = await startServer({ MAP_TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function login(page: Page, email: string) {
  await signInAsStaff(page, server.url, email);
}

describe('a resident without JavaScript reports a village road', () => {
  it('chooses the category first, finds the village preselected, and sees only the road questions', async () => {
    const context = await phone(browser, { javaScript: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/pengaduan?desa=kramatwatu`);
    expect(await page.isVisible('form.category-step')).toBe(true);
    expect(await page.isVisible('#field-title')).toBe(false);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.selectOption('#field-lapor', 'JALAN_RUSAK');
    await page.click('form.category-step button[type=submit]');
    await page.waitForURL(/lapor=JALAN_RUSAK/);
    expect(await page.inputValue('#field-villageCode')).toBe(KRAMATWATU);
    expect(await page.isVisible('fieldset[data-category="JALAN_RUSAK"]')).toBe(true);
    expect(await page.isVisible('fieldset[data-category="LAMPU_JALAN"]')).toBe(false);
    expect(await page.textContent('#report-form')).toContain('Foto tidak langsung tampil untuk umum');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // the required road questions are enforced by the server, field by field
    await page.fill('#field-title', 'Jalan gang Kramatwatu berlubang');
    await page.fill('#field-description', 'Jalan desa di belakang masjid berlubang dan tergenang air.');
    await page.click('form.report-form button[type=submit]');
    expect(await page.textContent('.error-summary')).toContain('wajib diisi');
    expect(await page.isVisible('fieldset[data-category="LAMPU_JALAN"]')).toBe(false);

    // no coordinates: the village from the list is enough; the road status asked in plain words
    expect(await page.textContent('label[for="field-detail_status_jalan"]')).toContain(
      'Jalan ini milik siapa?',
    );
    await page.fill('#field-detail_panjang_km', '0,2');
    await page.selectOption('#field-detail_status_jalan', 'desa');
    await page.fill('#field-address', 'Dusun Krajan RT 02, belakang masjid');
    await page.setInputFiles('#field-photos', {
      name: 'jalan.jpg',
      mimeType: 'image/jpeg',
      buffer: await jpegWithGps(800, 600),
    });
    await page.click('form.report-form button[type=submit]');
    await page.waitForURL(/\/pengaduan\/PGD-[A-Z0-9]{4}-[A-Z0-9]{4}\?kunci=/);
    ticket = /PGD-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(page.url())![0];
    const main = (await page.textContent('main')) ?? '';
    expect(main).toContain('Terima kasih, laporan Anda sudah diterima');
    // jalan desa goes to the village, not to DPUPR
    expect(main).toContain('Pemerintah Desa Kramatwatu');
    expect(main).toContain('Kramatwatu');
    // the private link can be sent to the resident's own WhatsApp without JavaScript
    const share = await page.getAttribute('a[href^="https://wa.me/?text="]', 'href');
    expect(decodeURIComponent(share!)).toContain(`/pengaduan/${ticket}?kunci=`);
    // the photo waits for an officer
    expect(await page.locator('.photos img').count()).toBe(0);
    expect(main).toContain('belum tampil untuk publik');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('finds the report again from a ticket typed in lower case with spaces', async () => {
    const context = await phone(browser, { javaScript: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/pengaduan`);
    await page.fill('#field-tiket', ` ${ticket.toLowerCase().replaceAll('-', ' ')} `);
    await page.click('form[action="/pengaduan/cari"] button[type=submit]');
    await page.waitForURL(`${server.url}/pengaduan/${ticket}`);
    await page.goto(`${server.url}/pengaduan/cari-nomor`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.fill('#field-phone', '0812 0000 1111');
    await page.click('form[action="/pengaduan/cari-nomor"] button[type=submit]');
    expect(await page.textContent('main')).toContain('sudah kami kirim lewat SMS');
    await context.close();
  });

  it('the village officer cannot close it without a note, publishes the photo, then closes it', async () => {
    const context = await phone(browser, { javaScript: false });
    const officer = await context.newPage();
    await login(officer, 'operator.kramatwatu@demo.simpul.id');
    await officer.goto(`${server.url}/kelola/pengaduan/${ticket}`);
    expect(await seriousAccessibilityViolations(officer)).toEqual([]);
    await officer.selectOption('#field-state', 'selesai');
    await officer.click('form.state-form button[type=submit]');
    expect(await officer.textContent('main')).toContain('Tuliskan catatan untuk publik');
    await officer.click('form[action^="/kelola/pengaduan/foto/"] button[type=submit]');
    await officer.waitForURL(`${server.url}/kelola/pengaduan/${ticket}`);
    await officer.selectOption('#field-state', 'selesai');
    await officer.fill('#field-reason', 'Lubang sudah ditimbun dan dicor oleh desa.');
    await officer.click('form.state-form button[type=submit]');
    await officer.waitForURL(`${server.url}/kelola/pengaduan/${ticket}`);
    await context.close();

    const publicContext = await phone(browser, { javaScript: false });
    const visitor = await publicContext.newPage();
    await visitor.goto(`${server.url}/pengaduan/${ticket}`);
    expect(await visitor.locator('.photos img').count()).toBe(1);
    expect(await visitor.textContent('.history')).toContain('Lubang sudah ditimbun');
    expect(await seriousAccessibilityViolations(visitor)).toEqual([]);
    await publicContext.close();
  });
});

describe('with JavaScript on a slow phone', () => {
  it('does not fetch Leaflet until the resident presses "Tampilkan peta"', async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    const leafletRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/leaflet')) leafletRequests.push(request.url());
    });
    await page.goto(`${server.url}/pengaduan`, { waitUntil: 'load' });
    // one page with JavaScript: the whole form is there at once
    expect(await page.isVisible('#field-title')).toBe(true);
    await page.selectOption('#field-categoryCode', 'JALAN_RUSAK');
    expect(await page.isVisible('fieldset[data-category="JALAN_RUSAK"]')).toBe(true);
    expect(leafletRequests).toEqual([]);
    expect(await page.locator('a[href="/api/docs"]').locator('xpath=ancestor::main').count()).toBe(0);
    await page.click('button.map-button[data-map="public-map"]');
    await page.waitForSelector('#public-map.leaflet-container');
    expect(leafletRequests.some((url) => /\/leaflet(\.[0-9a-f]{10})?\.js$/.test(url))).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});
