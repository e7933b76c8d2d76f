/// <reference lib="dom" />
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from './axe.ts';
import { launchBrowser, phone, type RunningServer, startServer } from './harness.ts';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await phone(browser, { javaScript: false });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the portal on a 360 px phone with JavaScript off', () => {
  it('walks portal → kecamatan → village home → its services, each page without serious axe findings', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.click('summary:has-text("Kramatwatu")');
    await page.click('a[href="/kecamatan/36.04.05"]');
    expect(page.url()).toBe(`${server.url}/kecamatan/36.04.05`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.click('main a[href="/desa/36.04.05.2001"]');
    expect(await page.textContent('h1')).toContain('Kramatwatu');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await page.click('main a[href="/layanan?desa=36.04.05.2001"]');
    expect(await page.textContent('h1')).toContain('Layanan Desa');
    await page.close();
  });

  it('answers an unknown village with an accessible 404', async () => {
    const page = await context.newPage();
    const response = await page.goto(`${server.url}/desa/kramatwatoe`);
    expect(response?.status()).toBe(404);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.close();
  });
});
