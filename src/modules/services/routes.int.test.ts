import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResidentActor, StaffActor } from '../../platform/auth/roles.ts';
import { createApiToken } from '../../platform/auth/users.ts';
import { fixedClock, withActor } from '../../platform/context.ts';
import {
  buildTestApp,
  loginAs,
  loginAsNewStaff,
  makeStaff,
  multipartAction,
  type TestApp,
  type Upload,
  Visitor,
} from '../../testing.ts';
import { makeNik } from '../residents/service.ts';
import { makeResident } from '../residents/test-builders.ts';
import { approveStep, getService, startRequest } from './service.ts';
import {
  KIBIN,
  KRAMATWATU,
  makeApplicant,
  openServiceDesk,
  requestInput,
  samplePhoto,
  type VillageOffice,
} from './test-builders.ts';

let test: TestApp;
let office: VillageOffice;
let applicant: ResidentActor;
const clock = fixedClock('2026-12-01T02:00:00Z'); // Tuesday 09:00 in Serang

beforeEach(async () => {
  clock.set('2026-12-01T02:00:00Z');
  ({ test, office, applicant } = await openServiceDesk(buildTestApp({ clock })));
});
afterEach(() => test.close());

async function jpeg(name: string): Promise<Upload> {
  return { name, filename: `${name}.jpg`, type: 'image/jpeg', bytes: await samplePhoto() };
}

/** The text of the error message shown beside a field (FieldWrapper's `error-{name}` paragraph). */
function fieldError(html: string, field: string): string | null {
  const match = new RegExp(`<p class="error-message" id="error-${field}">([\\s\\S]*?)</p>`).exec(html);
  return match ? match[1]!.replace(/<[^>]+>/g, '') : null;
}

function inputValue(html: string, field: string): string | null {
  const tag = new RegExp(`<input[^>]*name="${field}"[^>]*>`).exec(html)?.[0];
  return tag ? (/value="([^"]*)"/.exec(tag)?.[1] ?? null) : null;
}

/** The operator issues a PIN through the page and reads it off the answer, shown once. */
async function issuePinThroughPage(operator: Visitor, nik: string): Promise<string> {
  const response = await operator.post('/kelola/layanan/pin', { nik }, { csrfFrom: '/kelola/layanan/pin' });
  expect(response.statusCode).toBe(200);
  expect(response.headers['cache-control']).toBe('no-store');
  const pin = /<p class="big-code">(\d{6})<\/p>/.exec(response.body)?.[1];
  if (!pin) throw new Error('no PIN on the page');
  return pin;
}

/** A resident logged in with an operator-issued PIN and already past the forced PIN change. */
async function residentSession(who: ResidentActor, operatorVisitor?: Visitor, newPin = '583920') {
  const operator = operatorVisitor ?? (await loginAs(test.app, office.operator));
  const pin = await issuePinThroughPage(operator, who.nik);
  const visitor = new Visitor(test.app);
  const login = await visitor.post('/masuk/warga', { nik: who.nik, pin }, { csrfFrom: '/masuk/warga' });
  expect(login.statusCode).toBe(303);
  const changed = await visitor.post(
    '/akun/pin',
    { current: pin, next: newPin, repeat: newPin },
    { csrfFrom: '/akun/pin' },
  );
  expect(changed.statusCode).toBe(303);
  return visitor;
}

async function requestRow(where: { resident_id: string }) {
  return test.ctx.db
    .selectFrom('service_requests')
    .selectAll()
    .where('resident_id', '=', where.resident_id)
    .executeTakeFirstOrThrow();
}

const as = (actor: StaffActor | ResidentActor) => withActor(test.ctx, actor);

describe('resident login with NIK and PIN', () => {
  it('refuses a short NIK and a five-digit PIN with a message beside each field and in the summary', async () => {
    const visitor = new Visitor(test.app);
    const response = await visitor.post(
      '/masuk/warga',
      { nik: '3604', pin: '12345' },
      { csrfFrom: '/masuk/warga' },
    );
    expect(response.statusCode).toBe(422);
    expect(fieldError(response.body, 'nik')).toContain('NIK harus 16 angka');
    expect(fieldError(response.body, 'pin')).toContain('PIN terdiri dari 6 angka.');
    expect(response.body).toContain('class="error-summary"');
    expect(response.body).toContain('<a href="#field-nik">NIK: NIK harus 16 angka');
    expect(response.body).toContain('<a href="#field-pin">PIN: PIN terdiri dari 6 angka.');
    expect(inputValue(response.body, 'nik')).toBe('3604');
    expect(inputValue(response.body, 'pin')).toBe('');

    const empty = await visitor.post('/masuk/warga', { nik: '', pin: '' }, { csrfFrom: '/masuk/warga' });
    expect(empty.statusCode).toBe(422);
    expect(fieldError(empty.body, 'nik')).toContain('NIK harus 16 angka');
    expect(visitor.cookies.sid ?? '').toBe('');
  });

  it('lets a resident in with the PIN the operator was shown, makes them change it, then shows their own data and family', async () => {
    const operator = await loginAs(test.app, office.operator);
    const child = makeNik('360405', '2015-06-01', 1, 901);
    await makeResident(as(office.operator), KRAMATWATU, {
      nama: 'AHMAD FAUZI',
      nik: child,
      no_kk: applicant.familyNumber,
      kk_level: '4',
      birthDate: '2015-06-01',
      sex: 1,
    });
    const pinPage = await operator.post(
      '/kelola/layanan/pin',
      { nik: applicant.nik },
      { csrfFrom: '/kelola/layanan/pin' },
    );
    expect(pinPage.body).toContain(`PIN baru untuk ${applicant.name}`);
    const pin = /<p class="big-code">(\d{6})<\/p>/.exec(pinPage.body)?.[1] ?? '';
    expect(pin).toMatch(/^\d{6}$/);

    const resident = new Visitor(test.app);
    const wrong = await resident.post(
      '/masuk/warga',
      { nik: applicant.nik, pin: pin === '000001' ? '000002' : '000001' },
      { csrfFrom: '/masuk/warga' },
    );
    expect(wrong.statusCode).toBe(422);
    expect(fieldError(wrong.body, 'nik')).toBe('Kesalahan: NIK atau PIN salah.');

    const login = await resident.post(
      '/masuk/warga',
      { nik: applicant.nik, pin },
      { csrfFrom: '/masuk/warga' },
    );
    expect(login.statusCode).toBe(303);
    expect(login.headers.location).toBe('/akun/pin');
    const account = await resident.get('/akun');
    expect(account.statusCode).toBe(303);
    expect(account.headers.location).toBe('/akun/pin');

    const weak = await resident.post(
      '/akun/pin',
      { current: pin, next: '123456', repeat: '123456' },
      { csrfFrom: '/akun/pin' },
    );
    expect(weak.statusCode).toBe(422);
    expect(fieldError(weak.body, 'next')).toContain('mudah ditebak');

    const changed = await resident.post(
      '/akun/pin',
      { current: pin, next: '583920', repeat: '583920' },
      { csrfFrom: '/akun/pin' },
    );
    expect(changed.statusCode).toBe(303);
    expect(changed.headers.location).toBe('/akun');
    const mine = await resident.get('/akun');
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain('PIN Anda sudah diganti.');
    expect(mine.body).toContain(applicant.name);
    expect(mine.body).toContain(applicant.nik);
    expect(mine.body).toContain('Anggota keluarga (KK)');
    expect(mine.body).toContain('AHMAD FAUZI');
    expect(mine.body).toContain(child);
    const stored = await test.ctx.db
      .selectFrom('resident_pins')
      .select('must_change')
      .where('resident_id', '=', applicant.id)
      .executeTakeFirstOrThrow();
    expect(stored.must_change).toBe(false);
  });

  it('keeps residents out of staff pages, and sends anonymous visitors of the account to the resident login', async () => {
    const resident = await residentSession(applicant);
    const queue = await resident.get('/kelola/layanan');
    expect(queue.statusCode).toBe(303);
    expect(queue.headers.location).toBe('/masuk?kembali=%2Fkelola%2Flayanan');
    expect(queue.body).not.toContain(applicant.nik);
    const api = await resident.get('/api/v1/service-requests');
    expect(api.statusCode).toBe(401);

    const anonymous = await new Visitor(test.app).get('/akun');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/masuk/warga?kembali=%2Fakun');
    expect((await new Visitor(test.app).get('/masuk')).body).toContain('href="/masuk/warga"');
    const form = await new Visitor(test.app).get('/layanan/keterangan-domisili/ajukan');
    expect(form.statusCode).toBe(303);
    expect(form.headers.location).toBe('/masuk/warga?kembali=%2Flayanan%2Fketerangan-domisili%2Fajukan');
  });
});

describe('a resident’s letter request over HTTP, from the form to the signed PDF', () => {
  it('is filed, returned with a remark, fixed, approved, signed after confirmation and downloaded only by its applicant', async () => {
    const operator = await loginAs(test.app, office.operator);
    const resident = await residentSession(applicant, operator);

    const form = await resident.get('/layanan/keterangan-domisili/ajukan');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="keperluan"');
    expect(form.body).toContain('name="lampiran_foto_ktp"');
    expect(form.body).toContain('name="lampiran_pengantar_rt"');

    // what the resident types, sent with the request (action: ajukan)
    const submitted = {
      keperluan: 'Membuka rekening bank',
      contactPhone: '081234567890',
      contactChannel: 'whatsapp',
      action: 'ajukan',
    };
    // one required attachment missing: a draft is kept, the form comes back with the message and the text
    const incomplete = await resident.postMultipart(multipartAction(form.body), submitted, [
      await jpeg('lampiran_foto_ktp'),
    ]);
    expect(incomplete.statusCode).toBe(422);
    expect(fieldError(incomplete.body, 'lampiran_pengantar_rt')).toContain('wajib dilampirkan');
    expect(incomplete.body).toContain('class="error-summary"');
    expect(fieldError(incomplete.body, 'lampiran_foto_ktp')).toBeNull();
    expect(incomplete.body).toContain('value="Membuka rekening bank"');
    let row = await requestRow({ resident_id: applicant.id });
    expect(row.state).toBe('draf');
    const id = row.id;
    expect(multipartAction(incomplete.body)).toBe(`/akun/permohonan/${id}`);

    // the missing attachment added: submitted, the KTP photo from the first try is kept
    const complete = await resident.postMultipart(multipartAction(incomplete.body), submitted, [
      await jpeg('lampiran_pengantar_rt'),
    ]);
    expect(complete.statusCode).toBe(303);
    expect(complete.headers.location).toBe(`/akun/permohonan/${id}`);
    row = await requestRow({ resident_id: applicant.id });
    expect(row.state).toBe('diperiksa');
    const attachments = await test.ctx.db
      .selectFrom('service_request_attachments')
      .select('name')
      .where('request_id', '=', id)
      .execute();
    expect(attachments.map((a) => a.name).sort()).toEqual(['foto_ktp', 'pengantar_rt']);

    // the operator's queue and the request page, with the resident's NIK in full
    const queue = await operator.get('/kelola/layanan');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(`href="/kelola/layanan/permohonan/${id}">${row.code}</a>`);
    const staffPage = await operator.get(`/kelola/layanan/permohonan/${id}`);
    expect(staffPage.statusCode).toBe(200);
    expect(staffPage.body).toContain(applicant.nik);
    expect(staffPage.body).toContain('Membuka rekening bank');

    const returned = await operator.post(
      `/kelola/layanan/permohonan/${id}/kembalikan`,
      { remark_keperluan: 'Sebutkan nama banknya.' },
      { csrfFrom: `/kelola/layanan/permohonan/${id}` },
    );
    expect(returned.statusCode).toBe(303);
    expect(returned.headers.location).toBe(`/kelola/layanan/permohonan/${id}`);
    expect((await requestRow({ resident_id: applicant.id })).state).toBe('belum_lengkap');

    const toFix = await resident.get(`/akun/permohonan/${id}`);
    expect(toFix.statusCode).toBe(200);
    expect(toFix.body).toContain('Permohonan dikembalikan untuk diperbaiki');
    expect(toFix.body).toMatch(
      /<div class="remark"><div class="field field-error"><label for="field-keperluan">[\s\S]*?<p class="error-message" id="error-keperluan">[\s\S]*?Catatan petugas: Sebutkan nama banknya\.<\/p>/,
    );
    expect(toFix.body).toContain('Belum lengkap — perlu diperbaiki');

    const fixed = await resident.submitMultipart(`/akun/permohonan/${id}`, {
      keperluan: 'Membuka rekening Bank BJB',
      contactPhone: '081234567890',
      contactChannel: 'whatsapp',
      action: 'ajukan',
    });
    expect(fixed.statusCode).toBe(303);
    row = await requestRow({ resident_id: applicant.id });
    expect(row.state).toBe('diperiksa');
    expect(row.data).toMatchObject({ keperluan: 'Membuka rekening Bank BJB' });
    expect(row.remarks).toEqual({});

    const approved = await operator.post(
      `/kelola/layanan/permohonan/${id}/setujui`,
      { note: '' },
      { csrfFrom: `/kelola/layanan/permohonan/${id}` },
    );
    expect(approved.statusCode).toBe(303);
    expect((await requestRow({ resident_id: applicant.id })).state).toBe('menunggu_tanda_tangan');

    const kades = await loginAs(test.app, office.kades);
    const unconfirmed = await kades.post(
      `/kelola/layanan/permohonan/${id}/tandatangani`,
      { note: '' },
      { csrfFrom: `/kelola/layanan/permohonan/${id}` },
    );
    expect(unconfirmed.statusCode).toBe(422);
    expect(fieldError(unconfirmed.body, 'confirm')).toBe(
      'Centang pernyataan persetujuan sebelum menandatangani.',
    );
    expect((await requestRow({ resident_id: applicant.id })).state).toBe('menunggu_tanda_tangan');

    const signed = await kades.post(
      `/kelola/layanan/permohonan/${id}/tandatangani`,
      { confirm: '1', note: '' },
      { csrfFrom: `/kelola/layanan/permohonan/${id}` },
    );
    expect(signed.statusCode).toBe(303);
    const after = await kades.get(String(signed.headers.location));
    expect(after.body).toContain('Surat nomor 400.12.2.2/001/Ds-Kramatwatu/XII/2026 sudah terbit.');
    expect((await requestRow({ resident_id: applicant.id })).state).toBe('siap_diambil');

    const ready = await resident.get(`/akun/permohonan/${id}`);
    expect(ready.body).toContain('400.12.2.2/001/Ds-Kramatwatu/XII/2026');
    expect(ready.body).toContain(`href="/akun/permohonan/${id}/surat.pdf"`);
    const pdf = await resident.get(`/akun/permohonan/${id}/surat.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(
      'attachment; filename="surat-400_12_2_2_001_Ds-Kramatwatu_XII_2026.pdf"',
    );
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const neighbour = await makeApplicant(test.ctx, office.operator);
    const other = await residentSession(neighbour, operator, '749261');
    const refused = await other.get(`/akun/permohonan/${id}/surat.pdf`);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).not.toContain('application/pdf');
    const otherPage = await other.get(`/akun/permohonan/${id}`);
    expect(otherPage.statusCode).toBe(403);
    expect(otherPage.body).not.toContain(applicant.name);
  });
});

describe('operator-assisted filing', () => {
  it('looks the resident up by NIK, files for them with the KTP photo and marks the operator as filer', async () => {
    const operator = await loginAs(test.app, office.operator);
    const unknown = await operator.get('/kelola/layanan/ajukan?nik=3604050000009999&layanan=pengantar-skck');
    expect(unknown.statusCode).toBe(422);
    expect(fieldError(unknown.body, 'nik')).toBe('Kesalahan: NIK ini tidak ada di data penduduk.');
    expect(unknown.body).toContain('<a href="#field-nik">NIK warga: NIK ini tidak ada di data penduduk.</a>');
    expect(inputValue(unknown.body, 'nik')).toBe('3604050000009999');

    const url = `/kelola/layanan/ajukan?nik=${applicant.nik}&layanan=pengantar-skck`;
    const form = await operator.get(url);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`Atas nama ${applicant.name}.`);
    expect(inputValue(form.body, 'residentNik')).toBe(applicant.nik);
    expect(multipartAction(form.body)).toBe('/kelola/layanan/ajukan/pengantar-skck');

    const filed = await operator.submitMultipart(
      url,
      {
        residentNik: applicant.nik,
        keperluan: 'Melamar kerja di pabrik',
        contactPhone: '',
        action: 'ajukan',
      },
      [await jpeg('lampiran_foto_ktp')],
    );
    expect(filed.statusCode).toBe(303);
    const row = await requestRow({ resident_id: applicant.id });
    expect(filed.headers.location).toBe(`/kelola/layanan/permohonan/${row.id}`);
    expect(row.filed_by).toBe(office.operator.id);
    expect(row.state).toBe('diperiksa');
    const page = await operator.get(String(filed.headers.location));
    expect(page.body).toContain('Melamar kerja di pabrik');
    expect(page.body).toContain('foto_ktp.jpg');
  });

  it('refuses the assisted form to an operator of another village for this resident', async () => {
    const kibin = await loginAsNewStaff(test, { role: 'operator_desa', scope: KIBIN });
    const response = await kibin.get(`/kelola/layanan/ajukan?nik=${applicant.nik}&layanan=pengantar-skck`);
    expect(response.statusCode).toBe(422);
    expect(fieldError(response.body, 'nik')).toBe('Kesalahan: Warga ini terdaftar di desa lain.');
    expect(response.body).not.toContain(applicant.name);
  });
});

describe('the village’s letter settings', () => {
  const settings = {
    signatoryName: 'H. Kepala Uji',
    signatoryEmployeeNumber: '',
    delegateName: '',
    delegatePosition: '',
    delegateEmployeeNumber: '',
  };

  it('refuses a number pattern without {nomor} beside the field, and the next letter follows a saved pattern', async () => {
    const operator = await loginAs(test.app, office.operator);
    const missing = await operator.post(
      '/kelola/layanan/desa/surat',
      { ...settings, numberPattern: '{kode}/Ds-{desa}/{tahun}' },
      { csrfFrom: '/kelola/layanan/desa' },
    );
    expect(missing.statusCode).toBe(422);
    expect(fieldError(missing.body, 'numberPattern')).toContain(
      'Pola nomor harus memuat {nomor} (nomor urut).',
    );
    expect(inputValue(missing.body, 'numberPattern')).toBe('{kode}/Ds-{desa}/{tahun}');

    // the counter runs per classification code, so a pattern must carry {kode}
    const noClassification = await operator.post(
      '/kelola/layanan/desa/surat',
      { ...settings, numberPattern: '{kode_surat}/{nomor:3}/{kode_desa}/{bulan_romawi}/{tahun}' },
      { csrfFrom: '/kelola/layanan/desa' },
    );
    expect(noClassification.statusCode).toBe(422);
    expect(fieldError(noClassification.body, 'numberPattern')).toContain('harus memuat {kode}');

    const pattern = '{kode}/{kode_surat}/{nomor:3}/{kode_desa}/{bulan_romawi}/{tahun}';
    const saved = await operator.post(
      '/kelola/layanan/desa/surat',
      { ...settings, numberPattern: pattern },
      { csrfFrom: '/kelola/layanan/desa' },
    );
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/kelola/layanan/desa');
    const page = await operator.get('/kelola/layanan/desa');
    expect(inputValue(page.body, 'numberPattern')).toBe(pattern);

    const outcome = await startRequest(
      as(applicant),
      'pengantar-skck',
      await requestInput({ keperluan: 'Melamar kerja' }, { attachments: ['foto_ktp'] }),
    );
    expect(outcome.problems).toEqual({});
    await approveStep(as(office.operator), outcome.id);
    const kades = await loginAs(test.app, office.kades);
    const signed = await kades.post(
      `/kelola/layanan/permohonan/${outcome.id}/tandatangani`,
      { confirm: '1' },
      { csrfFrom: `/kelola/layanan/permohonan/${outcome.id}` },
    );
    expect(signed.statusCode).toBe(303);
    const letter = await test.ctx.db
      .selectFrom('letters')
      .select('number')
      .where('request_id', '=', outcome.id)
      .executeTakeFirstOrThrow();
    expect(letter.number).toBe('300.1.4/S-07/001/3604052001/XII/2026');
    expect((await kades.get(String(signed.headers.location))).body).toContain(
      'Surat nomor 300.1.4/S-07/001/3604052001/XII/2026 sudah terbit.',
    );
  });
});

describe('the regency’s service catalog', () => {
  it('lists the sixteen services for the admin and refuses a village operator', async () => {
    const admin = await loginAs(
      test.app,
      await makeStaff(test.ctx, { role: 'admin_kabupaten', scope: '36.04' }),
    );
    const page = await admin.get('/kelola/layanan/katalog');
    expect(page.statusCode).toBe(200);
    const slugs = new Set(
      [...page.body.matchAll(/href="\/kelola\/layanan\/katalog\/([a-z-]+)"/g)]
        .map((m) => m[1])
        .filter((s) => s !== 'baru'),
    );
    expect(slugs.size).toBe(16);
    expect(slugs).toContain('keterangan-domisili');
    expect(slugs).toContain('kartu-pencari-kerja');

    const operator = await loginAs(test.app, office.operator);
    const refused = await operator.get('/kelola/layanan/katalog');
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Peran Anda tidak dapat membuka halaman ini.');
  });

  it('shows what is wrong with a definition and saves a valid change as version 2', async () => {
    const admin = await loginAs(
      test.app,
      await makeStaff(test.ctx, { role: 'admin_kabupaten', scope: '36.04' }),
    );
    const current = (await getService(test.ctx, 'keterangan-usaha')).definition;
    const url = '/kelola/layanan/katalog/keterangan-usaha';
    const broken = await admin.post(
      url,
      { definition: JSON.stringify({ ...current, slaDays: 0 }) },
      { csrfFrom: url },
    );
    expect(broken.statusCode).toBe(422);
    expect(broken.body).toContain('class="error-summary"');
    expect(broken.body).toContain(
      '<a href="#field-definition">slaDays: Target waktu harus 1 sampai 60 hari kerja.</a>',
    );
    expect(broken.body).not.toContain('href="#field-slaDays"');
    expect(broken.body).toContain('&quot;slaDays&quot;:0');
    expect((await getService(test.ctx, 'keterangan-usaha')).version).toBe(1);

    const saved = await admin.post(
      url,
      { definition: JSON.stringify({ ...current, slaDays: 5 }, null, 2) },
      { csrfFrom: url },
    );
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(url);
    const edit = await admin.get(url);
    expect(edit.body).toContain('Layanan disimpan sebagai versi 2.');
    expect(edit.body).toContain('Versi 2.');
    expect(edit.body).toContain('&quot;slaDays&quot;: 5');
    const service = await getService(test.ctx, 'keterangan-usaha');
    expect(service.version).toBe(2);
    expect(service.definition.slaDays).toBe(5);
  });
});

describe('languages', () => {
  it('shows the catalog in English when asked, and in Indonesian by default', async () => {
    const english = await new Visitor(test.app).get('/layanan?lang=en');
    expect(english.statusCode).toBe(200);
    expect(english.body).toContain('<h1>Letters and permits</h1>');
    expect(english.body).toContain('Village letters');
    expect(english.body).toContain('Certificate of domicile');
    expect(english.body).not.toContain('Layanan surat dan perizinan');
    const indonesian = await new Visitor(test.app).get('/layanan');
    expect(indonesian.body).toContain('<h1>Layanan surat dan perizinan</h1>');
    expect(indonesian.body).toContain('Surat desa');
  });
});

describe('the JSON API', () => {
  it('lists the sixteen services with their fields and attachments', async () => {
    const response = await test.app.inject('/api/v1/services');
    expect(response.statusCode).toBe(200);
    const { services } = response.json() as {
      services: Array<{
        slug: string;
        owner: string;
        letterCode: string;
        slaDays: number;
        fields: Array<{ name: string; required: boolean; type: string }>;
        attachments: Array<{ name: string; required: boolean }>;
      }>;
    };
    expect(services).toHaveLength(16);
    const domicile = services.find((s) => s.slug === 'keterangan-domisili');
    expect(domicile?.owner).toBe('village');
    expect(domicile?.fields).toContainEqual(expect.objectContaining({ name: 'keperluan', required: true }));
    expect(domicile?.attachments).toContainEqual({
      name: 'foto_ktp',
      label: 'Foto KTP-el pemohon',
      required: true,
    });
    expect(services.find((s) => s.slug === 'pengantar-skck')?.letterCode).toBe('S-07');
    expect(services.find((s) => s.slug === 'kartu-pencari-kerja')?.owner).toBe('DISNAKER');
  });

  it('answers 401 problem+json without credentials and the operator’s own queue with an API token', async () => {
    const anonymous = await test.app.inject('/api/v1/service-requests');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    expect(anonymous.json()).toMatchObject({ status: 401 });

    const outcome = await startRequest(
      as(applicant),
      'pengantar-skck',
      await requestInput({ keperluan: 'Melamar kerja' }, { attachments: ['foto_ktp'] }),
    );
    const code = (await requestRow({ resident_id: applicant.id })).code;
    const token = await createApiToken(test.ctx, office.operator.id, 'uji');
    const mine = await test.app.inject({
      url: '/api/v1/service-requests',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({
      total: 1,
      requests: [
        {
          id: outcome.id,
          code,
          service: 'pengantar-skck',
          state: 'diperiksa',
          villageCode: KRAMATWATU,
          applicantName: applicant.name,
          applicantNik: applicant.nik,
        },
      ],
    });

    const kibin = await makeStaff(test.ctx, { role: 'operator_desa', scope: KIBIN });
    const kibinToken = await createApiToken(test.ctx, kibin.id, 'uji');
    const theirs = await test.app.inject({
      url: '/api/v1/service-requests',
      headers: { authorization: `Bearer ${kibinToken}` },
    });
    expect(theirs.json()).toEqual({ total: 0, requests: [] });
  });
});
