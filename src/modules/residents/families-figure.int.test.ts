import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StaffActor } from '../../platform/auth/roles.ts';
import { fixedClock, withActor } from '../../platform/context.ts';
import { buildTestApp, loginAs, makeStaff, type TestApp } from '../../testing.ts';
import { makeNik } from './nik.ts';
import { KRAMATWATU, makeResident } from './test-builders.ts';

let test: TestApp;

beforeEach(async () => {
  test = await buildTestApp({ clock: fixedClock('2026-11-23T02:00:00Z') });
}, 180_000);
afterEach(async () => {
  await test?.close();
});

function stat(html: string, name: string): number {
  const match = new RegExp(`data-stat="${name}">([^<]+)<`).exec(html);
  return Number((match?.[1] ?? '').replace(/\D/g, ''));
}

/** A living man of Kramatwatu in the given KK, with the given relation (1 = KEPALA KELUARGA, 4 = ANAK). */
function person(operator: StaffActor, birthDate: string, serial: number, kk: string, relation: string) {
  return makeResident(withActor(test.ctx, operator), KRAMATWATU, {
    nik: makeNik('360405', birthDate, 1, serial),
    birthDate,
    no_kk: kk,
    kk_level: relation,
  });
}

describe('families and heads of family', () => {
  it('counts a family per KK number and heads by relation, the same on the statistics page, its CSV and the dashboard', async () => {
    const operator = await makeStaff(test.ctx, { role: 'operator_desa', scope: KRAMATWATU });
    // KK 1: a head and a child; KK 2: a head alone
    await person(operator, '1980-01-01', 1, '3604051201150001', '1');
    await person(operator, '2010-01-01', 2, '3604051201150001', '4');
    await person(operator, '1975-01-01', 3, '3604051201150002', '1');

    const visitor = await loginAs(test.app, operator);
    const page = (await visitor.get(`/kelola/penduduk/statistik?wilayah=${KRAMATWATU}`)).body;
    expect(stat(page, 'total')).toBe(3);
    expect(stat(page, 'families')).toBe(2);
    expect(stat(page, 'heads')).toBe(2);
    expect(page).not.toContain('data-stat="heads-differ"');
    expect(page).toContain('Nomor KK yang dipegang sedikitnya satu penduduk hidup');
    expect(page).toContain('hubungannya dalam KK tercatat KEPALA KELUARGA');
    const csv = (await visitor.get(`/kelola/penduduk/statistik.csv?wilayah=${KRAMATWATU}`)).body;
    expect(csv).toContain('ringkasan,keluarga,,,2');
    const dashboard = (await visitor.get('/kelola')).body;
    expect(dashboard).toMatch(/data-figure="residents\.families"><strong[^>]*>2</);
  });

  it('says so beside the figures when the heads of family and the KK numbers do not match', async () => {
    const operator = await makeStaff(test.ctx, { role: 'operator_desa', scope: KRAMATWATU });
    await person(operator, '1980-01-01', 1, '3604051201150001', '1');
    // a KK whose only member is recorded as a child: a family without a head
    await person(operator, '2001-01-01', 5, '3604051201150003', '4');
    const visitor = await loginAs(test.app, operator);
    const page = (await visitor.get(`/kelola/penduduk/statistik?wilayah=${KRAMATWATU}`)).body;
    expect(stat(page, 'families')).toBe(2);
    expect(stat(page, 'heads')).toBe(1);
    expect(page).toContain('Jumlah kepala keluarga (1) berbeda dari jumlah KK (2)');
  });
});
