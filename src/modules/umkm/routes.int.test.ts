import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffActor } from '../../platform/auth/roles.ts';
import { fixedClock } from '../../platform/context.ts';
import { buildTestApp, loginAs, loginResident, type TestApp, Visitor } from '../../testing.ts';
import { enterpriseForm, KRAMATWATU, makeEnterprise, makeOperator, makeOwner } from './test-builders.ts';

let test: TestApp;
let operator: StaffActor;
let owner: Awaited<ReturnType<typeof makeOwner>>;

beforeAll(async () => {
  test = await buildTestApp({ clock: fixedClock('2026-11-23T02:00:00Z') });
  operator = await makeOperator(test.ctx);
  owner = await makeOwner(test.ctx, operator);
});
afterAll(() => test.close());

describe('the UMKM pages', () => {
  it('draw the office form again with Indonesian messages beside the fields, keeping what was typed', async () => {
    const office = await loginAs(test.app, operator);
    const sent = await office.post(
      '/kelola/umkm/baru',
      { ...enterpriseForm({ kbli: '47111' }), nik_pemilik: owner.nik },
      { csrfFrom: '/kelola/umkm/baru' },
    );
    expect(sent.statusCode).toBe(422);
    expect(sent.body).toContain('Kode KBLI ini bukan dari sektor C.');
    expect(sent.body).toContain('Emping Melinjo Bu Siti');
  });

  it('take a resident’s registration to the office, and once confirmed onto the showcase with a wa.me link and no NIK', async () => {
    const resident = await loginResident(test, owner, operator);
    const sent = await resident.post(
      '/akun/usaha/baru',
      enterpriseForm({ nama: 'Kopi Bu Siti', kbli: '10761' }),
      { csrfFrom: '/akun/usaha/baru' },
    );
    expect(sent.statusCode).toBe(303);
    expect((await resident.get('/akun/usaha')).body).toContain('Menunggu pemeriksaan');
    const row = await test.ctx.db
      .selectFrom('umkm_enterprises')
      .select('id')
      .where('name', '=', 'Kopi Bu Siti')
      .executeTakeFirstOrThrow();
    expect((await new Visitor(test.app).get(`/desa/${KRAMATWATU}/umkm`)).body).not.toContain('Kopi Bu Siti');
    const office = await loginAs(test.app, operator);
    const confirmed = await office.post(
      `/kelola/umkm/${row.id}/terima`,
      {},
      { csrfFrom: `/kelola/umkm/${row.id}` },
    );
    expect(confirmed.statusCode).toBe(303);
    const page = (await new Visitor(test.app).get(`/desa/${KRAMATWATU}/umkm`)).body;
    expect(page).toContain('Kopi Bu Siti');
    expect(page).toContain('https://wa.me/6281234567890');
    expect(page).not.toContain(owner.nik);
    expect(page).not.toContain('Kp. Krajan RT 002/001');
    expect((await new Visitor(test.app).get('/umkm?q=kopi')).body).toContain('Kopi Bu Siti');
  });

  it('export as many rows as a direct count of the village, and the "tanpa NIB" list as many as lack one', async () => {
    await makeEnterprise(test.ctx, operator, owner, { nama: 'Ber NIB', nib: '9120301234567' });
    await makeEnterprise(test.ctx, operator, owner, { nama: 'Tanpa NIB' });
    const office = await loginAs(test.app, operator);
    const lines = async (url: string) =>
      (await office.get(url)).body
        .replace(/^\ufeff/, '')
        .split(/\r?\n/)
        .filter(Boolean).length - 1;
    const direct = await sql<{ all: string; without: string }>`
      SELECT count(*) AS all, count(*) FILTER (WHERE nib IS NULL AND status = 'terdaftar') AS without
      FROM umkm_enterprises WHERE village_code = ${KRAMATWATU}`.execute(test.ctx.db);
    expect(await lines('/kelola/umkm/ekspor.csv')).toBe(Number(direct.rows[0]?.all));
    expect(await lines('/kelola/umkm/ekspor.csv?tanpa_nib=1&status=terdaftar')).toBe(
      Number(direct.rows[0]?.without),
    );
    const figures = await office.get(`/kelola/umkm/angka.csv?wilayah=${KRAMATWATU}`);
    expect(figures.statusCode).toBe(200);
    expect(figures.body).toContain('C — Industri Pengolahan');
  });
});
