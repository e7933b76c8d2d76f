/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from './axe.ts';
import { launchBrowser, phone, type RunningServer, signInAsStaff, startServer } from './harness.ts';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

/** A 360 × 740 phone with JavaScript off, as the officer or visitor who walks the journey. */
async function phonePage(): Promise<Page> {
  const context = await phone(browser, { javaScript: false });
  contexts.push(context);
  return context.newPage();
}

async function staffLogin(email: string): Promise<Page> {
  const page = await phonePage();
  await signInAsStaff(page, server.url, email);
  return page;
}

/** The queue row of the demo's SKCK cover letter (the one request the demo leaves at the operator). */
function skckRow(page: Page) {
  return page.locator('tbody tr', { hasText: 'Pengantar SKCK' }).first();
}

/** The "Giliran Anda" cell of a queue row (the last column). */
function turnCell(page: Page) {
  return skckRow(page).locator('td').last();
}

function pdfText(bytes: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-e2e-preview-')), 'surat.pdf');
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

async function fitsThePhone(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= 360);
}

/** Is the element the one a tap at its centre reaches, inside the 360 px screen? */
async function tappable(page: Page, selector: string): Promise<boolean> {
  const element = page.locator(selector);
  await element.scrollIntoViewIfNeeded();
  const box = await element.boundingBox();
  if (!box || box.x < 0 || box.x + box.width > 360) return false;
  return element.evaluate(
    (target, centre) => {
      const hit = document.elementFromPoint(centre.x, centre.y);
      return hit !== null && (hit === target || target.contains(hit));
    },
    { x: box.x + box.width / 2, y: box.y + box.height / 2 },
  );
}

describe('officers and the public with a letter, on a phone without JavaScript', () => {
  let number = '';
  let verificationCode = '';

  it('the kepala desa has no turn while the operator checks, then sees the preview with its number and signs that letter', async () => {
    const kades = await staffLogin('kades.kramatwatu@demo.simpul.id');
    await kades.click('.main-nav a[href="/kelola/layanan"]');
    await expect.poll(() => skckRow(kades).count()).toBe(1);
    expect(await skckRow(kades).textContent()).toContain('Diperiksa');
    expect((await turnCell(kades).textContent())?.trim()).toBe('');
    expect(await seriousAccessibilityViolations(kades)).toEqual([]);

    const operator = await staffLogin('operator.kramatwatu@demo.simpul.id');
    await operator.goto(`${server.url}/kelola/layanan`);
    expect((await turnCell(operator).textContent())?.trim()).toBe('ya');
    await skckRow(operator).locator('a').first().click();
    await operator.click('form[action$="/setujui"] button[type=submit]');
    expect(await operator.textContent('.flash')).toBeTruthy();

    await kades.reload();
    expect((await turnCell(kades).textContent())?.trim()).toBe('ya');
    await skckRow(kades).locator('a').first().click();
    const lead = (await kades.textContent('.letter-preview')) ?? '';
    number = /dengan nomor (\S+)\./.exec(lead)?.[1] ?? '';
    expect(number).toMatch(/^[\d.]+\/\d{3}\/Ds-Kramatwatu\/[IVX]+\/\d{4}$/);
    const frame = kades.locator('iframe.letter-preview-frame');
    const src = (await frame.getAttribute('src')) ?? '';
    expect(src).toMatch(/\/pratinjau\.pdf$/);
    expect(await frame.getAttribute('title')).toContain(number);
    const link = kades.locator('.letter-preview a.button');
    expect(await link.getAttribute('href')).toBe(src);
    const preview = await kades.context().request.get(`${server.url}${src}`);
    expect(preview.headers()['content-type']).toBe('application/pdf');
    const text = pdfText(await preview.body());
    expect(text).toContain(`Nomor: ${number}`);
    expect(text).toContain('PRATINJAU');
    expect(await seriousAccessibilityViolations(kades)).toEqual([]);

    await kades.check('#field-confirm');
    await kades.click('form[action$="/tandatangani"] button[type=submit]');
    expect(await kades.textContent('.flash')).toContain(number);
    const verifyHref = (await kades.getAttribute('a[href^="/verifikasi/"]', 'href')) ?? '';
    verificationCode = verifyHref.replace('/verifikasi/', '');
    expect(verificationCode).toMatch(/^[0-9A-Z]{10}$/);
  });

  it('the camat sees each request’s village and filters the list by village', async () => {
    const camat = await staffLogin('camat.kramatwatu@demo.simpul.id');
    await camat.click('.main-nav a[href="/kelola/layanan"]');
    await camat.selectOption('#field-status', 'siap_diambil');
    await camat.click('form.filters button[type=submit]');
    const headers = await camat.$$eval('thead th', (cells) => cells.map((c) => c.textContent?.trim()));
    const villageColumn = headers.indexOf('Desa');
    expect(villageColumn).toBeGreaterThan(0);
    const villages = await camat.$$eval(
      'tbody tr',
      (rows, column) => rows.map((r) => r.querySelectorAll('td')[column]?.textContent?.trim()),
      villageColumn,
    );
    expect(villages.length).toBeGreaterThan(0);
    expect(new Set(villages)).toEqual(new Set(['Kramatwatu']));
    const options = await camat.$$eval('#field-desa option', (list) =>
      list.map((o) => (o as HTMLOptionElement).value).filter(Boolean),
    );
    expect(options.length).toBeGreaterThan(1);
    expect(options.every((code) => code.startsWith('36.04.05.'))).toBe(true);
    expect(await seriousAccessibilityViolations(camat)).toEqual([]);

    await camat.selectOption('#field-desa', '36.04.05.2002');
    await camat.click('form.filters button[type=submit]');
    expect(camat.url()).toContain('desa=36.04.05.2002');
    expect(await camat.locator('tbody tr').count()).toBe(0);
    await camat.selectOption('#field-desa', '36.04.05.2001');
    await camat.click('form.filters button[type=submit]');
    expect(await camat.locator('tbody tr').count()).toBe(villages.length);
    // the SKCK cover letter the kepala desa has just signed is among them
    expect(await skckRow(camat).count()).toBe(1);
  });

  it('the camat’s service-speed page lists the kecamatan’s villages only, and the dashboard links to it', async () => {
    const camat = await staffLogin('camat.kramatwatu@demo.simpul.id');
    expect(await camat.locator('.main-nav a[href="/kelola/layanan/kinerja"]').count()).toBe(1);
    await camat.click('main .cards a[href="/kelola/layanan/kinerja"]');
    await camat.waitForURL(`${server.url}/kelola/layanan/kinerja`);
    const links = await camat.$$eval('tbody tr td:first-child a', (list) =>
      list.map((a) => new URL((a as HTMLAnchorElement).href).searchParams.get('desa') ?? ''),
    );
    expect(links.length).toBeGreaterThan(1);
    expect(links.every((code) => code.startsWith('36.04.05.'))).toBe(true);
    expect(await camat.textContent('main')).not.toContain('Kibin');
    const kramatwatu = camat.locator('tbody tr', { hasText: 'Kramatwatu' }).first();
    expect(Number((await kramatwatu.locator('td').nth(1).textContent())?.trim())).toBeGreaterThanOrEqual(1);
    expect(await seriousAccessibilityViolations(camat)).toEqual([]);
  });

  it('the public verify a code typed with spaces in lower case, are told plainly a JPG is no PDF, on a page that fits 360 px', async () => {
    const visitor = await phonePage();
    await visitor.goto(`${server.url}/verifikasi`);
    const typed = `${verificationCode.slice(0, 5)} ${verificationCode.slice(5)}`.toLowerCase();
    await visitor.fill('#field-kode', typed);
    expect(await visitor.inputValue('#field-kode')).toBe(typed);
    expect(await seriousAccessibilityViolations(visitor)).toEqual([]);
    await visitor.click('main button[type=submit]');
    await visitor.waitForURL(`${server.url}/verifikasi/${verificationCode}`);
    expect(await visitor.textContent('main')).toContain(number);
    expect(await fitsThePhone(visitor)).toBe(true);
    expect(await tappable(visitor, 'form[enctype] button[type=submit]')).toBe(true);
    expect(await seriousAccessibilityViolations(visitor)).toEqual([]);

    const photo = await sharp({ create: { width: 300, height: 400, channels: 3, background: '#eed' } })
      .jpeg()
      .toBuffer();
    await visitor.setInputFiles('#field-pdf', { name: 'surat.jpg', mimeType: 'image/jpeg', buffer: photo });
    await visitor.click('form[enctype] button[type=submit]');
    const problem = (await visitor.textContent('#error-pdf')) ?? '';
    expect(problem).toContain('bukan berkas PDF');
    expect(problem).toContain('Unggah berkas PDF');
    expect(await visitor.textContent('main')).not.toContain('dipalsukan');
    expect(await fitsThePhone(visitor)).toBe(true);
    expect(await tappable(visitor, 'form[enctype] button[type=submit]')).toBe(true);
    expect(await seriousAccessibilityViolations(visitor)).toEqual([]);
  });
});
