import { beforeEach, describe, expect, it } from 'vitest';
import type { StaffActor } from '../../platform/auth/roles.ts';
import { type Ctx, withActor } from '../../platform/context.ts';
import { Forbidden, Invalid } from '../../platform/http/errors.ts';
import { createTestContext, eachTestOnClock, makeStaff } from '../../testing.ts';
import { approveStep, startRequest } from '../services/service.ts';
import {
  makeApplicant,
  makeVillageOffice,
  prepareServices,
  requestInput,
  type VillageOffice,
} from '../services/test-builders.ts';
import { archiveModule } from './index.ts';
import * as service from './service.ts';
import { incomingInput, KIBIN, outgoingInput, PDF_BYTES } from './test-builders.ts';

// Wednesday 2 December 2026, 09:00 in Serang
const { clock, test } = eachTestOnClock('2026-12-02T02:00:00Z', createTestContext);
let ctx: Ctx;
let office: VillageOffice;
const as = (actor: StaffActor) => withActor(ctx, actor);

beforeEach(async () => {
  ctx = test.ctx;
  await service.seedClassificationCodes(ctx);
  office = await makeVillageOffice(ctx);
});

async function fieldsOf(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = await promise.catch((e) => e);
  expect(error).toBeInstanceOf(Invalid);
  return (error as Invalid).fields;
}

describe('the incoming letters register', () => {
  it('registers an incoming letter with a disposition and its follow-up', async () => {
    const id = await service.registerIncoming(as(office.operator), incomingInput(), {
      filename: 'undangan.pdf',
      bytes: PDF_BYTES,
    });
    const second = await service.registerIncoming(
      as(office.operator),
      incomingInput({ subject: 'Edaran PBB' }),
    );
    const { entry } = await service.incomingLetter(as(office.operator), id);
    expect([entry.year, entry.agenda_number, entry.classification_code]).toEqual([2026, 1, '400.12.2.4']);
    expect((await service.incomingLetter(as(office.operator), second)).entry.agenda_number).toBe(2);

    await service.disposeIncoming(as(office.kades), id, {
      assigneeId: office.sekdes.id,
      instruction: 'Hadiri dan laporkan hasilnya.',
      dueOn: '2026-12-04',
    });
    let queue = await archiveModule.workQueue!(as(office.sekdes));
    expect(queue).toMatchObject([{ kind: 'archive.dispositions', count: 1, overdue: 0 }]);
    expect(await archiveModule.workQueue!(as(office.operator))).toEqual([]);
    const mine = await service.listIncoming(as(office.sekdes), { mine: true });
    expect(mine.rows.map((r) => [r.id, r.progress])).toEqual([[id, 'belum']]);

    clock.set('2026-12-07T02:00:00Z');
    queue = await archiveModule.workQueue!(as(office.sekdes));
    expect(queue[0]).toMatchObject({ count: 1, overdue: 1 });

    const [disposition] = (await service.incomingLetter(as(office.sekdes), id)).dispositions;
    expect(disposition).toMatchObject({ assignee_name: 'Sekretaris Uji', status: 'belum', overdue: true });
    expect(
      await fieldsOf(service.followUpDisposition(as(office.sekdes), disposition!.id, { status: 'selesai' })),
    ).toEqual({ reply: expect.stringContaining('tindak lanjut') });
    await service.followUpDisposition(as(office.sekdes), disposition!.id, {
      status: 'selesai',
      reply: 'Sudah hadir; daftar penduduk rentan dikirim ke kecamatan.',
    });
    const done = await service.incomingLetter(as(office.operator), id);
    expect(done.dispositions[0]).toMatchObject({ status: 'selesai', overdue: false });
    expect(await archiveModule.workQueue!(as(office.sekdes))).toEqual([]);
    expect(
      (await service.listIncoming(as(office.operator), { status: 'selesai' })).rows.map((r) => r.id),
    ).toEqual([id]);
    expect(
      (await service.listIncoming(as(office.operator), { status: 'tanpa' })).rows.map((r) => r.id),
    ).toEqual([second]);
  });

  it('finds a filed letter by words of its subject, its sender, its number or its class', async () => {
    const id = await service.registerIncoming(as(office.operator), incomingInput());
    await service.registerIncoming(
      as(office.operator),
      incomingInput({
        letterNumber: '400.9.11.1/55/Dinsos/2026',
        sender: 'Dinas Sosial',
        subject: 'Verifikasi bantuan',
        classificationCode: '400.9.11.1',
      }),
    );
    const find = async (query: service.RegisterQuery) =>
      (await service.listIncoming(as(office.operator), query)).rows.map((r) => r.subject);
    expect(await find({ q: 'penduduk RENTAN' })).toEqual([incomingInput().subject]);
    expect(await find({ q: 'dinas sos' })).toEqual(['Verifikasi bantuan']);
    expect(await find({ q: '118/Kec' })).toHaveLength(1);
    expect(await find({ classification: '400.12' })).toEqual([incomingInput().subject]);
    expect(await find({ classification: '400.9' })).toEqual(['Verifikasi bantuan']);
    expect(await find({ year: '2025' })).toEqual([]);
    expect(
      (await service.listIncoming(as(office.operator), { q: 'rapat koordinasi' })).rows.map((r) => r.id),
    ).toEqual([id]);
  });

  it('refuses field by field what is missing or wrong, an old 78/2012 code among them, and saves nothing', async () => {
    const fields = await fieldsOf(
      service.registerIncoming(
        as(office.operator),
        incomingInput({
          receivedOn: '2026-12-09',
          letterDate: '31-11-2026',
          sender: ' ',
          classificationCode: '470',
        }),
      ),
    );
    expect(Object.keys(fields).sort()).toEqual(['classificationCode', 'letterDate', 'receivedOn', 'sender']);
    expect(fields.classificationCode).toContain('470');
    expect(
      await fieldsOf(
        service.registerIncoming(as(office.operator), incomingInput(), {
          filename: 'x.pdf',
          bytes: Buffer.from('MZ…'),
        }),
      ),
    ).toEqual({ scan: expect.stringContaining('PDF, JPEG atau PNG') });
    expect((await service.listIncoming(as(office.operator), {})).total).toBe(0);
  });

  it('gives the scan to whoever reads the register and writes each download to the audit log', async () => {
    const id = await service.registerIncoming(as(office.operator), incomingInput(), {
      filename: 'undangan.pdf',
      bytes: PDF_BYTES,
    });
    const camat = await makeStaff(ctx, { role: 'camat', scope: '36.04.05' });
    const file = await service.incomingScan(as(camat), id);
    expect([file.contentType, file.bytes.equals(PDF_BYTES)]).toEqual(['application/pdf', true]);
    const downloads = await ctx.db
      .selectFrom('audit_log')
      .select(['actor_id', 'entity_id'])
      .where('action', '=', 'download')
      .execute();
    expect(downloads).toEqual([{ actor_id: camat.id, entity_id: id }]);
  });
});

describe('who may keep and read the registers', () => {
  it('keeps each village to its own register, lets its camat read without changing, and refuses everybody else', async () => {
    const id = await service.registerIncoming(as(office.operator), incomingInput());
    const other = await makeStaff(ctx, { role: 'operator_desa', scope: KIBIN });
    const camat = await makeStaff(ctx, { role: 'camat', scope: '36.04.05' });
    const otherCamat = await makeStaff(ctx, { role: 'camat', scope: '36.04.16' });
    const admin = await makeStaff(ctx, { role: 'admin_kabupaten', scope: '36.04' });
    const dinsos = await makeStaff(ctx, { role: 'opd', scope: 'DINSOS' });

    await expect(service.incomingLetter(as(other), id)).rejects.toBeInstanceOf(Forbidden);
    expect((await service.listIncoming(as(other), {})).total).toBe(0);
    expect((await service.listIncoming(as(camat), {})).rows.map((r) => r.id)).toEqual([id]);
    expect((await service.incomingLetter(as(camat), id)).mayKeep).toBe(false);
    await expect(service.registerIncoming(as(camat), incomingInput())).rejects.toBeInstanceOf(Forbidden);
    await expect(
      service.disposeIncoming(as(camat), id, { assigneeId: office.sekdes.id, instruction: 'x' }),
    ).rejects.toBeInstanceOf(Forbidden);
    await expect(service.incomingLetter(as(otherCamat), id)).rejects.toBeInstanceOf(Forbidden);
    for (const actor of [admin, dinsos]) {
      await expect(service.listIncoming(as(actor), {})).rejects.toBeInstanceOf(Forbidden);
      await expect(service.listOutgoing(as(actor), {})).rejects.toBeInstanceOf(Forbidden);
      await expect(service.incomingLetter(as(actor), id)).rejects.toBeInstanceOf(Forbidden);
    }
  });

  it('disposes only to staff of the same village', async () => {
    const id = await service.registerIncoming(as(office.operator), incomingInput());
    const other = await makeStaff(ctx, { role: 'operator_desa', scope: KIBIN });
    expect(
      await fieldsOf(
        service.disposeIncoming(as(office.kades), id, {
          assigneeId: other.id,
          instruction: 'Tindak lanjuti',
        }),
      ),
    ).toEqual({ assigneeId: expect.any(String) });
  });
});

describe('deleting a register entry', () => {
  it('is an act of the village head or secretary with a reason, kept in the list of deleted entries', async () => {
    const id = await service.registerIncoming(as(office.operator), incomingInput());
    const out = await service.registerOutgoing(as(office.operator), outgoingInput());
    await expect(service.deleteIncoming(as(office.operator), id, 'Tercatat dua kali')).rejects.toBeInstanceOf(
      Forbidden,
    );
    expect(await fieldsOf(service.deleteIncoming(as(office.kades), id, 'salah'))).toEqual({
      reason: expect.any(String),
    });
    await service.deleteIncoming(as(office.kades), id, 'Tercatat dua kali, sama dengan agenda 2.');
    await service.deleteOutgoing(as(office.sekdes), out, 'Surat dibatalkan sebelum dikirim.');

    expect((await service.listIncoming(as(office.operator), {})).total).toBe(0);
    expect((await service.listOutgoing(as(office.operator), {})).total).toBe(0);
    const deleted = await service.listDeleted(as(office.operator));
    expect(deleted.map((d) => [d.register, d.deleted_by_name, d.deleted_reason]).sort()).toEqual([
      ['keluar', 'Sekretaris Uji', 'Surat dibatalkan sebelum dikirim.'],
      ['masuk', 'H. Kepala Uji', 'Tercatat dua kali, sama dengan agenda 2.'],
    ]);
    const row = await ctx.db
      .selectFrom('archive_incoming')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect([row.subject, row.deleted_by]).toEqual([incomingInput().subject, office.kades.id]);
    const lines = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', '=', 'delete')
      .execute();
    expect(lines.map((l) => l.entity_id).sort()).toEqual([id, out].sort());
    // a new entry does not take the deleted one's agenda number
    const again = await service.registerIncoming(as(office.operator), incomingInput());
    expect((await service.incomingLetter(as(office.operator), again)).entry.agenda_number).toBe(2);
  });
});

describe('the outgoing letters register', () => {
  it('lists a letter issued through a service by itself, numbered with its 2022 code, beside the hand-registered ones', async () => {
    await prepareServices(ctx);
    const applicant = await makeApplicant(ctx, office.operator);
    const { id } = await startRequest(
      withActor(ctx, applicant),
      'keterangan-domisili',
      await requestInput(
        { keperluan: 'Melamar pekerjaan' },
        { attachments: ['foto_ktp', 'pengantar_rt'], phone: '081234567890' },
      ),
    );
    await approveStep(as(office.operator), id);
    const signed = await approveStep(as(office.kades), id);
    expect(signed.letterNumber).toBe('400.12.2.2/001/Ds-Kramatwatu/XII/2026');

    const manual = await service.registerOutgoing(as(office.operator), outgoingInput());
    const register = await service.listOutgoing(as(office.operator), { year: '2026' });
    expect(register.lines.map((l) => [l.letterNumber, l.classificationCode, l.id === null])).toEqual([
      ['400.12.2.2/001/Ds-Kramatwatu/XII/2026', '400.12.2.2', true],
      [outgoingInput().letterNumber, '400.10.2.3', false],
    ]);
    expect(register.lines[0]?.recipient).toContain('SITI');
    const filtered = await service.listOutgoing(as(office.operator), { classification: '400.12' });
    expect(filtered.lines.map((l) => l.letterNumber)).toEqual(['400.12.2.2/001/Ds-Kramatwatu/XII/2026']);

    await service.recordSending(
      as(office.operator),
      manual,
      { sentOn: '2026-12-02' },
      {
        filename: 'tanda-terima.pdf',
        bytes: PDF_BYTES,
      },
    );
    const sent = await service.outgoingLetter(as(office.operator), manual);
    expect([
      sent.entry.sent_on,
      sent.entry.receipt_file_id !== null,
      sent.entry.receipt_noted_at !== null,
    ]).toEqual(['2026-12-02', true, true]);
    expect(
      await fieldsOf(service.recordSending(as(office.operator), manual, { sentOn: '2026-11-01' })),
    ).toEqual({
      sentOn: expect.any(String),
    });
  });
});

describe('the classification list', () => {
  it('numbers a letter of an old 78/2012 code (a catalog stored before 2022) with its 2022 code', async () => {
    expect(await service.currentClassificationCode(ctx, '470')).toBe('400.12.2.2');
    expect(await service.currentClassificationCode(ctx, '472.11')).toBe('400.12.3.1');
    expect(await service.currentClassificationCode(ctx, '400.12.2.2')).toBe('400.12.2.2');
    expect(await service.currentClassificationCode(ctx, '999.9')).toBeNull();
  });

  it('is kept by admin kabupaten: a new code needs its parent, and a disabled code numbers no new letter', async () => {
    const admin = await makeStaff(ctx, { role: 'admin_kabupaten', scope: '36.04' });
    expect(await service.activeClassificationName(ctx, '400.12.2.2')).toBe(
      'Pindah Datang Penduduk dalam Wilayah NKRI',
    );
    expect(await service.activeClassificationName(ctx, '470')).toBeNull();
    await expect(
      service.saveClassificationCode(as(office.kades), { code: '400.12.2.6', name: 'Uji' }),
    ).rejects.toBeInstanceOf(Forbidden);
    expect(
      await fieldsOf(service.saveClassificationCode(as(admin), { code: '400.99.1', name: 'Uji' })),
    ).toEqual({
      code: expect.stringContaining('400.99'),
    });
    expect(await fieldsOf(service.saveClassificationCode(as(admin), { code: '47O', name: '' }))).toEqual({
      code: expect.any(String),
      name: expect.any(String),
    });
    await service.saveClassificationCode(as(admin), {
      code: '400.12.2.6',
      name: 'Surat Keterangan Domisili Desa',
    });
    expect(await service.activeClassificationName(ctx, '400.12.2.6')).toBe('Surat Keterangan Domisili Desa');
    await service.registerIncoming(as(office.operator), incomingInput({ classificationCode: '400.12.2.6' }));

    await service.saveClassificationCode(as(admin), {
      code: '400.12.2.4',
      name: 'Pendataan Penduduk Rentan',
      active: false,
    });
    expect(
      await fieldsOf(
        service.registerIncoming(as(office.operator), incomingInput({ classificationCode: '400.12.2.4' })),
      ),
    ).toEqual({ classificationCode: expect.stringContaining('400.12.2.4') });
    const listed = await service.listClassificationCodes(as(admin), { q: '400.12.2' });
    expect(listed.rows.map((r) => [r.code, r.active])).toEqual([
      ['400.12.2', true],
      ['400.12.2.1', true],
      ['400.12.2.2', true],
      ['400.12.2.3', true],
      ['400.12.2.4', false],
      ['400.12.2.5', true],
      ['400.12.2.6', true],
    ]);
    // seeding again (every start) leaves the admin's changes alone
    await service.seedClassificationCodes(ctx);
    expect(await service.activeClassificationName(ctx, '400.12.2.4')).toBeNull();
  });
});
