/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phonePhoto } from '../../src/platform/files/test-photos.ts';
import { launchBrowser, phone, type RunningServer, startServer } from './harness.ts';

// Issue #12 item 5: where JavaScript runs, a phone photo is shrunk in the browser before it is
// sent (static/shrink-photos.js), so a resident on a slow link sends far fewer bytes.

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
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a resident with JavaScript on attaches phone photos', () => {
  it('sends them shrunk: the request body is far smaller than the photos, and the request is filed', async () => {
    const context = await phone(browser, { javaScript: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/masuk/warga`);
    await page.fill('#field-nik', demoNik);
    await page.fill('#field-pin', demoPin);
    await page.click('main button[type=submit]');
    await page.goto(`${server.url}/layanan/keterangan-domisili/ajukan`);

    const photo = await phonePhoto({ quality: 85 });
    expect(photo.length).toBeGreaterThan(2 * 1024 * 1024);
    await page.fill('#field-keperluan', 'Membuka rekening bank');
    for (const name of ['foto_ktp', 'pengantar_rt']) {
      await page.setInputFiles(`#field-lampiran_${name}`, {
        name: `${name}.jpg`,
        mimeType: 'image/jpeg',
        buffer: photo,
      });
      // the script swaps the chosen file for the shrunk one and notes its size
      await page.waitForSelector(`#field-lampiran_${name}[data-shrunk]`, {
        state: 'attached',
        timeout: 20_000,
      });
      const shrunk = Number(await page.getAttribute(`#field-lampiran_${name}`, 'data-shrunk'));
      expect(shrunk).toBeLessThan(photo.length / 2);
    }

    // what the form will send: the files its inputs now hold
    const sending = await page.$$eval('form.request-form input[type=file]', (inputs) =>
      inputs.reduce((sum, input) => sum + ((input as HTMLInputElement).files?.[0]?.size ?? 0), 0),
    );
    expect(sending).toBeGreaterThan(0);
    // two 3 MB photos go as far less than one of them
    expect(sending).toBeLessThan(photo.length);
    await page.click('button[value=ajukan]');
    await page.waitForURL(/\/akun\/permohonan\/[0-9a-f-]{36}$/);
    expect(await page.textContent('main')).toContain('Diperiksa');
    await context.close();
  });
});
