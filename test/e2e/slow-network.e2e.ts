/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, phone, type RunningServer, startServer } from './harness.ts';

// What a phone's browser receives; the timed figures are bench/slow-network.ts's (never asserted).

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

describe('a page on a phone', () => {
  it('arrives compressed, its stylesheet and scripts under hashed names cached for a year', async () => {
    const context = await phone(browser, { javaScript: true });
    const page = await context.newPage();
    const seen: { url: string; type: string; encoding: string | undefined; cache: string | undefined }[] = [];
    page.on('response', async (response) => {
      const headers = await response.allHeaders();
      seen.push({
        url: new URL(response.url()).pathname,
        type: headers['content-type'] ?? '',
        encoding: headers['content-encoding'],
        cache: headers['cache-control'],
      });
    });
    await page.goto(`${server.url}/pengaduan`, { waitUntil: 'load' });
    // Leaflet comes only when the resident asks for the map (#12 item 27), under its hashed name
    await page.click('button.map-button[data-map="public-map"]');
    await page.waitForSelector('#public-map.leaflet-container');
    await context.close();
    const own = seen.filter((r) => /text\/html|text\/css|javascript/.test(r.type));
    expect(own.map((r) => r.url)).toEqual(
      expect.arrayContaining([
        '/pengaduan',
        expect.stringMatching(/^\/static\/simpul\.[0-9a-f]{10}\.css$/),
        expect.stringMatching(/^\/pengaduan\/aset\/leaflet\/leaflet\.[0-9a-f]{10}\.js$/),
        expect.stringMatching(/^\/pengaduan\/aset\/peta\.[0-9a-f]{10}\.js$/),
      ]),
    );
    for (const response of own) {
      // Chromium offers br only over HTTPS; on this plain-HTTP test server it takes gzip
      expect(['br', 'gzip'], response.url).toContain(response.encoding);
      if (response.url !== '/pengaduan')
        expect(response.cache, response.url).toBe('public, max-age=31536000, immutable');
    }
  });

  it('links no 2 MB API reference from a resident page', async () => {
    const context = await phone(browser, { javaScript: false });
    const page = await context.newPage();
    for (const path of ['/', '/pengaduan', '/layanan', '/desa/36.04.05.2001']) {
      await page.goto(`${server.url}${path}`);
      expect(await page.$$eval('a[href^="/api/docs"]', (links) => links.length), path).toBe(0);
    }
    await context.close();
  });
});
