/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from './axe.ts';
import { launchBrowser, phone, type RunningServer, signInAsStaff, startServer } from './harness.ts';

// Issue #14: a kader enters a whole session of 20 children with the keyboard alone (Tab, typed
// decimal commas, Enter), on a 360 px phone with JavaScript off, then finds the stunted and wasted
// children on the at-risk list and opens one child's chart. The office builds the posyandu first.

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

interface Child {
  name: string;
  sex: '1' | '2';
  ageDays: number;
  weight: string;
  height: string;
  risk?: 'Pendek (stunting)' | 'Gizi kurang/buruk (wasting)';
}

// Judged with the WHO standards: two severely stunted girls (HAZ −3.1, −3.3), two wasted children
// (WHZ −2.8, −2.3), sixteen growing normally; ages 200–1,340 days, so lying and standing both occur.
const CHILDREN: Child[] = [
  ['Arka Nugraha', '1', 200, '6,8', '66,0'],
  ['Bening Sari', '2', 260, '7,6', '66,1'],
  ['Candra Wijaya', '1', 320, '8,3', '71,0'],
  ['Dara Pendek', '2', 380, '8,7', '66,6', 'Pendek (stunting)'],
  ['Elang Putra', '1', 440, '10,1', '77,4'],
  ['Fitri Ayu', '2', 500, '10,5', '79,1'],
  ['Galih Kurus', '1', 560, '8,5', '80,8', 'Gizi kurang/buruk (wasting)'],
  ['Hesti Rahayu', '2', 620, '11,3', '82,5'],
  ['Ilham Akbar', '1', 680, '11,7', '84,1'],
  ['Jelita Nur', '2', 740, '12,1', '85,7'],
  ['Kevin Saputra', '1', 800, '12,5', '87,2'],
  ['Laras Pendek', '2', 860, '11,6', '78,1', 'Pendek (stunting)'],
  ['Malik Hidayat', '1', 920, '13,2', '90,3'],
  ['Nadia Lestari', '2', 980, '13,6', '91,7'],
  ['Oki Pratama', '1', 1040, '14,0', '93,2'],
  ['Putri Kurus', '2', 1100, '11,3', '94,6', 'Gizi kurang/buruk (wasting)'],
  ['Raka Wibowo', '1', 1160, '14,8', '96,0'],
  ['Sinta Dewi', '2', 1220, '15,2', '97,3'],
  ['Taufik Rahman', '1', 1280, '15,6', '98,6'],
  ['Umi Kalsum', '2', 1340, '16,0', '99,9'],
].map(
  ([name, sex, ageDays, weight, height, risk]) => ({ name, sex, ageDays, weight, height, risk }) as Child,
);

async function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.id ?? '');
}

/** Presses Tab until the element with this id has the focus (at most `limit` presses). */
async function tabTo(page: Page, id: string, limit: number): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press('Tab');
    if ((await focusedId(page)) === id) return presses;
  }
  throw new Error(`#${id} not reached in ${limit} Tab presses (focus on #${await focusedId(page)})`);
}

describe('a kader’s keyboard-only session for 20 children', () => {
  it('weight → height → position → next child, Enter saves, the at-risk children are listed by name', async () => {
    // the village office opens the posyandu, registers the children and links the demo kader to it
    const office = await phone(browser, { javaScript: false });
    const desk = await office.newPage();
    await signInAsStaff(desk, server.url, 'operator.kramatwatu@demo.simpul.id');
    await desk.goto(`${server.url}/kelola/kesehatan/posyandu`);
    await desk.fill('#field-nama', 'Posyandu Kenanga');
    await desk.fill('#field-dusun', 'Dusun III');
    await desk.click('form[action$="/posyandu"] button[type=submit]');
    await desk.waitForURL(/\/kelola\/kesehatan\/posyandu\/[0-9a-f-]{36}$/);
    const posyanduUrl = desk.url();
    const ids = new Map<string, string>();
    for (const child of CHILDREN) {
      await desk.goto(posyanduUrl);
      await desk.fill('#field-nama', child.name);
      await desk.selectOption('#field-jenis_kelamin', child.sex);
      await desk.fill('#field-tanggal_lahir', jakartaDaysAgo(child.ageDays));
      await desk.click('form[action$="/anak"] button[type=submit]');
      await desk.waitForURL(/\/kelola\/kesehatan\/anak\/[0-9a-f-]{36}$/);
      ids.set(child.name, desk.url().split('/').pop() as string);
    }
    await desk.goto(posyanduUrl);
    await desk.fill('#field-email', 'kader.kramatwatu@demo.simpul.id');
    await desk.click('form[action$="/kader"] button[type=submit]');
    await desk.waitForURL(posyanduUrl);
    await office.close();

    const context = await phone(browser, { javaScript: false });
    const page = await context.newPage();
    await signInAsStaff(page, server.url, 'kader.kramatwatu@demo.simpul.id');
    await page.goto(`${server.url}/kelola/kesehatan/posyandu`);
    await page.waitForURL(posyanduUrl);
    await page.goto(`${posyanduUrl}/penimbangan?tanggal=${jakartaDaysAgo(0)}`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // from the top of the page: the skip link, then on to the first child's weight
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('skip-link');
    await page.keyboard.press('Enter');
    const rows = await page.$$eval('tbody tr input[id^="field-berat_"]', (inputs) => inputs.map((i) => i.id));
    expect(rows).toHaveLength(CHILDREN.length);
    const first = CHILDREN.map((c) => `field-berat_${ids.get(c.name)}`).find((id) => id === rows[0]);
    expect(first).toBeDefined();
    await tabTo(page, rows[0] as string, 12);

    const byId = new Map(CHILDREN.map((c) => [ids.get(c.name) as string, c]));
    for (const [index, weightId] of rows.entries()) {
      const childId = weightId.slice('field-berat_'.length);
      const child = byId.get(childId) as Child;
      expect(await focusedId(page)).toBe(`field-berat_${childId}`);
      await page.keyboard.type(child.weight);
      await page.keyboard.press('Tab');
      expect(await focusedId(page)).toBe(`field-tinggi_${childId}`);
      await page.keyboard.type(child.height);
      if (index === rows.length - 1) break;
      await page.keyboard.press('Tab');
      expect(await focusedId(page)).toBe(`field-posisi_${childId}`);
      // the position is preselected by age (lying under 24 months), so Tab goes on to the next child
      expect(await page.inputValue(`#field-posisi_${childId}`)).toBe(
        child.ageDays < 731 ? 'lying' : 'standing',
      );
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/kelola\/kesehatan\/perlu-kunjungan\?posyandu=/);
    expect(await page.textContent('main')).toContain('20 penimbangan disimpan');
    for (const child of CHILDREN) {
      const row = page.locator('main tr', { hasText: child.name });
      if (child.risk) expect(await row.textContent()).toContain(child.risk);
      else expect(await row.count()).toBe(0);
    }
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // one child's chart, still by keyboard: Tab to the name on the list, Enter
    const stunted = ids.get('Dara Pendek') as string;
    for (let presses = 0; presses < 40; presses++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent ?? '')) === 'Dara Pendek') break;
    }
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/kelola/kesehatan/anak/${stunted}$`));
    expect(await page.locator('.growth-chart svg').count()).toBeGreaterThanOrEqual(2);
    expect(await page.textContent('main')).toContain('66,6');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  }, 400_000);
});
