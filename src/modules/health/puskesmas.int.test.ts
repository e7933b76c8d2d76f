import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffActor } from '../../platform/auth/roles.ts';
import { fixedClock, withActor } from '../../platform/context.ts';
import {
  buildTestApp,
  loginAs,
  loginAsNewStaff,
  makeStaff,
  type TestApp,
  type Visitor,
} from '../../testing.ts';
import { listKecamatan, listVillages } from '../regions/service.ts';
import { A1, A2, B1, csvRows, insertKnown, KEC_A } from './figures-test-data.ts';
import { addPuskesmas, assignPuskesmasOfficer, assignVillages, seedPuskesmas } from './puskesmas.ts';
import { seedCode } from './puskesmas-repo.ts';

let test: TestApp;
let admin: StaffActor;
let officer: StaffActor;
let childOf: Record<string, string>;
const AREA = 'PTESTLINTAS';
const OTHER = 'PTESTLAIN';

/** One child id per village of the known data set (the first registered there). */
async function firstChildOf(village: string): Promise<string> {
  const row = await test.ctx.db
    .selectFrom('health_children')
    .select('id')
    .where('village_code', '=', village)
    .orderBy('name')
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  test = await buildTestApp({ clock: fixedClock('2026-03-14T22:00:00Z') });
  await insertKnown(test.ctx);
  admin = await makeStaff(test.ctx, { role: 'admin_kabupaten', scope: '36.04' });
  officer = await makeStaff(test.ctx, { role: 'opd', scope: 'DINKES', name: 'Bidan Puskesmas' });
  const asAdmin = withActor(test.ctx, admin);
  // an area across kecamatan lines: A1 (Kramatwatu) and B1 (Kibin)
  await addPuskesmas(asAdmin, { kode: AREA, nama: 'Puskesmas Lintas', kecamatan: KEC_A, aktif: 'ya' });
  await assignVillages(asAdmin, AREA, { desa: [A1, B1] });
  await addPuskesmas(asAdmin, { kode: OTHER, nama: 'Puskesmas Lain', kecamatan: KEC_A, aktif: 'ya' });
  await assignVillages(asAdmin, OTHER, { desa: [A2] });
  await assignPuskesmasOfficer(asAdmin, AREA, { email: officer.email });
  childOf = { [A1]: await firstChildOf(A1), [A2]: await firstChildOf(A2), [B1]: await firstChildOf(B1) };
}, 240_000);
afterAll(() => test.close());

async function asOfficer(): Promise<Visitor> {
  return loginAs(test.app, officer);
}

describe('an officer assigned to a puskesmas', () => {
  it("opens the children of the area's villages, in both kecamatan, and is refused another area's child", async () => {
    const visitor = await asOfficer();
    expect((await visitor.get(`/kelola/kesehatan/anak/${childOf[A1]}`)).statusCode).toBe(200);
    expect((await visitor.get(`/kelola/kesehatan/anak/${childOf[B1]}`)).statusCode).toBe(200);
    expect((await visitor.get(`/kelola/kesehatan/anak/${childOf[A2]}`)).statusCode).toBe(403);
    // an unassigned Dinkes officer keeps regency-wide reading
    const regency = await loginAsNewStaff(test, { role: 'opd', scope: 'DINKES' });
    expect((await regency.get(`/kelola/kesehatan/anak/${childOf[A2]}`)).statusCode).toBe(200);
  });

  it("lists only the area's children among those to visit", async () => {
    const page = await (await asOfficer()).get('/kelola/kesehatan/perlu-kunjungan?bulan=2026-03');
    expect(page.statusCode).toBe(200);
    const ids = [...page.body.matchAll(/\/kelola\/kesehatan\/anak\/([0-9a-f-]{36})/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(0);
    const shown = await test.ctx.db
      .selectFrom('health_children')
      .select('village_code')
      .distinct()
      .where('id', 'in', ids)
      .orderBy('village_code')
      .execute();
    expect(shown.map((r) => r.village_code)).toEqual([A1, B1]);
  });

  it("exports the area's month with as many rows as a direct count, naming the puskesmas, and is refused others", async () => {
    const visitor = await asOfficer();
    const csv = await visitor.get(`/kelola/kesehatan/ekspor.csv?puskesmas=${AREA}&bulan=2026-03`);
    expect(csv.statusCode).toBe(200);
    const rows = csvRows(csv.body);
    const direct = await test.ctx.db
      .selectFrom('health_measurements')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('measured_month', '=', '2026-03-01')
      .where('village_code', 'in', [A1, B1])
      .executeTakeFirstOrThrow();
    expect(rows.length - 1).toBe(Number(direct.n));
    const puskesmasColumn = rows[0]!.indexOf('Puskesmas');
    expect(new Set(rows.slice(1).map((r) => r[puskesmasColumn]))).toEqual(new Set(['Puskesmas Lintas']));
    expect(new Set(rows.slice(1).map((r) => r[rows[0]!.indexOf('Kode Desa')]))).toEqual(new Set([A1, B1]));

    expect(
      (await visitor.get(`/kelola/kesehatan/ekspor.csv?puskesmas=${OTHER}&bulan=2026-03`)).statusCode,
    ).toBe(403);
    expect((await visitor.get(`/kelola/kesehatan/ekspor?puskesmas=${OTHER}`)).statusCode).toBe(403);
    expect((await visitor.get(`/kelola/kesehatan/ekspor.csv?wilayah=${A2}&bulan=2026-03`)).statusCode).toBe(
      403,
    );
    expect(
      (await visitor.get(`/kelola/kesehatan/ekspor.csv?wilayah=${KEC_A}&bulan=2026-03`)).statusCode,
    ).toBe(403);
    expect((await visitor.get(`/kelola/kesehatan/ekspor.csv?wilayah=${A1}&bulan=2026-03`)).statusCode).toBe(
      200,
    );
    expect((await visitor.get('/kelola/kesehatan/ekspor.csv?puskesmas=PTIDAKADA')).statusCode).toBe(404);
    // with no area named, the officer's own puskesmas is the sheet's
    const own = await visitor.get('/kelola/kesehatan/ekspor');
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain(`puskesmas=${AREA}`);
    const audit = await test.ctx.db
      .selectFrom('audit_log')
      .select(['actor_id', 'entity_id'])
      .where('entity', '=', 'health_ppgbm_export')
      .where('entity_id', '=', `${AREA} 2026-03`)
      .execute();
    expect(audit).toEqual([{ actor_id: officer.id, entity_id: `${AREA} 2026-03` }]);
  });

  it('still reads the figures of every region (aggregates stay as they are)', async () => {
    const page = await (await asOfficer()).get(`/kelola/kesehatan/angka?wilayah=${KEC_A}&bulan=2026-03`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('3 dari 6 balita');
  });

  it('may not keep the puskesmas list; the village office and the camat neither', async () => {
    for (const actor of [
      officer,
      await makeStaff(test.ctx, { role: 'operator_desa', scope: A1 }),
      await makeStaff(test.ctx, { role: 'camat', scope: KEC_A }),
    ]) {
      const visitor = await loginAs(test.app, actor);
      expect((await visitor.get('/kelola/kesehatan/puskesmas')).statusCode).toBe(403);
    }
  });
});

describe('the puskesmas pages', () => {
  it('add a puskesmas, refuse bad fields with 422 in Indonesian keeping what was typed', async () => {
    const visitor = await loginAs(test.app, admin);
    const url = '/kelola/kesehatan/puskesmas';
    const bad = await visitor.post(url, { kode: 'p 1', nama: 'Puskesmas Baru', kecamatan: '36.04.99' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Isi kode 3–20 huruf besar atau angka.');
    expect(bad.body).toContain('Pilih kecamatan di kabupaten ini.');
    expect(bad.body).toContain('value="Puskesmas Baru"');
    const taken = await visitor.post(url, { kode: 'pbaru1', nama: 'Puskesmas Lintas', kecamatan: KEC_A });
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('Nama ini sudah dipakai puskesmas lain.');
    const good = await visitor.post(url, {
      kode: 'pbaru1',
      nama: 'Puskesmas Baru',
      kecamatan: KEC_A,
      aktif: 'ya',
    });
    expect(good.statusCode).toBe(303);
    expect(good.headers.location).toBe('/kelola/kesehatan/puskesmas/PBARU1');
    const list = await visitor.get(url);
    expect(list.body).toContain('Puskesmas Baru');
    const edit = await visitor.post('/kelola/kesehatan/puskesmas/PBARU1/ubah', {
      nama: '',
      kecamatan: KEC_A,
    });
    expect(edit.statusCode).toBe(422);
    expect(edit.body).toContain('Isi nama puskesmas.');
    const renamed = await visitor.post('/kelola/kesehatan/puskesmas/PBARU1/ubah', {
      nama: 'Puskesmas Baru Sekali',
      kecamatan: KEC_A,
    });
    expect(renamed.statusCode).toBe(303);
    const audits = await test.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('entity', '=', 'health_puskesmas')
      .where('entity_id', '=', 'PBARU1')
      .orderBy('id')
      .execute();
    expect(audits.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audits[1]!.detail).toMatchObject({
      name: { was: 'Puskesmas Baru', now: 'Puskesmas Baru Sekali' },
      active: { was: true, now: false },
    });
  });

  it('refuses a village of another area by name (422) and leaves both areas as they were', async () => {
    const visitor = await loginAs(test.app, admin);
    const refused = await visitor.post(`/kelola/kesehatan/puskesmas/${OTHER}/desa`, { desa: A1 });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Desa ini sudah masuk wilayah puskesmas lain');
    expect(refused.body).toContain('Puskesmas Lintas');
    const areas = await test.ctx.db
      .selectFrom('health_puskesmas_villages')
      .select(['village_code', 'puskesmas_code'])
      .where('puskesmas_code', 'in', [AREA, OTHER])
      .orderBy('village_code')
      .execute();
    expect(areas).toEqual([
      { village_code: A1, puskesmas_code: AREA },
      { village_code: A2, puskesmas_code: OTHER },
      { village_code: B1, puskesmas_code: AREA },
    ]);
    const unknown = await visitor.post(`/kelola/kesehatan/puskesmas/${OTHER}/desa`, {
      desa: '36.04.05.9999',
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('Desa tidak dikenal: 36.04.05.9999.');
    const noOfficer = await visitor.post(`/kelola/kesehatan/puskesmas/${OTHER}/petugas`, {
      email: admin.email,
    });
    expect(noOfficer.statusCode).toBe(422);
    expect(noOfficer.body).toContain('Tidak ada akun petugas Dinkes dengan e-mail ini.');
  });

  it('lets the admin unassign the officer, who then reads the regency again', async () => {
    const another = await makeStaff(test.ctx, { role: 'opd', scope: 'DINKES' });
    const asAdmin = withActor(test.ctx, admin);
    await assignPuskesmasOfficer(asAdmin, OTHER, { email: another.email });
    const visitor = await loginAs(test.app, another);
    expect((await visitor.get(`/kelola/kesehatan/anak/${childOf[A1]}`)).statusCode).toBe(403);
    const keeper = await loginAs(test.app, admin);
    const page = await keeper.get(`/kelola/kesehatan/puskesmas/${OTHER}`);
    expect(page.body).toContain(another.email);
    const done = await keeper.post(`/kelola/kesehatan/puskesmas/${OTHER}/petugas/lepas`, {
      petugas: another.id,
    });
    expect(done.statusCode).toBe(303);
    expect((await visitor.get(`/kelola/kesehatan/anak/${childOf[A1]}`)).statusCode).toBe(200);
  });

  it('seeds one puskesmas per kecamatan holding its villages, once, leaving assigned villages alone', async () => {
    const created = await seedPuskesmas(test.ctx);
    const kecamatan = await listKecamatan(test.ctx);
    expect(created).toBe(kecamatan.length);
    expect(await seedPuskesmas(test.ctx)).toBe(0);
    const villages = await listVillages(test.ctx);
    const areas = await test.ctx.db.selectFrom('health_puskesmas_villages').selectAll().execute();
    expect(areas).toHaveLength(villages.length);
    const of = new Map(areas.map((a) => [a.village_code, a.puskesmas_code]));
    expect(of.get(A1)).toBe(AREA);
    const free = villages.find((v) => ![A1, A2, B1].includes(v.code))!;
    expect(of.get(free.code)).toBe(seedCode(free.kecamatanCode));
  });
});
