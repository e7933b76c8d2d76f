/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, phone, type RunningServer, signInAsStaff, startServer } from './harness.ts';

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
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function staffLogin(page: Page, email: string) {
  await signInAsStaff(page, server.url, email);
}

async function photo(): Promise<Buffer> {
  return sharp({ create: { width: 200, height: 120, channels: 3, background: '#9ab' } })
    .jpeg()
    .toBuffer();
}

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

async function noSideways(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}

describe('a village letter in the browser', () => {
  it('a resident requests it from a phone without JavaScript, fixes what the operator returns, the kades signs, and the PDF verifies', async () => {
    // 1. the resident, on a 360 px phone with JavaScript off
    const residentContext = await phone(browser, { javaScript: false });
    const resident = await residentContext.newPage();
    await resident.goto(`${server.url}/layanan`);
    await resident.click('a[href="/layanan/keterangan-domisili"]');
    await resident.click('a[href="/layanan/keterangan-domisili/ajukan"]');
    await resident.waitForURL(/\/masuk\/warga/);
    await resident.fill('#field-nik', demoNik);
    await resident.fill('#field-pin', demoPin);
    await resident.click('main button[type=submit]');
    await resident.waitForURL(`${server.url}/layanan/keterangan-domisili/ajukan`);
    expect(await noSideways(resident)).toBe(true);

    // 2. one attachment forgotten: the form says so beside it and keeps what was typed
    await resident.fill('#field-keperluan', 'Persyaratan membuka rekening');
    await resident.setInputFiles('#field-lampiran_foto_ktp', {
      name: 'ktp.jpg',
      mimeType: 'image/jpeg',
      buffer: await photo(),
    });
    await resident.fill('#field-contactPhone', '081234567890');
    await resident.click('button[value=ajukan]');
    expect(await resident.textContent('#error-lampiran_pengantar_rt')).toContain('wajib dilampirkan');
    expect(await resident.inputValue('#field-keperluan')).toBe('Persyaratan membuka rekening');
    expect(await resident.textContent('.error-summary')).toContain('Surat pengantar');
    await resident.setInputFiles('#field-lampiran_pengantar_rt', {
      name: 'rt.jpg',
      mimeType: 'image/jpeg',
      buffer: await photo(),
    });
    await resident.click('button[value=ajukan]');
    await resident.waitForURL(/\/akun\/permohonan\/[0-9a-f-]{36}$/);
    const requestUrl = resident.url();
    expect(await resident.textContent('main')).toContain('Diperiksa');
    const code = (await resident.textContent('.summary-list'))?.match(/\d{4}-[A-Z0-9]{6}/)?.[0] ?? '';
    expect(code).not.toBe('');

    // 3. the operator returns it with a remark on the purpose
    const operatorContext = await phone(browser);
    const operator = await operatorContext.newPage();
    await staffLogin(operator, 'operator.kramatwatu@demo.simpul.id');
    await operator.click('.main-nav a[href="/kelola/layanan"]');
    await operator.click(`a:text("${code}")`);
    expect(await operator.textContent('main')).toContain(demoNik);
    await operator.fill('#field-remark_keperluan', 'Tuliskan nama bank tujuan.');
    await operator.click('form[action$="/kembalikan"] button[type=submit]');
    expect(await operator.textContent('.flash')).toContain('dikembalikan');

    // 4. the resident sees exactly what to fix, fixes it, sends it again
    await resident.goto(requestUrl);
    expect(await resident.textContent('.remark')).toContain('Tuliskan nama bank tujuan.');
    await resident.fill('#field-keperluan', 'Persyaratan membuka rekening di Bank BJB');
    await resident.click('button[value=ajukan]');
    await resident.waitForURL(requestUrl);
    expect(await resident.locator('.remark').count()).toBe(0);

    // 5. the operator approves; the kepala desa signs
    await operator.reload();
    await operator.click('form[action$="/setujui"] button[type=submit]');
    expect(await operator.textContent('main')).toContain('Menunggu tanda tangan');
    const kadesContext = await phone(browser);
    const kades = await kadesContext.newPage();
    await staffLogin(kades, 'kades.kramatwatu@demo.simpul.id');
    await kades.goto(operator.url());
    await kades.check('#field-confirm');
    await kades.click('form[action$="/tandatangani"] button[type=submit]');
    const flash = (await kades.textContent('.flash')) ?? '';
    const number = /400\.12\.2\.2\/\d{3}\/Ds-Kramatwatu\/[IVX]+\/\d{4}/.exec(flash)?.[0] ?? '';
    expect(number).not.toBe('');

    // 6. the resident downloads the letter; its text carries their data and the number
    await resident.goto(requestUrl);
    expect(await resident.textContent('main')).toContain(number);
    const [download] = await Promise.all([
      resident.waitForEvent('download'),
      resident.click('a[href$="/surat.pdf"]'),
    ]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-e2e-letter-'));
    const file = path.join(dir, 'surat.pdf');
    await download.saveAs(file);
    const text = pdfText(file);
    expect(text).toContain('SURAT KETERANGAN DOMISILI');
    expect(text).toContain(`Nomor: ${number}`);
    expect(text).toContain(demoNik);
    expect(text).toContain('Bank BJB');
    const verification = /Kode verifikasi: ([0-9A-Z]{10})/.exec(text)?.[1] ?? '';

    // 7. anyone checks it: the genuine file matches, one changed byte does not
    const publicContext = await phone(browser, { javaScript: false });
    const checker = await publicContext.newPage();
    await checker.goto(`${server.url}/verifikasi`);
    await checker.fill('#field-kode', verification);
    await checker.click('main button[type=submit]');
    await checker.waitForURL(`${server.url}/verifikasi/${verification}`);
    expect(await checker.textContent('main')).toContain(number);
    await checker.setInputFiles('#field-pdf', file);
    await checker.click('form[enctype] button[type=submit]');
    expect(await checker.textContent('main')).toContain('Cocok');
    const tampered = fs.readFileSync(file);
    const at =
      tampered.indexOf(Buffer.from('Bank BJB')) >= 0
        ? tampered.indexOf(Buffer.from('Bank BJB'))
        : Math.floor(tampered.length / 2);
    tampered.writeUInt8(tampered.readUInt8(at) ^ 0x01, at);
    await checker.setInputFiles('#field-pdf', {
      name: 'surat.pdf',
      mimeType: 'application/pdf',
      buffer: tampered,
    });
    await checker.click('form[enctype] button[type=submit]');
    expect(await checker.textContent('main')).toContain('Berkas tidak cocok');

    // 8. the letter is in the village's outgoing register
    await operator.goto(`${server.url}/kelola/surat`);
    expect(await operator.textContent('main')).toContain(number);

    await Promise.all([
      residentContext.close(),
      operatorContext.close(),
      kadesContext.close(),
      publicContext.close(),
    ]);
  });
});
