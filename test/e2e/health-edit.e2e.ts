/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from './axe.ts';
import { launchBrowser, phone, type RunningServer, signInAsStaff, startServer } from './harness.ts';

// Issue #14: the village operator corrects a child's record (name, sex, birth date, the mother it
// is paired with) and a pregnancy check, on a 360 px phone with JavaScript off. Bad input comes
// back field by field with everything typed still there; the corrected values are then shown.

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function jakartaDaysAgo(days: number): string {
  const date = new Date(Date.now() - days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(date);
}

/** A date as the pages write it (Indonesian, long). */
function writtenDate(day: string): string {
  return new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'Asia/Jakarta' }).format(
    new Date(`${day}T12:00:00+07:00`),
  );
}

const value = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLInputElement).value);
const errorOf = (page: Page, field: string) => page.textContent(`#error-${field}`);

async function openPosyandu(page: Page): Promise<string> {
  await page.goto(`${server.url}/kelola/kesehatan/posyandu`);
  await page.click('a[href^="/kelola/kesehatan/posyandu/"]:has-text("Posyandu Melati")');
  await page.waitForURL(/\/kelola\/kesehatan\/posyandu\/[0-9a-f-]{36}$/);
  return page.url();
}

describe('the operator’s edit forms', () => {
  it('corrects a child’s name, sex, birth date and mother; bad input is refused field by field and kept', async () => {
    const context = await phone(browser, { javaScript: false });
    const page = await context.newPage();
    await signInAsStaff(page, server.url, 'operator.kramatwatu@demo.simpul.id');
    const posyanduUrl = await openPosyandu(page);
    await page.fill('form[action$="/anak"] [name=nama]', 'Bayu Salah Ketik');
    await page.selectOption('form[action$="/anak"] [name=jenis_kelamin]', '1');
    await page.fill('form[action$="/anak"] [name=tanggal_lahir]', jakartaDaysAgo(200));
    await page.click('form[action$="/anak"] button[type=submit]');
    await page.waitForURL(/\/kelola\/kesehatan\/anak\/[0-9a-f-]{36}$/);
    const childUrl = page.url();

    await page.click('a:has-text("Ubah data")');
    await page.waitForURL(`${childUrl}/ubah`);
    expect(await value(page, '#field-nama')).toBe('Bayu Salah Ketik');
    const born = jakartaDaysAgo(230);
    await page.fill('#field-nama', '');
    await page.selectOption('#field-jenis_kelamin', '2');
    await page.fill('#field-tanggal_lahir', jakartaDaysAgo(-2));
    await page.fill('#field-nama_ibu', 'Wulan Sari');
    await page.fill('#field-nik_ibu', '36040541');
    await page.click(`form[action="${new URL(childUrl).pathname}/ubah"] button[type=submit]`);
    await page.waitForLoadState();
    expect(page.url()).toBe(`${childUrl}/ubah`);
    expect(await errorOf(page, 'nama')).toContain('Isi nama.');
    expect(await errorOf(page, 'tanggal_lahir')).toContain('tidak di masa depan');
    expect(await errorOf(page, 'nik_ibu')).toContain('Isi 16 angka.');
    // nothing typed is lost
    expect(await value(page, '#field-jenis_kelamin')).toBe('2');
    expect(await value(page, '#field-tanggal_lahir')).toBe(jakartaDaysAgo(-2));
    expect(await value(page, '#field-nama_ibu')).toBe('Wulan Sari');
    expect(await value(page, '#field-nik_ibu')).toBe('36040541');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // the page fits the phone: nothing wider than 360 px
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await page.fill('#field-nama', 'Ayu Lestari');
    await page.fill('#field-tanggal_lahir', born);
    await page.fill('#field-nik_ibu', '3604054107950009');
    await page.click(`form[action="${new URL(childUrl).pathname}/ubah"] button[type=submit]`);
    await page.waitForURL(childUrl);
    const body = (await page.textContent('main')) ?? '';
    expect(body).toContain('Data anak diperbarui.');
    expect(await page.textContent('h1')).toBe('Ayu Lestari');
    expect(body).toContain('Perempuan');
    expect(body).toContain(`lahir ${writtenDate(born)}`);
    expect(body).toContain('ibu: Wulan Sari');

    // the session sheet and the search know the child by the corrected name only
    await page.goto(`${posyanduUrl}/penimbangan?tanggal=${jakartaDaysAgo(0)}`);
    expect(await page.textContent('main')).toContain('Ayu Lestari');
    await page.goto(`${server.url}/kelola/cari?q=ayu+lestary`);
    expect(await page.textContent('main')).toContain('Ayu Lestari');
    await page.goto(`${server.url}/kelola/cari?q=bayu+salah+ketik`);
    expect(await page.textContent('main')).not.toContain('Ayu Lestari');
    await context.close();
  }, 180_000);

  it('corrects a pregnancy check: bad values refused and kept, then the check re-entered for its date', async () => {
    const context = await phone(browser, { javaScript: false });
    const page = await context.newPage();
    await signInAsStaff(page, server.url, 'operator.kramatwatu@demo.simpul.id');
    await openPosyandu(page);
    await page.fill('form[action$="/ibu-hamil"] [name=nama]', 'Rahma Fitriani');
    await page.fill('form[action$="/ibu-hamil"] [name=hpl]', jakartaDaysAgo(-120));
    await page.click('form[action$="/ibu-hamil"] button[type=submit]');
    await page.waitForURL(/\/kelola\/kesehatan\/ibu-hamil\/[0-9a-f-]{36}$/);
    const pregnancyUrl = page.url();
    const submit = 'form[action$="/periksa"] button[type=submit]';

    await page.fill('#field-tanggal', jakartaDaysAgo(-1));
    await page.fill('#field-usia_kehamilan', '50');
    await page.fill('#field-lila', '22,x');
    await page.fill('#field-ttd', '30');
    await page.fill('#field-kunjungan', '2');
    await page.click(submit);
    await page.waitForLoadState();
    expect(await errorOf(page, 'tanggal')).toContain('tidak di masa depan');
    expect(await errorOf(page, 'usia_kehamilan')).toContain('Isi angka antara 1 dan 45.');
    expect(await errorOf(page, 'lila')).toBeTruthy();
    expect(await value(page, '#field-lila')).toBe('22,x');
    expect(await value(page, '#field-ttd')).toBe('30');
    expect(await value(page, '#field-kunjungan')).toBe('2');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const day = jakartaDaysAgo(0);
    await page.fill('#field-tanggal', day);
    await page.fill('#field-usia_kehamilan', '20');
    await page.fill('#field-lila', '22,8');
    await page.click(submit);
    await page.waitForURL(pregnancyUrl);
    const rows = () => page.$$eval('table tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
    expect(await rows()).toHaveLength(1);
    expect((await rows())[0]).toContain('22,8');
    expect((await rows())[0]).toContain('Risiko KEK');

    // the LiLA was misread: the check of that date is entered again and replaces the first
    await page.fill('#field-tanggal', day);
    await page.fill('#field-usia_kehamilan', '20');
    await page.fill('#field-lila', '24,1');
    await page.fill('#field-ttd', '30');
    await page.fill('#field-kunjungan', '2');
    await page.click(submit);
    await page.waitForURL(pregnancyUrl);
    expect(await page.textContent('main')).toContain('Pemeriksaan disimpan.');
    const corrected = await rows();
    expect(corrected).toHaveLength(1);
    expect(corrected[0]).toContain('24,1');
    expect(corrected[0]).toContain(writtenDate(day));
    expect(corrected[0]).not.toContain('Risiko KEK');
    await context.close();
  }, 180_000);
});
