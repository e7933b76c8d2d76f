/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phonePhoto } from '../../src/platform/files/test-photos.ts';
import { seriousAccessibilityViolations } from './axe.ts';
import { launchBrowser, phone, type RunningServer, signInAsStaff, startServer } from './harness.ts';

// Issue #12: a resident on a 360 px phone with JavaScript off requests a letter without guessing.

let server: RunningServer;
let browser: Browser;
let demoNik: string;
let demoPin: string;
let demoVillage: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const login = /warga \(NIK \+ PIN\)\s+(\d{16})\s+(\d{6})\s+(\S+)/.exec(server.output());
  if (!login) throw new Error(`the demo resident's login was not printed:\n${server.output()}`);
  [, demoNik, demoPin, demoVillage] = login as unknown as [string, string, string, string];
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function staffLogin(page: Page, email: string) {
  await signInAsStaff(page, server.url, email);
}

async function accessible(page: Page) {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

describe('the resident letter journey on a cheap phone without JavaScript', () => {
  it('signs in from the header, finds the village’s letters, sees their registry data, and gets field errors with no draft left', async () => {
    const context = await phone(browser, { javaScript: false });
    const page = await context.newPage();

    // the header's "Masuk" offers the resident's way in first
    await page.goto(`${server.url}/`);
    await page.click('header a.account');
    await page.waitForURL(`${server.url}/masuk`);
    expect(await page.textContent('main')).toContain('Warga (NIK + PIN)');
    await accessible(page);
    await page.click('main a[href="/masuk/warga"]');
    await page.waitForURL(/\/masuk\/warga/);

    // a wrong or missing PIN says how to get one
    await page.fill('#field-nik', demoNik);
    await page.fill('#field-pin', '271828');
    await page.click('main button[type=submit]');
    expect(await page.textContent('main')).toContain('Belum punya PIN?');
    expect(await page.textContent('main')).toContain('kantor desa');
    await accessible(page);
    await page.fill('#field-nik', demoNik);
    await page.fill('#field-pin', demoPin);
    await page.click('main button[type=submit]');
    await page.waitForURL(`${server.url}/akun`);
    const requestsBefore = await page.locator('main table tbody tr').count();

    // the village page's "Ajukan surat desa" opens that village's services, grouped, with a search
    await page.goto(`${server.url}/desa/${demoVillage}`);
    await page.click(`main a[href="/layanan?desa=${demoVillage}"]`);
    expect(await page.textContent('h1')).toContain('Layanan Desa');
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    console.log(`catalogue height at 360 px: ${height} px`);
    expect(height).toBeLessThan(5600);
    expect(await page.locator('main h3').count()).toBeGreaterThanOrEqual(3);
    await accessible(page);
    await page.fill('#field-q', 'tidak mampu');
    await page.click('form.catalog-search button[type=submit]');
    expect(page.url()).toContain('q=tidak+mampu');
    expect(await page.locator('main .service-list li').count()).toBe(1);

    // the form shows what the registry will print, NIK masked, and where to ask for a correction
    await page.click('main a[href="/layanan/keterangan-tidak-mampu"]');
    await page.click('a[href="/layanan/keterangan-tidak-mampu/ajukan"]');
    const panel = (await page.textContent('.applicant-panel')) ?? '';
    expect(panel).toContain('••••');
    expect(panel).not.toContain(demoNik);
    expect(
      await page
        .locator(
          '.applicant-panel a[href="/akun/perbaikan/baru?kembali=%2Flayanan%2Fketerangan-tidak-mampu%2Fajukan"]',
        )
        .count(),
    ).toBe(1);
    await accessible(page);

    // "Ajukan" on the untouched form: each field says what is missing, once, and nothing is saved
    await page.click('button[value=ajukan]');
    expect(await page.textContent('#error-keperluan')).toContain('wajib diisi');
    const summary = (await page.textContent('.error-summary')) ?? '';
    expect(summary).toContain('Keperluan wajib diisi');
    expect(summary).not.toContain('Keperluan: Keperluan');
    await accessible(page);
    await page.goto(`${server.url}/akun`);
    expect(await page.locator('main table tbody tr').count()).toBe(requestsBefore);
    await context.close();
  });

  it('takes ordinary phone photos, shows the operator’s remark on its own field, and says the letter is ready to download', async () => {
    const context = await phone(browser, { javaScript: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/masuk/warga`);
    await page.fill('#field-nik', demoNik);
    await page.fill('#field-pin', demoPin);
    await page.click('main button[type=submit]');
    await page.goto(`${server.url}/layanan/keterangan-tidak-mampu/ajukan`);

    // a count of people is not asked for like a sum of money
    await page.fill('#field-keperluan', 'Keringanan biaya sekolah anak');
    await page.fill('#field-penghasilan_keluarga', '1500000');
    await page.fill('#field-jumlah_tanggungan', 'dua');
    const photo = await phonePhoto({ quality: 85 });
    expect(photo.length).toBeGreaterThan(2 * 1024 * 1024);
    expect(photo.length).toBeLessThan(6 * 1024 * 1024);
    for (const name of ['foto_ktp', 'foto_kk', 'pengantar_rt'])
      await page.setInputFiles(`#field-lampiran_${name}`, {
        name: `${name}.jpg`,
        mimeType: 'image/jpeg',
        buffer: photo,
      });
    await page.click('button[value=ajukan]');
    expect(await page.textContent('#error-jumlah_tanggungan')).toContain('misalnya 3');
    expect(await page.textContent('#error-jumlah_tanggungan')).not.toContain('1500000');
    expect(await page.locator('#error-lampiran_foto_ktp').count()).toBe(0);
    await page.fill('#field-jumlah_tanggungan', '2');
    await page.click('button[value=ajukan]');
    await page.waitForURL(/\/akun\/permohonan\/[0-9a-f-]{36}$/);
    const requestUrl = page.url();
    expect(await page.textContent('main')).toContain('Diperiksa');
    const code = (await page.textContent('.summary-list'))?.match(/\d{4}-[A-Z0-9]{6}/)?.[0] ?? '';

    // the operator returns it: the RT/RW letter is unreadable
    const officeContext = await phone(browser);
    const operator = await officeContext.newPage();
    await staffLogin(operator, 'operator.kramatwatu@demo.simpul.id');
    await operator.goto(`${server.url}/kelola/layanan`);
    await operator.click(`a:text("${code}")`);
    await operator.fill('#field-remark_lampiran_pengantar_rt', 'Stempel RT tidak terbaca, foto ulang.');
    await operator.click('form[action$="/kembalikan"] button[type=submit]');

    await page.goto(requestUrl);
    const field = page.locator('.remark', { has: page.locator('#field-lampiran_pengantar_rt') });
    expect(await field.textContent()).toContain('Stempel RT tidak terbaca');
    const kk = page.locator('.field', { has: page.locator('#field-lampiran_foto_kk') });
    expect(await kk.textContent()).not.toContain('Stempel RT');
    expect(await page.locator('.remark-summary a[href="#field-lampiran_pengantar_rt"]').count()).toBe(1);
    expect(await page.locator('ol.steps [aria-current="step"]').count()).toBe(1);
    await accessible(page);
    await page.setInputFiles('#field-lampiran_pengantar_rt', {
      name: 'rt-baru.jpg',
      mimeType: 'image/jpeg',
      buffer: photo,
    });
    await page.click('button[value=ajukan]');
    await page.waitForURL(requestUrl);

    // approved and signed: the resident reads "siap diunduh", and that the paper copy waits too
    await operator.reload();
    await operator.click('form[action$="/setujui"] button[type=submit]');
    const signerContext = await phone(browser);
    const signer = await signerContext.newPage();
    await staffLogin(signer, 'kades.kramatwatu@demo.simpul.id');
    await signer.goto(operator.url());
    await signer.check('#field-confirm');
    await signer.click('form[action$="/tandatangani"] button[type=submit]');

    await page.goto(requestUrl);
    const main = (await page.textContent('main')) ?? '';
    expect(main).toContain('Siap diunduh');
    expect(main).toContain('siap diunduh');
    expect(main).toContain('Salinan kertasnya juga siap diambil');
    expect(main).not.toContain('Siap diambil');
    await accessible(page);
    await page.goto(`${server.url}/akun`);
    expect(await page.textContent('main table')).toContain('Siap diunduh');
    await Promise.all([context.close(), officeContext.close(), signerContext.close()]);
  });
});
