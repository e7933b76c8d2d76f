import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResidentActor } from '../../platform/auth/roles.ts';
import { fixedClock, withActor } from '../../platform/context.ts';
import { buildTestApp, loginAs, loginResident, type TestApp, Visitor } from '../../testing.ts';
import { prepareServices } from '../services/test-builders.ts';
import { addBeneficiary } from './registry.ts';
import { aidStaff, KRAMATWATU, makeApplicant, programmeId } from './test-builders.ts';

let test: TestApp;
let staff: Awaited<ReturnType<typeof aidStaff>>;
let siti: ResidentActor;

beforeEach(async () => {
  test = await buildTestApp({ clock: fixedClock('2026-11-23T02:00:00Z') });
  await prepareServices(test.ctx);
  staff = await aidStaff(test.ctx);
  siti = await makeApplicant(test.ctx, staff.operator);
});
afterEach(() => test.close());

describe('the aid pages', () => {
  it('take a resident from the catalog to the aid application, with field errors and then its status', async () => {
    const catalog = await new Visitor(test.app).get('/layanan/permohonan-bantuan-sosial');
    expect(catalog.body).toContain('href="/akun/bansos/baru"');
    const engine = await new Visitor(test.app).get('/layanan/permohonan-bantuan-sosial/ajukan');
    expect(engine.statusCode).toBe(303);
    expect(engine.headers.location).toBe('/akun/bansos/baru');

    const resident = await loginResident(test, siti, staff.operator);
    const empty = await resident.post('/akun/bansos/baru', {}, { csrfFrom: '/akun/bansos/baru' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Pilih program bantuan.');
    expect(empty.body).toContain('Jelaskan keadaan keluarga Anda.');
    const filed = await resident.post(
      '/akun/bansos/baru',
      { program: await programmeId(test.ctx, 'PKH'), alasan: 'Tidak bekerja.' },
      { csrfFrom: '/akun/bansos/baru' },
    );
    expect(filed.statusCode).toBe(303);
    const page = await resident.get(String(filed.headers.location));
    expect(page.body).toContain('Diajukan');
    expect(page.body).toContain('Menunggu verifikasi dan musyawarah desa');

    const id = String(filed.headers.location).split('/').at(-1);
    const operator = await loginAs(test.app, staff.operator);
    const returned = await operator.post(
      `/kelola/bansos/usulan/${id}/kembalikan`,
      {},
      { csrfFrom: `/kelola/bansos/usulan/${id}` },
    );
    expect(returned.statusCode).toBe(422);
    expect(returned.body).toContain('Tuliskan apa yang perlu diperbaiki pemohon.');
    const dinsos = await loginAs(test.app, staff.dinsos);
    expect((await dinsos.get(`/kelola/bansos/usulan/${id}`)).body).toContain(siti.nik);
    const dpupr = await loginAs(test.app, staff.dpupr);
    expect((await dpupr.get(`/kelola/bansos/usulan/${id}`)).statusCode).toBe(403);
  });

  it('publish the village’s BLT-DD list without a NIK or a full name', async () => {
    await addBeneficiary(withActor(test.ctx, staff.operator), KRAMATWATU, {
      program: await programmeId(test.ctx, 'BLT-DD'),
      periode: '2026',
      nik: siti.nik,
    });
    const page = await new Visitor(test.app).get(`/desa/${KRAMATWATU}/blt-dd`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('SIT* AMI***');
    expect(page.body).not.toContain(siti.nik);
    expect(page.body.toUpperCase()).not.toContain('AMINAH');
  });
});
