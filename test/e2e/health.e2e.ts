/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from './axe.ts';
import { launchBrowser, phone, type RunningServer, signInAsStaff, startServer } from './harness.ts';

// Issue #14: a kader enters a posyandu session without a mouse and without JavaScript, confirms an
// implausible value, sees the children at risk and a child's KMS chart; a parent sees the chart too.

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

function jakartaDaysAgo(days: number): string {
  const date = new Date(Date.now() - days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(date);
}

async function registerChild(
  page: Page,
  child: { name: string; sex: '1' | '2'; born: string },
): Promise<string> {
  await page.fill('#field-nama', child.name);
  await page.selectOption('#field-jenis_kelamin', child.sex);
  await page.fill('#field-tanggal_lahir', child.born);
  await page.click('form[action$="/anak"] button[type=submit]');
  await page.waitForURL(/\/kelola\/kesehatan\/anak\/[0-9a-f-]{36}$/);
  return page.url().split('/').pop() as string;
}

/** Types a row's weight and height with the keyboard: focus the weight, type, Tab, type. */
async function typeRow(page: Page, childId: string, weight: string, height: string): Promise<void> {
  await page.focus(`#field-berat_${childId}`);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(weight);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(height);
}

describe('a posyandu session', () => {
  it('a kader enters three children by keyboard, confirms the implausible one and sees who to visit', async () => {
    const context = await phone(browser, { javaScript: false });
    const page = await context.newPage();
    await signInAsStaff(page, server.url, 'kader.kramatwatu@demo.simpul.id');
    await page.goto(`${server.url}/kelola/kesehatan/posyandu`);
    await page.waitForURL(/\/kelola\/kesehatan\/posyandu\/[0-9a-f-]{36}$/);
    const posyanduUrl = page.url();

    const short = await registerChild(page, { name: 'Uji Pendek', sex: '1', born: jakartaDaysAgo(600) });
    await page.goto(posyanduUrl);
    const normal = await registerChild(page, { name: 'Uji Normal', sex: '2', born: jakartaDaysAgo(300) });
    await page.goto(posyanduUrl);
    const heavy = await registerChild(page, { name: 'Uji Berat', sex: '1', born: jakartaDaysAgo(900) });

    await page.goto(posyanduUrl);
    await page.click('a:has-text("Isi penimbangan hari ini")');
    await page.waitForURL(/\/penimbangan\?tanggal=/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await typeRow(page, short, '9,0', '72,0');
    await typeRow(page, normal, '8,1', '67,5');
    await typeRow(page, heavy, '35,0', '88,0');
    await page.focus(`#field-berat_${heavy}`);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`#field-cek_${heavy}`);
    expect(await page.inputValue(`#field-berat_${heavy}`)).toBe('35,0');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.focus(`#field-cek_${heavy}`);
    await page.keyboard.press('Space');
    await page.focus(`#field-berat_${heavy}`);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/kelola\/kesehatan\/perlu-kunjungan/);
    const shortRow = page.locator('tr', { hasText: 'Uji Pendek' });
    expect(await shortRow.textContent()).toContain('Pendek (stunting)');
    expect(await shortRow.textContent()).toContain('rujuk ke puskesmas');
    expect(await page.locator('tr', { hasText: 'Uji Normal' }).count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.click('a:has-text("Uji Pendek")');
    await page.waitForURL(new RegExp(`/kelola/kesehatan/anak/${short}$`));
    expect(await page.locator('.growth-chart svg').count()).toBeGreaterThanOrEqual(2);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  }, 300_000);

  it('a parent logs in with NIK and PIN and sees their child’s growth chart', async () => {
    const context = await phone(browser, { javaScript: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/masuk/warga`);
    await page.fill('#field-nik', demoNik);
    await page.fill('#field-pin', demoPin);
    await page.click('main button[type=submit]');
    await page.goto(`${server.url}/akun/anak`);
    await page.click('main ul a');
    await page.waitForURL(/\/akun\/anak\/[0-9a-f-]{36}$/);
    expect(await page.locator('.growth-chart svg').count()).toBeGreaterThanOrEqual(2);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  }, 120_000);
});
