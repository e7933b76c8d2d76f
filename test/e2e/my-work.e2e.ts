/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from './axe.ts';
import { launchBrowser, phone, type RunningServer, signInAsStaff, startServer } from './harness.ts';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

/** The demo's Kramatwatu operator on a 360 × 740 phone with JavaScript off. */
async function operatorPage(): Promise<Page> {
  const context = await phone(browser, { javaScript: false });
  contexts.push(context);
  const page = await context.newPage();
  await signInAsStaff(page, server.url, 'operator.kramatwatu@demo.simpul.id');
  return page;
}

describe('"Kerja saya" on a phone without JavaScript', () => {
  it('opens from the menu with the count beside it, lists that many items, and each leads to its page', async () => {
    const page = await operatorPage();
    const badge = page.locator('.main-nav a[href="/kelola/kerja"] .nav-badge').first();
    const count = Number(await badge.getAttribute('data-count'));
    expect(count).toBeGreaterThan(0);
    await page.click('.main-nav a[href="/kelola/kerja"]');
    expect(new URL(page.url()).pathname).toBe('/kelola/kerja');
    const items = page.locator('a[data-work-item]');
    // the page's own total is the menu's number: its rows and the count lines of modules without rows
    expect(Number(await page.getAttribute('[data-work-total]', 'data-work-total'))).toBe(count);
    const counted = await page.$$eval('[data-work]', (lines) =>
      lines.reduce((n, line) => n + Number(line.getAttribute('data-count')), 0),
    );
    expect((await items.count()) + counted).toBe(count);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= 360)).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.click('text=Muat ulang');
    expect(new URL(page.url()).pathname).toBe('/kelola/kerja');
    const first = items.first();
    const href = (await first.getAttribute('href')) as string;
    await first.click();
    expect(new URL(page.url()).pathname).toBe(href);
  });

  it('shows the month’s performance, and names a month it cannot read beside the field', async () => {
    const page = await operatorPage();
    await page.goto(`${server.url}/kelola/kerja`);
    await page.click('text=Kinerja bulan ini');
    expect(new URL(page.url()).pathname).toBe('/kelola/kerja/kinerja');
    expect(await page.locator('caption', { hasText: 'Menurut petugas' }).count()).toBe(1);
    await page.fill('#field-bulan', 'Desember');
    const [response] = await Promise.all([page.waitForResponse(() => true), page.click('text=Tampilkan')]);
    expect(response.status()).toBe(422);
    expect(await page.textContent('.error-summary')).toContain('Isi bulan dengan format TTTT-BB');
    expect(await page.getAttribute('#field-bulan', 'aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= 360)).toBe(true);
  });
});
