import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StaffActor } from '../../platform/auth/roles.ts';
import { type Ctx, fixedClock, withActor } from '../../platform/context.ts';
import { Forbidden, Invalid } from '../../platform/http/errors.ts';
import { caught, createTestContext, makeStaff, type TestContext } from '../../testing.ts';
import { healthPersonalData } from './personal-data.ts';
import { addPregnancyCheck, getPregnancy, registerPregnancy } from './pregnancy.ts';
import { healthWorkQueue } from './queue.ts';
import {
  atRisk,
  getChild,
  myChild,
  myChildren,
  refuseHeldRows,
  registerChild,
  rowField,
  saveSession,
  sessionSheet,
} from './service.ts';
import { KIBIN, makeChild, makeKader, makeOperator, makePosyandu, parentActor } from './test-builders.ts';

let test: TestContext;
let ctx: Ctx;
let operator: StaffActor;
let posyandu: { id: string; villageCode: string };
let budi: string;
let siti: string;
const FAMILY = '3604051201150001';

beforeEach(async () => {
  test = await createTestContext({ clock: fixedClock('2026-11-23T02:00:00Z') });
  ctx = test.ctx;
  operator = await makeOperator(ctx);
  posyandu = await makePosyandu(ctx, operator);
  budi = (
    await makeChild(ctx, operator, posyandu.id, { nama: 'Budi', tanggal_lahir: '2025-05-10', no_kk: FAMILY })
  ).id;
  siti = (
    await makeChild(ctx, operator, posyandu.id, {
      nama: 'Siti',
      jenis_kelamin: '2',
      tanggal_lahir: '2024-11-01',
    })
  ).id;
});
afterEach(() => test.close());

const as = (actor: Parameters<typeof withActor>[1]) => withActor(ctx, actor);

describe('a posyandu session', () => {
  it('stores decimal-comma values with WHO z-scores and a weight-gain judgement against last month', async () => {
    const october = await saveSession(as(operator), posyandu.id, '2026-10-20', {
      [rowField('berat', budi)]: '10,0',
      [rowField('tinggi', budi)]: '79,5',
    });
    expect(october).toEqual({ saved: 1, held: {} });
    await saveSession(as(operator), posyandu.id, '2026-11-20', {
      [rowField('berat', budi)]: '10,5',
      [rowField('tinggi', budi)]: '80,6',
      [rowField('vita', budi)]: 'ya',
    });
    const child = await getChild(as(operator), budi);
    const november = child.measurements.at(-1);
    expect(november?.weightKg).toBe(10.5);
    expect(november?.heightCm).toBe(80.6);
    expect(november?.position).toBe('lying');
    expect(november?.weightGain).toBe('naik');
    expect(november?.vitaminA).toBe(true);
    expect(november?.haz).not.toBeNull();
    expect(child.charts.map((c) => c.indicator)).toEqual(['wfa', 'lhfa', 'wfl']);
    expect(child.charts[0]?.svg).toContain('<svg');
  });

  it('judges the following month again when an earlier month is corrected', async () => {
    const row = (kg: string) => ({ [rowField('berat', budi)]: kg, [rowField('tinggi', budi)]: '80' });
    await saveSession(as(operator), posyandu.id, '2026-10-20', row('10,0'));
    await saveSession(as(operator), posyandu.id, '2026-11-20', row('10,5'));
    expect((await getChild(as(operator), budi)).measurements.map((m) => m.weightGain)).toEqual([
      'baru',
      'naik',
    ]);
    await saveSession(as(operator), posyandu.id, '2026-10-20', row('10,6'));
    expect((await getChild(as(operator), budi)).measurements.map((m) => m.weightGain)).toEqual([
      'baru',
      'tidak_naik',
    ]);
  });

  it('holds back an implausible row, keeps the others, and stores it once confirmed', async () => {
    await saveSession(as(operator), posyandu.id, '2026-10-20', {
      [rowField('berat', siti)]: '10,2',
      [rowField('tinggi', siti)]: '84',
    });
    const form = {
      [rowField('berat', budi)]: '10,4',
      [rowField('tinggi', budi)]: '80',
      [rowField('berat', siti)]: '21,0',
      [rowField('tinggi', siti)]: '85',
    };
    const first = await saveSession(as(operator), posyandu.id, '2026-11-20', form);
    expect(first.saved).toBe(1);
    expect(Object.keys(first.held)).toEqual([rowField('cek', siti)]);
    expect(first.held[rowField('cek', siti)]).toMatch(/Siti/);
    const error = await caught(Promise.resolve().then(() => refuseHeldRows(first)));
    expect(error).toBeInstanceOf(Invalid);

    let sheet = await sessionSheet(as(operator), posyandu.id, '2026-11-20');
    expect(sheet.rows.find((r) => r.childId === budi)?.current?.weightKg).toBe(10.4);
    expect(sheet.rows.find((r) => r.childId === siti)?.current).toBeNull();

    const second = await saveSession(as(operator), posyandu.id, '2026-11-20', {
      ...form,
      [rowField('cek', siti)]: 'ya',
    });
    // Budi's row, stored the first time and sent again unchanged, is not written twice
    expect(second).toEqual({ saved: 1, held: {} });
    sheet = await sessionSheet(as(operator), posyandu.id, '2026-11-20');
    const stored = sheet.rows.find((r) => r.childId === siti)?.current;
    expect(stored?.weightKg).toBe(21);
    expect(stored?.confirmed).toBe(true);
    expect(stored?.flags).toContain('weight_jump');
    // the form drawn again with the stored values and sent unchanged writes nothing and holds nothing
    expect(await saveSession(as(operator), posyandu.id, '2026-11-20', form)).toEqual({ saved: 0, held: {} });
  });

  it('refuses a value that is not a number or out of range, beside its field', async () => {
    const outcome = await saveSession(as(operator), posyandu.id, '2026-11-20', {
      [rowField('berat', budi)]: '10,4,1',
      [rowField('tinggi', siti)]: '300',
    });
    expect(outcome.saved).toBe(0);
    expect(Object.keys(outcome.held).sort()).toEqual(
      [rowField('berat', budi), rowField('tinggi', siti)].sort(),
    );
  });

  it('lists the stunted child and the unmeasured child with what to do', async () => {
    await saveSession(as(operator), posyandu.id, '2026-11-20', {
      [rowField('berat', siti)]: '9,0',
      [rowField('tinggi', siti)]: '74,0',
      [rowField('posisi', siti)]: 'lying',
    });
    const { children } = await atRisk(as(operator));
    const sitiRow = children.find((c) => c.id === siti);
    expect(sitiRow?.reasons).toContain('stunted');
    expect(children.find((c) => c.id === budi)?.reasons).toEqual(['not_measured']);
  });
});

describe('who sees a child', () => {
  it('lets the posyandu’s kader record and read, and refuses a kader of another posyandu', async () => {
    const kader = await makeKader(ctx, posyandu);
    const other = await makePosyandu(ctx, operator, 'Mawar');
    const stranger = await makeKader(ctx, other);
    await saveSession(as(kader), posyandu.id, '2026-11-20', { [rowField('berat', budi)]: '10,4' });
    expect((await getChild(as(kader), budi)).measurements).toHaveLength(1);
    expect(await caught(getChild(as(stranger), budi))).toBeInstanceOf(Forbidden);
    expect(await caught(sessionSheet(as(stranger), posyandu.id, '2026-11-20'))).toBeInstanceOf(Forbidden);
    expect((await atRisk(as(stranger))).children.map((c) => c.id)).not.toContain(budi);
  });

  it('refuses another village’s operator, a camat and another agency, and lets Dinkes read', async () => {
    const kibin = await makeOperator(ctx, KIBIN);
    const camat = await makeStaff(ctx, { role: 'camat', scope: '36.04.05' });
    const dinsos = await makeStaff(ctx, { role: 'opd', scope: 'DINSOS' });
    const dinkes = await makeStaff(ctx, { role: 'opd', scope: 'DINKES' });
    for (const actor of [kibin, camat, dinsos])
      expect(await caught(getChild(as(actor), budi))).toBeInstanceOf(Forbidden);
    expect(await caught(atRisk(as(camat)))).toBeInstanceOf(Forbidden);
    expect(await caught(saveSession(as(kibin), posyandu.id, '2026-11-20', {}))).toBeInstanceOf(Forbidden);
    expect((await getChild(as(dinkes), budi)).name).toBe('Budi');
    expect(await caught(saveSession(as(dinkes), posyandu.id, '2026-11-20', {}))).toBeInstanceOf(Forbidden);
  });

  it('shows a parent only the children of their family card', async () => {
    const parent = parentActor(FAMILY);
    expect((await myChildren(as(parent))).map((c) => c.name)).toEqual(['Budi']);
    expect((await myChild(as(parent), budi)).name).toBe('Budi');
    expect(await caught(myChild(as(parent), siti))).toBeInstanceOf(Forbidden);
    expect(await caught(myChild(as(parentActor('3604059999990001')), budi))).toBeInstanceOf(Forbidden);
  });

  it('writes a read_personal audit line for every read of a child, a parent’s in their account too', async () => {
    const dinkes = await makeStaff(ctx, { role: 'opd', scope: 'DINKES' });
    const parent = parentActor(FAMILY);
    await getChild(as(dinkes), budi);
    await myChild(as(parent), budi);
    await caught(myChild(as(parent), siti));
    const rows = await ctx.db
      .selectFrom('audit_log')
      .select(['actor_kind', 'actor_id', 'entity_id', 'village_code', 'detail'])
      .where('action', '=', 'read_personal')
      .where('entity', '=', 'health_child')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.actor_kind, r.actor_id, r.entity_id, r.village_code])).toEqual([
      ['staff', dinkes.id, budi, posyandu.villageCode],
      ['resident', parent.id, budi, posyandu.villageCode],
    ]);
    expect(rows[1]?.detail).toMatchObject({ via: 'parent' });
  });
});

describe('children, mothers and pregnancies', () => {
  it('refuses to register a child older than five', async () => {
    const error = await caught(
      registerChild(as(operator), posyandu.id, {
        nama: 'Tua',
        jenis_kelamin: '1',
        tanggal_lahir: '2020-01-01',
      }),
    );
    expect((error as Invalid).fields.tanggal_lahir).toBeTruthy();
  });

  it('marks the KEK risk when LiLA is under 23.5 cm', async () => {
    const { id } = await registerPregnancy(as(operator), posyandu.id, { nama: 'Ibu Ani', hpl: '2027-03-01' });
    expect(
      (
        await addPregnancyCheck(as(operator), id, {
          tanggal: '2026-11-20',
          lila: '22,9',
          usia_kehamilan: '16',
          ttd: '30',
          kunjungan: '2',
        })
      ).kekRisk,
    ).toBe(true);
    expect((await addPregnancyCheck(as(operator), id, { tanggal: '2026-11-21', lila: '24' })).kekRisk).toBe(
      false,
    );
    const pregnancy = await getPregnancy(as(operator), id);
    expect(pregnancy.checks.map((c) => [c.lilaCm, c.kekRisk])).toEqual([
      [22.9, true],
      [24, false],
    ]);
  });
});

describe('work queue and personal data', () => {
  it('tells the kader how many children wait to be measured this month', async () => {
    const kader = await makeKader(ctx, posyandu);
    await saveSession(as(kader), posyandu.id, '2026-11-20', { [rowField('berat', budi)]: '10,4' });
    const queue = await healthWorkQueue(as(kader));
    expect(queue.map((q) => [q.kind, q.count])).toEqual([['health.unmeasured', 1]]);
    expect(await healthWorkQueue(as(await makeStaff(ctx, { role: 'camat', scope: '36.04.05' })))).toEqual([]);
  });

  it('exports a child’s record by NIK and anonymises it on erasure, keeping the measurements', async () => {
    const nik = '3604055005250001';
    const { id } = await registerChild(as(operator), posyandu.id, {
      nik,
      nama: 'Rina',
      jenis_kelamin: '2',
      tanggal_lahir: '2025-05-10',
    });
    await saveSession(as(operator), posyandu.id, '2026-11-20', { [rowField('berat', id)]: '9,1' });
    const exported = await healthPersonalData.export(ctx, nik);
    expect(JSON.stringify(exported?.data)).toContain('Rina');
    const erased = await healthPersonalData.erase(ctx, nik);
    expect(erased.anonymised).toEqual([{ what: 'health.personal.children', count: 1 }]);
    expect(erased.kept[0]?.count).toBe(1);
    expect(await healthPersonalData.export(ctx, nik)).toBeNull();
    const left = await ctx.db
      .selectFrom('health_measurements')
      .select('weight_kg')
      .where('child_id', '=', id)
      .execute();
    expect(left).toEqual([{ weight_kg: '9.10' }]);
  });
});
