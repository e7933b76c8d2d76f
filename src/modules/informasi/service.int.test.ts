import { beforeEach, describe, expect, it } from 'vitest';
import { saveHoliday } from '../../platform/calendar.ts';
import { type Ctx, withActor } from '../../platform/context.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import { runJobOnce } from '../../platform/jobs/index.ts';
import { endOfJakartaDay } from '../../platform/time.ts';
import { createTestContext, eachTestOnClock, makeStaff } from '../../testing.ts';
import { informasiModule } from './index.ts';
import { informasiPersonalData } from './personal-data.ts';
import { informasiWorkQueue } from './queue.ts';
import { seedDemoInformasi } from './seed.ts';
import * as service from './service.ts';
import { fileRequest, KIBIN, KRAMATWATU, PDF_BYTES } from './test-builders.ts';

let ctx: Ctx;
// Monday 23 November 2026, 09:00 in Serang
const { clock, test } = eachTestOnClock('2026-11-23T02:00:00Z', createTestContext);
const job = informasiModule.jobs!.find((j) => j.name === 'informasi-deadlines')!;

beforeEach(async () => {
  ctx = test.ctx;
});

async function operatorOf(village: string) {
  return withActor(ctx, await makeStaff(ctx, { role: 'operator_desa', scope: village }));
}

async function trackingOf(receipt: { number: string; token: string }) {
  return service.trackRequest(ctx, receipt.number, receipt.token);
}

describe('deadlines in working days', () => {
  it('counts ten working days from receipt over the weekends and an entered holiday', async () => {
    await saveHoliday(ctx, { date: '2026-12-01', name: 'Libur uji' }, false);
    const receipt = await fileRequest(ctx);
    // Tue 24 … Fri 27 (4), Mon 30 (5), [Tue 1 Dec holiday], Wed 2 … Fri 4 (8), Mon 7 (9), Tue 8 (10)
    expect(receipt.dueAt).toEqual(endOfJakartaDay('2026-12-08'));
    expect(receipt.number).toBe('PPID-3604052001-2026-0001');
    expect((await fileRequest(ctx)).number).toBe('PPID-3604052001-2026-0002');
    expect((await fileRequest(ctx, 'DPUPR')).number).toBe('PPID-DPUPR-2026-0001');
  });

  it('allows one extension of at most seven working days, before the deadline, with a reason', async () => {
    const receipt = await fileRequest(ctx);
    const track = await trackingOf(receipt);
    const operator = await operatorOf(KRAMATWATU);
    await expect(service.extendRequest(operator, track.id, { reason: '', days: '9' })).rejects.toMatchObject({
      fields: { reason: expect.any(String), days: 'Antara 1 dan 7 hari kerja.' },
    });
    const extended = await service.extendRequest(operator, track.id, {
      reason: 'Dokumen di arsip kecamatan.',
    });
    // the due date was Mon 7 Dec; seven working days on: Tue 8 … Fri 11, Mon 14 … Wed 16
    expect(extended).toEqual(endOfJakartaDay('2026-12-16'));
    await expect(service.extendRequest(operator, track.id, { reason: 'Sekali lagi' })).rejects.toBeInstanceOf(
      Conflict,
    );
    const after = await trackingOf(receipt);
    expect(after.state).toBe('diperpanjang');
    expect(after.effectiveDue).toEqual(extended);
    expect(after.events.map((e) => e.kind)).toEqual(['diterima', 'diperpanjang']);
  });

  it('refuses an extension asked for after the deadline has passed', async () => {
    const receipt = await fileRequest(ctx);
    const track = await trackingOf(receipt);
    clock.set('2026-12-08T02:00:00Z');
    await expect(
      service.extendRequest(await operatorOf(KRAMATWATU), track.id, { reason: 'Terlambat' }),
    ).rejects.toBeInstanceOf(Conflict);
  });
});

describe('overdue requests', () => {
  it('shows a request past its deadline as overdue to the requester and first in the officer queue, and tells the requester once', async () => {
    const late = await fileRequest(ctx);
    clock.set('2026-11-30T02:00:00Z');
    const fresh = await fileRequest(ctx, KRAMATWATU, { name: 'Budi' });
    const operator = await operatorOf(KRAMATWATU);

    clock.set('2026-12-07T16:00:00Z'); // Mon 7 Dec 23:00, the last day of the first request
    expect((await trackingOf(late)).overdue).toBe(false);
    await runJobOnce(ctx, job);
    expect(await overdueMessages()).toEqual([]);

    clock.set('2026-12-08T01:00:00Z'); // Tue 8 Dec 08:00
    expect((await trackingOf(late)).overdue).toBe(true);
    expect((await trackingOf(fresh)).overdue).toBe(false);
    const list = await service.listStaffRequests(withActor(operator, operator.actor), {});
    expect(list.map((r) => [r.number, r.overdue])).toEqual([
      [late.number, true],
      [fresh.number, false],
    ]);
    const queue = await informasiWorkQueue(operator);
    expect(queue.map((q) => [q.kind, q.count, q.overdue])).toEqual([
      ['informasi.overdue', 1, 1],
      ['informasi.waiting', 2, 1],
    ]);

    await runJobOnce(ctx, job);
    await runJobOnce(ctx, job);
    expect(await overdueMessages()).toEqual([{ channel: 'sms', recipient: '081234567890' }]);
    expect((await trackingOf(late)).events.map((e) => e.kind)).toEqual(['diterima', 'terlambat']);
  });

  it('lists no request of another village or agency for a village operator', async () => {
    await fileRequest(ctx, KIBIN);
    await fileRequest(ctx, 'DPUPR');
    const operator = await operatorOf(KRAMATWATU);
    expect(await service.listStaffRequests(operator, {})).toEqual([]);
    const dpupr = withActor(ctx, await makeStaff(ctx, { role: 'opd', scope: 'DPUPR' }));
    expect((await service.listStaffRequests(dpupr, {})).map((r) => r.body_code)).toEqual(['DPUPR']);
  });
});

async function overdueMessages() {
  return ctx.db
    .selectFrom('outbox')
    .select(['channel', 'recipient'])
    .where('subject', 'like', '%melewati batas waktu%')
    .execute();
}

describe('answers, refusals and objections', () => {
  it('refuses only with an exclusion ground; the requester objects once; the superior answers within 30 working days', async () => {
    const receipt = await fileRequest(ctx);
    const { id } = await trackingOf(receipt);
    const operator = await operatorOf(KRAMATWATU);
    // nothing to object to while the request is open and on time
    await expect(
      service.fileObjection(ctx, receipt.number, receipt.token, { reason: 'p35c' }),
    ).rejects.toBeInstanceOf(Conflict);
    await expect(service.refuseRequest(operator, id, { ground: 'karena', note: '' })).rejects.toMatchObject({
      fields: { ground: 'Pilih alasan pengecualian (pasal 17).', refusalNote: expect.any(String) },
    });
    clock.set('2026-11-25T03:00:00Z'); // Wed 25 Nov
    await service.refuseRequest(operator, id, {
      ground: 'p17h',
      note: 'Berisi data pribadi penerima bantuan.',
    });
    await expect(
      service.answerRequest(operator, id, { decision: 'diterima_seluruhnya', note: 'x' }, null),
    ).rejects.toBeInstanceOf(Conflict);

    await expect(
      service.fileObjection(ctx, receipt.number, 'bukan-kunci', { reason: 'p35a' }),
    ).rejects.toBeInstanceOf(NotFound);
    await expect(
      service.fileObjection(ctx, receipt.number, receipt.token, { reason: 'p99' }),
    ).rejects.toBeInstanceOf(Invalid);
    clock.set('2026-11-26T03:00:00Z'); // Thu 26 Nov
    const due = await service.fileObjection(ctx, receipt.number, receipt.token, {
      reason: 'p35a',
      note: 'Data desa.',
    });
    // 30 working days from Thu 26 Nov: Fri 27 and Mon 30 (2), December's 23 (25), Fri 1 Jan (no
    // holiday entered here) and Mon 4 … Thu 7 Jan (30)
    expect(due).toEqual(endOfJakartaDay('2027-01-07'));
    await expect(
      service.fileObjection(ctx, receipt.number, receipt.token, { reason: 'p35a' }),
    ).rejects.toBeInstanceOf(Conflict);

    // the operator is the PPID desk, not its superior
    await expect(
      service.decideObjection(operator, id, { decision: 'ditolak', note: 'x' }),
    ).rejects.toBeInstanceOf(Forbidden);
    const kades = withActor(ctx, await makeStaff(ctx, { role: 'kepala_desa', scope: KRAMATWATU }));
    clock.set('2027-01-08T03:00:00Z');
    expect((await trackingOf(receipt)).objection).toMatchObject({ state: 'diproses', overdue: true });
    await service.decideObjection(kades, id, { decision: 'dikabulkan', note: 'Berikan versi tanpa NIK.' });
    const after = await trackingOf(receipt);
    expect(after.objection).toMatchObject({
      state: 'dikabulkan',
      overdue: false,
      decisionNote: 'Berikan versi tanpa NIK.',
    });
    expect(after.events.map((e) => e.kind)).toEqual([
      'diterima',
      'ditolak',
      'keberatan',
      'keberatan_dikabulkan',
    ]);
  });

  it('opens the objection when the deadline passes unanswered, and closes it 30 working days later', async () => {
    const receipt = await fileRequest(ctx);
    clock.set('2026-12-08T02:00:00Z');
    const open = await trackingOf(receipt);
    expect(open.objectionClosesAt).toEqual(endOfJakartaDay('2027-01-18'));
    clock.set('2027-01-19T02:00:00Z');
    await expect(
      service.fileObjection(ctx, receipt.number, receipt.token, { reason: 'p35c' }),
    ).rejects.toBeInstanceOf(Conflict);
  });

  it('answers with a document checked by its content, which only the requester downloads', async () => {
    const receipt = await fileRequest(ctx);
    const { id } = await trackingOf(receipt);
    const operator = await operatorOf(KRAMATWATU);
    await expect(
      service.answerRequest(
        operator,
        id,
        { decision: 'diterima_seluruhnya' },
        { filename: 'apbdes.pdf', bytes: Buffer.from('<html>') },
      ),
    ).rejects.toMatchObject({ fields: { document: expect.stringContaining('PDF') } });
    await service.answerRequest(
      operator,
      id,
      { decision: 'diterima_seluruhnya' },
      { filename: 'apbdes.pdf', bytes: PDF_BYTES },
    );
    const file = await service.answerDocumentForRequester(ctx, receipt.number, receipt.token);
    expect(file.contentType).toBe('application/pdf');
    expect(file.bytes.equals(PDF_BYTES)).toBe(true);
    await expect(service.answerDocumentForRequester(ctx, receipt.number, 'x')).rejects.toBeInstanceOf(
      NotFound,
    );
  });

  it('shows the requester in full to the village office and masked to the camat, and audits each read', async () => {
    const receipt = await fileRequest(ctx);
    const { id } = await trackingOf(receipt);
    const full = await service.requestForStaff(await operatorOf(KRAMATWATU), id);
    expect(full.requester.idNumber).toBe('3604051203900007');
    const camat = withActor(ctx, await makeStaff(ctx, { role: 'camat', scope: '36.04.05' }));
    const masked = await service.requestForStaff(camat, id);
    expect(masked.requester.idNumber).toBe('3604••••••••0007');
    expect(masked.requester.address).toBeNull();
    expect(masked.mayAct).toBe(false);
    await expect(service.requestForStaff(await operatorOf(KIBIN), id)).rejects.toBeInstanceOf(NotFound);
    const reads = await ctx.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'read_personal')
      .where('entity', '=', 'informasi_request')
      .execute();
    expect(reads).toHaveLength(2);
  });
});

describe('the Daftar Informasi Publik', () => {
  const excluded = {
    category: 'dikecualikan',
    title: 'Data penerima bantuan',
    official: 'Kasi Kesejahteraan',
    period: '2026',
    format: 'softcopy',
    retention: '5 tahun',
  };

  it('requires the consequence test for an excluded entry and never serves a document for it', async () => {
    const operator = await operatorOf(KRAMATWATU);
    await expect(service.createEntry(operator, KRAMATWATU, excluded, null)).rejects.toMatchObject({
      fields: {
        legalBasis: expect.any(String),
        consequence: expect.any(String),
        publicInterest: expect.any(String),
      },
    });
    await expect(
      service.createEntry(
        operator,
        KRAMATWATU,
        { ...excluded, legalBasis: 'Pasal 17 huruf h', consequence: 'c', publicInterest: 'p' },
        { filename: 'a.pdf', bytes: PDF_BYTES },
      ),
    ).rejects.toMatchObject({ fields: { document: expect.any(String) } });
    const id = await service.createEntry(
      operator,
      KRAMATWATU,
      {
        ...excluded,
        legalBasis: 'Pasal 17 huruf h',
        consequence: 'Penipuan',
        publicInterest: 'Jumlah cukup',
      },
      null,
    );
    const entry = await service.getEntry(ctx, KRAMATWATU, id);
    expect(entry.consequenceTest).toEqual({
      legalBasis: 'Pasal 17 huruf h',
      consequence: 'Penipuan',
      publicInterest: 'Jumlah cukup',
    });
    expect(entry.hasDocument).toBe(false);
    await expect(service.entryDocument(ctx, KRAMATWATU, id)).rejects.toBeInstanceOf(NotFound);
  });

  it('keeps each body’s DIP for its own PPID: another village and another agency are refused', async () => {
    const entry = { ...excluded, category: 'berkala' };
    await expect(
      service.createEntry(await operatorOf(KIBIN), KRAMATWATU, entry, null),
    ).rejects.toBeInstanceOf(Forbidden);
    const dinsos = withActor(ctx, await makeStaff(ctx, { role: 'opd', scope: 'DINSOS' }));
    await expect(service.createEntry(dinsos, 'DPUPR', entry, null)).rejects.toBeInstanceOf(Forbidden);
    const dpupr = withActor(ctx, await makeStaff(ctx, { role: 'opd', scope: 'DPUPR' }));
    const id = await service.createEntry(dpupr, 'DPUPR', entry, { filename: 'x.pdf', bytes: PDF_BYTES });
    expect((await service.entryDocument(ctx, 'DPUPR', id)).contentType).toBe('application/pdf');
    const found = await service.listEntries(ctx, { term: 'penerima', category: 'berkala', page: 1 });
    expect(found.rows.map((r) => r.bodyCode)).toEqual(['DPUPR']);
  });
});

describe('the requester’s personal data', () => {
  it('exports the requests filed with a NIK and erases the identity while keeping the request and its history', async () => {
    const receipt = await fileRequest(ctx, KRAMATWATU, { email: 'ahmad@contoh.id' });
    await fileRequest(ctx, KRAMATWATU, { idNumber: '3604051203900099' });
    const exported = await informasiPersonalData.export(ctx, '3604051203900007');
    expect(exported?.data).toEqual([
      expect.objectContaining({ number: receipt.number, name: 'Ahmad Fauzi', email: 'ahmad@contoh.id' }),
    ]);
    const outcome = await informasiPersonalData.erase(ctx, '3604051203900007');
    expect(outcome.anonymised).toEqual([{ what: 'informasi.personalData.requesters', count: 1 }]);
    expect(outcome.kept[0]?.why).toBe('informasi.personalData.whyKept');
    expect(await informasiPersonalData.export(ctx, '3604051203900007')).toBeNull();
    const after = await service.trackRequest(ctx, receipt.number, receipt.token);
    expect(after.name).toBe('—');
    expect(after.events.map((e) => e.kind)).toEqual(['diterima']);
    expect(await informasiPersonalData.export(ctx, '3604051203900099')).not.toBeNull();
  });
});

describe('the demo data', () => {
  it('seeds a DIP for each demo village and DPUPR, with an excluded entry and its consequence test, and one request', async () => {
    await seedDemoInformasi(ctx, { demoVillages: [KRAMATWATU, KIBIN] });
    const register = await service.bodyRegister(ctx, await service.getBody(ctx, KIBIN));
    expect(register.map((g) => [g.category, g.entries.length])).toEqual([
      ['berkala', 2],
      ['serta_merta', 1],
      ['setiap_saat', 1],
      ['dikecualikan', 1],
    ]);
    expect(register[3]!.entries[0]!.consequenceTest?.legalBasis).toContain('pasal 17');
    expect(
      (await service.listEntries(ctx, { body: await service.getBody(ctx, 'DPUPR'), page: 1 })).total,
    ).toBe(3);
    const operator = await operatorOf(KRAMATWATU);
    expect((await service.listStaffRequests(operator, {})).map((r) => r.number)).toEqual([
      'PPID-3604052001-2026-0001',
    ]);
  });
});

describe('the yearly report', () => {
  it('counts requests, answers on time, extensions, refusals by ground, objections and the median working days', async () => {
    const operator = await operatorOf(KRAMATWATU);
    const a = await fileRequest(ctx); // Mon 23 Nov
    const b = await fileRequest(ctx);
    const c = await fileRequest(ctx);
    const d = await fileRequest(ctx);
    const ids = await Promise.all([a, b, c, d].map(async (r) => (await trackingOf(r)).id));
    clock.set('2026-11-25T03:00:00Z'); // Wed: 2 working days
    await service.answerRequest(
      operator,
      ids[0]!,
      { decision: 'diterima_seluruhnya', note: 'Terlampir di kantor desa.' },
      null,
    );
    clock.set('2026-11-27T03:00:00Z'); // Fri: 4 working days
    await service.refuseRequest(operator, ids[1]!, { ground: 'p17h', note: 'Data pribadi.' });
    await service.extendRequest(operator, ids[2]!, { reason: 'Menunggu arsip', days: '2' });
    clock.set('2026-12-10T03:00:00Z'); // Thu 10 Dec: 13 working days, after the extended due (Wed 9 Dec)
    await service.answerRequest(
      operator,
      ids[2]!,
      { decision: 'diterima_sebagian', note: 'Sebagian saja.' },
      null,
    );
    await service.fileObjection(ctx, c.number, c.token, { reason: 'p35g' });
    await fileRequest(ctx, KIBIN);

    const report = await service.yearlyReport(withActor(ctx, null), KRAMATWATU, '2026');
    expect(report.figures).toEqual({
      received: 4,
      answeredFully: 1,
      answeredPartly: 1,
      refused: 1,
      open: 1,
      overdueOpen: 1,
      decidedOnTime: 2,
      decidedLate: 1,
      extended: 1,
      objections: 1,
      objectionsGranted: 0,
      medianWorkingDays: 4,
    });
    expect(report.refusedByGround).toEqual([{ ground: 'p17h', count: 1 }]);
    // the public version lists no request; the office's own lists each by number
    expect(report.requests).toBeNull();
    const staffReport = await service.yearlyReport(operator, KRAMATWATU, '2026');
    expect(staffReport.requests?.map((r) => [r.number, r.workingDays, r.late])).toEqual([
      [a.number, 2, false],
      [b.number, 4, false],
      [c.number, 13, true],
      [d.number, null, true],
    ]);
    const csv = service.reportCsv(staffReport);
    expect(csv).toContain('Permohonan diterima,4\n');
    expect(csv).toContain('Median hari kerja sampai dijawab,4\n');
    expect((await service.yearlyReport(withActor(ctx, null), KRAMATWATU, '2025')).figures.received).toBe(0);
  });
});
