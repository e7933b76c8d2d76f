/// <reference lib="dom" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDF_BYTES } from '../../src/modules/archive/test-builders.ts';
import { launchBrowser, phone, type RunningServer, signInAsStaff, startServer } from './harness.ts';

// Issue #16 part 1: without JavaScript, the operator files today's incoming letter with its scan
// and hands it to the sekdes; the sekdes finds it in their work queue on /kelola and records
// what was done.

let server: RunningServer;
let browser: Browser;
let dir: string;

/** Today in Serang (the server's clock is the real one), as a date field takes it. */
function todayInSerang(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-e2e-agenda-'));
  fs.writeFileSync(path.join(dir, 'undangan.pdf'), PDF_BYTES);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the letter registers', () => {
  it('lets the operator file and dispose a letter and the sekdes follow it up, all without JavaScript', async () => {
    const today = todayInSerang();
    const office = await phone(browser, { javaScript: false });
    const page = await office.newPage();
    await signInAsStaff(page, server.url, 'operator.kramatwatu@demo.simpul.id');
    await page.goto(`${server.url}/kelola/arsip/surat-masuk/baru`);
    await page.fill('#field-receivedOn', today);
    await page.fill('#field-letterNumber', '400.10.2.2/118/Kec.Kramatwatu/2026');
    await page.fill('#field-letterDate', today);
    await page.fill('#field-sender', 'Camat Kramatwatu');
    await page.fill('#field-subject', 'Undangan rapat koordinasi pendataan penduduk rentan');
    await page.fill('#field-classificationCode', '400.12.2.4');
    await page.setInputFiles('#field-scan', path.join(dir, 'undangan.pdf'));
    await page.click('form[action$="/surat-masuk/baru"] button[type=submit]');
    await expect.poll(() => page.textContent('main')).toContain('Surat masuk dicatat dengan nomor agenda');
    const letterUrl = page.url();

    await page.selectOption('#field-assigneeId', { label: 'Sekretaris Desa Kramatwatu (demo)' });
    await page.fill('#field-instruction', 'Hadiri rapat dan laporkan hasilnya.');
    await page.fill('#field-dueOn', today);
    await page.click('form[action$="/disposisi"] button[type=submit]');
    await expect.poll(() => page.textContent('main')).toContain('Hadiri rapat dan laporkan hasilnya.');
    await office.close();

    const secretary = await phone(browser, { javaScript: false });
    const desk = await secretary.newPage();
    await signInAsStaff(desk, server.url, 'sekdes.kramatwatu@demo.simpul.id');
    expect(await desk.textContent('main')).toContain('1 disposisi surat masuk untuk Anda belum selesai');
    await desk.click('a[href="/kelola/arsip/surat-masuk?untuk=saya"]');
    expect(await desk.textContent('main')).toContain('Undangan rapat koordinasi');
    await desk.goto(letterUrl);
    await desk.selectOption('#field-status', 'selesai');
    await desk.fill('#field-reply', 'Sudah hadir; daftar penduduk rentan dikirim ke kecamatan.');
    await desk.click('form[action*="/disposisi/"] button[type=submit]');
    await expect
      .poll(() => desk.textContent('main'))
      .toContain('Sudah hadir; daftar penduduk rentan dikirim ke kecamatan.');
    await desk.goto(`${server.url}/kelola`);
    expect(await desk.textContent('main')).not.toContain('disposisi surat masuk untuk Anda');
    await secretary.close();
  }, 180_000);
});
