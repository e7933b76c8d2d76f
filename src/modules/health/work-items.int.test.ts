import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffActor } from '../../platform/auth/roles.ts';
import { fixedClock, withActor } from '../../platform/context.ts';
import { buildTestApp, loginAs, makeStaff, type TestApp } from '../../testing.ts';
import { addPregnancyCheck, registerPregnancy } from './pregnancy.ts';
import { rowField, saveSession } from './service.ts';
import { KIBIN, makeChild, makeKader, makeOperator, makePosyandu } from './test-builders.ts';

let test: TestApp;
let operator: StaffActor;
let kader: StaffActor;
let ids: { budi: string; siti: string; ani: string; rina: string; posyandu: string; pregnancy: string };
// Monday 23 November 2026, 09:00 in Serang: the posyandu (session on the 5th) has met this month
const clock = fixedClock('2026-11-23T02:00:00Z');

beforeAll(async () => {
  test = await buildTestApp({ clock });
  const ctx = test.ctx;
  operator = await makeOperator(ctx);
  const posyandu = await makePosyandu(ctx, operator);
  kader = await makeKader(ctx, posyandu);
  const child = async (nama: string, tanggal_lahir: string, jenis_kelamin = '1') =>
    (await makeChild(ctx, operator, posyandu.id, { nama, tanggal_lahir, jenis_kelamin })).id;
  const budi = await child('Budi', '2025-05-10');
  const siti = await child('Siti', '2024-11-01', '2');
  const ani = await child('Ani', '2025-01-15', '2');
  const rina = await child('Rina', '2025-03-01', '2');
  const as = withActor(ctx, operator);
  // October: Rina gains normally; November: Budi short and light (stunted, underweight), Ani well,
  // Rina lighter than in October (not gaining); Siti not weighed at all this month
  await saveSession(as, posyandu.id, '2026-10-05', {
    [rowField('berat', rina)]: '9,0',
    [rowField('tinggi', rina)]: '78',
  });
  await saveSession(as, posyandu.id, '2026-11-05', {
    [rowField('berat', budi)]: '8,0',
    [rowField('tinggi', budi)]: '73',
    [rowField('berat', ani)]: '10,2',
    [rowField('tinggi', ani)]: '82',
    [rowField('berat', rina)]: '8,9',
    [rowField('tinggi', rina)]: '79',
  });
  const pregnancy = await registerPregnancy(as, posyandu.id, { nama: 'Ibu Wati', hpl: '2027-03-01' });
  await addPregnancyCheck(as, pregnancy.id, { tanggal: '2026-10-01', lila: '22,5', usia_kehamilan: '12' });
  // another village's posyandu and child: never on this office's list
  const kibin = await makeOperator(ctx, KIBIN);
  const elsewhere = await makePosyandu(ctx, kibin, 'Kenanga');
  await makeChild(ctx, kibin, elsewhere.id, { nama: 'Dodi', tanggal_lahir: '2025-06-01' });
  ids = { budi, siti, ani, rina, posyandu: posyandu.id, pregnancy: pregnancy.id };
}, 240_000);
afterAll(() => test.close());

interface Row {
  href: string;
  kind: string;
  overdue: boolean;
  title: string;
}

/** The work page's items in the order shown. */
function itemsOf(html: string): Row[] {
  return [
    ...html.matchAll(
      /<a href="([^"]+)" data-work-item="(health\.[^"]+)" data-overdue="(ya|tidak)">([^<]*)<\/a>/g,
    ),
  ].map((m) => ({ href: m[1]!, kind: m[2]!, overdue: m[3] === 'ya', title: m[4]! }));
}

describe('health work on "Kerja saya"', () => {
  it('lists for the village office the overdue checks first, then the children to visit, each linking to its page', async () => {
    const page = await (await loginAs(test.app, operator)).get('/kelola/kerja');
    expect(page.statusCode).toBe(200);
    const items = itemsOf(page.body);
    expect(items.map((i) => [i.kind, i.href, i.overdue])).toEqual([
      ['health.kek', `/kelola/kesehatan/ibu-hamil/${ids.pregnancy}`, true],
      ['health.unmeasured', `/kelola/kesehatan/posyandu/${ids.posyandu}`, true],
      ['health.visit', `/kelola/kesehatan/anak/${ids.budi}`, false],
      ['health.visit', `/kelola/kesehatan/anak/${ids.rina}`, false],
    ]);
    expect(items[0]!.title).toContain('Ibu Wati');
    expect(items[1]!.title).toContain('Siti');
    expect(items[2]!.title).toContain('Pendek (stunting)');
    expect(items[2]!.title).toContain('Berat badan kurang');
    expect(items[3]!.title).toContain('Berat tidak naik (T)');
    expect(page.body).not.toContain('Dodi');
    expect(page.body).not.toContain('Ani (');
  });

  it('gives the posyandu’s kader the same list, whose links open', async () => {
    const visitor = await loginAs(test.app, kader);
    const items = itemsOf((await visitor.get('/kelola/kerja')).body);
    expect(items.map((i) => i.kind)).toEqual([
      'health.kek',
      'health.unmeasured',
      'health.visit',
      'health.visit',
    ]);
    for (const item of items) expect((await visitor.get(item.href)).statusCode).toBe(200);
  });

  it('gives Dinkes, who do not weigh, no health item, and another village’s office only its own child', async () => {
    const dinkes = await makeStaff(test.ctx, { role: 'opd', scope: 'DINKES' });
    expect(itemsOf((await (await loginAs(test.app, dinkes)).get('/kelola/kerja')).body)).toEqual([]);
    const kibin = await makeStaff(test.ctx, { role: 'operator_desa', scope: KIBIN });
    const items = itemsOf((await (await loginAs(test.app, kibin)).get('/kelola/kerja')).body);
    expect(items.map((i) => [i.kind, i.title.split(' ')[1]])).toEqual([['health.unmeasured', 'Dodi']]);
  });

  it('drops a child once measured and a mother once checked', async () => {
    const as = withActor(test.ctx, operator);
    await saveSession(as, ids.posyandu, '2026-11-23', {
      [rowField('berat', ids.siti)]: '10,5',
      [rowField('tinggi', ids.siti)]: '86',
    });
    await addPregnancyCheck(as, ids.pregnancy, { tanggal: '2026-11-23', lila: '22,8' });
    const items = itemsOf((await (await loginAs(test.app, operator)).get('/kelola/kerja')).body);
    expect(items.map((i) => i.kind)).not.toContain('health.unmeasured');
    expect(items.map((i) => i.kind)).not.toContain('health.kek');
  });
});
