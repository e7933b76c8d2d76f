import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Ctx, withActor } from '../../platform/context.ts';
import { readFile } from '../../platform/files/index.ts';
import { Forbidden, Invalid, TooManyRequests } from '../../platform/http/errors.ts';
import { createTestContext, eachTestOnClock, makeStaff } from '../../testing.ts';
import * as service from './service.ts';
import { seedComplaintReference } from './service.ts';
import { fileRoadReport, KIBIN, KRAMATWATU, MARGASANA, roadReport } from './test-builders.ts';
import { jpegWithGps } from './test-photos.ts';

let ctx: Ctx;
const { clock, test } = eachTestOnClock('2026-11-23T02:00:00Z', createTestContext); // Monday 09:00 in Serang

beforeEach(async () => {
  ctx = test.ctx;
  await seedComplaintReference(ctx);
});

async function staff(role: Parameters<typeof makeStaff>[1]['role'], scope: string) {
  return withActor(ctx, await makeStaff(ctx, { role, scope }));
}

describe('filing a report', () => {
  it('routes a damaged road to DPUPR with working-day deadlines, a first reply and a message to the reporter', async () => {
    const receipt = await fileRoadReport(ctx, { email: 'warga@contoh.id' });
    expect(receipt.ticket).toMatch(/^PGD-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    // filed Monday: 3 working days → end of Thursday, Jakarta time
    expect(receipt.verifyDueAt.toISOString()).toBe('2026-11-26T16:59:59.999Z');
    const dpupr = await staff('opd', 'DPUPR');
    const view = await service.getReportForStaff(dpupr, receipt.ticket);
    expect(view.row.handler_code).toBe('DPUPR');
    expect(view.row.details).toEqual({ panjang_km: 0.4, lebar_m: 6, status_jalan: 'kabupaten' });
    expect(view.updates[0]?.body).toContain('Target verifikasi');
    const outbox = await ctx.db.selectFrom('outbox').selectAll().execute();
    expect(outbox.map((m) => [m.channel, m.recipient])).toEqual([['email', 'warga@contoh.id']]);
    expect(outbox[0]?.body).toContain(receipt.ticket);
  });

  it('says field by field what is wrong and saves nothing', async () => {
    const error = await service
      .submitReport(
        ctx,
        roadReport({
          title: 'x',
          villageCode: '36.01.01.2001',
          details: { panjang_km: 'jauh' },
          phone: '12345',
        }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Invalid);
    expect(Object.keys((error as Invalid).fields).sort()).toEqual(
      ['detail_panjang_km', 'detail_status_jalan', 'phone', 'title', 'villageCode'].sort(),
    );
    expect(await ctx.db.selectFrom('complaints').select('id').execute()).toHaveLength(0);
  });

  it('refuses a report whose hidden honeypot field was filled in', async () => {
    await expect(fileRoadReport(ctx, { honeypot: 'http://spam.example' })).rejects.toBeInstanceOf(Invalid);
  });

  it('refuses the sixth report from one address within ten minutes, and accepts it later', async () => {
    for (let i = 0; i < 5; i++) await fileRoadReport(ctx, { ip: '192.0.2.7' });
    await expect(fileRoadReport(ctx, { ip: '192.0.2.7' })).rejects.toBeInstanceOf(TooManyRequests);
    clock.advance(11 * 60_000);
    await expect(fileRoadReport(ctx, { ip: '192.0.2.7' })).resolves.toHaveProperty('ticket');
  });

  it('limits one account (by e-mail) across different addresses', async () => {
    for (let i = 0; i < 10; i++) await fileRoadReport(ctx, { email: 'rajin@contoh.id' });
    await expect(fileRoadReport(ctx, { email: 'RAJIN@contoh.id' })).rejects.toBeInstanceOf(TooManyRequests);
  });

  it('lets an Open311 client file many reports from its one server address, but still limits each account', async () => {
    const admin = await staff('admin_kabupaten', '36.04');
    await service.createOpen311Client(admin, 'Aplikasi uji');
    const client = await ctx.db.selectFrom('open311_clients').select('id').executeTakeFirstOrThrow();
    const viaApp = (accountId: string) =>
      fileRoadReport(ctx, { source: 'open311', ip: '198.51.100.1', open311ClientId: client.id, accountId });
    for (let i = 0; i < 8; i++) await viaApp(`warga-${i}`);
    for (let i = 0; i < 2; i++) await viaApp('warga-sama');
    for (let i = 0; i < 8; i++) await viaApp('warga-sama');
    await expect(viaApp('warga-sama')).rejects.toBeInstanceOf(TooManyRequests);
  });

  it('strips EXIF and GPS from photos before storing them', async () => {
    const receipt = await fileRoadReport(ctx, { photos: [await jpegWithGps()] });
    const dpupr = await staff('opd', 'DPUPR');
    const view = await service.getReportForStaff(dpupr, receipt.ticket);
    expect(view.photos).toHaveLength(1);
    const stored = await readFile(ctx, view.photos[0]!.file_id);
    expect((await sharp(stored.bytes).metadata()).exif).toBeUndefined();
    expect(stored.bytes.includes(Buffer.from('SimpulCam'))).toBe(false);
  });

  it('refuses a file that is not an image, naming which photo', async () => {
    const error = await fileRoadReport(ctx, { photos: [Buffer.from('%PDF-1.7 bukan foto')] }).catch(
      (e: unknown) => e,
    );
    expect((error as Invalid).fields.photos).toContain('Foto ke-1');
  });
});

describe('routing', () => {
  it('sends village matters to the village itself, whose staff may handle them', async () => {
    const receipt = await service.submitReport(
      ctx,
      roadReport({ categoryCode: 'LAYANAN_DESA', details: {} }),
    );
    const operator = await staff('operator_desa', KRAMATWATU);
    const view = await service.getReportForStaff(operator, receipt.ticket);
    expect(view.row.handler_kind).toBe('village');
    expect(view.mayHandle).toBe(true);
    const other = await staff('operator_desa', KIBIN);
    await expect(service.getReportForStaff(other, receipt.ticket)).rejects.toBeInstanceOf(Forbidden);
  });

  it('prefers a village rule to a kecamatan rule, and a kecamatan rule to the regency default', async () => {
    const admin = await staff('admin_kabupaten', '36.04');
    await service.saveRoute(admin, { categoryCode: 'LAMPU_JALAN', regionCode: '36.04.05', handler: 'DPUPR' });
    await service.saveRoute(admin, {
      categoryCode: 'LAMPU_JALAN',
      regionCode: MARGASANA,
      handler: 'VILLAGE',
    });
    expect(await service.resolveHandler(ctx, 'LAMPU_JALAN', KRAMATWATU)).toEqual({
      kind: 'agency',
      code: 'DPUPR',
    });
    expect(await service.resolveHandler(ctx, 'LAMPU_JALAN', MARGASANA)).toEqual({
      kind: 'village',
      code: MARGASANA,
    });
    expect(await service.resolveHandler(ctx, 'LAMPU_JALAN', KIBIN)).toEqual({
      kind: 'agency',
      code: 'DISHUB',
    });
  });

  it('lets the admin create a category routed to an agency, and reports files to it at once', async () => {
    const admin = await staff('admin_kabupaten', '36.04');
    const input = {
      code: 'taman_kota',
      name: 'Taman kota rusak',
      nameEn: 'Damaged park',
      group: 'Lingkungan',
      description: '',
      handler: 'DLH',
      slaVerify: '2',
      slaResponse: '4',
      slaResolve: '15',
      reopenDays: '14',
      confidentialDefault: false,
      anonymousAllowed: true,
      publicReopen: true,
      active: true,
    };
    expect(await service.createCategory(admin, input)).toBe('TAMAN_KOTA');
    const again = await service.createCategory(admin, input).catch((e: unknown) => e);
    expect((again as Invalid).fields.code).toContain('sudah dipakai');
    const receipt = await service.submitReport(ctx, roadReport({ categoryCode: 'TAMAN_KOTA', details: {} }));
    const dlh = await staff('opd', 'DLH');
    expect((await service.getReportForStaff(dlh, receipt.ticket)).row.handler_code).toBe('DLH');
  });

  it('lets only the admin kabupaten change routing rules, and checks the area', async () => {
    const dpupr = await staff('opd', 'DPUPR');
    await expect(
      service.saveRoute(dpupr, { categoryCode: 'SAMPAH', regionCode: '36.04', handler: 'DPUPR' }),
    ).rejects.toBeInstanceOf(Forbidden);
    const admin = await staff('admin_kabupaten', '36.04');
    const error = await service
      .saveRoute(admin, { categoryCode: 'SAMPAH', regionCode: '36.01.01', handler: 'NOPE' })
      .catch((e: unknown) => e);
    expect(Object.keys((error as Invalid).fields).sort()).toEqual(['handler', 'regionCode']);
  });

  it('keeps a hand-over in the history and moves the report to the new agency queue', async () => {
    const receipt = await fileRoadReport(ctx);
    const dpupr = await staff('opd', 'DPUPR');
    await service.changeState(dpupr, receipt.ticket, {
      state: 'diteruskan',
      handler: 'DISHUB',
      reason: 'Ini rambu lalu lintas, wewenang Dishub',
    });
    const dishub = await staff('opd', 'DISHUB');
    expect((await service.listQueue(dishub, {})).rows.map((r) => r.ticket)).toContain(receipt.ticket);
    expect((await service.listQueue(dpupr, {})).rows).toHaveLength(0);
    const history = (await service.getReportForStaff(dishub, receipt.ticket)).updates;
    expect(history.find((u) => u.kind === 'route')).toMatchObject({
      from_handler: 'DPUPR',
      to_handler: 'DISHUB',
    });
    await expect(
      service.addReply(dpupr, receipt.ticket, { body: 'masih saya', internal: false }),
    ).rejects.toBeInstanceOf(Forbidden);
  });
});

describe('handling', () => {
  it('shows public replies to everyone and keeps internal notes to staff', async () => {
    const receipt = await fileRoadReport(ctx);
    const dpupr = await staff('opd', 'DPUPR');
    await service.addReply(dpupr, receipt.ticket, { body: 'Tim survei berangkat besok.', internal: false });
    await service.addReply(dpupr, receipt.ticket, {
      body: 'Anggaran pemeliharaan tinggal sedikit.',
      internal: true,
    });
    const pub = await service.getPublicReport(ctx, receipt.ticket);
    const bodies = pub.history.map((h) => h.body);
    expect(bodies).toContain('Tim survei berangkat besok.');
    expect(bodies.join()).not.toContain('Anggaran');
  });

  it('asks for a reason to reject and keeps it in the public view', async () => {
    const receipt = await fileRoadReport(ctx);
    const dpupr = await staff('opd', 'DPUPR');
    await expect(service.changeState(dpupr, receipt.ticket, { state: 'ditolak' })).rejects.toBeInstanceOf(
      Invalid,
    );
    await service.changeState(dpupr, receipt.ticket, {
      state: 'ditolak',
      reason: 'Jalan nasional, wewenang BPJN',
    });
    const pub = await service.getPublicReport(ctx, receipt.ticket);
    expect(pub.state).toBe('ditolak');
    expect(pub.rejectReason).toBe('Jalan nasional, wewenang BPJN');
  });

  it('links a duplicate to its original', async () => {
    const original = await fileRoadReport(ctx);
    const copy = await fileRoadReport(ctx);
    const dpupr = await staff('opd', 'DPUPR');
    await service.changeState(dpupr, copy.ticket, { state: 'duplikat', duplicateOf: original.ticket });
    expect((await service.getPublicReport(ctx, copy.ticket)).duplicateOfTicket).toBe(original.ticket);
    expect((await service.getPublicReport(ctx, original.ticket)).supportCount).toBe(1);
  });

  it('sends updates on the original to the reporters of its duplicates', async () => {
    const original = await fileRoadReport(ctx, { email: 'pertama@contoh.id' });
    const copy = await fileRoadReport(ctx, { email: 'kedua@contoh.id' });
    const dpupr = await staff('opd', 'DPUPR');
    await service.changeState(dpupr, copy.ticket, { state: 'duplikat', duplicateOf: original.ticket });
    await ctx.db.deleteFrom('outbox').execute();
    await service.addReply(dpupr, original.ticket, { body: 'Perbaikan dimulai Senin.', internal: false });
    const sent = await ctx.db
      .selectFrom('outbox')
      .select(['recipient', 'body'])
      .orderBy('recipient')
      .execute();
    expect(sent.map((m) => m.recipient)).toEqual(['kedua@contoh.id', 'pertama@contoh.id']);
    expect(sent.every((m) => m.body.includes(original.ticket))).toBe(true);
  });

  it('suggests reports of the same category within the radius, not farther ones or other categories', async () => {
    const near = await fileRoadReport(ctx, { lat: -6.0581, lng: 106.1106 });
    await fileRoadReport(ctx, { lat: -6.0681, lng: 106.1106 }); // about 1.1 km south
    await service.submitReport(ctx, roadReport({ categoryCode: 'SAMPAH', details: {} }));
    const found = await service.nearbyReports(ctx, {
      categoryCode: 'JALAN_RUSAK',
      lat: -6.0583,
      lng: 106.1107,
    });
    expect(found.map((f) => f.ticket)).toEqual([near.ticket]);
    expect(found[0]!.distanceM).toBeLessThan(50);
  });

  it('lets the reporter confirm or reopen within the window, and not after it', async () => {
    const receipt = await fileRoadReport(ctx);
    const dpupr = await staff('opd', 'DPUPR');
    await service.changeState(dpupr, receipt.ticket, { state: 'selesai', reason: 'Sudah ditambal' });
    await expect(
      service.reopenReport(ctx, receipt.ticket, 'kunci-salah', 'belum beres'),
    ).rejects.toBeInstanceOf(Forbidden);
    await service.reopenReport(ctx, receipt.ticket, receipt.key, 'Tambalan sudah lepas lagi');
    expect((await service.getPublicReport(ctx, receipt.ticket)).state).toBe('diproses');
    await service.changeState(dpupr, receipt.ticket, { state: 'selesai', reason: 'Diaspal ulang' });
    clock.advance(15 * 86_400_000);
    await expect(service.confirmFixed(ctx, receipt.ticket, receipt.key)).rejects.toBeInstanceOf(Invalid);
  });
});

describe('reply templates', () => {
  it('fills a template with the ticket, the unit and the deadline when the reply is left empty', async () => {
    const receipt = await fileRoadReport(ctx);
    const dpupr = await staff('opd', 'DPUPR');
    const templates = await service.listTemplates(dpupr, 'JALAN_RUSAK');
    const road = templates.find((tpl) => tpl.category_code === 'JALAN_RUSAK')!;
    await service.addReply(dpupr, receipt.ticket, { body: '', internal: false, templateId: road.id });
    const reply = (await service.getPublicReport(ctx, receipt.ticket)).history.at(-1)!;
    expect(reply.body).toContain(receipt.ticket);
    expect(reply.body).toContain('DPUPR');
    expect(reply.body).toMatch(/\d{1,2} [A-Z][a-z]+ 20\d\d/);
    expect(reply.body).not.toContain('{');
  });

  it('refuses a template made for another category, and lets only the admin add one, field by field', async () => {
    const receipt = await fileRoadReport(ctx);
    const admin = await staff('admin_kabupaten', '36.04');
    await service.addTemplate(admin, {
      categoryCode: 'SAMPAH',
      state: '',
      title: 'Sampah diangkut',
      body: 'Sampah sudah diangkut petugas {unit}.',
    });
    const rubbish = (await service.listTemplates(admin)).find((tpl) => tpl.title === 'Sampah diangkut')!;
    const dpupr = await staff('opd', 'DPUPR');
    await expect(
      service.addReply(dpupr, receipt.ticket, { body: '', internal: false, templateId: rubbish.id }),
    ).rejects.toBeInstanceOf(Invalid);
    await expect(
      service.addTemplate(dpupr, { categoryCode: '', state: '', title: 'x', body: 'y' }),
    ).rejects.toBeInstanceOf(Forbidden);
    const error = await service
      .addTemplate(admin, { categoryCode: 'NOPE', state: 'entah', title: 'x', body: 'y' })
      .catch((e: unknown) => e);
    expect(Object.keys((error as Invalid).fields).sort()).toEqual(['body', 'categoryCode', 'state', 'title']);
  });
});

describe('privacy', () => {
  it('keeps a sensitive category confidential by default: no text in public, full text for the reporter', async () => {
    const receipt = await service.submitReport(
      ctx,
      roadReport({ categoryCode: 'BANSOS', details: {}, title: 'Bantuan PKH dipotong' }),
    );
    expect(receipt.confidential).toBe(true);
    const pub = await service.getPublicReport(ctx, receipt.ticket);
    expect(pub.title).toBeNull();
    expect(pub.description).toBeNull();
    expect((await service.listPublicReports(ctx, {})).rows).toHaveLength(0);
    const own = await service.getPublicReport(ctx, receipt.ticket, receipt.key);
    expect(own.title).toBe('Bantuan PKH dipotong');
    const dinsos = await staff('opd', 'DINSOS');
    await service.changeState(dinsos, receipt.ticket, {
      state: 'ditolak',
      reason: 'Ibu Sari sudah menerima PKH bulan ini',
    });
    const after = await service.getPublicReport(ctx, receipt.ticket);
    expect(after.state).toBe('ditolak');
    expect(after.rejectReason).toBeNull();
    expect(JSON.stringify(after.history)).not.toContain('Ibu Sari');
    expect(
      JSON.stringify((await service.getPublicReport(ctx, receipt.ticket, receipt.key)).history),
    ).toContain('Ibu Sari');
  });

  it('does not reveal a confidential report to a resident looking for nearby reports, but shows it to staff', async () => {
    const secret = await service.submitReport(ctx, roadReport({ categoryCode: 'BANSOS', details: {} }));
    const here = { categoryCode: 'BANSOS', lat: -6.0581, lng: 106.1106 };
    expect(await service.nearbyReports(ctx, here)).toEqual([]);
    const other = await service.submitReport(ctx, roadReport({ categoryCode: 'BANSOS', details: {} }));
    const dinsos = await staff('opd', 'DINSOS');
    const view = await service.getReportForStaff(dinsos, other.ticket);
    expect(view.nearby.map((n) => n.ticket)).toEqual([secret.ticket]);
  });

  it('keeps a confidential report on village funds from that village’s own staff and camat, and audits its handler’s reads', async () => {
    const receipt = await service.submitReport(
      ctx,
      roadReport({ categoryCode: 'DANA_DESA', details: {}, title: 'Dana desa dipakai pribadi' }),
    );
    const kades = await staff('kepala_desa', KRAMATWATU);
    const camat = await staff('camat', '36.04.05');
    for (const viewer of [kades, camat]) {
      await expect(service.getReportForStaff(viewer, receipt.ticket)).rejects.toBeInstanceOf(Forbidden);
      expect((await service.listQueue(viewer, {})).rows.map((r) => r.ticket)).not.toContain(receipt.ticket);
    }
    const dpmd = await staff('opd', 'DPMD');
    expect((await service.getReportForStaff(dpmd, receipt.ticket)).row.title).toBe(
      'Dana desa dipakai pribadi',
    );
    const audits = await ctx.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'read_personal')
      .execute();
    expect(audits.map((a) => a.detail)).toEqual([
      { ticket: receipt.ticket, fields: ['confidential_report'] },
    ]);
  });

  it('never shows an anonymous reporter to the agency; shows a named one to the handler only, and audits it', async () => {
    const anon = await fileRoadReport(ctx, { anonymous: true, name: 'Siti', phone: '081234567890' });
    const named = await fileRoadReport(ctx, { name: 'Budi', phone: '081234567891' });
    const dpupr = await staff('opd', 'DPUPR');
    expect((await service.getReportForStaff(dpupr, anon.ticket)).reporter).toBeNull();
    expect((await service.getReportForStaff(dpupr, named.ticket)).reporter?.name).toBe('Budi');
    const camat = await staff('camat', '36.04.05');
    expect((await service.getReportForStaff(camat, named.ticket)).reporter).toBeNull();
    const audits = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'read_personal')
      .execute();
    expect(audits).toHaveLength(1);
  });

  it('redacts NIK, phone numbers and e-mails from public text', async () => {
    await fileRoadReport(ctx, { description: 'Hubungi saya 0812-3456-7890, NIK 3604051203900012, a@b.id' });
    const row = (await service.listPublicReports(ctx, {})).rows[0]!;
    expect(row.description).not.toMatch(/0812|3604051203900012|a@b\.id/);
    expect(row.description).toContain('[NIK disamarkan]');
  });

  it('takes a flagged report out of public view until the admin publishes a redacted version', async () => {
    const receipt = await fileRoadReport(ctx, { title: 'Kepala dinas bodoh tidak becus' });
    const dpupr = await staff('opd', 'DPUPR');
    await service.flagReport(dpupr, receipt.ticket, 'Kata kasar di judul');
    expect((await service.listPublicReports(ctx, {})).rows).toHaveLength(0);
    const admin = await staff('admin_kabupaten', '36.04');
    expect((await service.moderationQueue(admin)).map((r) => r.ticket)).toEqual([receipt.ticket]);
    await service.moderate(admin, receipt.ticket, {
      action: 'redact',
      publicTitle: 'Jalan berlubang belum ditangani',
      publicDescription: 'Lubang besar di depan pasar belum diperbaiki.',
    });
    const rows = (await service.listPublicReports(ctx, {})).rows;
    expect(rows.map((r) => r.title)).toEqual(['Jalan berlubang belum ditangani']);
  });
});
