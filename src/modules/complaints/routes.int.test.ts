import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  eachTestOnClock,
  loginAs,
  loginAsNewStaff,
  makeStaff,
  phonePhoto,
  Visitor,
} from '../../testing.ts';
import { seedComplaintReference } from './service.ts';
import { KRAMATWATU } from './test-builders.ts';
import { jpegWithGps } from './test-photos.ts';

const { test } = eachTestOnClock('2026-11-23T02:00:00Z', buildTestApp);

beforeEach(async () => {
  await seedComplaintReference(test.ctx);
});

const roadFields = {
  kind: 'pengaduan',
  categoryCode: 'JALAN_RUSAK',
  detail_panjang_km: '1,2',
  detail_lebar_m: '5',
  detail_status_jalan: 'kabupaten',
  title: 'Jalan Raya Kramatwatu rusak parah',
  description: 'Aspal terkelupas dan berlubang sepanjang satu kilometer lebih.',
  villageCode: KRAMATWATU,
  lat: '-6.0581',
  lng: '106.1106',
  confidential: 'bawaan',
  website: '',
};

async function fileThroughForm(visitor: Visitor, fields: Record<string, string>, photos: Buffer[] = []) {
  return visitor.submitMultipart(
    '/pengaduan',
    fields,
    photos.map((bytes, i) => ({ name: 'photos', filename: `foto${i}.jpg`, type: 'image/jpeg', bytes })),
  );
}

describe('public pages', () => {
  it('shows the report form, the list and a map container that needs no JavaScript to be useful', async () => {
    const page = await new Visitor(test.app).get('/pengaduan');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="categoryCode"');
    expect(page.body).toContain('Keterangan khusus untuk &quot;Jalan rusak atau berlubang&quot;');
    expect(page.body).toContain('name="website"');
    expect(page.body).toContain('id="public-map"');
    // Leaflet is fetched by the page script only when the resident presses "Tampilkan peta" (#12);
    // the page names its hashed address on the script tag for that.
    expect(page.body).not.toMatch(/<script src="\/pengaduan\/aset\/leaflet/);
    expect(page.body).toMatch(/data-leaflet-js="\/pengaduan\/aset\/leaflet\/leaflet\.[0-9a-f]{10}\.js"/);
    expect(page.body).toMatch(/\/pengaduan\/aset\/peta\.[0-9a-f]{10}\.js/);
  });

  it('serves Leaflet and the map script from this server', async () => {
    const visitor = new Visitor(test.app);
    expect((await visitor.get('/pengaduan/aset/leaflet/leaflet.js')).statusCode).toBe(200);
    expect((await visitor.get('/pengaduan/aset/leaflet/leaflet.css')).statusCode).toBe(200);
    expect((await visitor.get('/pengaduan/aset/peta.js')).body).toContain('public-map');
  });

  it('files a report with a photo through the form and opens its tracking page with the reporter key', async () => {
    const visitor = new Visitor(test.app);
    const response = await fileThroughForm(visitor, roadFields, [await jpegWithGps()]);
    expect(response.statusCode).toBe(303);
    const location = String(response.headers.location);
    expect(location).toMatch(/^\/pengaduan\/PGD-[A-Z0-9-]+\?kunci=.+&baru=1$/);
    const tracking = await visitor.get(location);
    expect(tracking.body).toContain('Terima kasih, laporan Anda sudah diterima');
    expect(tracking.body).toContain('1,2');
    // the photo is held back from the public until its handler publishes it (#12 item 13)
    expect(tracking.body).not.toMatch(/\/pengaduan\/foto\/[0-9a-f-]{36}\/kecil/);
    expect(tracking.body).toContain('1 foto Anda belum tampil untuk publik');
    const ticket = /^\/pengaduan\/(PGD-[A-Z0-9-]+)\?/.exec(location)![1]!;
    const stored = await test.ctx.db
      .selectFrom('complaint_photos as p')
      .innerJoin('complaints as c', 'c.id', 'p.complaint_id')
      .select('p.id')
      .where('c.ticket', '=', ticket)
      .executeTakeFirstOrThrow();
    const officer = await loginAsNewStaff(test, { role: 'opd', scope: 'DPUPR' });
    const full = await officer.get(`/pengaduan/foto/${stored.id}`);
    expect(full.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(full.rawPayload).metadata()).exif).toBeUndefined();
    const list = await visitor.get('/pengaduan');
    expect(list.body).toContain('Jalan Raya Kramatwatu rusak parah');
  });

  it('re-renders the form with messages beside the fields and keeps what was typed', async () => {
    const response = await fileThroughForm(new Visitor(test.app), {
      ...roadFields,
      title: 'x',
      detail_panjang_km: '',
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Judul minimal 5 karakter.');
    expect(response.body).toContain('Panjang kerusakan (km) wajib diisi.');
    expect(response.body).toContain('Aspal terkelupas dan berlubang');
  });

  it('refuses a non-image photo with a message on the photo field', async () => {
    const response = await fileThroughForm(new Visitor(test.app), roadFields, [
      Buffer.from('MZ this is an exe'),
    ]);
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Berkas bukan foto JPEG, PNG, atau WebP.');
  });

  it('accepts two full-size phone photos of several megabytes each', async () => {
    const photo = await phonePhoto({ quality: 90 });
    expect(photo.length).toBeGreaterThan(2 * 1024 * 1024);
    const response = await fileThroughForm(new Visitor(test.app), roadFields, [photo, photo]);
    expect(response.statusCode).toBe(303);
  });

  it('refuses a sixth photo and a photo over 5 MB with a message on the photo field', async () => {
    const small = await jpegWithGps(300, 200);
    const six = await fileThroughForm(new Visitor(test.app), roadFields, [
      small,
      small,
      small,
      small,
      small,
      small,
    ]);
    expect(six.statusCode).toBe(422);
    expect(six.body).toContain('Paling banyak 5 foto.');
    const big = Buffer.concat([small, Buffer.alloc(5 * 1024 * 1024)]);
    const large = await fileThroughForm(new Visitor(test.app), roadFields, [big]);
    expect(large.statusCode).toBe(422);
    expect(large.body).toContain('Foto lebih dari 5 MB.');
  });

  it('speaks English when asked, category names included', async () => {
    const page = await new Visitor(test.app).get('/pengaduan?lang=en');
    expect(page.body).toContain('Damaged road or pothole');
    expect(page.body).toContain('Send report');
  });

  it('counts a resident’s "me too" once', async () => {
    const visitor = new Visitor(test.app);
    const location = String((await fileThroughForm(visitor, roadFields)).headers.location);
    const ticket = location.split('/')[2]!.split('?')[0]!;
    const other = new Visitor(test.app);
    await other.post(`/pengaduan/${ticket}/dukung`, {}, { csrfFrom: `/pengaduan/${ticket}` });
    await other.post(`/pengaduan/${ticket}/dukung`, {}, { csrfFrom: `/pengaduan/${ticket}` });
    const api = await other.get(`/api/v1/complaints/${ticket}`);
    expect(api.json().supportCount).toBe(1);
  });

  it('lets the reporter reopen a finished report from the tracking page, with a reason', async () => {
    const resident = new Visitor(test.app);
    const location = String((await fileThroughForm(resident, roadFields)).headers.location).replace(
      '&baru=1',
      '',
    );
    const ticket = location.split('/')[2]!.split('?')[0]!;
    const key = new URL(location, 'http://x').searchParams.get('kunci')!;
    const officer = await loginAsNewStaff(test, { role: 'opd', scope: 'DPUPR' });
    const detail = `/kelola/pengaduan/${ticket}`;
    await officer.post(
      `${detail}/status`,
      { state: 'selesai', reason: 'Sudah ditambal.' },
      { csrfFrom: detail },
    );
    const empty = await resident.post(
      `/pengaduan/${ticket}/buka-lagi`,
      { kunci: key, reason: '' },
      { csrfFrom: location },
    );
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Jelaskan mengapa masalahnya belum selesai.');
    await resident.post(
      `/pengaduan/${ticket}/buka-lagi`,
      { kunci: key, reason: 'Lubangnya muncul lagi.' },
      { csrfFrom: location },
    );
    const page = await resident.get(`/pengaduan/${ticket}`);
    expect(page.body).toContain('Lubangnya muncul lagi.');
    expect(page.body).toContain('Dibuka kembali oleh pelapor');
  });

  it('publishes each unit’s response figures', async () => {
    await fileThroughForm(new Visitor(test.app), roadFields);
    const page = await new Visitor(test.app).get('/pengaduan/statistik');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Kinerja penanganan pengaduan');
    expect(page.body).toContain('DPUPR');
    const api = await new Visitor(test.app).get('/api/v1/complaints/stats');
    expect(api.json()[0]).toMatchObject({ handlerCode: 'DPUPR', total: 1 });
  });

  it('finds a report from the ticket box, however the resident typed the ticket', async () => {
    const location = String((await fileThroughForm(new Visitor(test.app), roadFields)).headers.location);
    const ticket = location.split('/')[2]!.split('?')[0]!;
    const visitor = new Visitor(test.app);
    const found = await visitor.get(
      `/pengaduan/cari?tiket=${encodeURIComponent(` ${ticket.toLowerCase()} `)}`,
    );
    expect(found.headers.location).toBe(`/pengaduan/${ticket}`);
    expect((await visitor.get(`/pengaduan/${ticket.toLowerCase()}`)).headers.location).toBe(
      `/pengaduan/${ticket}`,
    );
    expect((await visitor.get('/pengaduan/cari?tiket=bukan-tiket')).statusCode).toBe(404);
  });

  it('answers 404 for an unknown ticket', async () => {
    expect((await new Visitor(test.app).get('/pengaduan/PGD-AAAA-BBBB')).statusCode).toBe(404);
  });
});

describe('staff pages', () => {
  it('takes an officer from the queue to a reply and a finished report, visible on the public page', async () => {
    const resident = new Visitor(test.app);
    const location = String((await fileThroughForm(resident, roadFields)).headers.location);
    const ticket = location.split('/')[2]!.split('?')[0]!;
    const officer = await loginAsNewStaff(test, { role: 'opd', scope: 'DPUPR' });
    expect((await officer.get('/kelola/pengaduan')).body).toContain(ticket);
    const detail = `/kelola/pengaduan/${ticket}`;
    expect(
      (
        await officer.post(
          `${detail}/tanggapan`,
          { body: 'Kami cek lokasi besok pagi.' },
          { csrfFrom: detail },
        )
      ).statusCode,
    ).toBe(303);
    const bad = await officer.post(
      `${detail}/status`,
      { state: 'ditolak', reason: '' },
      { csrfFrom: detail },
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Tuliskan alasan penolakan.');
    await officer.post(
      `${detail}/status`,
      { state: 'selesai', reason: 'Sudah diaspal ulang.' },
      { csrfFrom: detail },
    );
    const pub = await resident.get(`/pengaduan/${ticket}`);
    expect(pub.body).toContain('Kami cek lokasi besok pagi.');
    expect(pub.body).toContain('Sudah diaspal ulang.');
    expect(pub.body).toContain('Selesai');
  });

  it('offers the officer a nearby report of the same category and marks a duplicate in one click', async () => {
    const first = String((await fileThroughForm(new Visitor(test.app), roadFields)).headers.location)
      .split('/')[2]!
      .split('?')[0]!;
    const second = String(
      (await fileThroughForm(new Visitor(test.app), { ...roadFields, lat: '-6.0582' })).headers.location,
    )
      .split('/')[2]!
      .split('?')[0]!;
    const officer = await loginAsNewStaff(test, { role: 'opd', scope: 'DPUPR' });
    const detail = `/kelola/pengaduan/${second}`;
    const page = await officer.get(detail);
    expect(page.body).toContain(`Tandai sebagai duplikat dari ${first}`);
    await officer.post(`${detail}/status`, { state: 'duplikat', duplicateOf: first }, { csrfFrom: detail });
    const pub = await officer.get(`/api/v1/complaints/${second}`);
    expect(pub.json()).toMatchObject({ state: 'duplikat', duplicateOfTicket: first });
  });

  it('keeps another agency’s officer and the public out of a report’s staff page', async () => {
    const location = String((await fileThroughForm(new Visitor(test.app), roadFields)).headers.location);
    const ticket = location.split('/')[2]!.split('?')[0]!;
    const dinsos = await loginAsNewStaff(test, { role: 'opd', scope: 'DINSOS' });
    expect((await dinsos.get(`/kelola/pengaduan/${ticket}`)).statusCode).toBe(403);
    expect((await new Visitor(test.app).get(`/kelola/pengaduan/${ticket}`)).statusCode).toBe(303);
  });

  it('lets the admin open every management page and add a holiday with field errors first', async () => {
    const admin = await loginAs(
      test.app,
      await makeStaff(test.ctx, { role: 'admin_kabupaten', scope: '36.04' }),
    );
    for (const page of [
      'moderasi',
      'aturan',
      'kategori',
      'kategori/JALAN_RUSAK',
      'libur',
      'sla',
      'klien-api',
    ])
      expect((await admin.get(`/kelola/pengaduan/${page}`)).statusCode, page).toBe(200);
    const bad = await admin.post(
      '/kelola/pengaduan/libur',
      { date: '2026-13-40', name: '' },
      { csrfFrom: '/kelola/pengaduan/libur' },
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Isi tanggal yang benar');
    await admin.post(
      '/kelola/pengaduan/libur',
      { date: '2026-12-24', name: 'Cuti bersama Natal' },
      { csrfFrom: '/kelola/pengaduan/libur' },
    );
    expect((await admin.get('/kelola/pengaduan/libur')).body).toContain('Cuti bersama Natal');
  });

  it('lets the admin add a kecamatan routing rule through the page, refuses a bad one, and deletes it', async () => {
    const admin = await loginAs(
      test.app,
      await makeStaff(test.ctx, { role: 'admin_kabupaten', scope: '36.04' }),
    );
    const page = '/kelola/pengaduan/aturan';
    const bad = await admin.post(
      page,
      { categoryCode: 'SAMPAH', regionCode: '', handler: '' },
      { csrfFrom: page },
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Pilih OPD atau');
    await admin.post(
      page,
      { categoryCode: 'SAMPAH', regionCode: '36.04.05', handler: 'VILLAGE' },
      { csrfFrom: page },
    );
    const rules = (await admin.get(page)).body;
    expect(rules).toContain('36.04.05');
    const id = /\/kelola\/pengaduan\/aturan\/([0-9a-f-]{36})\/hapus/.exec(rules)![1]!;
    await admin.post(`${page}/${id}/hapus`, {}, { csrfFrom: page });
    expect((await admin.get(page)).body).not.toContain(`/aturan/${id}/hapus`);
  });

  it('lets the admin change a category SLA and says which field is wrong', async () => {
    const admin = await loginAs(
      test.app,
      await makeStaff(test.ctx, { role: 'admin_kabupaten', scope: '36.04' }),
    );
    const page = '/kelola/pengaduan/kategori/SAMPAH';
    const fields = {
      name: 'Sampah menumpuk',
      nameEn: 'Rubbish',
      description: '',
      slaVerify: '2',
      slaResponse: '1',
      slaResolve: '10',
      reopenDays: '14',
      active: '1',
      anonymousAllowed: '1',
      publicReopen: '1',
    };
    const bad = await admin.post(page, fields, { csrfFrom: page });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Target tanggapan tidak boleh lebih cepat dari target verifikasi.');
    expect((await admin.post(page, { ...fields, slaResponse: '4' }, { csrfFrom: page })).statusCode).toBe(
      303,
    );
    expect((await admin.get('/kelola/pengaduan/kategori')).body).toContain('2 / 4 / 10');
  });

  it('moves a report flagged by an officer through the admin moderation page', async () => {
    const location = String((await fileThroughForm(new Visitor(test.app), roadFields)).headers.location);
    const ticket = location.split('/')[2]!.split('?')[0]!;
    const officer = await loginAsNewStaff(test, { role: 'opd', scope: 'DPUPR' });
    const detail = `/kelola/pengaduan/${ticket}`;
    await officer.post(`${detail}/moderasi`, { flagReason: 'Memuat nama orang lain' }, { csrfFrom: detail });
    expect((await new Visitor(test.app).get('/pengaduan')).body).not.toContain(ticket);
    const admin = await loginAs(
      test.app,
      await makeStaff(test.ctx, { role: 'admin_kabupaten', scope: '36.04' }),
    );
    const queue = '/kelola/pengaduan/moderasi';
    expect((await admin.get(queue)).body).toContain(ticket);
    await admin.post(
      `${queue}/${ticket}`,
      { action: 'approve', publicTitle: '', publicDescription: '' },
      { csrfFrom: queue },
    );
    expect((await new Visitor(test.app).get('/pengaduan')).body).toContain(ticket);
  });

  it('shows a new Open311 key once, and that key files a report', async () => {
    const admin = await loginAs(
      test.app,
      await makeStaff(test.ctx, { role: 'admin_kabupaten', scope: '36.04' }),
    );
    const page = '/kelola/pengaduan/klien-api';
    const created = await admin.post(page, { name: 'Aplikasi Serang Mobile' }, { csrfFrom: page });
    const key = /<code class="wrap">(o311_[A-Za-z0-9_-]+)<\/code>/.exec(created.body)![1]!;
    expect((await admin.get(page)).body).not.toContain(key);
    const response = await test.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        api_key: key,
        service_code: 'SAMPAH',
        address_id: KRAMATWATU,
        description: 'Sampah menumpuk di pinggir jalan desa.',
      }).toString(),
    });
    expect(response.statusCode).toBe(200);
  });

  it('lets the admin add a reply template that officers then send from the report page', async () => {
    const admin = await loginAs(
      test.app,
      await makeStaff(test.ctx, { role: 'admin_kabupaten', scope: '36.04' }),
    );
    const page = '/kelola/pengaduan/templat';
    await admin.post(
      page,
      {
        categoryCode: 'JALAN_RUSAK',
        state: '',
        title: 'Tim tambal lubang',
        body: 'Tim tambal lubang {unit} dijadwalkan untuk {tiket}.',
      },
      { csrfFrom: page },
    );
    const location = String((await fileThroughForm(new Visitor(test.app), roadFields)).headers.location);
    const ticket = location.split('/')[2]!.split('?')[0]!;
    const officer = await loginAsNewStaff(test, { role: 'opd', scope: 'DPUPR' });
    const detail = `/kelola/pengaduan/${ticket}`;
    const body = (await officer.get(detail)).body;
    const id = /<option value="([0-9a-f-]{36})"[^>]*>Tim tambal lubang<\/option>/.exec(body)![1]!;
    await officer.post(`${detail}/tanggapan`, { body: '', templateId: id }, { csrfFrom: detail });
    expect((await officer.get(`/pengaduan/${ticket}`)).body).toContain(
      `Tim tambal lubang DPUPR dijadwalkan untuk ${ticket}.`,
    );
  });

  it('lets the admin set the DPUPR head e-mail used for escalations, refusing a malformed one', async () => {
    const admin = await loginAs(
      test.app,
      await makeStaff(test.ctx, { role: 'admin_kabupaten', scope: '36.04' }),
    );
    const page = '/kelola/pengaduan/opd';
    const bad = await admin.post(`${page}/DPUPR`, { head_DPUPR: 'kadis-at-serang' }, { csrfFrom: page });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Alamat email tidak valid.');
    await admin.post(`${page}/DPUPR`, { head_DPUPR: 'kadis.dpupr@serangkab.go.id' }, { csrfFrom: page });
    const row = await test.ctx.db
      .selectFrom('agencies')
      .select('head_email')
      .where('code', '=', 'DPUPR')
      .executeTakeFirstOrThrow();
    expect(row.head_email).toBe('kadis.dpupr@serangkab.go.id');
    const officer = await loginAsNewStaff(test, { role: 'opd', scope: 'DPUPR' });
    expect((await officer.get(page)).statusCode).toBe(403);
  });

  it('keeps officers out of the admin pages', async () => {
    const officer = await loginAsNewStaff(test, { role: 'opd', scope: 'DPUPR' });
    expect((await officer.get('/kelola/pengaduan/aturan')).statusCode).toBe(403);
    expect((await officer.get('/kelola/pengaduan/sla')).statusCode).toBe(200);
  });
});

describe('JSON API', () => {
  it('files a JSON report and lists it publicly without personal data', async () => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/v1/complaints',
      payload: {
        categoryCode: 'SAMPAH',
        villageCode: KRAMATWATU,
        title: 'Sampah menumpuk di TPS',
        description: 'Sudah seminggu tidak diangkut. Telepon saya 081298765432.',
        phone: '081298765432',
      },
    });
    expect(response.statusCode).toBe(201);
    const { ticket } = response.json();
    const list = await test.app.inject({ method: 'GET', url: '/api/v1/complaints?category=SAMPAH' });
    const rows = list.json().rows;
    expect(rows.map((r: { ticket: string }) => r.ticket)).toEqual([ticket]);
    expect(JSON.stringify(rows)).not.toContain('081298765432');
  });

  it('answers bad JSON input with problem+json naming the fields', async () => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/v1/complaints',
      payload: {
        categoryCode: 'TIDAK_ADA',
        villageCode: KRAMATWATU,
        title: 'Judul cukup',
        description: 'pendek',
      },
    });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(Object.keys(response.json().errors).sort()).toEqual(['categoryCode', 'description']);
  });
});
