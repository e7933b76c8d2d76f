import { beforeAll, describe, expect, it } from 'vitest';
import { type Ctx, withActor } from '../platform/context.ts';
import {
  removeSearchDocuments,
  type SearchDocument,
  search,
  upsertSearchDocuments,
} from '../platform/search/service.ts';
import { allTests, createTestContext, makeStaff } from '../testing.ts';

const VILLAGE_A = '36.04.05.2001';
const VILLAGE_B = '36.04.16.2001';
const NIK_A = '3604051204900101';

let ctx: Ctx;

const person = (refId: string, villageCode: string, title: string, nik: string): SearchDocument => ({
  module: 'uji',
  kind: 'person',
  refId,
  villageCode,
  visibility: 'personal',
  title,
  body: `NIK ${nik} · KP. KRAJAN`,
  url: `/uji/${refId}`,
});

const test = allTests(() => createTestContext());
beforeAll(async () => {
  ctx = test.ctx;
  await upsertSearchDocuments(ctx, [
    person('a1', VILLAGE_A, 'ABDUL JAELANI', NIK_A),
    person('a2', VILLAGE_A, 'SITI NURHALIZA', '3604054506920002'),
    person('b1', VILLAGE_B, 'ABDUL JAELANI', '3604161204900003'),
    {
      module: 'uji',
      kind: 'report',
      refId: 'r1',
      villageCode: VILLAGE_A,
      handler: { kind: 'agency', code: 'DPUPR' },
      visibility: 'public',
      // a NIK that slipped into a public text is masked when written
      title: 'Jalan berlubang di depan pasar',
      body: `Lubang besar, dua motor jatuh. Pelapor ${NIK_A}`,
      url: '/pengaduan/r1',
    },
    {
      module: 'uji',
      kind: 'report',
      refId: 'r2',
      villageCode: VILLAGE_A,
      handler: { kind: 'agency', code: 'DPUPR' },
      visibility: 'record',
      title: 'Jembatan retak menunggu moderasi',
      url: '/kelola/pengaduan/r2',
    },
    {
      module: 'uji',
      kind: 'report',
      refId: 'r3',
      villageCode: VILLAGE_A,
      handler: { kind: 'agency', code: 'DINSOS' },
      confidential: true,
      visibility: 'record',
      title: 'Bantuan sosial jalan tidak sampai',
      url: '/kelola/pengaduan/r3',
    },
  ]);
});

async function refsFor(asCtx: Ctx, term: string): Promise<string[]> {
  return (await search(asCtx, { term })).hits.map((h) => h.refId).sort();
}

async function staff(role: Parameters<typeof makeStaff>[1]['role'], scope: string): Promise<Ctx> {
  return withActor(ctx, await makeStaff(ctx, { role, scope }));
}

describe('the search index', () => {
  it('finds a misspelt name, best match first, for staff of the village', async () => {
    const operator = await staff('operator_desa', VILLAGE_A);
    const result = await search(operator, { term: 'abdull jailani' });
    expect(result.hits.map((h) => h.refId)).toEqual(['a1']);
    expect((await search(operator, { term: 'siti nurhalisa' })).hits[0]?.title).toBe('SITI NURHALIZA');
  });

  it("gives a village operator their own village's people in full and never another village's", async () => {
    const operator = await staff('operator_desa', VILLAGE_A);
    const result = await search(operator, { term: 'abdul jaelani' });
    expect(result.hits.map((h) => h.refId)).toEqual(['a1']);
    expect(result.hits[0]?.body).toContain(NIK_A);
  });

  it('gives the camat the people of the kecamatan with NIK masked', async () => {
    const camat = await staff('camat', '36.04.05');
    const result = await search(camat, { term: 'abdul jaelani' });
    expect(result.hits.map((h) => h.refId)).toEqual(['a1']);
    expect(result.hits[0]?.body).not.toContain(NIK_A);
    expect(result.hits[0]?.body).toContain('3604••••••••0101');
  });

  it('gives an agency officer no person, public reports and the records routed to it only', async () => {
    const dpupr = await staff('opd', 'DPUPR');
    expect(await refsFor(dpupr, 'abdul jaelani')).toEqual([]);
    expect(await refsFor(dpupr, 'jembatan')).toEqual(['r2']);
    expect(await refsFor(dpupr, 'jalan')).toEqual(['r1']);
    const dinsos = await staff('opd', 'DINSOS');
    expect(await refsFor(dinsos, 'jalan')).toEqual(['r1', 'r3']);
  });

  it('keeps a confidential report from village staff and the camat, not from admin kabupaten', async () => {
    expect(await refsFor(await staff('operator_desa', VILLAGE_A), 'bantuan sosial')).toEqual([]);
    expect(await refsFor(await staff('camat', '36.04.05'), 'bantuan sosial')).toEqual([]);
    expect(await refsFor(await staff('admin_kabupaten', '36.04'), 'bantuan sosial')).toEqual(['r3']);
  });

  it('shows a visitor and a resident public documents only, with no NIK in clear', async () => {
    const visitor = withActor(ctx, null);
    expect(await refsFor(visitor, 'abdul jaelani')).toEqual([]);
    expect(await refsFor(visitor, 'jembatan')).toEqual([]);
    const found = await search(visitor, { term: 'jalan berlubang' });
    expect(found.hits.map((h) => h.refId)).toEqual(['r1']);
    expect(found.hits[0]?.body).not.toContain(NIK_A);
  });

  it('audits a read of personal results and not a search that found none', async () => {
    const operator = await staff('operator_desa', VILLAGE_A);
    await search(operator, { term: 'siti nurhalisa' });
    await search(operator, { term: 'jalan berlubang' });
    const rows = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('entity', '=', 'search')
      .where('actor_id', '=', operator.actor?.kind === 'staff' ? operator.actor.id : '')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.action).toBe('read_personal');
  });

  it('forgets removed documents', async () => {
    await upsertSearchDocuments(ctx, [person('x1', VILLAGE_B, 'MARYAM ZUBAIDAH', '3604164506920004')]);
    const admin = await staff('admin_kabupaten', '36.04');
    expect(await refsFor(admin, 'maryam zubaidah')).toEqual(['x1']);
    expect(await removeSearchDocuments(ctx, { module: 'uji', refIds: ['x1'] })).toBe(1);
    expect(await refsFor(admin, 'maryam zubaidah')).toEqual([]);
  });
});
