/// <reference lib="dom" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateResidents, villagesOf } from '../../src/modules/residents/generator.ts';
import { csvLine, EXPORT_COLUMNS, exportRow } from '../../src/modules/residents/opensid.ts';
import { seriousAccessibilityViolations } from './axe.ts';
import { launchBrowser, phone, type RunningServer, signInAsStaff, startServer } from './harness.ts';

// An officer's day on a 360 × 740 phone with JavaScript off: what waits on the dashboard, the
// request list, an import, the village figures, and (as admin) the audit log of what they did.

const KRAMATWATU = '36.04.05.2001';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

async function officer(email: string): Promise<Page> {
  const context = await phone(browser, { javaScript: false });
  contexts.push(context);
  const page = await context.newPage();
  await signInAsStaff(page, server.url, email);
  return page;
}

async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

/** A small village file of `count` residents; `rename` changes the name of the first one. */
function villageFile(dir: string, name: string, count: number, rename?: string): string {
  const rows = [
    ...generateResidents({
      count,
      villages: villagesOf('36.04', [KRAMATWATU]),
      seed: 4242,
      today: '2026-11-22',
    }),
  ];
  const lines = [csvLine(EXPORT_COLUMNS)];
  rows.forEach((r, i) => {
    // NIK and KK of their own, so the demo's residents are not touched
    const row = {
      ...r,
      nik: `${r.nik.slice(0, 12)}${7000 + i}`,
      familyNumber: `${r.familyNumber.slice(0, 12)}${7000 + i}`,
      name: i === 0 && rename ? rename : r.name,
    };
    lines.push(csvLine(exportRow(row)));
  });
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.join(''));
  return file;
}

async function importFile(page: Page, file: string): Promise<string> {
  await page.goto(`${server.url}/kelola/penduduk/impor?desa=${KRAMATWATU}`);
  await page.setInputFiles('#field-file', file);
  await page.click('main form button[type=submit]');
  await page.waitForURL(/\/kelola\/penduduk\/impor\/[0-9a-f-]{36}$/);
  // the status page refreshes itself (meta refresh) until the import is done
  await page.waitForSelector('.summary-line', { timeout: 60_000 });
  return (await page.textContent('.summary-line'))!.trim();
}

/**
 * The header's height, DEMO banner included (it sits inside the header's landmark on a demo
 * install, and on a phone it must stay one line).
 */
async function headerHeight(page: Page): Promise<number> {
  const { header, banner, line } = await page.$eval('header.site-header', (h) => {
    const demo = h.querySelector('.demo-banner');
    return {
      header: h.getBoundingClientRect().height,
      banner: demo ? demo.getBoundingClientRect().height : 0,
      line: demo ? Number.parseFloat(getComputedStyle(demo).lineHeight) || 0 : 0,
    };
  });
  expect(banner).toBeGreaterThan(0); // the test server is a demo install
  expect(banner).toBeLessThan(2 * line);
  // under 480 px the short words, not the full sentence
  expect(await page.isVisible('header.site-header .demo-short')).toBe(true);
  expect(await page.isVisible('header.site-header .demo-long')).toBe(false);
  return header;
}

function numberIn(text: string | null): number {
  return Number((text ?? '').replace(/\D/g, ''));
}

describe('an officer works through the day on a 360 px phone without JavaScript', () => {
  it('the operator sees what waits for them, with a count that matches the list it links to, in a short header', async () => {
    const page = await officer('operator.kramatwatu@demo.simpul.id');
    expect(await headerHeight(page)).toBeLessThanOrEqual(120);
    const waiting = page.locator('[data-work="services.check"] a');
    const label = (await waiting.textContent())!.trim();
    expect(label).toMatch(/^\d+ permohonan menunggu Anda$/);
    const count = numberIn(label);
    expect(count).toBeGreaterThan(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await expectAccessible(page);

    await waiting.click();
    await page.waitForURL(/\/kelola\/layanan\?giliran=saya&status=diperiksa$/);
    // the list it leads to marks exactly that many as the operator's turn
    const turns = await page.$$eval('td[data-label="Giliran Anda"]', (cells) =>
      cells.filter((c) => c.textContent?.trim() === 'ya'),
    );
    expect(turns.length).toBe(count);
    expect(await headerHeight(page)).toBeLessThanOrEqual(120);
  });

  it('a request table shows Status and "Giliran Anda" within 360 px, without sideways scrolling', async () => {
    const page = await officer('operator.kramatwatu@demo.simpul.id');
    await page.goto(`${server.url}/kelola/layanan`);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    for (const column of ['Status', 'Giliran Anda']) {
      const cell = page.locator(`td[data-label="${column}"]`).first();
      const box = (await cell.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(360);
      // the column's name is drawn beside its value on the card
      const shownLabel = await cell.evaluate((td) => getComputedStyle(td, '::before').content);
      expect(shownLabel).toBe(`"${column}"`);
    }
    await expectAccessible(page);
  });

  it('the import page gives its result in Indonesian', async () => {
    const page = await officer('operator.kramatwatu@demo.simpul.id');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-staff-journey-'));
    expect(await importFile(page, villageFile(dir, 'desa.csv', 5))).toBe(
      '5 penduduk baru, 0 diperbarui, 0 tidak berubah, 0 ditolak',
    );
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await expectAccessible(page);
    expect(await importFile(page, villageFile(dir, 'desa-baru.csv', 5, 'SITI NURHALIZA'))).toBe(
      '0 penduduk baru, 1 diperbarui, 4 tidak berubah, 0 ditolak',
    );
    expect(await page.textContent('main')).not.toContain('imported:');
    await page.goto(`${server.url}/kelola/penduduk/impor?desa=${KRAMATWATU}`);
    expect(await page.textContent('main')).toContain('0 penduduk baru, 1 diperbarui');
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await expectAccessible(page);
  });

  it("the village statistics add up, families agree with the dashboard's figure, and the pyramid's labels are at least 12 px", async () => {
    const page = await officer('operator.kramatwatu@demo.simpul.id');
    const dashboardFamilies = numberIn(await page.textContent('[data-figure="residents.families"] strong'));
    await page.goto(`${server.url}/kelola/penduduk/statistik?wilayah=${KRAMATWATU}`);
    const stat = async (name: string) => numberIn(await page.textContent(`[data-stat="${name}"]`));
    const total = await stat('total');
    expect(total).toBeGreaterThan(0);
    expect((await stat('male')) + (await stat('female'))).toBe(total);
    expect(await stat('families')).toBe(dashboardFamilies);
    const pyramidTable = page
      .locator('section.panel', { has: page.locator('svg.chart') })
      .first()
      .locator('table');
    const bands = await pyramidTable
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) =>
          [...r.querySelectorAll('td')].map((td) => Number(td.textContent!.replace(/\D/g, ''))),
        ),
      );
    expect(bands.reduce((sum, [, male, female]) => sum + male! + female!, 0)).toBe(total);
    // every label of every chart, as drawn on this screen: the size the browser applies to the
    // text (ECharts writes it in a style, older charts in an attribute), times the viewBox's scale
    const sizes = await page.$$eval('svg.chart text', (texts) =>
      texts.map((text) => {
        const svg = (text as SVGTextElement).ownerSVGElement!;
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return Number.parseFloat(getComputedStyle(text).fontSize) * scale;
      }),
    );
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await expectAccessible(page);
  });

  it('the audit log says in plain words what was done, the code in small print', async () => {
    // the operator opens the residents list: a read of personal data
    const operator = await officer('operator.kramatwatu@demo.simpul.id');
    await operator.goto(`${server.url}/kelola/penduduk?desa=${KRAMATWATU}`);
    const admin = await officer('admin@demo.simpul.id');
    await admin.goto(`${server.url}/kelola/audit?action=read_personal`);
    const row = admin.locator('tbody tr', { hasText: 'daftar penduduk' }).first();
    const action = row.locator('td[data-label="Tindakan"]');
    expect(await action.textContent()).toContain('membuka data pribadi');
    expect(await action.locator('small.raw-code').textContent()).toBe('read_personal');
    const detail = row.locator('td[data-label="Rincian"] dl');
    expect(await detail.textContent()).toContain('halaman');
    expect(await admin.locator('select[name=action] option[value=read_personal]').textContent()).toContain(
      'membuka data pribadi',
    );
    expect(await pageWidth(admin)).toBeLessThanOrEqual(360);
    await expectAccessible(admin);
  });
});
