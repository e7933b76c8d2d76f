import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Ctx, fixedClock, withActor } from '../../platform/context.ts';
import { createTestContext, makeStaff, type TestContext } from '../../testing.ts';
import { generateResidents, villagesOf } from './generator.ts';
import type { ResidentRecord } from './model.ts';
import { makeNik } from './nik.ts';
import { csvLine, EXPORT_COLUMNS, exportRow } from './opensid.ts';
import { createResident, type ResidentForm } from './service.ts';

export const KRAMATWATU = '36.04.05.2001';
export const MARGASANA = '36.04.05.2002';
export const KIBIN = '36.04.16.2001';

/**
 * What the registry's tests start from: a fresh database whose clock stands at Monday 23 November
 * 2026, 09:00 in Serang, and the context of an operator of Kramatwatu.
 */
export async function openRegistry(): Promise<{ test: TestContext; ctx: Ctx; operator: Ctx }> {
  const test = await createTestContext({ clock: fixedClock('2026-11-23T02:00:00Z') });
  const staff = await makeStaff(test.ctx, { role: 'operator_desa', scope: KRAMATWATU });
  return { test, ctx: test.ctx, operator: withActor(test.ctx, staff) };
}

/** Form values for one person (OpenSID column names); override what the test is about. */
export function residentForm(overrides: Record<string, string | number | undefined> = {}): ResidentForm {
  const birthDate = String(overrides.birthDate ?? '1990-04-12');
  const sex = overrides.sex === 2 ? 2 : 1;
  const { birthDate: _b, sex: _s, ...rest } = overrides;
  return {
    nama: 'Budi Santoso',
    nik: makeNik('360405', birthDate, sex, 1),
    no_kk: '3604051201150001',
    kk_level: '1',
    sex: String(sex),
    tempatlahir: 'Serang',
    tanggallahir: birthDate,
    agama_id: '1',
    pendidikan_kk_id: '5',
    pekerjaan_id: '15',
    status_kawin: '2',
    warganegara_id: '1',
    dusun: 'KRAJAN',
    rw: '001',
    rt: '002',
    alamat: 'KP. KRAJAN',
    ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v === undefined ? undefined : String(v)])),
  };
}

export async function makeResident(
  ctx: Ctx,
  village: string,
  overrides: Parameters<typeof residentForm>[0] = {},
) {
  return createResident(ctx, village, residentForm(overrides), { kind: 'pendataan' });
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-res-'));
}

/** Writes generated residents of the given villages as an OpenSID-format CSV; returns path and rows. */
export function generatedCsv(
  villageCodes: string[],
  count: number,
  seed = 3,
): { file: string; rows: ResidentRecord[] } {
  const rows = [
    ...generateResidents({ count, villages: villagesOf('36.04', villageCodes), seed, today: '2026-11-22' }),
  ];
  const file = path.join(tempDir(), 'penduduk.csv');
  fs.writeFileSync(file, [csvLine(EXPORT_COLUMNS), ...rows.map((r) => csvLine(exportRow(r)))].join(''));
  return { file, rows };
}
