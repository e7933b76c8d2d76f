import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, withActor } from '../../platform/context.ts';
import { buildTestApp, loginAs, makeStaff, type TestApp } from '../../testing.ts';
import { makeNik } from './nik.ts';
import { KRAMATWATU, makeResident } from './test-builders.ts';

let test: TestApp;

beforeEach(async () => {
  test = await buildTestApp({ clock: fixedClock('2026-11-23T02:00:00Z') });
});
afterEach(async () => {
  await test.close();
});

function stat(html: string, name: string): number {
  const match = new RegExp(`data-stat="${name}">([^<]+)<`).exec(html);
  return Number((match?.[1] ?? '').replace(/\D/g, ''));
}

describe('families and heads of family', () => {
  it('counts a family per KK number and heads by relation, the same on the statistics page, its CSV and the dashboard', async () => {
    const operator = await makeStaff(test.ctx, { role: 'operator_desa', scope: KRAMATWATU });
    const as = withActor(test.ctx, operator);
    // KK 1: a head and a child; KK 2: two residents both recorded as head (a data error); KK 3: no head
    await makeResident(as, KRAMATWATU, {
      nik: makeNik('360405', '1980-01-01', 1, 1),
      no_kk: '3604051201150001',
      kk_level: '1',
    });
    await makeResident(as, KRAMATWATU, {
      nik: makeNik('360405', '2010-01-01', 1, 2),
      no_kk: '3604051201150001',
      kk_level: '4',
    });
    await makeResident(as, KRAMATWATU, {
      nik: makeNik('360405', '1975-01-01', 1, 3),
      no_kk: '3604051201150002',
      kk_level: '1',
    });
    await makeResident(as, KRAMATWATU, {
      nik: makeNik('360405', '1978-01-01', 1, 4),
      no_kk: '3604051201150002',
      kk_level: '1',
    });
    await makeResident(as, KRAMATWATU, {
      nik: makeNik('360405', '2001-01-01', 1, 5),
      no_kk: '3604051201150003',
      kk_level: '4',
    });

    const visitor = await loginAs(test.app, operator);
    const page = (await visitor.get(`/kelola/penduduk/statistik?wilayah=${KRAMATWATU}`)).body;
    expect(stat(page, 'total')).toBe(5);
    expect(stat(page, 'families')).toBe(3);
    expect(stat(page, 'heads')).toBe(3);
    expect(page).toContain('Nomor KK yang dipegang sedikitnya satu penduduk hidup');
    expect(page).toContain('hubungannya dalam KK tercatat KEPALA KELUARGA');
    const csv = (await visitor.get(`/kelola/penduduk/statistik.csv?wilayah=${KRAMATWATU}`)).body;
    expect(csv).toContain('ringkasan,keluarga,,,3');
    const dashboard = (await visitor.get('/kelola')).body;
    expect(dashboard).toMatch(/data-figure="residents\.families"><strong[^>]*>3</);
  });

  it('says so beside the figures when the heads of family and the KK numbers do not match', async () => {
    const operator = await makeStaff(test.ctx, { role: 'operator_desa', scope: KRAMATWATU });
    const as = withActor(test.ctx, operator);
    await makeResident(as, KRAMATWATU, {
      nik: makeNik('360405', '1975-01-01', 1, 3),
      no_kk: '3604051201150002',
      kk_level: '1',
    });
    await makeResident(as, KRAMATWATU, {
      nik: makeNik('360405', '1978-01-01', 1, 4),
      no_kk: '3604051201150002',
      kk_level: '1',
    });
    const visitor = await loginAs(test.app, operator);
    const page = (await visitor.get(`/kelola/penduduk/statistik?wilayah=${KRAMATWATU}`)).body;
    expect(stat(page, 'families')).toBe(1);
    expect(stat(page, 'heads')).toBe(2);
    expect(page).toContain('Jumlah kepala keluarga (2) berbeda dari jumlah KK (1)');
  });
});
