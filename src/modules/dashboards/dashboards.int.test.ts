import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, withActor } from '../../platform/context.ts';
import { figureCatalog, readVillageFigures } from '../../platform/figures/index.ts';
import {
  buildTestApp,
  loginAs,
  loginAsNewStaff,
  makeStaff,
  type TestApp,
  type Visitor,
} from '../../testing.ts';
import { seedComplaintReference } from '../complaints/service.ts';
import { fileRoadReport } from '../complaints/test-builders.ts';
import { createEntry } from '../informasi/service.ts';
import { listKecamatan, listVillages } from '../regions/service.ts';
import { KIBIN, KRAMATWATU, MARGASANA } from '../residents/test-builders.ts';
import { returnForCorrection, speedReport } from '../services/service.ts';
import {
  type Desk,
  fileDomicileRequest,
  prepareServices,
  signedAfter,
  villageDesks,
} from '../services/test-builders.ts';
import { saveArticle, saveProfile } from '../sites/service.ts';
import { ADOPTION_FIGURES } from './adoption.ts';
import { villageAdoption } from './service.ts';
import { figureSources } from './sources.ts';

const KEC_KRAMATWATU = '36.04.05';
const KEC_KIBIN = '36.04.16';

let test: TestApp;
let clock: ReturnType<typeof fixedClock>;
let desks: Record<string, Desk>;
let names: Map<string, string>;

const as = (actor: Parameters<typeof withActor>[1]) => withActor(test.ctx, actor);
const desk = (village: string) => desks[village] as Desk;

/** Filed on 20 November, checked by the operator, signed by the kepala desa `days` later. */
async function issuedAfter(village: string, days: number): Promise<void> {
  clock.set('2026-11-20T02:00:00Z');
  await signedAfter(test.ctx, clock, desk(village), days);
}

async function visitor(role: Parameters<typeof makeStaff>[1]['role'], scope: string): Promise<Visitor> {
  return loginAsNewStaff(test, { role, scope });
}

/** The cells of the HTML table in the section of `?tabel=name`, header row first. */
function htmlTable(body: string, name: string): string[][] {
  const start = body.indexOf(`id="tabel-${name}"`);
  if (start < 0) throw new Error(`no table ${name}`);
  const section = body.slice(start, body.indexOf('</section>', body.indexOf('</table>', start)));
  return [...section.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) =>
      (c[1] ?? '')
        .replace(/<[^>]+>/g, '')
        .replaceAll('&amp;', '&')
        .trim(),
    ),
  );
}

function csvRows(body: string): string[][] {
  return body
    .replace(/^\ufeff/, '')
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(',').map((cell) => cell.replace(/^"|"$/g, '')));
}

beforeAll(async () => {
  clock = fixedClock('2026-11-20T02:00:00Z');
  test = await buildTestApp({ clock });
  await prepareServices(test.ctx);
  await seedComplaintReference(test.ctx);
  desks = await villageDesks(test.ctx, [KRAMATWATU, MARGASANA, KIBIN]);
  await issuedAfter(KRAMATWATU, 1);
  await issuedAfter(KRAMATWATU, 3);
  await issuedAfter(KIBIN, 2);
  clock.set('2026-11-25T02:00:00Z');
  const returned = await fileDomicileRequest(test.ctx, desk(KRAMATWATU).applicant);
  await returnForCorrection(as(desk(KRAMATWATU).office.operator), returned, {
    remarks: {},
    note: 'Foto KTP tidak terbaca, mohon unggah ulang.',
  });
  const operator = as(desk(KRAMATWATU).office.operator);
  await saveProfile(operator, KRAMATWATU, { history: 'Desa tua di pesisir utara.', about: 'Desa nelayan.' });
  await saveArticle(
    operator,
    KRAMATWATU,
    null,
    {
      kind: 'berita',
      title: 'Posyandu Melati buka Sabtu',
      summary: 'Jadwal baru',
      body: 'Mulai pukul 08.00 di balai desa, bawa buku KIA.',
    },
    'publish',
  );
  await fileRoadReport(test.ctx, { villageCode: KRAMATWATU });
  await fileRoadReport(test.ctx, { villageCode: KRAMATWATU });
  await fileRoadReport(test.ctx, { villageCode: KIBIN, lat: -6.17, lng: 106.33 });
  clock.set('2026-12-01T02:00:00Z');
  // the Kramatwatu operator logs in today: "operators active"
  await loginAs(test.app, desk(KRAMATWATU).office.operator);
  names = new Map((await listVillages(test.ctx)).map((v) => [v.code, v.name]));
}, 240_000);
afterAll(() => test.close());

describe('digital-village adoption', () => {
  it('reads each figure for many villages in one batch with the same numbers as one village at a time', async () => {
    const villages = [KRAMATWATU, MARGASANA, KIBIN];
    const sources = await figureSources();
    const { values } = await readVillageFigures(test.ctx, sources, villages, ADOPTION_FIGURES);
    const catalog = figureCatalog(sources).filter((f) =>
      (ADOPTION_FIGURES as readonly string[]).includes(f.definition.name),
    );
    expect(catalog.map((f) => f.definition.name).sort()).toEqual([...ADOPTION_FIGURES].sort());
    for (const { definition } of catalog) {
      expect(definition.computeMany, definition.name).toBeDefined();
      for (const village of villages) {
        const one = (await definition.compute(test.ctx, village)).value;
        expect(values.get(definition.name)?.get(village) ?? 0, `${definition.name} ${village}`).toBe(one);
      }
    }
  });

  it('counts each criterion as the records say, village by village', async () => {
    const admin = await makeStaff(test.ctx, { role: 'admin_kabupaten', scope: '36.04' });
    const { villages } = await villageAdoption(as(admin), KEC_KRAMATWATU);
    const direct = await test.ctx.db
      .selectFrom('villages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('code', 'like', `${KEC_KRAMATWATU}.%`)
      .executeTakeFirstOrThrow();
    expect(villages.length).toBe(Number(direct.n));
    const completed = await test.ctx.db
      .selectFrom('service_requests')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('village_code', '=', KRAMATWATU)
      .where('state', 'in', ['siap_diambil', 'sudah_diambil'])
      .executeTakeFirstOrThrow();
    const kramatwatu = villages.find((v) => v.code === KRAMATWATU);
    expect(kramatwatu).toMatchObject({
      siteLive: true,
      servicesEffective: true,
      residentsImported: true,
      operatorsActive: true,
      published90: 1,
      completed30: Number(completed.n),
    });
    const margasana = villages.find((v) => v.code === MARGASANA);
    expect(margasana).toMatchObject({ siteLive: false, servicesEffective: false, operatorsActive: false });
  });

  it("shows a camat only the kecamatan's villages, those to visit first on top, and refuses another kecamatan", async () => {
    const camat = await visitor('camat', KEC_KRAMATWATU);
    const page = await camat.get('/kelola/statistik/adopsi');
    expect(page.statusCode).toBe(200);
    const rows = htmlTable(page.body, 'desa').slice(1);
    expect(rows.some((r) => r[0] === names.get(KRAMATWATU))).toBe(true);
    expect(rows.some((r) => r[0] === names.get(KIBIN))).toBe(false);
    // Kramatwatu meets the most criteria, so it comes last
    expect(rows.at(-1)?.[0]).toBe(names.get(KRAMATWATU));
    expect(page.body).toContain('Profil desa di situs terisi');
    expect((await camat.get(`/kelola/statistik/adopsi?wilayah=${KEC_KIBIN}`)).statusCode).toBe(403);
  });

  it('gives the regency the live counts of villages with working services and websites, of all villages', async () => {
    const admin = await visitor('admin_kabupaten', '36.04');
    const page = await admin.get('/kelola/statistik/adopsi');
    expect(page.statusCode).toBe(200);
    const total = await test.ctx.db
      .selectFrom('villages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(page.body).toContain(`2 dari ${Number(total.n).toLocaleString('id-ID')} desa`);
    expect(page.body).toContain(`1 dari ${Number(total.n).toLocaleString('id-ID')} desa`);
    expect(page.body).toContain('<svg');
  });
});

describe('service speed', () => {
  it('gives median, 90th percentile and returned share as computed from the requests', async () => {
    const admin = await makeStaff(test.ctx, { role: 'admin_kabupaten', scope: '36.04' });
    const rows = await speedReport(as(admin), {
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-12-02T00:00:00Z'),
      region: KRAMATWATU,
      grouping: 'village',
    });
    expect(rows).toEqual([
      expect.objectContaining({
        villageCode: KRAMATWATU,
        submitted: 3,
        issued: 2,
        medianDays: 2,
        p90Days: 2.8,
        returnedPercent: 33.3,
      }),
    ]);
  });

  it('renders the tables in plain HTML and exports the same rows as CSV', async () => {
    const camat = await visitor('camat', KEC_KRAMATWATU);
    const url = '/kelola/statistik/layanan?dari=2026-11-01&sampai=2026-12-01';
    const page = await camat.get(url);
    expect(page.statusCode).toBe(200);
    const table = htmlTable(page.body, 'desa-layanan');
    expect(table.slice(1).map((r) => r[0])).toEqual([names.get(KRAMATWATU)]);
    // per service over the kecamatan: the three domicile requests of Kramatwatu, two issued
    expect(
      htmlTable(page.body, 'layanan')
        .slice(1)
        .map((r) => r.slice(1, 5)),
    ).toEqual([['3', '2', '2', '2,8']]);
    const csv = await camat.get(`${url}&tabel=desa-layanan&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const exported = csvRows(csv.body);
    expect(exported[0]).toEqual(table[0]);
    expect(exported.slice(1).map((r) => r.slice(0, 4))).toEqual(table.slice(1).map((r) => r.slice(0, 4)));
    const xlsx = await camat.get(`${url}&tabel=desa-layanan&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('shows the regency per kecamatan and service, each kecamatan opening its villages, and exports every village', async () => {
    const admin = await visitor('admin_kabupaten', '36.04');
    const period = 'dari=2026-11-01&sampai=2026-12-01';
    const page = await admin.get(`/kelola/statistik/layanan?${period}`);
    expect(page.statusCode).toBe(200);
    const kecamatan = new Map((await listKecamatan(test.ctx)).map((k) => [k.code, k.name]));
    // Kramatwatu's three domicile requests (two issued after 1 and 3 days), Kibin's one (2 days)
    expect(
      htmlTable(page.body, 'kecamatan-layanan')
        .slice(1)
        .map((r) => [r[0], ...r.slice(2, 6)]),
    ).toEqual([
      [kecamatan.get(KEC_KRAMATWATU), '3', '2', '2', '2,8'],
      [kecamatan.get(KEC_KIBIN), '1', '1', '2', '2'],
    ]);
    const drillDown = `/kelola/statistik/layanan?wilayah=${KEC_KRAMATWATU}&amp;${period.replace('&', '&amp;')}`;
    expect(page.body).toContain(`<a href="${drillDown}">${kecamatan.get(KEC_KRAMATWATU)}</a>`);
    expect(htmlTable(page.body, 'desa-layanan')).toEqual([]);
    const villages = await admin.get(drillDown.replaceAll('&amp;', '&'));
    expect(villages.statusCode).toBe(200);
    expect(
      htmlTable(villages.body, 'desa-layanan')
        .slice(1)
        .map((r) => [r[0], ...r.slice(2, 6)]),
    ).toEqual([[names.get(KRAMATWATU), '3', '2', '2', '2,8']]);
    const csv = csvRows(
      (await admin.get(`/kelola/statistik/layanan?${period}&tabel=desa-layanan&format=csv`)).body,
    );
    expect(csv.slice(1).map((r) => [r[0], ...r.slice(2, 6)])).toEqual([
      [names.get(KRAMATWATU), '3', '2', '2', '2.8'],
      [names.get(KIBIN), '1', '1', '2', '2'],
    ]);
    const camat = await visitor('camat', KEC_KRAMATWATU);
    expect((await camat.get(`/kelola/statistik/layanan?wilayah=${KEC_KIBIN}&${period}`)).statusCode).toBe(
      403,
    );
  });

  it('refuses a period that is no period with a field message, 422', async () => {
    const camat = await visitor('camat', KEC_KRAMATWATU);
    const bad = await camat.get('/kelola/statistik/layanan?dari=2026-13-01&sampai=2026-12-01');
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Tulis tanggal dengan format TTTT-BB-HH');
    const reversed = await camat.get('/kelola/statistik/pengaduan?dari=2026-12-01&sampai=2026-11-01');
    expect(reversed.statusCode).toBe(422);
    expect(reversed.body).toContain('Tanggal akhir tidak boleh sebelum tanggal awal.');
  });
});

describe('complaints', () => {
  it("counts a camat's kecamatan only, equal to the reports filed there", async () => {
    const camat = await visitor('camat', KEC_KRAMATWATU);
    const page = await camat.get('/kelola/statistik/pengaduan?dari=2026-11-01&sampai=2026-12-01');
    expect(page.statusCode).toBe(200);
    const direct = await test.ctx.db
      .selectFrom('complaints')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kecamatan_code', '=', KEC_KRAMATWATU)
      .executeTakeFirstOrThrow();
    const rows = htmlTable(page.body, 'kecamatan').slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.[1]).toBe(String(direct.n));
  });

  it('shows an agency only what is routed to it and none of the other fields', async () => {
    const dpupr = await visitor('opd', 'DPUPR');
    const page = await dpupr.get('/kelola/statistik/pengaduan?dari=2026-11-01&sampai=2026-12-01');
    expect(page.statusCode).toBe(200);
    const routed = await test.ctx.db
      .selectFrom('complaints')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('handler_kind', '=', 'agency')
      .where('handler_code', '=', 'DPUPR')
      .executeTakeFirstOrThrow();
    const received = htmlTable(page.body, 'kecamatan')
      .slice(1)
      .reduce((sum, r) => sum + Number(r[1]), 0);
    expect(received).toBe(Number(routed.n));
    expect((await dpupr.get('/kelola/statistik/adopsi')).statusCode).toBe(403);
    expect((await dpupr.get('/kelola/statistik/sosial')).statusCode).toBe(403);
    const dinkes = await visitor('opd', 'DINKES');
    const social = await dinkes.get('/kelola/statistik/sosial');
    expect(social.statusCode).toBe(200);
    expect(social.body).toContain('id="tabel-stunting"');
    expect(social.body).not.toContain('id="tabel-umkm"');
    expect(social.body).not.toContain('id="tabel-bansos"');
    const dinkesComplaints = await dinkes.get('/kelola/statistik/pengaduan');
    expect(dinkesComplaints.statusCode).toBe(200);
    expect(dinkesComplaints.body).toContain('Belum ada angka untuk wilayah dan periode ini.');
  });
});

describe('public statistics', () => {
  it('shows anyone the regency per kecamatan without persons and says how small counts are hidden', async () => {
    const page = await test.app.inject({ method: 'GET', url: '/statistik' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('ditulis &quot;&lt; 5&quot;');
    // the two residents of Kramatwatu's kecamatan are a small cell
    const kramatwatu = htmlTable(page.body, 'kecamatan').find((r) => r[0] === 'Kramatwatu');
    expect(kramatwatu?.[4]).toBe('&lt; 5');
    const rows = htmlTable(page.body, 'kecamatan').slice(1);
    expect(rows.length).toBeGreaterThan(1);
    expect(page.body).not.toContain('format=csv');
  });
});

describe('a site live through its PPID documents alone', () => {
  it('counts a village whose only publication in 90 days is a public information document, not an excluded or older one', async () => {
    const village = (await listVillages(test.ctx)).find(
      (v) => v.code.startsWith(`${KEC_KRAMATWATU}.`) && v.code !== KRAMATWATU && v.code !== MARGASANA,
    )!.code;
    const operator = as(await makeStaff(test.ctx, { role: 'operator_desa', scope: village }));
    await saveProfile(operator, village, { about: 'Desa petani melinjo.' });
    const document = {
      category: 'berkala',
      title: 'Laporan realisasi APBDes semester I',
      summary: 'Ringkasan realisasi anggaran desa',
      official: 'Sekretaris Desa',
      period: '2026',
      format: 'softcopy',
      retention: '5 tahun',
      link: 'https://example.org/apbdes.pdf',
    };
    const admin = await makeStaff(test.ctx, { role: 'admin_kabupaten', scope: '36.04' });
    const adoptionOf = async () =>
      (await villageAdoption(as(admin), KEC_KRAMATWATU)).villages.find((v) => v.code === village);

    const now = test.ctx.clock.now().toISOString();
    clock.set('2026-08-01T02:00:00Z'); // four months ago: too old to count
    await createEntry(operator, village, document, null);
    clock.set(now);
    await createEntry(
      operator,
      village,
      {
        ...document,
        link: '',
        category: 'dikecualikan',
        title: 'Data pribadi penerima bantuan',
        legalBasis: 'Pasal 17 huruf h UU 14/2008',
        consequence: 'Membuka data pribadi',
        publicInterest: 'Perlindungan data lebih besar',
      },
      null,
    );
    expect(await adoptionOf()).toMatchObject({ siteLive: false, published90: 0, documents90: 0 });

    await createEntry(operator, village, document, null);
    expect(await adoptionOf()).toMatchObject({ siteLive: true, published90: 0, documents90: 1 });
    const page = (await (await visitor('camat', KEC_KRAMATWATU)).get('/kelola/statistik/adopsi')).body;
    expect(page).toContain('dokumen informasi publik (PPID, selain yang dikecualikan)');
    const row = htmlTable(page, 'desa').find((r) => r[0] === names.get(village));
    expect(row?.[3]).toBe('ya');
  });
});
