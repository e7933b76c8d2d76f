import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffActor } from '../../platform/auth/roles.ts';
import { type Ctx, fixedClock, withActor } from '../../platform/context.ts';
import { search } from '../../platform/search/service.ts';
import { buildTestApp, loginAs, makeStaff, type TestApp } from '../../testing.ts';
import { healthPersonalData } from './personal-data.ts';
import { addPuskesmas, assignPuskesmasOfficer, assignVillages } from './puskesmas.ts';
import { editChild } from './registry-edit.ts';
import { healthSearch } from './search.ts';
import { registerChild } from './service.ts';
import { KIBIN, KRAMATWATU, makeKader, makeOperator, makePosyandu } from './test-builders.ts';

let test: TestApp;
let operator: StaffActor;
let melati: { id: string; villageCode: string };
let mawar: { id: string; villageCode: string };
const as = (actor: StaffActor | null): Ctx => withActor(test.ctx, actor);
const found = async (actor: StaffActor | null, term: string) =>
  (await search(as(actor), { term, kinds: ['child'] })).hits.map((h) => h.title);

beforeAll(async () => {
  test = await buildTestApp({ clock: fixedClock('2026-11-23T02:00:00Z') });
  operator = await makeOperator(test.ctx);
  melati = await makePosyandu(test.ctx, operator, 'Melati');
  mawar = await makePosyandu(test.ctx, operator, 'Mawar');
}, 240_000);
afterAll(() => test.close());

const register = (posyanduId: string, form: Record<string, string>) =>
  registerChild(as(operator), posyanduId, { jenis_kelamin: '2', tanggal_lahir: '2025-04-10', ...form });

describe('children in the search index', () => {
  it('finds a registered child by a misspelt name for the village office, its kader and Dinkes, and nobody else', async () => {
    await register(melati.id, { nama: 'Nurul Hidayah', nik: '3604055004250003', nama_ibu: 'Siti Aminah' });
    const kader = await makeKader(test.ctx, melati);
    const otherKader = await makeKader(test.ctx, mawar);
    const kibin = await makeOperator(test.ctx, KIBIN);
    const camat = await makeStaff(test.ctx, { role: 'camat', scope: KRAMATWATU.slice(0, 8) });
    const dinkes = await makeStaff(test.ctx, { role: 'opd', scope: 'DINKES' });
    const dinsos = await makeStaff(test.ctx, { role: 'opd', scope: 'DINSOS' });

    expect(await found(operator, 'nurul hidayat')).toEqual(['Nurul Hidayah']);
    expect(await found(kader, 'nurul hidayat')).toEqual(['Nurul Hidayah']);
    expect(await found(dinkes, 'nurul hidayat')).toEqual(['Nurul Hidayah']);
    expect(await found(kibin, 'nurul hidayat')).toEqual([]);
    expect(await found(otherKader, 'nurul hidayat')).toEqual([]);
    expect(await found(camat, 'nurul hidayat')).toEqual([]);
    expect(await found(dinsos, 'nurul hidayat')).toEqual([]);
    expect(await found(null, 'nurul hidayat')).toEqual([]);
  });

  it('finds for a Dinkes officer assigned to a puskesmas the children of its area only', async () => {
    await register(melati.id, { nama: 'Bagas Wicaksono' });
    const admin = await makeStaff(test.ctx, { role: 'admin_kabupaten', scope: '36.04' });
    const inArea = await makeStaff(test.ctx, { role: 'opd', scope: 'DINKES' });
    const elsewhere = await makeStaff(test.ctx, { role: 'opd', scope: 'DINKES' });
    await addPuskesmas(as(admin), {
      kode: 'PSEARCH1',
      nama: 'Puskesmas Cari',
      kecamatan: '36.04.05',
      aktif: 'ya',
    });
    await addPuskesmas(as(admin), {
      kode: 'PSEARCH2',
      nama: 'Puskesmas Lain',
      kecamatan: '36.04.16',
      aktif: 'ya',
    });
    await assignVillages(as(admin), 'PSEARCH1', { desa: [KRAMATWATU] });
    await assignVillages(as(admin), 'PSEARCH2', { desa: [KIBIN] });
    await assignPuskesmasOfficer(as(admin), 'PSEARCH1', { email: inArea.email });
    await assignPuskesmasOfficer(as(admin), 'PSEARCH2', { email: elsewhere.email });
    expect(await found(inArea, 'bagas wicaksono')).toEqual(['Bagas Wicaksono']);
    expect(await found(elsewhere, 'bagas wicaksono')).toEqual([]);
  });

  it('shows the NIK in full to the village office only, and audits the kader’s read', async () => {
    const kader = await makeKader(test.ctx, melati);
    const hit = async (actor: StaffActor) =>
      (await search(as(actor), { term: 'nurul hidayah', kinds: ['child'] })).hits[0];
    const office = await hit(operator);
    expect(office?.body).toContain('3604055004250003');
    expect(office?.body).toContain('Siti Aminah');
    expect(office?.url).toMatch(/^\/kelola\/kesehatan\/anak\//);
    const byKader = await hit(kader);
    expect(byKader?.body).not.toContain('3604055004250003');
    expect(byKader?.body).toContain('Melati');
    const audited = await test.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity'])
      .where('actor_id', '=', kader.id)
      .execute();
    expect(audited).toContainEqual({ action: 'read_personal', entity: 'search' });
  });

  it('follows an edit of the name: the old name no longer finds the child, the new one does', async () => {
    const { id } = await register(mawar.id, { nama: 'Rizky Ramadhan', jenis_kelamin: '1' });
    const kader = await makeKader(test.ctx, mawar);
    expect(await found(kader, 'rizki ramadan')).toEqual(['Rizky Ramadhan']);
    await editChild(as(operator), id, {
      nama: 'Muhammad Fauzan',
      jenis_kelamin: '1',
      tanggal_lahir: '2025-04-10',
      posyandu: mawar.id,
    });
    expect(await found(kader, 'rizky ramadhan')).toEqual([]);
    expect(await found(operator, 'rizky ramadhan')).toEqual([]);
    expect(await found(kader, 'muhamad fauzan')).toEqual(['Muhammad Fauzan']);
  });

  it('follows a move to another posyandu: the old posyandu’s kader no longer finds the child', async () => {
    const { id } = await register(melati.id, { nama: 'Aisyah Putri' });
    const melatiKader = await makeKader(test.ctx, melati);
    const mawarKader = await makeKader(test.ctx, mawar);
    expect(await found(melatiKader, 'aisyah putri')).toEqual(['Aisyah Putri']);
    await editChild(as(operator), id, {
      nama: 'Aisyah Putri',
      jenis_kelamin: '2',
      tanggal_lahir: '2025-04-10',
      posyandu: mawar.id,
    });
    expect(await found(melatiKader, 'aisyah putri')).toEqual([]);
    expect(await found(mawarKader, 'aisyah putri')).toEqual(['Aisyah Putri']);
  });

  it('finds a posyandu by name for the office, the camat and its kader, not another kader', async () => {
    const kader = await makeKader(test.ctx, melati);
    const otherKader = await makeKader(test.ctx, mawar);
    const camat = await makeStaff(test.ctx, { role: 'camat', scope: KRAMATWATU.slice(0, 8) });
    const posyandu = async (actor: StaffActor) =>
      (await search(as(actor), { term: 'melati', kinds: ['posyandu'] })).hits.map((h) => h.url);
    const url = `/kelola/kesehatan/posyandu/${melati.id}`;
    expect(await posyandu(operator)).toEqual([url]);
    expect(await posyandu(camat)).toEqual([url]);
    expect(await posyandu(kader)).toEqual([url]);
    expect(await posyandu(otherKader)).toEqual([]);
  });

  it('rebuilds the module’s part with reindex and drops an erased child', async () => {
    const { id } = await register(melati.id, { nama: 'Zahra Kamila', nik: '3604055004250077' });
    const documents = () =>
      test.ctx.db
        .selectFrom('search_documents')
        .select(['kind', 'ref_id'])
        .where('module', '=', 'health')
        .execute();
    const before = (await documents()).length;
    await test.ctx.db.deleteFrom('search_documents').where('module', '=', 'health').execute();
    expect(await found(operator, 'zahra kamila')).toEqual([]);
    expect(await healthSearch.reindex(test.ctx, KRAMATWATU)).toBe(before);
    expect(await found(operator, 'zahra kamila')).toEqual(['Zahra Kamila']);
    await healthPersonalData.erase(test.ctx, '3604055004250077');
    expect(await found(operator, 'zahra kamila')).toEqual([]);
    expect((await documents()).map((d) => d.ref_id)).not.toContain(id);
  });

  it('lets a kader open the search page', async () => {
    const kader = await loginAs(test.app, await makeKader(test.ctx, melati));
    const page = await kader.get('/kelola/cari?q=nurul+hidayat');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Nurul Hidayah');
  });
});
