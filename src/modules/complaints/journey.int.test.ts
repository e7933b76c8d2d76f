/** Issue #12: a resident on a phone without JavaScript, and an officer, never get stuck. */
import { beforeEach, describe, expect, it } from 'vitest';
import { withActor } from '../../platform/context.ts';
import { Invalid } from '../../platform/http/errors.ts';
import { buildTestApp, eachTestOnClock, loginAs, makeStaff, Visitor } from '../../testing.ts';
import * as service from './service.ts';
import { fileRoadReport, KIBIN, KRAMATWATU, roadReport } from './test-builders.ts';
import { jpegWithGps } from './test-photos.ts';

const { clock, test } = eachTestOnClock('2026-11-23T02:00:00Z', buildTestApp);

beforeEach(async () => {
  await service.seedComplaintReference(test.ctx);
});

const staffCtx = async (role: Parameters<typeof makeStaff>[1]['role'], scope: string) =>
  withActor(test.ctx, await makeStaff(test.ctx, { role, scope }));

describe('the report form without JavaScript', () => {
  it('asks for the category first, then shows only that category’s questions', async () => {
    const visitor = new Visitor(test.app);
    const first = await visitor.get('/pengaduan');
    expect(first.body).toContain('class="category-step"');
    expect(first.body).toMatch(/<div id="report-form" hidden/);
    const second = await visitor.get('/pengaduan?lapor=JALAN_RUSAK');
    expect(second.body).not.toContain('class="category-step"');
    expect(second.body).toContain('<div id="report-form">');
    const live = second.body.replace(/<template[\s\S]*?<\/template>/g, '');
    expect(live).toContain('name="detail_status_jalan"');
    expect(live).not.toContain('name="detail_jumlah_titik"');
    expect(live.match(/class="category-fields"/g)).toHaveLength(1);
  });

  it('refuses a road report without its required road questions, naming each field', async () => {
    const error = await service
      .submitReport(test.ctx, roadReport({ details: {} }))
      .catch((e: unknown) => e as Invalid);
    expect(error).toBeInstanceOf(Invalid);
    expect(Object.keys((error as Invalid).fields)).toEqual(
      expect.arrayContaining(['detail_panjang_km', 'detail_status_jalan']),
    );
  });

  it('preselects the village from ?desa= by code or by slug', async () => {
    const visitor = new Visitor(test.app);
    const byCode = await visitor.get(`/pengaduan?lapor=JALAN_RUSAK&desa=${KIBIN}`);
    expect(byCode.body).toContain(`<option value="${KIBIN}" selected>`);
    const bySlug = await visitor.get('/pengaduan?desa=kramatwatu');
    expect(bySlug.body).toContain(`name="desa" value="${KRAMATWATU}"`);
  });
});

describe('location without a village chosen', () => {
  it('takes the village of the nearest earlier report when only a GPS point is sent', async () => {
    await fileRoadReport(test.ctx, { villageCode: KIBIN, lat: -6.1702, lng: 106.2941 });
    const receipt = await service.submitReport(
      test.ctx,
      roadReport({ villageCode: '', lat: -6.1705, lng: 106.2946 }),
    );
    const view = await service.getPublicReport(test.ctx, receipt.ticket);
    expect(view.villageCode).toBe(KIBIN);
  });

  it('still asks for the village when no point is near any known place', async () => {
    const error = await service
      .submitReport(test.ctx, roadReport({ villageCode: '', lat: -6.5, lng: 106.9 }))
      .catch((e: unknown) => e as Invalid);
    expect((error as Invalid).fields).toHaveProperty('villageCode');
  });
});

describe('road status decides who repairs the road', () => {
  it('routes a village road to the village, a regency road to DPUPR, and names the owner of a provincial road', async () => {
    const village = await fileRoadReport(test.ctx, {
      details: { panjang_km: '0,2', status_jalan: 'desa' },
    });
    const regency = await fileRoadReport(test.ctx);
    const province = await fileRoadReport(test.ctx, {
      details: { panjang_km: '1', status_jalan: 'provinsi' },
    });
    const unsure = await fileRoadReport(test.ctx, {
      details: { panjang_km: '1', status_jalan: 'tidak_tahu' },
    });
    const handler = async (ticket: string) => (await service.getPublicReport(test.ctx, ticket)).handlerName;
    expect(await handler(village.ticket)).toBe('Desa Kramatwatu');
    expect(await handler(regency.ticket)).toBe('DPUPR');
    expect(await handler(unsure.ticket)).toBe('DPUPR');
    const provincial = await service.getPublicReport(test.ctx, province.ticket);
    expect(provincial.handlerName).toBe('DPUPR');
    expect(provincial.history.map((h) => h.body).join(' ')).toContain('Pemerintah Provinsi Banten');
    const operator = await staffCtx('operator_desa', KRAMATWATU);
    await service.changeState(operator, village.ticket, { state: 'diverifikasi' });
  });
});

describe('photos wait for an officer', () => {
  it('keeps a resident’s photo off the public page until the handler publishes it', async () => {
    const receipt = await fileRoadReport(test.ctx, { photos: [await jpegWithGps(800, 600)] });
    const before = await service.getPublicReport(test.ctx, receipt.ticket);
    expect(before.photoIds).toEqual([]);
    const mine = await service.getPublicReport(test.ctx, receipt.ticket, receipt.key);
    expect(mine.pendingPhotos).toBe(1);
    const dpupr = await staffCtx('opd', 'DPUPR');
    const [photo] = (await service.getReportForStaff(dpupr, receipt.ticket)).photos;
    const visitor = new Visitor(test.app);
    expect((await visitor.get(`/pengaduan/foto/${photo!.id}/kecil`)).statusCode).toBe(404);
    await service.setPhotoVisibility(dpupr, photo!.id, false);
    expect((await service.getPublicReport(test.ctx, receipt.ticket)).photoIds).toEqual([photo!.id]);
    expect((await visitor.get(`/pengaduan/foto/${photo!.id}/kecil`)).statusCode).toBe(200);
  });

  it('says on the form that photos are checked before they are public', async () => {
    const page = await new Visitor(test.app).get('/pengaduan?lapor=JALAN_RUSAK');
    expect(page.body).toContain('Foto tidak langsung tampil untuk umum');
  });
});

describe('closing a report', () => {
  it('refuses "selesai" without a public note and keeps the report open', async () => {
    const receipt = await fileRoadReport(test.ctx);
    const dpupr = await staffCtx('opd', 'DPUPR');
    const error = await service
      .changeState(dpupr, receipt.ticket, { state: 'selesai', reason: '' })
      .catch((e: unknown) => e as Invalid);
    expect((error as Invalid).fields).toHaveProperty('reason');
    expect((await service.getPublicReport(test.ctx, receipt.ticket)).state).toBe('baru');
    await service.changeState(dpupr, receipt.ticket, { state: 'selesai', reason: 'Lubang sudah ditambal.' });
    expect((await service.getPublicReport(test.ctx, receipt.ticket)).state).toBe('selesai');
  });

  it('lets the handler upload an after-photo through the page, shown publicly once published', async () => {
    const receipt = await fileRoadReport(test.ctx);
    const user = await makeStaff(test.ctx, { role: 'opd', scope: 'DPUPR' });
    const officer = await loginAs(test.app, user);
    const page = `/kelola/pengaduan/${receipt.ticket}`;
    const sent = await officer.submitMultipart(page, {}, [
      { name: 'photos', filename: 'sesudah.jpg', type: 'image/jpeg', bytes: await jpegWithGps(800, 600) },
    ]);
    expect(sent.statusCode).toBe(303);
    expect((await service.getPublicReport(test.ctx, receipt.ticket)).afterPhotoIds).toEqual([]);
    const dpupr = withActor(test.ctx, user);
    const after = (await service.getReportForStaff(dpupr, receipt.ticket)).photos.find(
      (p) => p.kind === 'sesudah',
    );
    await service.setPhotoVisibility(dpupr, after!.id, false);
    const tracking = await new Visitor(test.app).get(`/pengaduan/${receipt.ticket}`);
    expect(tracking.body).toContain('Sesudah ditangani');
    expect(tracking.body).toContain(`/pengaduan/foto/${after!.id}/kecil`);
    const empty = await officer.submitMultipart(page, {}, []);
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Pilih foto hasil penanganan.');
  });
});

describe('finding one’s report again', () => {
  it('finds a ticket typed in lower case with spaces', async () => {
    const receipt = await fileRoadReport(test.ctx);
    const typed = receipt.ticket.toLowerCase().replaceAll('-', ' ');
    const found = await new Visitor(test.app).get(
      `/pengaduan/cari?tiket=${encodeURIComponent(` ${typed} `)}`,
    );
    expect(found.statusCode).toBe(303);
    expect(found.headers.location).toBe(`/pengaduan/${receipt.ticket}`);
  });

  it('sends the tickets of a phone number to that phone only, and says the same when there are none', async () => {
    const mine = await fileRoadReport(test.ctx, { phone: '0812 3456 7890' });
    await fileRoadReport(test.ctx, { phone: '081299998888' });
    const visitor = new Visitor(test.app);
    const sent = await visitor.post(
      '/pengaduan/cari-nomor',
      { phone: '+62 812-3456-7890' },
      {
        csrfFrom: '/pengaduan/cari-nomor',
      },
    );
    expect(sent.statusCode).toBe(303);
    const page = await visitor.get(sent.headers.location as string);
    expect(page.body).toContain('sudah kami kirim lewat SMS');
    expect(page.body).not.toContain(mine.ticket);
    const messages = await test.ctx.db
      .selectFrom('outbox')
      .select(['recipient', 'body'])
      .where('subject', '=', 'Nomor tiket laporan Anda')
      .execute();
    expect(messages).toHaveLength(1);
    expect(messages[0]!.recipient).toBe('081234567890');
    expect(messages[0]!.body).toContain(mine.ticket);
    const none = await visitor.post(
      '/pengaduan/cari-nomor',
      { phone: '081311112222' },
      {
        csrfFrom: '/pengaduan/cari-nomor',
      },
    );
    expect(none.headers.location).toBe(sent.headers.location);
    const bad = await visitor.post(
      '/pengaduan/cari-nomor',
      { phone: '12' },
      { csrfFrom: '/pengaduan/cari-nomor' },
    );
    expect(bad.statusCode).toBe(422);
  });

  it('offers a WhatsApp link for the private link right after filing', async () => {
    const receipt = await fileRoadReport(test.ctx);
    const page = await new Visitor(test.app).get(`/pengaduan/${receipt.ticket}?kunci=${receipt.key}&baru=1`);
    expect(page.body).toContain('href="https://wa.me/?text=');
    expect(page.body).toContain(encodeURIComponent(receipt.key));
  });
});

describe('plain words and scope', () => {
  it('names the unit in full with the short name in small print, and says how long ago', async () => {
    clock.set('2026-11-23T02:00:00Z');
    await fileRoadReport(test.ctx);
    clock.set('2026-11-23T04:10:00Z');
    const page = await new Visitor(test.app).get('/pengaduan');
    expect(page.body).toContain('Dinas Pekerjaan Umum');
    expect(page.body).toContain('<small class="official"> (DPUPR)</small>');
    expect(page.body).toContain('dilaporkan 2 jam lalu');
    expect(page.body).not.toContain('/pengaduan/aset/leaflet/leaflet.js');
  });

  it('shows a camat the SLA figures of their own kecamatan only', async () => {
    await fileRoadReport(test.ctx, { villageCode: KRAMATWATU });
    await fileRoadReport(test.ctx, {
      villageCode: KIBIN,
      details: { panjang_km: '1', status_jalan: 'desa' },
    });
    const camat = await staffCtx('camat', '36.04.05');
    const rows = await service.complianceFigures(camat, { own: true });
    expect(rows.map((r) => r.handlerCode)).toEqual(['DPUPR']);
    expect(rows[0]!.total).toBe(1);
    const admin = await staffCtx('admin_kabupaten', '36.04');
    expect((await service.complianceFigures(admin, { own: true })).map((r) => r.total)).toEqual([1, 1]);
  });
});
