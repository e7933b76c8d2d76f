import { beforeAll, describe, expect, it } from 'vitest';
import type { Role, StaffActor } from '../../platform/auth/roles.ts';
import { fixedClock } from '../../platform/context.ts';
import { allTests, buildTestApp, loginAs, makeStaff, type Visitor } from '../../testing.ts';
import { seedClassificationCodes } from './service.ts';
import { incomingInput, KRAMATWATU, outgoingInput, PDF_BYTES } from './test-builders.ts';

// Wednesday 2 December 2026, 09:00 in Serang
const test = allTests(() => buildTestApp({ clock: fixedClock('2026-12-02T02:00:00Z') }), 240_000);
let operator: Visitor;
let sekdes: StaffActor;
let sekdesVisitor: Visitor;
let kadesVisitor: Visitor;

beforeAll(async () => {
  await seedClassificationCodes(test.ctx);
  const staff = (role: Role, name: string) => makeStaff(test.ctx, { role, scope: KRAMATWATU, name });
  operator = await loginAs(test.app, await staff('operator_desa', 'Operator Uji'));
  sekdes = await staff('sekretaris_desa', 'Sekretaris Uji');
  sekdesVisitor = await loginAs(test.app, sekdes);
  kadesVisitor = await loginAs(test.app, await staff('kepala_desa', 'H. Kepala Uji'));
}, 120_000);

const asFields = (input: object) =>
  Object.fromEntries(Object.entries(input).map(([k, v]) => [k, String(v ?? '')])) as Record<string, string>;

/** Registers an incoming letter through its form (with a scan) and returns the new entry's id. */
async function fileIncoming(overrides: Record<string, string> = {}): Promise<string> {
  const saved = await operator.submitMultipart(
    '/kelola/arsip/surat-masuk/baru',
    { ...asFields(incomingInput()), ...overrides },
    [{ name: 'scan', filename: 'undangan.pdf', type: 'application/pdf', bytes: PDF_BYTES }],
  );
  expect(saved.statusCode).toBe(303);
  const id = /\/kelola\/arsip\/surat-masuk\/([0-9a-f-]{36})$/.exec(String(saved.headers.location))?.[1];
  expect(id).toBeDefined();
  return id!;
}

async function countRows(table: 'archive_incoming' | 'archive_outgoing' | 'archive_dispositions') {
  const rows = await test.ctx.db.selectFrom(table).select('id').execute();
  return rows.length;
}

describe('the incoming register pages', () => {
  it('draws the form again with a message beside each wrong field, keeps what was typed, and saves nothing', async () => {
    const before = await countRows('archive_incoming');
    const page = await operator.submitMultipart('/kelola/arsip/surat-masuk/baru', {
      ...asFields(incomingInput()),
      receivedOn: '2026-12-31',
      letterDate: '30-11-2026',
      sender: '',
      classificationCode: '470',
    });
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('Tanggal itu belum terjadi.');
    expect(page.body).toContain('Isi tanggal yang benar (HH-BB-TTTT).');
    expect(page.body).toContain('Isian ini wajib diisi.');
    expect(page.body).toContain('Kode 470 tidak ada atau tidak aktif');
    // what the operator typed is still in the form
    expect(page.body).toContain('value="400.10.2.2/118/Kec.Kramatwatu/2026"');
    expect(page.body).toContain('Undangan rapat koordinasi pendataan penduduk rentan');
    expect(await countRows('archive_incoming')).toBe(before);
  });

  it('files a letter with its agenda number, then hands it to the sekdes, who sees it on /kelola and follows it up', async () => {
    const id = await fileIncoming();
    const detail = await operator.get(`/kelola/arsip/surat-masuk/${id}`);
    expect(detail.body).toContain('Surat masuk dicatat dengan nomor agenda 1.');
    expect(detail.body).toContain('Undangan rapat koordinasi');

    const refused = await operator.post(`/kelola/arsip/surat-masuk/${id}/disposisi`, {
      assigneeId: '',
      instruction: '',
      dueOn: '2026-11-01',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Pilih petugas desa yang menerima disposisi.');
    expect(refused.body).toContain('Batas waktu tidak boleh sebelum surat diterima.');

    const disposed = await operator.post(`/kelola/arsip/surat-masuk/${id}/disposisi`, {
      assigneeId: sekdes.id,
      instruction: 'Hadiri rapat dan laporkan hasilnya.',
      dueOn: '2026-12-04',
    });
    expect(disposed.statusCode).toBe(303);
    const home = await sekdesVisitor.get('/kelola');
    expect(home.body).toContain('1 disposisi surat masuk untuk Anda belum selesai');
    expect(home.body).toContain('/kelola/arsip/surat-masuk?untuk=saya');
    const mine = await sekdesVisitor.get('/kelola/arsip/surat-masuk?untuk=saya');
    expect(mine.body).toContain(`/kelola/arsip/surat-masuk/${id}`);

    const disposition = await test.ctx.db
      .selectFrom('archive_dispositions')
      .select('id')
      .where('incoming_id', '=', id)
      .executeTakeFirstOrThrow();
    const url = `/kelola/arsip/surat-masuk/${id}/disposisi/${disposition.id}`;
    const noReply = await sekdesVisitor.post(url, { status: 'selesai', reply: '' });
    expect(noReply.statusCode).toBe(422);
    expect(noReply.body).toContain('Tuliskan tindak lanjutnya sebelum menandai selesai.');
    const done = await sekdesVisitor.post(url, {
      status: 'selesai',
      reply: 'Sudah hadir; daftar penduduk rentan dikirim ke kecamatan.',
    });
    expect(done.statusCode).toBe(303);
    expect((await sekdesVisitor.get(`/kelola/arsip/surat-masuk/${id}`)).body).toContain(
      'Sudah hadir; daftar penduduk rentan dikirim ke kecamatan.',
    );
    expect((await sekdesVisitor.get('/kelola')).body).not.toContain('disposisi surat masuk untuk Anda');
  });

  it('gives the scan to the village office and writes each download to the audit log', async () => {
    const id = await fileIncoming({ subject: 'Edaran pajak bumi dan bangunan' });
    const scan = await kadesVisitor.get(`/kelola/arsip/surat-masuk/${id}/pindaian`);
    expect(scan.statusCode).toBe(200);
    expect(scan.headers['content-type']).toBe('application/pdf');
    expect(scan.rawPayload.equals(PDF_BYTES)).toBe(true);
    const audited = await test.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('entity', '=', 'archive_incoming')
      .where('action', '=', 'download')
      .execute();
    expect(audited).toEqual([{ action: 'download', entity_id: id }]);
  });

  it('deletes an entry only for the kepala or sekretaris desa, and only with a reason', async () => {
    const id = await fileIncoming({ subject: 'Surat salah catat' });
    const byOperator = await operator.post(`/kelola/arsip/surat-masuk/${id}/hapus`, {
      reason: 'Tercatat dua kali oleh operator.',
    });
    expect(byOperator.statusCode).toBe(403);
    const noReason = await kadesVisitor.post(`/kelola/arsip/surat-masuk/${id}/hapus`, { reason: 'salah' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('Tuliskan alasan penghapusan (paling sedikit 10 karakter).');
    expect((await operator.get(`/kelola/arsip/surat-masuk/${id}`)).statusCode).toBe(200);

    const deleted = await kadesVisitor.post(`/kelola/arsip/surat-masuk/${id}/hapus`, {
      reason: 'Tercatat dua kali oleh operator.',
    });
    expect(deleted.statusCode).toBe(303);
    expect((await operator.get(`/kelola/arsip/surat-masuk/${id}`)).statusCode).toBe(404);
    const list = await kadesVisitor.get('/kelola/arsip/terhapus');
    expect(list.body).toContain('Tercatat dua kali oleh operator.');
  });
});

describe('the outgoing register pages', () => {
  it('records a letter the office wrote, refuses a sending date before the letter, then keeps the date it left', async () => {
    const saved = await operator.post('/kelola/arsip/surat-keluar/baru', asFields(outgoingInput()));
    expect(saved.statusCode).toBe(303);
    const url = String(saved.headers.location);
    expect(url).toMatch(/^\/kelola\/arsip\/surat-keluar\/[0-9a-f-]{36}$/);

    const early = await operator.post(`${url}/kirim`, { sentOn: '2026-11-30' });
    expect(early.statusCode).toBe(422);
    expect(early.body).toContain('Surat tidak dapat dikirim sebelum tanggal surat.');
    const sent = await operator.post(`${url}/kirim`, { sentOn: '2026-12-02', receiptNoted: '1' });
    expect(sent.statusCode).toBe(303);
    const entry = await test.ctx.db
      .selectFrom('archive_outgoing')
      .select(['sent_on', 'receipt_noted_at'])
      .executeTakeFirstOrThrow();
    expect(String(entry.sent_on)).toBe('2026-12-02');
    expect(entry.receipt_noted_at).not.toBeNull();
    const list = await operator.get('/kelola/arsip/surat-keluar?year=2026');
    expect(list.body).toContain('Undangan musyawarah desa');
  });

  it('refuses an outgoing letter without its recipient and with an unknown code, and saves nothing', async () => {
    const before = await countRows('archive_outgoing');
    const page = await operator.post('/kelola/arsip/surat-keluar/baru', {
      ...asFields(outgoingInput()),
      recipient: '',
      classificationCode: '999.1',
    });
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('Isian ini wajib diisi.');
    expect(page.body).toContain('Kode 999.1 tidak ada atau tidak aktif');
    expect(await countRows('archive_outgoing')).toBe(before);
  });
});
