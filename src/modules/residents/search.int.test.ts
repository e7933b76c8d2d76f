import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Ctx, fixedClock, withActor } from '../../platform/context.ts';
import { search } from '../../platform/search/service.ts';
import { createTestContext, makeStaff, type TestContext } from '../../testing.ts';
import { makeNik } from './nik.ts';
import { residentSearch } from './search.ts';
import { importResidents, listResidents, recordDeparture, updateResident } from './service.ts';
import { generatedCsv, KIBIN, KRAMATWATU, makeResident, residentForm } from './test-builders.ts';

let test: TestContext;
let ctx: Ctx;
let operator: Ctx;

beforeEach(async () => {
  test = await createTestContext({ clock: fixedClock('2026-11-23T02:00:00Z') });
  ctx = test.ctx;
  operator = withActor(ctx, await makeStaff(ctx, { role: 'operator_desa', scope: KRAMATWATU }));
});
afterEach(async () => {
  await test.close();
});

const titles = async (asCtx: Ctx, term: string) => (await search(asCtx, { term })).hits.map((h) => h.title);

describe('residents in the search index', () => {
  it('are found by a misspelt name as soon as they are recorded, and follow a correction', async () => {
    const { id } = await makeResident(operator, KRAMATWATU, { nama: 'Abdul Jaelani' });
    expect(await titles(operator, 'abdull jailani')).toEqual(['ABDUL JAELANI']);
    await updateResident(operator, id, residentForm({ nama: 'Abdul Jaelani Saputra' }));
    expect(await titles(operator, 'abdul jaelani saputra')).toEqual(['ABDUL JAELANI SAPUTRA']);
    await recordDeparture(operator, id, 'mati', { date: '2026-11-20', place: 'Serang', cause: 'sakit' });
    expect((await search(operator, { term: 'abdul jaelani' })).hits[0]?.body).toContain('mati');
  });

  it('stay within the scope: another village finds nothing, an agency nothing, a visitor nothing', async () => {
    await makeResident(operator, KRAMATWATU, {
      nama: 'Siti Nurhaliza',
      sex: 2,
      birthDate: '1992-06-05',
      nik: makeNik('360405', '1992-06-05', 2, 7),
    });
    const kibin = withActor(ctx, await makeStaff(ctx, { role: 'operator_desa', scope: KIBIN }));
    const opd = withActor(ctx, await makeStaff(ctx, { role: 'opd', scope: 'DINSOS' }));
    expect(await titles(operator, 'siti nurhalisa')).toEqual(['SITI NURHALIZA']);
    expect(await titles(kibin, 'siti nurhalisa')).toEqual([]);
    expect(await titles(opd, 'siti nurhalisa')).toEqual([]);
    expect(await titles(withActor(ctx, null), 'siti nurhalisa')).toEqual([]);
  });

  it('are written for a whole village by an import and rebuilt by reindex', async () => {
    const { file, rows } = generatedCsv([KRAMATWATU], 40, 5);
    await importResidents(operator, {
      path: file,
      fileName: 'penduduk.csv',
      regionCode: KRAMATWATU,
      mode: 'valid_rows',
      errorFile: null,
    });
    const count = async () =>
      Number(
        (
          await ctx.db
            .selectFrom('search_documents')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('module', '=', 'residents')
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count()).toBe(40);
    await ctx.db.deleteFrom('search_documents').execute();
    expect(await residentSearch.reindex(ctx, KRAMATWATU)).toBe(40);
    expect(await count()).toBe(40);
    const someone = rows[7]!;
    expect(await titles(operator, someone.name)).toContain(someone.name);
    // the list's own name search goes through the same index and agrees with it
    const listed = await listResidents(operator, { villageCode: KRAMATWATU, search: someone.name });
    expect(listed.residents.map((r) => r.name)).toContain(someone.name);
    expect(listed.total).toBe(listed.residents.length);
  });
});
