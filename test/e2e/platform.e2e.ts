/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contrastFailures } from './contrast.ts';
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

async function login(page: Page, email: string) {
  await signInAsStaff(page, server.url, email);
}

async function navLinks(page: Page): Promise<string[]> {
  return page.$$eval('.main-nav a', (links) => links.map((a) => a.getAttribute('href') ?? ''));
}

const ROLES = [
  {
    email: 'admin@demo.simpul.id',
    sees: ['/kelola', '/kelola/pengguna', '/kelola/audit'],
    not: ['/kelola/desa'],
    scope: '36.04',
  },
  {
    email: 'dpupr@demo.simpul.id',
    sees: ['/kelola'],
    not: ['/kelola/pengguna', '/kelola/desa'],
    scope: 'DPUPR',
  },
  {
    email: 'camat.kramatwatu@demo.simpul.id',
    sees: ['/kelola'],
    not: ['/kelola/pengguna', '/kelola/desa'],
    scope: '36.04.05',
  },
  {
    email: 'kades.kramatwatu@demo.simpul.id',
    sees: ['/kelola', '/kelola/desa'],
    not: ['/kelola/pengguna'],
    scope: '36.04.05.2001',
  },
  {
    email: 'sekdes.kramatwatu@demo.simpul.id',
    sees: ['/kelola', '/kelola/desa'],
    not: ['/kelola/audit'],
    scope: '36.04.05.2001',
  },
  {
    email: 'operator.kramatwatu@demo.simpul.id',
    sees: ['/kelola', '/kelola/desa'],
    not: ['/kelola/pengguna', '/kelola/audit'],
    scope: '36.04.05.2001',
  },
];

describe('each demo role in the browser', () => {
  for (const role of ROLES) {
    it(`${role.email} logs in, sees the scope ${role.scope} and only the menu of that role`, async () => {
      const context = await phone(browser);
      const page = await context.newPage();
      await login(page, role.email);
      expect(await page.textContent('main')).toContain(role.scope);
      const links = await navLinks(page);
      for (const href of role.sees) expect(links).toContain(href);
      for (const href of role.not) expect(links).not.toContain(href);
      await page.click('.account button');
      await page.waitForURL(`${server.url}/`);
      expect(await page.textContent('.account')).toContain('Masuk');
      await context.close();
    });
  }
});

describe('scope and forms', () => {
  it('refuses a village operator the office profile of another village', async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    await login(page, 'operator.kramatwatu@demo.simpul.id');
    const response = await page.goto(`${server.url}/kelola/desa/36.04.16.2001`);
    expect(response?.status()).toBe(403);
    expect(await page.textContent('h1')).toContain('Tidak berwenang');
    const admin = await page.goto(`${server.url}/kelola/pengguna`);
    expect(admin?.status()).toBe(403);
    await context.close();
  });

  for (const javaScript of [true, false]) {
    it(`shows form errors field by field and keeps the input (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const context = await phone(browser, { javaScript });
      const page = await context.newPage();
      await login(page, 'operator.kramatwatu@demo.simpul.id');
      await page.goto(`${server.url}/kelola/desa`);
      await page.fill('#field-address', 'Jl');
      await page.fill('#field-phone', 'nomor saya');
      await page.click('main button[type=submit]');
      expect(await page.textContent('.error-summary')).toContain('Ada masalah');
      expect(await page.textContent('.field-error:has(#field-address) .error-message')).toContain(
        'Alamat kantor desa wajib diisi',
      );
      expect(await page.textContent('.field-error:has(#field-phone) .error-message')).toContain(
        'Nomor telepon',
      );
      expect(await page.inputValue('#field-phone')).toBe('nomor saya');
      await page.fill('#field-address', 'Jl. Raya Kramatwatu No. 1');
      await page.fill('#field-phone', '0254 123456');
      await page.click('main button[type=submit]');
      expect(await page.textContent('.flash')).toContain('sudah disimpan');
      const width = await page.evaluate(() => document.documentElement.scrollWidth).catch(() => 360);
      if (javaScript) expect(width).toBeLessThanOrEqual(360);
      await context.close();
    });
  }

  it('serves the home page to a phone without JavaScript, with every kecamatan listed', async () => {
    const context = await phone(browser, { javaScript: false });
    const page = await context.newPage();
    await page.goto(server.url);
    expect(await page.textContent('.demo-banner')).toContain('DEMO');
    expect(await page.locator('main details').count()).toBe(29);
    await page.screenshot({ path: `${server.dataDir}/home-360.png`, fullPage: false });
    await context.close();
  });

  it('catches low-contrast text with the contrast check itself', async () => {
    const page = await browser.newPage();
    await page.setContent(
      '<body style="background:#fff"><p style="color:#999">pucat</p><p style="color:#1b1b1b">jelas</p></body>',
    );
    expect(await contrastFailures(page)).toEqual([expect.stringContaining('pucat')]);
    await page.close();
  });

  it('meets WCAG 2.1 AA text contrast on the public, login, staff and error pages', async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    const failures: string[] = [];
    for (const url of ['/', '/masuk', '/desa/36.04.05.2001', '/tidak-ada']) {
      await page.goto(`${server.url}${url}`);
      failures.push(...(await contrastFailures(page)).map((f) => `${url}: ${f}`));
    }
    await page.goto(`${server.url}/masuk`);
    await page.click('button[type=submit]');
    failures.push(...(await contrastFailures(page)).map((f) => `login errors: ${f}`));
    await login(page, 'admin@demo.simpul.id');
    for (const url of ['/kelola', '/kelola/pengguna', '/kelola/audit', '/kelola/pengguna/baru']) {
      await page.goto(`${server.url}${url}`);
      failures.push(...(await contrastFailures(page)).map((f) => `${url}: ${f}`));
    }
    expect(failures).toEqual([]);
    await context.close();
  });
});
