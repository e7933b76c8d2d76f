import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffActor } from '../../platform/auth/roles.ts';
import { fixedClock } from '../../platform/context.ts';
import { buildTestApp, loginAs, type TestApp, type Visitor } from '../../testing.ts';
import { ageInDays, assessGrowth } from './growth/index.ts';
import { rowField } from './service.ts';
import { makeChild, makeKader, makeOperator, makePosyandu } from './test-builders.ts';

let test: TestApp;
let operator: StaffActor;
let office: Visitor;
let kader: Visitor;
let posyandu: { id: string; villageCode: string };
let child: string;

const sessionUrl = (day: string) => `/kelola/kesehatan/posyandu/${posyandu.id}/penimbangan?tanggal=${day}`;

beforeAll(async () => {
  test = await buildTestApp({ clock: fixedClock('2026-11-23T02:00:00Z') });
  operator = await makeOperator(test.ctx);
  posyandu = await makePosyandu(test.ctx, operator);
  child = (await makeChild(test.ctx, operator, posyandu.id, { nama: 'Citra', tanggal_lahir: '2025-05-01' }))
    .id;
  office = await loginAs(test.app, operator);
  kader = await loginAs(test.app, await makeKader(test.ctx, posyandu));
  // two monthly visits typed on the session form: October then November
  for (const [day, weight, height] of [
    ['2026-10-20', '9,0', '74,0'],
    ['2026-11-20', '9,3', '75,0'],
  ] as const) {
    const response = await kader.post(
      sessionUrl(day),
      { [rowField('berat', child)]: weight, [rowField('tinggi', child)]: height },
      { csrfFrom: sessionUrl(day) },
    );
    expect(response.statusCode).toBe(303);
  }
}, 240_000);
afterAll(() => test.close());

const measurements = () =>
  test.ctx.db
    .selectFrom('health_measurements')
    .select([
      'measured_on',
      'age_days',
      'weight_kg',
      'height_cm',
      'haz',
      'waz',
      'whz',
      'height_for_age',
      'weight_gain',
    ])
    .where('child_id', '=', child)
    .orderBy('measured_on')
    .execute();

const audits = (entity: string, id: string) =>
  test.ctx.db
    .selectFrom('audit_log')
    .select(['action', 'detail'])
    .where('entity', '=', entity)
    .where('entity_id', '=', id)
    .where('action', '=', 'update')
    .execute();

describe('editing a posyandu', () => {
  const url = () => `/kelola/kesehatan/posyandu/${posyandu.id}/ubah`;

  it('refuses a bad schedule day field by field and keeps what was typed', async () => {
    const page = await office.get(url());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="Melati"');
    const bad = await office.post(url(), { nama: '', dusun: 'Dusun II', jadwal: '40' }, { csrfFrom: url() });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('value="Dusun II"');
    expect(bad.body).toContain('id="error-jadwal"');
    expect(bad.body).toContain('Isi tanggal 1–31, atau kosongkan.');
    expect(bad.body).toContain('id="error-nama"');
  });

  it('saves name, dusun, schedule day, address and active, audited; a kader may not', async () => {
    const form = { nama: 'Melati Baru', dusun: 'Dusun III', jadwal: '12', alamat: 'Balai RW 02' };
    expect(
      (
        await kader.post(
          url(),
          { ...form, aktif: 'ya' },
          { csrfFrom: `/kelola/kesehatan/posyandu/${posyandu.id}` },
        )
      ).statusCode,
    ).toBe(403);
    const saved = await office.post(url(), form, { csrfFrom: url() });
    expect(saved.statusCode).toBe(303);
    const row = await test.ctx.db
      .selectFrom('health_posyandu')
      .selectAll()
      .where('id', '=', posyandu.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      name: 'Melati Baru',
      dusun: 'Dusun III',
      schedule_day: 12,
      address: 'Balai RW 02',
      active: false,
    });
    expect((await office.post(url(), { ...form, aktif: 'ya' }, { csrfFrom: url() })).statusCode).toBe(303);
    const after = await test.ctx.db
      .selectFrom('health_posyandu')
      .select('active')
      .where('id', '=', posyandu.id)
      .executeTakeFirstOrThrow();
    expect(after.active).toBe(true);
    const logged = await audits('health_posyandu', posyandu.id);
    expect(logged).toHaveLength(2);
    expect(JSON.stringify(logged[0]?.detail)).toContain('schedule_day');
  });
});

describe('editing a child', () => {
  const url = () => `/kelola/kesehatan/anak/${child}/ubah`;
  const form = {
    nama: 'Citra Ayu',
    jenis_kelamin: '1',
    tanggal_lahir: '2025-05-01',
    nik: '',
    no_kk: '',
    posyandu: '',
  };

  it('refuses a bad NIK, a birth date after the first visit and a posyandu of another village', async () => {
    const bad = await office.post(
      url(),
      {
        ...form,
        nik: '12345',
        tanggal_lahir: '2026-11-01',
        posyandu: '00000000-0000-4000-8000-000000000001',
      },
      { csrfFrom: url() },
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('id="error-nik"');
    expect(bad.body).toContain('sesudah penimbangan pertama');
    expect(bad.body).toContain('id="error-posyandu"');
    expect(bad.body).toContain('value="12345"');
  });

  it('re-judges every stored measurement when the birth date changes, and again when the sex changes', async () => {
    const before = await measurements();
    expect(before.map((m) => m.age_days)).toEqual([
      ageInDays('2025-05-01', '2026-10-20'),
      ageInDays('2025-05-01', '2026-11-20'),
    ]);
    const older = await office.post(url(), { ...form, tanggal_lahir: '2024-11-01' }, { csrfFrom: url() });
    expect(older.statusCode).toBe(303);
    const judged = await measurements();
    for (const m of judged) {
      const ageDays = ageInDays('2024-11-01', m.measured_on);
      const expected = assessGrowth({
        sex: 1,
        ageDays,
        weightKg: Number(m.weight_kg),
        heightCm: Number(m.height_cm),
        position: 'lying',
      });
      expect(m.age_days).toBe(ageDays);
      expect(Number(m.haz)).toBe(expected.haz);
      expect(Number(m.waz)).toBe(expected.waz);
      expect(m.height_for_age).toBe(expected.categories.heightForAge);
    }
    // six months older at the same length: shorter for age than before
    expect(Number(judged[1]?.haz)).toBeLessThan(Number(before[1]?.haz));
    expect(judged[1]?.weight_gain).toBe(before[1]?.weight_gain);

    const girl = await office.post(
      url(),
      { ...form, tanggal_lahir: '2024-11-01', jenis_kelamin: '2' },
      { csrfFrom: url() },
    );
    expect(girl.statusCode).toBe(303);
    const asGirl = await measurements();
    const expected = assessGrowth({
      sex: 2,
      ageDays: asGirl[1]?.age_days as number,
      weightKg: 9.3,
      heightCm: 75,
      position: 'lying',
    });
    expect(Number(asGirl[1]?.haz)).toBe(expected.haz);
    expect(Number(asGirl[1]?.haz)).not.toBe(Number(judged[1]?.haz));

    const row = await test.ctx.db
      .selectFrom('health_children')
      .selectAll()
      .where('id', '=', child)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Citra Ayu', sex: 2, birth_date: '2024-11-01' });
    const logged = await audits('health_child', child);
    expect(logged).toHaveLength(2);
    expect(JSON.stringify(logged[0]?.detail)).toContain('"rejudged":2');
  });

  it('a name-only change rewrites no measurement; a kader of another posyandu is refused', async () => {
    const stamp = await test.ctx.db
      .selectFrom('health_measurements')
      .select(['id', 'updated_at'])
      .where('child_id', '=', child)
      .execute();
    const renamed = await office.post(
      url(),
      { ...form, nama: 'Citra A.', tanggal_lahir: '2024-11-01', jenis_kelamin: '2' },
      { csrfFrom: url() },
    );
    expect(renamed.statusCode).toBe(303);
    const after = await test.ctx.db
      .selectFrom('health_measurements')
      .select(['id', 'updated_at'])
      .where('child_id', '=', child)
      .execute();
    expect(after).toEqual(stamp);
    const other = await makePosyandu(test.ctx, operator, 'Kenanga');
    const stranger = await loginAs(test.app, await makeKader(test.ctx, other));
    expect((await stranger.get(url())).statusCode).toBe(403);
  });

  it('pairs the child with a mother by NIK, keeps her on a plain save, and unpairs when both are emptied', async () => {
    const mother = () =>
      test.ctx.db
        .selectFrom('health_children as c')
        .leftJoin('health_mothers as m', 'm.id', 'c.mother_id')
        .select(['c.mother_id', 'm.name', 'm.nik'])
        .where('c.id', '=', child)
        .executeTakeFirstOrThrow();
    const base = { ...form, nama: 'Citra A.', tanggal_lahir: '2024-11-01', jenis_kelamin: '2' };
    const bad = await office.post(url(), { ...base, nama_ibu: 'Sri', nik_ibu: '3604' }, { csrfFrom: url() });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('id="error-nik_ibu"');
    expect(bad.body).toContain('value="Sri"');
    expect((await mother()).mother_id).toBeNull();

    const paired = { ...base, nama_ibu: 'Sri Wahyuni', nik_ibu: '3604054107950002' };
    expect((await office.post(url(), paired, { csrfFrom: url() })).statusCode).toBe(303);
    const first = await mother();
    expect(first).toMatchObject({ name: 'Sri Wahyuni', nik: '3604054107950002' });
    expect((await office.get(url())).body).toContain('value="3604054107950002"');
    expect((await office.post(url(), paired, { csrfFrom: url() })).statusCode).toBe(303);
    expect((await mother()).mother_id).toBe(first.mother_id);

    expect(
      (await office.post(url(), { ...base, nama_ibu: '', nik_ibu: '' }, { csrfFrom: url() })).statusCode,
    ).toBe(303);
    expect((await mother()).mother_id).toBeNull();
  });
});
