import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Ctx, fixedClock, withActor } from '../../platform/context.ts';
import { SEARCH_CAP, search, upsertSearchDocuments } from '../../platform/search/service.ts';
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

/** Imports generated residents of Kramatwatu through the import (which also indexes them). */
async function importGenerated(count: number, seed: number) {
  const { file, rows } = generatedCsv([KRAMATWATU], count, seed);
  await importResidents(operator, {
    path: file,
    fileName: 'penduduk.csv',
    regionCode: KRAMATWATU,
    mode: 'valid_rows',
    errorFile: null,
  });
  return rows;
}

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
    const rows = await importGenerated(40, 5);
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

  it("page the list's name search the same way with and without other filters", async () => {
    await importGenerated(120, 9);
    // a name search alone is paged inside the search index; with a filter that keeps everyone
    // (every generated resident is alive) it is paged in the registry: both give the same pages
    const pages = async (status?: string) => {
      const out: Array<{ total: number; people: string[] }> = [];
      for (const page of [1, 2, 3, 4]) {
        const found = await listResidents(operator, { villageCode: KRAMATWATU, search: 'a', page, status });
        out.push({ total: found.total, people: found.residents.map((r) => `${r.name} ${r.nik}`) });
      }
      return out;
    };
    const alone = await pages();
    expect(alone[0]!.total).toBeGreaterThan(100);
    expect(alone[0]!.people).toHaveLength(50);
    expect(alone[3]!.people).toEqual([]);
    expect(alone[3]!.total).toBe(alone[0]!.total);
    expect(alone).toEqual(await pages('hidup'));
  });

  it('put the closest name first in a village where more names match than are counted', async () => {
    const doc = (refId: string, title: string) => ({
      module: 'residents',
      kind: 'resident',
      refId,
      villageCode: KRAMATWATU,
      visibility: 'personal' as const,
      title,
      url: `/kelola/penduduk/${refId}`,
    });
    const near = Array.from({ length: 600 }, (_, i) => doc(`near-${i}`, `ABDUL JAEL ${i}`));
    const far = Array.from({ length: 500 }, (_, i) => doc(`far-${i}`, `ABDUL JONI ${i}`));
    // written last, so it is not among the first SEARCH_CAP + 1 matches the index hands over
    await upsertSearchDocuments(ctx, [...near, ...far, doc('exact', 'ABDUL JAELANI')]);
    const result = await search(operator, { term: 'abdul jaelani' });
    expect(result.hits[0]?.title).toBe('ABDUL JAELANI');
    expect(result.hits.slice(1).every((h) => h.title.startsWith('ABDUL JAEL '))).toBe(true);
    expect(result.total).toBe(SEARCH_CAP);
    expect(result.more).toBe(true);
  });

  it('leave no pending GIN entries for searches to read after a reindex', async () => {
    await importGenerated(60, 4);
    await residentSearch.reindex(ctx, KRAMATWATU);
    const pending = await sql<{ pages: number }>`
      SELECT gin_clean_pending_list('search_documents_village_title'::regclass)::int AS pages`.execute(
      ctx.db,
    );
    expect(pending.rows[0]?.pages).toBe(0);
    const options = await sql<{ relname: string; reloptions: string[] | null }>`
      SELECT relname, reloptions FROM pg_class WHERE relname LIKE 'search_documents_%' AND relam =
        (SELECT oid FROM pg_am WHERE amname = 'gin') ORDER BY relname`.execute(ctx.db);
    expect(options.rows.length).toBe(6);
    for (const row of options.rows) expect(row.reloptions).toContain('gin_pending_list_limit=64');
  });
});
