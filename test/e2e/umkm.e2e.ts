/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from './axe.ts';
import { launchBrowser, phone, type RunningServer, signInAsStaff, startServer } from './harness.ts';

// Issue #15: a resident registers their enterprise without JavaScript, the village office confirms
// it, and it appears on the village showcase with a WhatsApp link but without turnover or NIK.

let server: RunningServer;
let browser: Browser;
let demoNik: string;
let demoPin: string;
let village: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const login = /warga \(NIK \+ PIN\)\s+(\d{16})\s+(\d{6})\s+(\S+)/.exec(server.output());
  if (!login) throw new Error(`the demo resident's login was not printed:\n${server.output()}`);
  [, demoNik, demoPin, village] = login as unknown as [string, string, string, string];
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const ENTERPRISE = 'Keripik Uji Ujung Pandang';

async function signInAsResident(page: Page): Promise<void> {
  await page.goto(`${server.url}/masuk/warga`);
  await page.fill('#field-nik', demoNik);
  await page.fill('#field-pin', demoPin);
  await page.click('main button[type=submit]');
  await page.waitForURL((url) => !url.pathname.startsWith('/masuk'));
}

describe('an enterprise’s way onto the village showcase', () => {
  it('a resident registers it, the office confirms it, and the showcase lists it without turnover or NIK', async () => {
    const residentContext = await phone(browser, { javaScript: false });
    const resident = await residentContext.newPage();
    await signInAsResident(resident);
    await resident.goto(`${server.url}/akun/usaha/baru`);
    expect(await seriousAccessibilityViolations(resident)).toEqual([]);
    await resident.fill('#field-nama', ENTERPRISE);
    await resident.selectOption('#field-sektor', 'C');
    await resident.fill('#field-kbli', '47111');
    await resident.fill('#field-produk', 'Keripik singkong pedas');
    await resident.selectOption('#field-omzet', '300jt_2m');
    await resident.fill('#field-telepon', '0812 9876 5432');
    await resident.fill('#field-alamat', 'Kp. Uji RT 009/004');
    await resident.check('#field-tampilkan');
    await resident.click('main form button[type=submit]');
    // a KBLI code from another sector is refused beside its field, and what was typed stays
    await resident.waitForSelector('#error-kbli');
    expect(await resident.textContent('#error-kbli')).toContain('bukan dari sektor C');
    expect(await resident.inputValue('#field-nama')).toBe(ENTERPRISE);
    expect(await seriousAccessibilityViolations(resident)).toEqual([]);

    await resident.fill('#field-kbli', '10794');
    await resident.click('main form button[type=submit]');
    await resident.waitForURL(/\/akun\/usaha(\/[0-9a-f-]{36})?$/);
    await resident.goto(`${server.url}/akun/usaha`);
    const mine = resident.locator('main li', { hasText: ENTERPRISE });
    expect(await mine.textContent()).toContain('Menunggu pemeriksaan');
    expect(await seriousAccessibilityViolations(resident)).toEqual([]);

    const showcaseUrl = `${server.url}/desa/${village}/umkm`;
    const visitorContext = await phone(browser, { javaScript: false });
    const visitor = await visitorContext.newPage();
    await visitor.goto(showcaseUrl);
    expect(await visitor.locator('main', { hasText: ENTERPRISE }).count()).toBe(0);

    const officeContext = await phone(browser, { javaScript: false });
    const office = await officeContext.newPage();
    await signInAsStaff(office, server.url, 'operator.kramatwatu@demo.simpul.id');
    await office.goto(`${server.url}/kelola/umkm?status=menunggu`);
    expect(await seriousAccessibilityViolations(office)).toEqual([]);
    await office.click(`main a:has-text("${ENTERPRISE}")`);
    await office.waitForURL(/\/kelola\/umkm\/[0-9a-f-]{36}$/);
    expect(await seriousAccessibilityViolations(office)).toEqual([]);
    await office.click('form[action$="/terima"] button[type=submit]');
    await office.waitForURL(/\/kelola\/umkm\?status=menunggu$/);
    expect(await office.textContent('body')).toContain('Usaha diterima dan terdaftar.');
    expect(await office.locator(`main a:has-text("${ENTERPRISE}")`).count()).toBe(0);

    await visitor.goto(showcaseUrl);
    const card = visitor.locator('main li, main article', { hasText: ENTERPRISE }).first();
    expect(await card.count()).toBe(1);
    expect(await card.locator('a[href="https://wa.me/6281298765432"]').count()).toBe(1);
    const showcase = await visitor.content();
    expect(showcase).not.toContain(demoNik);
    expect(showcase).not.toContain('Rp 300 juta – Rp 2 miliar');
    expect(showcase).not.toContain('Kp. Uji RT 009/004');
    expect(await seriousAccessibilityViolations(visitor)).toEqual([]);

    await resident.goto(`${server.url}/akun/usaha`);
    expect(await mine.textContent()).toContain('Terdaftar');
    await residentContext.close();
    await officeContext.close();
    await visitorContext.close();
  }, 300_000);
});
