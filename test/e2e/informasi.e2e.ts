/// <reference lib="dom" />

import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import '../../src/modules/index.ts';
import * as informasi from '../../src/modules/informasi/service.ts';
import { SYSTEM } from '../../src/platform/auth/roles.ts';
import { fixedClock } from '../../src/platform/context.ts';
import { openDatabase } from '../../src/platform/db/index.ts';
import { seriousAccessibilityViolations } from './axe.ts';
import { launchBrowser, phone, type RunningServer, signInAsStaff, startServer } from './harness.ts';

const VILLAGE = '36.04.05.2001';
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

async function noSideways(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}

async function accessible(page: Page) {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  expect(await noSideways(page)).toBe(true);
}

/**
 * The server's clock is the machine's, so "the deadline passes" is a request received 20 days
 * ago: filed through the service with that older clock while the server is stopped, then the
 * deadline job run on the same database, as the running server would.
 */
async function fileOverdueRequest(): Promise<{ number: string; token: string; outbox: string[] }> {
  await server.stop();
  const config = loadConfig({ ...process.env, DATA_DIR: server.dataDir, DATABASE_URL: '' });
  const handle = await openDatabase({ databaseUrl: null, dataDir: server.dataDir });
  const clock = fixedClock(new Date(Date.now() - 20 * 86_400_000));
  const ctx = { db: handle.db, actor: SYSTEM, clock, config, log: pino({ level: 'silent' }) };
  try {
    const receipt = await informasi.submitRequest(ctx, VILLAGE, {
      name: 'Dewi Lestari',
      idKind: 'nik',
      idNumber: '3604054506920003',
      address: 'Kp. Pejaten RT 03/01',
      phone: '081298765432',
      information: 'Daftar penerima BLT Dana Desa per dusun tanpa NIK.',
      purpose: 'Pemantauan warga.',
      delivery: 'lihat',
    });
    clock.set(new Date());
    await informasi.flagOverdue(ctx);
    const outbox = await handle.db
      .selectFrom('outbox')
      .select('subject')
      .where('recipient', '=', '081298765432')
      .execute();
    return { ...receipt, outbox: outbox.map((o) => o.subject) };
  } finally {
    await handle.close();
    server = await startServer({ DATA_DIR: server.dataDir });
  }
}

describe('public information (PPID) in the browser', () => {
  it('a resident on a 360 px phone without JavaScript files a request; past its deadline the tracking page and the officer queue show it overdue', async () => {
    const residentContext = await phone(browser, { javaScript: false });
    const resident = await residentContext.newPage();

    // the list across bodies, a body's DIP, an excluded entry with its consequence test
    await resident.goto(`${server.url}/informasi-publik?q=APBDes`);
    expect(await resident.textContent('main')).toContain('APBDes');
    await accessible(resident);
    await resident.goto(`${server.url}/informasi-publik/${VILLAGE}`);
    await accessible(resident);
    await resident.click('a:has-text("Data pribadi penerima bantuan sosial")');
    expect(await resident.textContent('main')).toContain('Uji konsekuensi');
    expect(await resident.locator('a[href$="/unduh"]').count()).toBe(0);
    await accessible(resident);
    await resident.goto(`${server.url}/desa/${VILLAGE}/informasi-publik`);
    await accessible(resident);
    await resident.goto(`${server.url}/informasi-publik/${VILLAGE}/laporan/${new Date().getFullYear()}`);
    await accessible(resident);

    // the request form: a mistake first, answered field by field in Indonesian
    await resident.goto(`${server.url}/informasi-publik/${VILLAGE}/permohonan`);
    await accessible(resident);
    await resident.fill('#field-name', 'Rahmat Hidayat');
    await resident.fill('#field-idNumber', '12345');
    await resident.click('form[action$="/permohonan"] button[type=submit]');
    expect(await resident.textContent('#error-idNumber')).toContain('NIK terdiri dari 16 angka.');
    expect(await resident.inputValue('#field-name')).toBe('Rahmat Hidayat');
    await accessible(resident);
    await resident.fill('#field-idNumber', '3604051506880001');
    await resident.fill('#field-address', 'Kp. Kramat RT 01/04, Kramatwatu');
    await resident.fill('#field-phone', '081311112222');
    await resident.fill('#field-information', 'Laporan realisasi APBDes semester pertama.');
    await resident.fill('#field-purpose', 'Bahan musyawarah dusun.');
    await resident.selectOption('#field-delivery', 'softcopy');
    await resident.selectOption('#field-copyMethod', 'ambil');
    await resident.click('form[action$="/permohonan"] button[type=submit]');
    await resident.waitForURL(/\/informasi-publik\/lacak\/PPID-3604052001-\d{4}-\d{4}\?kunci=/);
    expect(await resident.textContent('main')).toContain('Terima kasih, permohonan Anda sudah diterima.');
    expect(await resident.textContent('main')).not.toContain('Melewati batas waktu');
    await accessible(resident);
    await residentContext.close();

    // the deadline passes
    const late = await fileOverdueRequest();
    expect(late.outbox).toContain(`Permohonan informasi ${late.number} melewati batas waktu`);

    const trackingContext = await phone(browser, { javaScript: false });
    const tracking = await trackingContext.newPage();
    await tracking.goto(`${server.url}${informasi.trackingPath(late.number, late.token)}`);
    const text = await tracking.textContent('main');
    expect(text).toContain('Melewati batas waktu');
    // an unanswered request may be objected to, from the same page
    expect(await tracking.locator('#field-reason').count()).toBe(1);
    await accessible(tracking);
    await trackingContext.close();

    // the village's PPID officer: the overdue request leads the queue on /kelola and the list
    const officerContext = await phone(browser, { javaScript: false });
    const officer = await officerContext.newPage();
    await signInAsStaff(officer, server.url, 'operator.kramatwatu@demo.simpul.id');
    expect(await officer.textContent('main')).toContain('permohonan informasi melewati batas waktu');
    await officer.goto(`${server.url}/kelola/informasi`);
    const firstRow = officer.locator('#permohonan ~ section table tbody tr').first();
    expect(await firstRow.textContent()).toContain(late.number);
    expect(await firstRow.textContent()).toContain('Melewati batas waktu');
    expect(await noSideways(officer)).toBe(true);
    await officerContext.close();
  });
});
