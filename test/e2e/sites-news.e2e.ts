/// <reference lib="dom" />

import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from './axe.ts';
import { launchBrowser, phone, type RunningServer, signInAsStaff, startServer } from './harness.ts';

let server: RunningServer;
let browser: Browser;
const VILLAGE = '36.04.05.2001';
const OPERATOR_EMAIL = 'operator.kramatwatu@demo.simpul.id';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('village news in the browser', () => {
  it('an operator writes a news item with an image, previews and publishes it; the public page shows it with a srcset image', async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    await signInAsStaff(page, server.url, OPERATOR_EMAIL);
    await page.goto(`${server.url}/kelola/situs/${VILLAGE}/berita/baru`);
    await page.fill('#field-title', 'Perbaikan jembatan Dusun III selesai');
    await page.fill(
      '#field-body',
      'Jembatan kayu di **Dusun III** kini sudah diganti beton.\n\n- Panjang 12 m\n- Lebar 3 m',
    );
    const photo = await sharp({ create: { width: 1400, height: 800, channels: 3, background: '#2a7' } })
      .jpeg()
      .toBuffer();
    await page.setInputFiles('#field-cover', { name: 'jembatan.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.fill('#field-coverAlt', 'Jembatan beton baru di Dusun III');
    await page.click('button[value="preview"]');
    await expect.poll(() => page.textContent('.site-preview')).toContain('Dusun III');
    expect(await page.innerHTML('.site-preview')).toContain('<strong>Dusun III</strong>');
    await page.click('button[value="publish"]');
    await page.waitForURL(/\/berita\/[0-9a-f-]{36}$/);

    const visitor = await (await phone(browser, { javaScript: false })).newPage();
    await visitor.goto(`${server.url}/desa/${VILLAGE}/berita`);
    expect(await visitor.textContent('main')).toContain('Perbaikan jembatan Dusun III selesai');
    await visitor.click('text=Perbaikan jembatan Dusun III selesai');
    const img = visitor.locator('article img').first();
    expect(await img.getAttribute('srcset')).toMatch(/320w.*640w.*1280w/);
    expect(await img.getAttribute('alt')).toBe('Jembatan beton baru di Dusun III');
    expect(await visitor.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(
      true,
    );
  });

  it('has no serious or critical accessibility finding on any public page type of a village site', async () => {
    const page = await (await phone(browser)).newPage();
    await page.goto(`${server.url}/desa/${VILLAGE}/berita`);
    const article = await page.getAttribute('main .site-news-item h2 a', 'href');
    for (const path of ['profil', 'perangkat', 'berita', 'agenda', 'galeri']) {
      await page.goto(`${server.url}/desa/${VILLAGE}/${path}`);
      expect(await seriousAccessibilityViolations(page), path).toEqual([]);
    }
    await page.goto(`${server.url}${article}`);
    expect(await seriousAccessibilityViolations(page), 'article').toEqual([]);
  });
});
