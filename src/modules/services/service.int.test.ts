import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changePin, issuePin, loginResident } from '../../platform/auth/resident-login.ts';
import type { ResidentActor } from '../../platform/auth/roles.ts';
import { type Ctx, fixedClock, withActor } from '../../platform/context.ts';
import { readFile } from '../../platform/files/index.ts';
import { Conflict, Forbidden, Invalid, TooManyRequests } from '../../platform/http/errors.ts';
import { createTestContext, makeStaff, type TestContext } from '../../testing.ts';
import {
  checkLetterPdf,
  letterForRequest,
  listOutgoingLetters,
  saveVillageLogo,
  verifyLetter,
} from '../letters/service.ts';
import {
  approveStep,
  getRequest,
  getService,
  listCatalog,
  listQueue,
  rejectRequest,
  requestLetterPdf,
  returnForCorrection,
  saveRequest,
  saveServiceDefinition,
  setVillageServices,
  startRequest,
} from './service.ts';
import {
  KIBIN,
  KRAMATWATU,
  makeApplicant,
  openServiceDesk,
  pdfText,
  prepareServices,
  requestInput,
  type VillageOffice,
} from './test-builders.ts';

let test: TestContext;
let ctx: Ctx;
let office: VillageOffice;
let applicant: ResidentActor;
const clock = fixedClock('2026-12-01T02:00:00Z'); // Tuesday 09:00 in Serang

beforeEach(async () => {
  ({ test, ctx, office, applicant } = await openServiceDesk(createTestContext({ clock })));
});
afterEach(() => test.close());

const as = (actor: Parameters<typeof withActor>[1]) => withActor(ctx, actor);

async function submittedDomicile(who: ResidentActor = applicant) {
  const outcome = await startRequest(
    withActor(ctx, who),
    'keterangan-domisili',
    await requestInput(
      { keperluan: 'Membuka rekening bank' },
      { attachments: ['foto_ktp', 'pengantar_rt'], phone: '081234567890' },
    ),
  );
  expect(outcome.problems).toEqual({});
  return outcome.id;
}

describe('the service catalog', () => {
  it('holds the fourteen village letters and two agency services, each once, as version 1', async () => {
    await prepareServices(ctx);
    const catalog = await listCatalog(ctx);
    expect(catalog).toHaveLength(16);
    expect(
      catalog
        .filter((s) => s.definition.owner.type === 'agency')
        .map((s) => s.slug)
        .sort(),
    ).toEqual(['kartu-pencari-kerja', 'permohonan-bantuan-sosial']);
    expect(new Set(catalog.map((s) => s.version))).toEqual(new Set([1]));
  });

  it('keeps a request on the version it was filed under when admin changes the service', async () => {
    const id = await submittedDomicile();
    const admin = await makeStaff(ctx, { role: 'admin_kabupaten', scope: '36.04' });
    const current = (await getService(ctx, 'keterangan-domisili')).definition;
    const changed = {
      ...current,
      slaDays: 5,
      fields: [
        ...current.fields,
        {
          name: 'lama_tinggal',
          label: { id: 'Lama tinggal', en: 'Years lived' },
          type: 'number' as const,
          required: true,
        },
      ],
    };
    const saved = await saveServiceDefinition(as(admin), JSON.stringify(changed), 'keterangan-domisili');
    expect(saved.version).toBe(2);
    const view = await getRequest(as(office.operator), id);
    expect(view.version).toBe(1);
    expect(view.definition.fields.map((f) => f.name)).not.toContain('lama_tinggal');
    const fresh = await startRequest(
      as(applicant),
      'keterangan-domisili',
      await requestInput({ keperluan: 'Sekolah' }, { attachments: ['foto_ktp', 'pengantar_rt'] }),
    );
    expect(fresh.problems.lama_tinggal).toBe('Lama tinggal wajib diisi.');
  });

  it('refuses a broken definition with a message for each wrong part, and only admin may save one', async () => {
    const admin = await makeStaff(ctx, { role: 'admin_kabupaten', scope: '36.04' });
    const current = (await getService(ctx, 'keterangan-usaha')).definition;
    const broken = {
      ...current,
      slaDays: 0,
      classificationCode: '999.99',
      document: { ...current.document, title: 'SURAT {{tidak_ada}}' },
    };
    const error = await saveServiceDefinition(as(admin), JSON.stringify(broken), 'keterangan-usaha').catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(Invalid);
    expect(error.fields.slaDays).toContain('1 sampai 60');
    expect(error.fields['document.title']).toContain('{{tidak_ada}}');
    const unknownCode = await saveServiceDefinition(
      as(admin),
      JSON.stringify({ ...current, classificationCode: '999.99' }),
      'keterangan-usaha',
    ).catch((e) => e);
    expect(unknownCode.fields.classificationCode).toContain('tidak ada dalam daftar klasifikasi');
    await expect(saveServiceDefinition(as(admin), '{ bukan json', 'keterangan-usaha')).rejects.toMatchObject({
      fields: { definition: expect.stringContaining('bukan JSON') },
    });
    await expect(
      saveServiceDefinition(as(office.operator), JSON.stringify(current), 'keterangan-usaha'),
    ).rejects.toBeInstanceOf(Forbidden);
  });

  it('lets a village switch a letter off, after which its residents cannot file it', async () => {
    const all = (await listCatalog(ctx))
      .filter((s) => s.definition.owner.type === 'village')
      .map((s) => s.slug);
    await setVillageServices(
      as(office.operator),
      KRAMATWATU,
      all.filter((s) => s !== 'keterangan-usaha'),
    );
    const mine = await listCatalog(ctx, { villageCode: KRAMATWATU });
    expect(mine.find((s) => s.slug === 'keterangan-usaha')?.enabledInVillage).toBe(false);
    await expect(
      startRequest(as(applicant), 'keterangan-usaha', await requestInput({})),
    ).rejects.toBeInstanceOf(Forbidden);
    await expect(setVillageServices(as(office.operator), KIBIN, [])).rejects.toBeInstanceOf(Forbidden);
  });
});

describe('resident login with NIK and PIN', () => {
  it('works with the PIN the operator issued, asks for a new one, and refuses weak choices', async () => {
    const { pin } = await issuePin(as(office.operator), applicant.nik);
    expect(pin).toMatch(/^\d{6}$/);
    const { actor, mustChange } = await loginResident(ctx, { nik: applicant.nik, pin });
    expect(actor.id).toBe(applicant.id);
    expect(mustChange).toBe(true);
    await expect(
      changePin(as(actor), { current: pin, next: '123456', repeat: '123456' }),
    ).rejects.toMatchObject({ fields: { next: expect.stringContaining('mudah ditebak') } });
    await changePin(as(actor), { current: pin, next: '583920', repeat: '583920' });
    expect((await loginResident(ctx, { nik: applicant.nik, pin: '583920' })).mustChange).toBe(false);
    await expect(loginResident(ctx, { nik: applicant.nik, pin })).rejects.toBeInstanceOf(Invalid);
  });

  it('locks the PIN after five wrong tries, so even the right PIN waits, and says nothing of which part was wrong', async () => {
    const { pin } = await issuePin(as(office.operator), applicant.nik);
    const wrong = pin === '000001' ? '000002' : '000001';
    for (let i = 0; i < 5; i++) {
      const error = await loginResident(ctx, { nik: applicant.nik, pin: wrong }).catch((e) => e);
      expect(error.fields).toEqual({ nik: 'NIK atau PIN salah.' });
    }
    await expect(loginResident(ctx, { nik: applicant.nik, pin })).rejects.toBeInstanceOf(TooManyRequests);
    clock.advance(16 * 60_000);
    await expect(loginResident(ctx, { nik: applicant.nik, pin })).resolves.toMatchObject({
      actor: { id: applicant.id },
    });
    clock.set('2026-12-01T02:00:00Z');
  });

  it('is issued only by the staff of the resident’s own village', async () => {
    const kibinOperator = await makeStaff(ctx, { role: 'operator_desa', scope: KIBIN });
    // refused the way an unknown NIK is: another village's office learns nothing of the resident
    const unknown = await issuePin(as(office.operator), '3604059999999999').catch((error: unknown) => error);
    const elsewhere = await issuePin(as(kibinOperator), applicant.nik).catch((error: unknown) => error);
    expect(elsewhere).toBeInstanceOf(Invalid);
    expect(elsewhere).toMatchObject({ fields: (unknown as Invalid).fields });
    await expect(issuePin(as(office.operator), '3604')).rejects.toMatchObject({
      fields: { nik: 'NIK harus 16 angka.' },
    });
  });
});

describe('a letter request from filing to the signed letter', () => {
  it('saves an incomplete request as a draft and names each missing field and attachment', async () => {
    const outcome = await startRequest(
      as(applicant),
      'keterangan-usaha',
      await requestInput({ nama_usaha: 'Warung Bu Siti', lama_usaha: 'tiga' }),
    );
    expect(outcome.submitted).toBe(false);
    expect(outcome.problems.lama_usaha).toContain('harus berupa angka');
    expect(outcome.problems.jenis_usaha).toContain('wajib diisi');
    expect(outcome.problems.lampiran_foto_ktp).toContain('wajib dilampirkan');
    const view = await getRequest(as(applicant), outcome.id);
    expect(view.state).toBe('draf');
    expect(view.data.nama_usaha).toBe('Warung Bu Siti');
    expect(view.data.lama_usaha).toBe('tiga');
  });

  it('checks an attachment by its content, not its name', async () => {
    const input = await requestInput({ keperluan: 'Melamar kerja' });
    input.files = [{ field: 'foto_ktp', filename: 'ktp.jpg', bytes: Buffer.from('<html>bukan foto</html>') }];
    const outcome = await startRequest(as(applicant), 'pengantar-skck', input);
    expect(outcome.problems.lampiran_foto_ktp).toContain('JPEG/PNG atau PDF');
    expect((await getRequest(as(applicant), outcome.id)).attachments).toHaveLength(0);
  });

  it('goes back with a remark on the wrong field, comes back fixed, is approved, signed, numbered and verifiable', async () => {
    const id = await submittedDomicile();
    let view = await getRequest(as(applicant), id);
    expect(view.state).toBe('diperiksa');
    // filed Tuesday 1 December; one working day → end of Wednesday 2 December, Jakarta time
    expect(view.dueAt?.toISOString()).toBe('2026-12-02T16:59:59.999Z');
    expect(view.applicant.name).toBe(applicant.name);

    await returnForCorrection(as(office.operator), id, {
      remarks: { keperluan: 'Sebutkan nama banknya.' },
      note: '',
    });
    view = await getRequest(as(applicant), id);
    expect(view.state).toBe('belum_lengkap');
    expect(view.remarks).toEqual({ keperluan: 'Sebutkan nama banknya.' });
    const outbox = await ctx.db.selectFrom('outbox').selectAll().execute();
    expect(outbox.some((m) => m.recipient === '081234567890' && m.body.includes('perlu diperbaiki'))).toBe(
      true,
    );

    const fixed = await saveRequest(
      as(applicant),
      id,
      await requestInput({ keperluan: 'Membuka rekening Bank BJB' }),
    );
    expect(fixed.submitted).toBe(true);
    view = await getRequest(as(applicant), id);
    expect(view.state).toBe('diperiksa');
    expect(view.remarks).toEqual({});

    await approveStep(as(office.operator), id);
    expect((await getRequest(as(applicant), id)).state).toBe('menunggu_tanda_tangan');
    await expect(approveStep(as(office.operator), id)).rejects.toBeInstanceOf(Forbidden);
    const signed = await approveStep(as(office.kades), id);
    expect(signed.letterNumber).toBe('400.12.2.2/001/Ds-Kramatwatu/XII/2026');

    view = await getRequest(as(applicant), id);
    expect(view.state).toBe('siap_diambil');
    expect(view.events.map((e) => e.kind)).toEqual([
      'dibuat',
      'diajukan',
      'dikembalikan',
      'diajukan_ulang',
      'disetujui',
      'ditandatangani',
    ]);
    const pdf = await requestLetterPdf(as(applicant), id);
    const text = pdfText(pdf.bytes);
    expect(text).toContain('SURAT KETERANGAN DOMISILI');
    expect(text).toContain('Nomor: 400.12.2.2/001/Ds-Kramatwatu/XII/2026');
    expect(text).toContain(applicant.name);
    expect(text).toContain('Membuka rekening Bank BJB');
    expect(text).toContain('Kepala Desa Kramatwatu');

    const letter = await letterForRequest(ctx, id);
    const facts = await verifyLetter(ctx, letter?.verification_code ?? '');
    expect(facts?.number).toBe('400.12.2.2/001/Ds-Kramatwatu/XII/2026');
    expect(facts?.maskedName).not.toContain(applicant.name);
    expect(facts?.maskedName.startsWith('SI')).toBe(true);
    expect((await checkLetterPdf(ctx, facts?.code ?? '', pdf.bytes)).matches).toBe(true);
    const tampered = Buffer.from(pdf.bytes);
    const middle = Math.floor(tampered.length / 2);
    tampered.writeUInt8(tampered.readUInt8(middle) ^ 0x01, middle);
    expect((await checkLetterPdf(ctx, facts?.code ?? '', tampered)).matches).toBe(false);
    expect(await verifyLetter(ctx, 'ZZZZZZZZZZ')).toBeNull();
  });

  it('numbers letters of one classification 001, 002 in the year, and a secretary signs "a.n." the village head', async () => {
    const first = await submittedDomicile();
    const second = await submittedDomicile(await makeApplicant(ctx, office.operator));
    for (const id of [first, second]) await approveStep(as(office.operator), id);
    const a = await approveStep(as(office.kades), first);
    const b = await approveStep(as(office.sekdes), second);
    expect([a.letterNumber, b.letterNumber]).toEqual([
      '400.12.2.2/001/Ds-Kramatwatu/XII/2026',
      '400.12.2.2/002/Ds-Kramatwatu/XII/2026',
    ]);
    const text = pdfText((await requestLetterPdf(as(office.operator), second)).bytes);
    expect(text).toContain('a.n. Kepala Desa Kramatwatu');
    expect(text).toContain('Sekretaris Uji');
    const register = await listOutgoingLetters(as(office.operator), KRAMATWATU);
    expect(register.entries.map((e) => e.number)).toEqual([
      '400.12.2.2/002/Ds-Kramatwatu/XII/2026',
      '400.12.2.2/001/Ds-Kramatwatu/XII/2026',
    ]);
  });

  it('shows the camat the register with names and NIK masked, and writes every staff read of a request to the audit log', async () => {
    const id = await submittedDomicile();
    await approveStep(as(office.operator), id);
    await approveStep(as(office.kades), id);
    const camat = await makeStaff(ctx, { role: 'camat', scope: '36.04.05' });
    const register = await listOutgoingLetters(as(camat), KRAMATWATU);
    expect(register.entries[0]?.subjectNik).toMatch(/^3604•+\d{4}$/);
    expect(register.entries[0]?.subjectName).not.toBe(applicant.name);
    const view = await getRequest(as(camat), id);
    expect(view.applicant.nik).toContain('•');
    expect(view.can.sign || view.can.act || view.can.edit).toBe(false);
    const reads = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'read_personal')
      .where('entity', '=', 'service_request')
      .execute();
    expect(reads.map((r) => r.actor_id)).toContain(camat.id);
    const kibin = await makeStaff(ctx, { role: 'operator_desa', scope: KIBIN });
    await expect(getRequest(as(kibin), id)).rejects.toBeInstanceOf(Forbidden);
    await expect(listOutgoingLetters(as(kibin), KRAMATWATU)).rejects.toBeInstanceOf(Forbidden);
  });

  it('lets the operator file for a resident, marked as such, and refuses changes once submitted', async () => {
    const outcome = await startRequest(as(office.operator), 'pengantar-skck', {
      ...(await requestInput({ keperluan: 'Melamar kerja di pabrik' }, { attachments: ['foto_ktp'] })),
      residentNik: applicant.nik,
    });
    expect(outcome.submitted).toBe(true);
    const view = await getRequest(as(applicant), outcome.id);
    expect(view.filedByOperator).toBe(true);
    expect(view.events[0]?.kind).toBe('dibuat_operator');
    await expect(
      saveRequest(as(applicant), outcome.id, await requestInput({ keperluan: 'lain' })),
    ).rejects.toBeInstanceOf(Conflict);
    const queue = await listQueue(as(office.operator), { state: 'aktif', page: 1 });
    expect(queue.rows.map((r) => r.code)).toContain(view.code);
    expect(queue.rows.find((r) => r.code === view.code)?.mayAct).toBe(true);
  });

  it('rejects with a reason the applicant is told', async () => {
    const id = await submittedDomicile();
    await expect(rejectRequest(as(office.operator), id, 'singkat')).rejects.toBeInstanceOf(Invalid);
    await rejectRequest(as(office.operator), id, 'Pemohon tidak berdomisili di desa ini.');
    const view = await getRequest(as(applicant), id);
    expect(view.state).toBe('ditolak');
    expect(view.events.at(-1)?.note).toBe('Pemohon tidak berdomisili di desa ini.');
  });

  it('gives back the number when issuing fails, so the next letter takes it', async () => {
    const id = await submittedDomicile();
    await approveStep(as(office.operator), id);
    const file = await ctx.db
      .selectFrom('service_request_attachments')
      .select('file_id')
      .where('request_id', '=', id)
      .executeTakeFirstOrThrow();
    await readFile(ctx, file.file_id);
    // a letter row that already holds this request makes the insert fail after the number was taken
    await ctx.db
      .insertInto('letters')
      .values({
        request_id: id,
        issuer: 'X',
        village_code: KRAMATWATU,
        service_slug: 'x',
        letter_code: 'x',
        title: 'x',
        number: 'x',
        year: 2026,
        classification_code: '400.12.2.2',
        sequence: 99,
        subject_name: 'x',
        subject_nik: 'x',
        verification_code: 'XXXXXXXXXX',
        file_id: file.file_id,
        pdf_sha256: 'x',
        signed_by: office.kades.id,
        signed_by_name: 'x',
        signed_on_behalf: false,
        signature_method: 'qr',
        issued_at: clock.now(),
      })
      .execute();
    await expect(approveStep(as(office.kades), id)).rejects.toThrow();
    expect((await getRequest(as(applicant), id)).state).toBe('menunggu_tanda_tangan');
    await ctx.db.deleteFrom('letters').where('request_id', '=', id).execute();
    expect((await approveStep(as(office.kades), id)).letterNumber).toBe(
      '400.12.2.2/001/Ds-Kramatwatu/XII/2026',
    );
  });
});

describe('the village letterhead', () => {
  it('prints the emblem the village uploaded, and refuses a file that is not a picture', async () => {
    await expect(
      saveVillageLogo(as(office.operator), KRAMATWATU, Buffer.from('%PDF-1.4 bukan gambar')),
    ).rejects.toMatchObject({
      fields: { logo: 'Logo harus gambar PNG atau JPEG.' },
    });
    const emblem = await sharp({ create: { width: 400, height: 480, channels: 3, background: '#0b5' } })
      .png()
      .toBuffer();
    await saveVillageLogo(as(office.operator), KRAMATWATU, emblem);
    const id = await submittedDomicile();
    await approveStep(as(office.operator), id);
    await approveStep(as(office.kades), id);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-logo-')), 'surat.pdf');
    fs.writeFileSync(file, (await requestLetterPdf(as(applicant), id)).bytes);
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .slice(2);
    expect(images).toHaveLength(1);
    expect(images[0]).toMatch(/^\s*1\s+0\s+image\s+200\s+240\b/);
  });
});

describe('agency services on the same engine', () => {
  it('sends a job-seeker card to Disnaker, whose officer checks and issues it under the agency’s own numbering', async () => {
    const disnaker = await makeStaff(ctx, { role: 'opd', scope: 'DISNAKER', name: 'Petugas Disnaker' });
    const values = {
      pendidikan_terakhir:
        (await getService(ctx, 'kartu-pencari-kerja')).definition.fields.find(
          (f) => f.name === 'pendidikan_terakhir',
        )?.options?.[2]?.value ?? '',
      jurusan: 'IPA',
      tahun_lulus: '2019',
      keterampilan: 'Mengemudi, komputer',
      pengalaman_kerja: 'Dua tahun di gudang',
      jabatan_diinginkan: 'Operator produksi',
      lokasi_kerja: 'dalam_negeri',
      nomor_telepon: '081298765432',
    };
    const outcome = await startRequest(
      as(applicant),
      'kartu-pencari-kerja',
      await requestInput(values, { attachments: ['pas_foto', 'ijazah_terakhir', 'foto_ktp'] }),
    );
    expect(outcome.problems).toEqual({});
    await expect(approveStep(as(office.operator), outcome.id)).rejects.toBeInstanceOf(Forbidden);
    const queue = await listQueue(as(disnaker), { state: 'aktif', page: 1 });
    expect(queue.rows.map((r) => r.id)).toContain(outcome.id);
    const dinsos = await makeStaff(ctx, { role: 'opd', scope: 'DINSOS' });
    expect((await listQueue(as(dinsos), { state: 'aktif', page: 1 })).rows).toHaveLength(0);
    expect(queue.rows.find((r) => r.id === outcome.id)?.applicant_nik).toBe(applicant.nik);
    expect((await getRequest(as(disnaker), outcome.id)).applicant.nik).toBe(applicant.nik);
    // another agency sees neither this request nor a village letter
    await expect(getRequest(as(dinsos), outcome.id)).rejects.toBeInstanceOf(Forbidden);
    const domicile = await submittedDomicile();
    await expect(getRequest(as(disnaker), domicile)).rejects.toBeInstanceOf(Forbidden);
    await approveStep(as(disnaker), outcome.id);
    const issued = await approveStep(as(disnaker), outcome.id);
    expect(issued.letterNumber).toBe('500.15.9/001/Disnaker/XII/2026');
    const text = pdfText((await requestLetterPdf(as(applicant), outcome.id)).bytes);
    expect(text).toContain('DINAS TENAGA KERJA');
    expect(text).toContain('2019');
    expect(text).toContain('Petugas Disnaker');
  });
});
