import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Ctx, withActor } from '../../platform/context.ts';
import { Forbidden, Invalid } from '../../platform/http/errors.ts';
import { makeStaff, type TestContext } from '../../testing.ts';
import { makeNik } from './nik.ts';
import {
  createResident,
  getFamily,
  getResident,
  getStatistics,
  listResidents,
  recordDeparture,
  residentHistory,
  updateResident,
} from './service.ts';
import { KRAMATWATU, MARGASANA, makeResident, openRegistry, residentForm } from './test-builders.ts';

let test: TestContext;
let ctx: Ctx;
let operator: Ctx;
beforeEach(async () => {
  ({ test, ctx, operator } = await openRegistry());
});
afterEach(() => test.close());

async function invalidFields(promise: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Invalid) return error.fields;
    throw error;
  }
  throw new Error('expected Invalid');
}

describe('keeping the registry', () => {
  it('refuses a NIK whose date digits differ from the birth date, naming the NIK field', async () => {
    const fields = await invalidFields(
      makeResident(operator, KRAMATWATU, {
        nik: makeNik('360405', '1990-04-13', 1, 1),
        birthDate: '1990-04-12',
      }),
    );
    expect(fields.nik).toContain('tidak sama dengan tanggal lahir 12-04-1990');
  });

  it('refuses a second person with the same NIK', async () => {
    await makeResident(operator, KRAMATWATU);
    const fields = await invalidFields(makeResident(operator, KRAMATWATU, { nama: 'Orang Lain' }));
    expect(fields.nik).toContain('sudah terdaftar atas nama BUDI SANTOSO');
  });

  it('saves a newcomer whose NIK was issued elsewhere with a warning, not a refusal', async () => {
    const saved = await makeResident(operator, KRAMATWATU, { nik: makeNik('367101', '1990-04-12', 1, 7) });
    expect(saved.warning).toContain('36.71.01');
  });

  it('records a birth on an existing family card as an event and the baby appears in the pyramid', async () => {
    const father = await makeResident(operator, KRAMATWATU);
    await makeResident(operator, KRAMATWATU, {
      nama: 'Siti Aminah',
      sex: 2,
      birthDate: '1993-07-01',
      kk_level: '3',
      nik: makeNik('360405', '1993-07-01', 2, 1),
    });
    const before = await getStatistics(operator, KRAMATWATU);
    expect(before.pyramid[0]!.female).toBe(0);
    const baby = await createResident(
      operator,
      KRAMATWATU,
      residentForm({
        nama: 'Nayla Putri',
        sex: 2,
        birthDate: '2026-11-20',
        kk_level: '4',
        status_kawin: '1',
        nik: makeNik('360405', '2026-11-20', 2, 1),
      }),
      { kind: 'lahir' },
    );
    const after = await getStatistics(operator, KRAMATWATU);
    expect(after.pyramid[0]!.female).toBe(1);
    expect(after.total).toBe(3);
    const history = await residentHistory(operator, await getResident(operator, baby.id));
    expect(history).toEqual([expect.objectContaining({ kind: 'lahir', date: '2026-11-20' })]);
    const family = await getFamily(operator, '3604051201150001');
    expect(family.headId).toBe(father.id);
    expect(family.members.map((m) => m.name)).toEqual(['BUDI SANTOSO', 'SITI AMINAH', 'NAYLA PUTRI']);
  });

  it('refuses a birth on a family card that does not exist', async () => {
    const fields = await invalidFields(
      createResident(
        operator,
        KRAMATWATU,
        residentForm({
          birthDate: '2026-11-01',
          no_kk: '3604052210210009',
          nik: makeNik('360405', '2026-11-01', 1, 1),
        }),
        { kind: 'lahir' },
      ),
    );
    expect(fields.no_kk).toContain('KK yang sudah ada');
  });

  it('records a death as a status and an event, keeps the person, and takes them out of the figures', async () => {
    const saved = await makeResident(operator, KRAMATWATU);
    expect((await getStatistics(operator, KRAMATWATU)).total).toBe(1);
    await recordDeparture(operator, saved.id, 'mati', {
      date: '2026-11-21',
      place: 'RSUD Serang',
      cause: 'sakit',
    });
    const person = await getResident(operator, saved.id);
    expect(person.status).toBe('mati');
    expect((await getStatistics(operator, KRAMATWATU)).total).toBe(0);
    const history = await residentHistory(operator, person);
    expect(history[0]).toMatchObject({ kind: 'mati', date: '2026-11-21', detail: { place: 'RSUD Serang' } });
    const fields = await invalidFields(
      recordDeparture(operator, saved.id, 'pindah_keluar', { date: '2026-11-22', destination: 'Cilegon' }),
    );
    expect(fields.date).toContain('sudah berstatus mati');
  });

  it('requires a destination and a date not in the future to record a move', async () => {
    const saved = await makeResident(operator, KRAMATWATU);
    const fields = await invalidFields(
      recordDeparture(operator, saved.id, 'pindah_keluar', { date: '2026-12-30', destination: '' }),
    );
    expect(fields).toEqual({
      date: 'Tanggal tidak boleh setelah hari ini.',
      destination: 'Alamat tujuan pindah wajib diisi.',
    });
  });

  it('keeps the previous values of a correction as an event', async () => {
    const saved = await makeResident(operator, KRAMATWATU);
    await updateResident(operator, saved.id, residentForm({ pekerjaan_id: '88', rt: '5' }));
    const person = await getResident(operator, saved.id);
    expect(person.occupationCode).toBe(88);
    expect(person.rt).toBe('005');
    const [event] = await residentHistory(operator, person);
    expect(event).toMatchObject({
      kind: 'ubah',
      detail: { changes: { occupationCode: { from: 15, to: 88 }, rt: { from: '002', to: '005' } } },
    });
  });
});

describe('finding people', () => {
  it('finds a misspelled name and filters by RT, sex, age group and status', async () => {
    await makeResident(operator, KRAMATWATU, {
      nama: 'Siti Nurhaliza',
      sex: 2,
      birthDate: '1985-02-02',
      nik: makeNik('360405', '1985-02-02', 2, 1),
    });
    await makeResident(operator, KRAMATWATU, {
      nama: 'Ahmad Hidayat',
      rt: '007',
      birthDate: '2024-03-03',
      nik: makeNik('360405', '2024-03-03', 1, 1),
    });
    const found = await listResidents(operator, { villageCode: KRAMATWATU, search: 'siti nurhalisa' });
    expect(found.residents.map((r) => r.name)).toEqual(['SITI NURHALIZA']);
    expect(
      (await listResidents(operator, { villageCode: KRAMATWATU, search: 'hidayatt ahmad' })).residents.map(
        (r) => r.name,
      ),
    ).toEqual(['AHMAD HIDAYAT']);
    expect((await listResidents(operator, { villageCode: KRAMATWATU, rt: '007' })).total).toBe(1);
    expect((await listResidents(operator, { villageCode: KRAMATWATU, sex: '2' })).total).toBe(1);
    expect(
      (await listResidents(operator, { villageCode: KRAMATWATU, age: 'balita' })).residents.map(
        (r) => r.name,
      ),
    ).toEqual(['AHMAD HIDAYAT']);
    expect((await listResidents(operator, { villageCode: KRAMATWATU, status: 'mati' })).total).toBe(0);
  });

  it('masks NIK and No. KK for the camat, refuses another village and agencies, and audits every read', async () => {
    const saved = await makeResident(operator, KRAMATWATU);
    const camat = withActor(ctx, await makeStaff(ctx, { role: 'camat', scope: '36.04.05' }));
    const seen = await listResidents(camat, { villageCode: KRAMATWATU });
    expect(seen.residents[0]!.nik).toMatch(/^3604•{8}\d{4}$/);
    expect(seen.residents[0]!.familyNumber).toMatch(/^3604•{8}\d{4}$/);
    const other = withActor(ctx, await makeStaff(ctx, { role: 'operator_desa', scope: MARGASANA }));
    await expect(listResidents(other, { villageCode: KRAMATWATU })).rejects.toBeInstanceOf(Forbidden);
    await expect(getFamily(other, '3604051201150001')).rejects.toBeInstanceOf(Forbidden);
    const opd = withActor(ctx, await makeStaff(ctx, { role: 'opd', scope: 'DINSOS' }));
    await expect(listResidents(opd, { villageCode: KRAMATWATU })).rejects.toBeInstanceOf(Forbidden);
    expect((await getStatistics(opd, '36.04')).total).toBe(1);
    await getResident(operator, saved.id);
    const audit = await sql<{ entity: string; n: number }>`
      SELECT entity, count(*)::int AS n FROM audit_log WHERE action = 'read_personal' GROUP BY entity ORDER BY entity`.execute(
      ctx.db,
    );
    expect(audit.rows).toEqual([
      { entity: 'resident', n: 1 },
      { entity: 'resident_list', n: 1 },
    ]);
  });
});
