/// <reference lib="dom" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPdf } from '../../src/modules/archive/documents/test-builders.ts';
import { launchBrowser, phone, type RunningServer, signInAsStaff, startServer } from './harness.ts';

// Issue #16 part 2: an operator files two old decrees in one submission without JavaScript, sees
// them listed, and finds one by a word inside.

let server: RunningServer;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-e2e-arsip-'));
  fs.writeFileSync(path.join(dir, 'sk-jembatan.pdf'), tinyPdf('Jembatan desa telah diperbaiki oleh warga'));
  fs.writeFileSync(path.join(dir, 'sk-pasar.pdf'), tinyPdf('Pasar desa dibuka setiap hari Senin pagi'));
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the village archive', () => {
  it('files two decrees in one submission without JavaScript and finds one by a word inside', async () => {
    const context = await phone(browser, { javaScript: false });
    const page = await context.newPage();
    await signInAsStaff(page, server.url, 'operator.kramatwatu@demo.simpul.id');
    await page.goto(`${server.url}/kelola/arsip/dokumen/unggah`);
    await page.fill('#field-date', '2018-07-01');
    await page.selectOption('#field-category', 'sk_kades');
    await page.fill('#field-location', 'Lemari 2, rak 3, map 14');
    await page.setInputFiles('#field-files', [
      path.join(dir, 'sk-jembatan.pdf'),
      path.join(dir, 'sk-pasar.pdf'),
    ]);
    await page.click('form.archive-upload button[type=submit]');
    await expect.poll(() => page.textContent('main')).toContain('2 dari 2 berkas tersimpan.');

    await page.goto(`${server.url}/kelola/arsip/dokumen`);
    expect(await page.textContent('main')).toContain('sk-jembatan');
    expect(await page.textContent('main')).toContain('sk-pasar');

    // the text is read in the background: search until it is found
    await expect
      .poll(
        async () => {
          await page.goto(`${server.url}/kelola/arsip/dokumen?q=perbaikan`);
          return page.textContent('main');
        },
        { timeout: 90_000, interval: 2000 },
      )
      .toContain('sk-jembatan');
    expect(await page.textContent('main')).not.toContain('sk-pasar');
    expect(await page.textContent('mark')).toBe('diperbaiki');
    await context.close();
  }, 180_000);
});
