import { describe, expect, it } from 'vitest';
import { withActor } from '../../platform/context.ts';
import {
  buildTestApp,
  eachTestOnClock,
  loginAs,
  loginAsNewStaff,
  makeStaff,
  type Upload,
  Visitor,
} from '../../testing.ts';
import * as service from './service.ts';
import { fileRequest, KRAMATWATU, PDF_BYTES, requestInput } from './test-builders.ts';

const { test } = eachTestOnClock('2026-11-23T02:00:00Z', buildTestApp);

const FORM = `/informasi-publik/${KRAMATWATU}/permohonan`;

/** The upload of a form's `document` field, sent as a PDF. */
const pdfDocument = (filename: string, bytes: Buffer): Upload => ({
  name: 'document',
  filename,
  type: 'application/pdf',
  bytes,
});

describe('the public request form', () => {
  it('answers a form with problems with Indonesian messages beside each field, and keeps what was typed', async () => {
    const visitor = new Visitor(test.app);
    const response = await visitor.post(
      FORM,
      {
        name: 'Ahmad',
        idKind: 'nik',
        idNumber: '123',
        information: '',
        delivery: 'softcopy',
        copyMethod: 'email',
      },
      { csrfFrom: FORM },
    );
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('NIK terdiri dari 16 angka.');
    expect(response.body).toContain('id="error-information"');
    expect(response.body).toContain('Isi email untuk menerima salinan lewat email.');
    expect(response.body).toContain('value="Ahmad"');
  });

  it('files a request without login and sends the requester to a private tracking page', async () => {
    const visitor = new Visitor(test.app);
    const input = requestInput();
    const fields = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Record<
      string,
      string
    >;
    const response = await visitor.post(FORM, fields, { csrfFrom: FORM });
    expect(response.statusCode).toBe(303);
    const location = response.headers.location as string;
    expect(location).toMatch(/^\/informasi-publik\/lacak\/PPID-3604052001-2026-0001\?kunci=[\w-]+&baru=1$/);
    const page = await visitor.get(location);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Terima kasih, permohonan Anda sudah diterima.');
    expect(page.headers['cache-control']).toBe('private, no-store');
    // without the key the request is not there for anyone
    expect((await visitor.get('/informasi-publik/lacak/PPID-3604052001-2026-0001')).statusCode).toBe(404);
    const outbox = await test.ctx.db.selectFrom('outbox').select(['channel', 'body']).execute();
    expect(outbox).toEqual([{ channel: 'sms', body: expect.stringContaining('PPID-3604052001-2026-0001') }]);
  });

  it('lets the requester object from the tracking page after a refusal', async () => {
    const receipt = await fileRequest(test.ctx);
    const track = await service.trackRequest(test.ctx, receipt.number, receipt.token);
    const operator = withActor(
      test.ctx,
      await makeStaff(test.ctx, { role: 'operator_desa', scope: KRAMATWATU }),
    );
    await service.refuseRequest(operator, track.id, { ground: 'p17h', note: 'Data pribadi.' });
    const visitor = new Visitor(test.app);
    const page = service.trackingPath(receipt.number, receipt.token);
    const empty = await visitor.post(
      `/informasi-publik/lacak/${receipt.number}/keberatan`,
      { kunci: receipt.token },
      { csrfFrom: page },
    );
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Pilih alasan keberatan.');
    const filed = await visitor.post(
      `/informasi-publik/lacak/${receipt.number}/keberatan`,
      { kunci: receipt.token, reason: 'p35a' },
      { csrfFrom: page },
    );
    expect(filed.statusCode).toBe(303);
    const after = await visitor.get(page);
    expect(after.body).toContain('Sedang diproses atasan PPID');
  });
});

describe('the public DIP and report pages', () => {
  it('serves the list, a body’s DIP, the village site section and 404 for an unknown body', async () => {
    const visitor = new Visitor(test.app);
    expect((await visitor.get('/informasi-publik')).statusCode).toBe(200);
    const body = await visitor.get(`/informasi-publik/${KRAMATWATU}`);
    expect(body.statusCode).toBe(200);
    expect(body.body).toContain('Informasi yang dikecualikan');
    const site = await visitor.get(`/desa/${KRAMATWATU}/informasi-publik`);
    expect(site.statusCode).toBe(200);
    expect(site.body).toContain(`/informasi-publik/${KRAMATWATU}/permohonan`);
    expect((await visitor.get('/informasi-publik/BUKAN')).statusCode).toBe(404);
    expect((await visitor.get('/desa/DPUPR/informasi-publik')).statusCode).toBe(404);
    expect((await visitor.get(`/informasi-publik/${KRAMATWATU}/laporan/20x6`)).statusCode).toBe(404);
  });

  it('gives the yearly figures as a page and as formula-safe CSV', async () => {
    await fileRequest(test.ctx);
    const visitor = new Visitor(test.app);
    const page = await visitor.get(`/informasi-publik/${KRAMATWATU}/laporan/2026`);
    expect(page.statusCode).toBe(200);
    const csv = await visitor.get(`/informasi-publik/${KRAMATWATU}/laporan/2026/csv`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body).toContain('Permohonan diterima,1\n');
    expect(csv.body).not.toContain('Ahmad');
  });
});

describe('the PPID officer’s pages', () => {
  it('adds a DIP entry with a PDF that anyone downloads, and shows an excluded one without a document', async () => {
    const visitor = await loginAsNewStaff(test, { role: 'operator_desa', scope: KRAMATWATU });
    const apbdes = {
      category: 'berkala',
      title: 'APBDes 2026',
      official: 'Sekdes',
      period: '2026',
      format: 'softcopy',
      retention: '10 tahun',
    };
    const refused = await visitor.submitMultipart('/kelola/informasi/dip/baru', apbdes, [
      pdfDocument('apbdes.pdf', Buffer.from('MZ not a pdf')),
    ]);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Berkas harus PDF, JPEG, PNG, atau dokumen kantor');
    const saved = await visitor.submitMultipart('/kelola/informasi/dip/baru', apbdes, [
      pdfDocument('apbdes.pdf', PDF_BYTES),
    ]);
    expect(saved.statusCode).toBe(303);
    const { rows } = await service.listEntries(test.ctx, { term: 'APBDes', page: 1 });
    const download = await new Visitor(test.app).get(
      `/informasi-publik/${KRAMATWATU}/dip/${rows[0]!.id}/unduh`,
    );
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');

    const excluded = await visitor.submitMultipart('/kelola/informasi/dip/baru', {
      category: 'dikecualikan',
      title: 'Data pribadi penerima bantuan',
      official: 'Kasi Kesra',
      period: '2026',
      format: 'softcopy',
      retention: '5 tahun',
      legalBasis: 'UU 14/2008 pasal 17 huruf h',
      consequence: 'Penipuan terhadap penerima',
      publicInterest: 'Jumlah per dusun sudah diumumkan',
    });
    expect(excluded.statusCode).toBe(303);
    const found = await service.listEntries(test.ctx, { category: 'dikecualikan', page: 1 });
    const entryPage = await new Visitor(test.app).get(
      `/informasi-publik/${KRAMATWATU}/dip/${found.rows[0]!.id}`,
    );
    expect(entryPage.body).toContain('Penipuan terhadap penerima');
    expect(entryPage.body).not.toContain('/unduh');
  });

  it('answers a request with a document from the request page, and refuses another officer’s village', async () => {
    const receipt = await fileRequest(test.ctx);
    const track = await service.trackRequest(test.ctx, receipt.number, receipt.token);
    const visitor = await loginAsNewStaff(test, { role: 'operator_desa', scope: KRAMATWATU });
    const list = await visitor.get('/kelola/informasi');
    expect(list.body).toContain(receipt.number);
    const page = `/kelola/informasi/permohonan/${track.id}`;
    expect((await visitor.get(page)).body).toContain('3604051203900007');
    const answered = await visitor.submitMultipart(
      page,
      { decision: 'diterima_seluruhnya', note: 'Terlampir.' },
      [pdfDocument('jawaban.pdf', PDF_BYTES)],
    );
    expect(answered.statusCode).toBe(303);
    const tracking = await new Visitor(test.app).get(service.trackingPath(receipt.number, receipt.token));
    expect(tracking.body).toContain('Diberikan seluruhnya');
    const other = await loginAs(
      test.app,
      await makeStaff(test.ctx, { role: 'operator_desa', scope: '36.04.16.2001' }),
    );
    expect((await other.get(page)).statusCode).toBe(404);
  });
});
