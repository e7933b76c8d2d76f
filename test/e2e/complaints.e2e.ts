/// <reference lib="dom" />

import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithGps } from '../../src/modules/complaints/test-photos.ts';
import { launchBrowser, phone, type RunningServer, signInAsStaff, startServer } from './harness.ts';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  // tiles from a port where nothing listens: the page must still work as a list
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

async function noSideways(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}

describe('complaints in the browser', () => {
  it('a resident reports a damaged road with a photo from a phone; DPUPR replies and finishes it; the public sees the history', async () => {
    // 1. the resident, on a 360 px phone
    const residentContext = await phone(browser);
    const resident = await residentContext.newPage();
    await resident.goto(`${server.url}/pengaduan`);
    expect(await noSideways(resident)).toBe(true);
    await resident.selectOption('#field-categoryCode', 'JALAN_RUSAK');
    // the road's own questions appear only for the road category (JavaScript shows them)
    expect(await resident.isVisible('fieldset[data-category="JALAN_RUSAK"]')).toBe(true);
    expect(await resident.isVisible('fieldset[data-category="LAMPU_JALAN"]')).toBe(false);
    await resident.fill('#field-detail_panjang_km', '0,8');
    await resident.fill('#field-detail_lebar_m', '6');
    await resident.selectOption('#field-detail_status_jalan', 'kabupaten');
    await resident.fill('#field-title', 'Jalan Raya Kramatwatu berlubang');
    await resident.fill(
      '#field-description',
      'Lubang dalam sepanjang hampir satu kilometer, motor sering jatuh saat hujan.',
    );
    await resident.selectOption('#field-villageCode', '36.04.05.2001');
    await resident.fill('#field-lat', '-6.0590');
    await resident.fill('#field-lng', '106.1110');
    const photo = await jpegWithGps();
    await resident.setInputFiles('#field-photos', {
      name: 'jalan.jpg',
      mimeType: 'image/jpeg',
      buffer: photo,
    });
    await resident.click('form.report-form button[type=submit]');
    await resident.waitForURL(/\/pengaduan\/PGD-[A-Z0-9]{4}-[A-Z0-9]{4}\?kunci=/);
    const ticket = /PGD-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(resident.url())![0];
    expect(await resident.textContent('main')).toContain('Terima kasih, laporan Anda sudah diterima');
    expect(await noSideways(resident)).toBe(true);

    // 2. it is in DPUPR's queue
    const officerContext = await phone(browser);
    const officer = await officerContext.newPage();
    await login(officer, 'dpupr@demo.simpul.id');
    await officer.click('.main-nav a[href="/kelola/pengaduan"]');
    await officer.click(`a[href="/kelola/pengaduan/${ticket}"]`);

    // the stored photo carries no EXIF and no GPS (photos are private until published: #12, so
    // the handler fetches it)
    const photoUrl = await officer.getAttribute('.photos a', 'href');
    const stored = Buffer.from(await (await officer.request.get(`${server.url}${photoUrl}`)).body());
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect(stored.includes(Buffer.from('SimpulCam'))).toBe(false);
    const detail = await officer.textContent('main');
    expect(detail).toContain('0,8 km');
    // the demo pothole report lies about 100 m away: offered as a possible duplicate
    expect(detail).toContain('Laporan serupa di sekitar');

    // 3. the officer replies, then marks it done
    await officer.fill('#field-body', 'Tim pemeliharaan jalan menambal lubang hari Rabu.');
    await officer.click('form[action$="/tanggapan"] button[type=submit]');
    await officer.waitForURL(`${server.url}/kelola/pengaduan/${ticket}`);
    await officer.selectOption('#field-state', 'selesai');
    await officer.fill('#field-reason', 'Lubang sudah ditambal dan diaspal ulang.');
    await officer.click('form.state-form button[type=submit]');
    await officer.waitForURL(`${server.url}/kelola/pengaduan/${ticket}`);
    expect(await officer.textContent('.flash')).toContain('Status laporan diperbarui');

    // 4. anyone, even without JavaScript, reads the history on the tracking page
    const publicContext = await phone(browser, { javaScript: false });
    const visitor = await publicContext.newPage();
    await visitor.goto(`${server.url}/pengaduan/${ticket}`);
    const history = await visitor.textContent('.history');
    expect(history).toContain('Laporan diterima');
    expect(history).toContain('Tim pemeliharaan jalan menambal lubang hari Rabu.');
    expect(history).toContain('Status: Selesai');
    expect(history).toContain('Lubang sudah ditambal dan diaspal ulang.');
    expect(await noSideways(visitor)).toBe(true);

    // 5. the reporter, with the key from the link, confirms the fix
    await resident.goto(resident.url().replace('&baru=1', ''));
    await resident.click('form[action$="/konfirmasi"] button[type=submit]');
    expect(await resident.textContent('.history')).toContain('Pelapor mengonfirmasi sudah beres');

    await Promise.all([residentContext.close(), officerContext.close(), publicContext.close()]);
  });

  it('without JavaScript the page is a list and a form, and the map stays hidden', async () => {
    const context = await phone(browser, { javaScript: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/pengaduan`);
    expect(await page.isVisible('#public-map')).toBe(false);
    expect(await page.locator('.report-item').count()).toBeGreaterThan(0);
    // without JavaScript the form asks the category first, then that category's questions (#12 item 10)
    await page.goto(`${server.url}/pengaduan?lapor=JALAN_RUSAK`);
    expect(await page.isVisible('#field-lat')).toBe(true);
    // the honeypot is off-screen for people, present for bots
    const trap = await page.locator('#field-website').boundingBox();
    expect(trap!.x + trap!.width).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('with JavaScript the map is drawn from Leaflet served by Simpul, even when tiles cannot load', async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/pengaduan`);
    // Leaflet is fetched when the resident asks for the map, to spare a slow link (#12 item 27)
    await page.click('button.map-button[data-map="public-map"]');
    await page.waitForSelector('#public-map.leaflet-container');
    await page.waitForSelector('#public-map .leaflet-interactive');
    expect(await page.locator('.report-item').count()).toBeGreaterThan(0);
    await context.close();
  });
});
