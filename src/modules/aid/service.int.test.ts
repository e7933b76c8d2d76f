import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResidentActor } from '../../platform/auth/roles.ts';
import { type Ctx, fixedClock, withActor } from '../../platform/context.ts';
import { Forbidden, Invalid } from '../../platform/http/errors.ts';
import { importFileNow } from '../../platform/imports/index.ts';
import { caught, createTestContext, type TestContext } from '../../testing.ts';
import { figuresTable, tableCells } from './figures.ts';
import { aidImport } from './import.ts';
import { aidPersonalData } from './personal-data.ts';
import { aidWorkItems, aidWorkQueue } from './queue.ts';
import {
  addBeneficiary,
  familyAid,
  getBeneficiary,
  listBeneficiaries,
  publicDanaDesaList,
} from './registry.ts';
import {
  approve,
  fileApplication,
  forwardToDinsos,
  getApplication,
  listApplications,
  recordDisbursement,
  reject,
  resubmit,
  returnToApplicant,
  verifyByVillage,
} from './service.ts';
import { aidStaff, FAMILY, KRAMATWATU, makeApplicant, PNG, programmeId } from './test-builders.ts';

let test: TestContext;
let ctx: Ctx;
let staff: Awaited<ReturnType<typeof aidStaff>>;
let siti: ResidentActor;

beforeEach(async () => {
  test = await createTestContext({ clock: fixedClock('2026-11-23T02:00:00Z') });
  ctx = test.ctx;
  staff = await aidStaff(ctx);
  siti = await makeApplicant(ctx, staff.operator);
});
afterEach(() => test.close());

const as = (actor: Parameters<typeof withActor>[1]) => withActor(ctx, actor);

const statusesOf = async (id: string) => (await getApplication(as(siti), id)).events.map((e) => e.status);

/** Kramatwatu's operator puts a family (by KK) or a person (by NIK) on a programme for 2026. */
async function enrol(programme: string, who: { no_kk: string } | { nik: string }) {
  return addBeneficiary(as(staff.operator), KRAMATWATU, {
    program: await programmeId(ctx, programme),
    periode: '2026',
    ...who,
  });
}

describe('an application', () => {
  it('walks from filing through a return and a resubmission to disbursement, each step with who and when', async () => {
    const blt = await programmeId(ctx, 'BLT-DD');
    const { id } = await fileApplication(as(siti), {
      program: blt,
      alasan: 'Suami sakit menahun.',
      telepon: '0812 3456 7890',
    });
    await returnToApplicant(as(staff.operator), id, { alasan: 'Lengkapi keterangan pekerjaan.' });
    const returned = await getApplication(as(siti), id);
    expect(returned.holder).toBe('applicant');
    expect(returned.may.resubmit).toBe(true);
    await resubmit(as(siti), id, { alasan: 'Suami sakit menahun, bekerja serabutan.' });
    const missing = await caught(verifyByVillage(as(staff.operator), id, {}, null));
    expect(missing).toBeInstanceOf(Invalid);
    expect(Object.keys((missing as Invalid).fields).sort()).toEqual([
      'berita_acara',
      'nomor_berita_acara',
      'tanggal_musdes',
    ]);
    await verifyByVillage(
      as(staff.operator),
      id,
      { tanggal_musdes: '2026-11-20', nomor_berita_acara: '140/12/BA-Musdes/2026' },
      { filename: 'ba.png', bytes: PNG },
    );
    await forwardToDinsos(as(staff.operator), id);
    await approve(as(staff.dinsos), id, {});
    await recordDisbursement(as(staff.operator), id, { tanggal: '2026-11-23', jumlah: '300.000' });

    expect(await statusesOf(id)).toEqual([
      'diajukan',
      'dikembalikan',
      'diajukan',
      'diverifikasi_desa',
      'diteruskan',
      'disetujui',
      'disalurkan',
    ]);
    const staffView = await getApplication(as(staff.operator), id);
    expect(staffView.events.find((e) => e.status === 'disetujui')?.actorName).toBe('Petugas Dinsos');
    expect(staffView.application.musdes_file_id).not.toBeNull();
    expect(staffView.application.amount).toBe(300000);
    const entry = await getBeneficiary(as(staff.operator), staffView.application.beneficiary_id ?? '');
    expect(entry.entry.period).toBe('2026');
    expect(entry.events.map((e) => e.kind)).toEqual(['ditambahkan', 'diverifikasi', 'disalurkan']);
    const messages = await ctx.db.selectFrom('outbox').select(['recipient', 'body']).execute();
    expect(messages.map((m) => m.recipient)).toContain('081234567890');
    expect(messages.some((m) => m.body.includes('disalurkan'))).toBe(true);
  });

  it('rejected by Dinsos carries the reason the resident reads, and ends with nobody holding it', async () => {
    const { id } = await fileApplication(as(siti), {
      program: await programmeId(ctx, 'PKH'),
      alasan: 'Tidak ada penghasilan tetap.',
    });
    await verifyByVillage(as(staff.operator), id, { catatan: 'Dicek ke rumah.' }, null);
    await forwardToDinsos(as(staff.operator), id);
    await reject(as(staff.dinsos), id, { alasan: 'Desil 8 menurut DTSEN.' });
    const seen = await getApplication(as(siti), id);
    expect(seen.application.status).toBe('ditolak');
    expect(seen.holder).toBeNull();
    expect(seen.events.at(-1)?.note).toBe('Desil 8 menurut DTSEN.');
    expect(await caught(approve(as(staff.dinsos), id, {}))).toHaveProperty('message');
  });

  it('is refused with a field error when the same programme is already in process', async () => {
    const pkh = await programmeId(ctx, 'PKH');
    await fileApplication(as(siti), { program: pkh, alasan: 'a' });
    const again = await caught(fileApplication(as(siti), { program: pkh, alasan: 'b' }));
    expect((again as Invalid).fields.program).toMatch(/masih diproses/);
  });
});

describe('scope', () => {
  it('refuses another village’s office and an agency outside social affairs, and masks for the camat', async () => {
    const { id } = await fileApplication(as(siti), {
      program: await programmeId(ctx, 'PKH'),
      alasan: 'Sakit.',
    });
    expect(await caught(getApplication(as(staff.kibin), id))).toBeInstanceOf(Forbidden);
    expect(await caught(verifyByVillage(as(staff.kibin), id, {}, null))).toBeInstanceOf(Forbidden);
    expect(await caught(getApplication(as(staff.dpupr), id))).toBeInstanceOf(Forbidden);
    expect(await caught(listApplications(as(staff.dpupr), {}))).toBeInstanceOf(Forbidden);
    expect(await caught(listBeneficiaries(as(staff.dpupr), {}))).toBeInstanceOf(Forbidden);
    expect((await listApplications(as(staff.kibin), { status: '' })).rows).toHaveLength(0);
    const camat = await getApplication(as(staff.camat), id);
    expect(camat.application.nik).not.toBe(siti.nik);
    expect(camat.application.nik).toContain('•');
    expect(camat.may.verify).toBe(false);
    const full = await getApplication(as(staff.dinsos), id);
    expect(full.application.nik).toBe(siti.nik);
    expect(await caught(approve(as(staff.dinsos), id, {}))).not.toBeInstanceOf(Forbidden);
    expect(await caught(forwardToDinsos(as(staff.dinsos), id))).toBeInstanceOf(Forbidden);
    const reads = await ctx.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('action', '=', 'read_personal')
      .where('entity', '=', 'aid_application')
      .execute();
    expect(reads.map((r) => r.actor_id)).toEqual(expect.arrayContaining([staff.camat.id, staff.dinsos.id]));
  });

  it('gives Dinsos one queue of every village’s forwarded proposals, overdue first', async () => {
    const pkh = await programmeId(ctx, 'PKH');
    const first = await fileApplication(as(siti), { program: pkh, alasan: 'a' });
    await verifyByVillage(as(staff.operator), first.id, {}, null);
    await forwardToDinsos(as(staff.operator), first.id);
    const queue = await listApplications(as(staff.dinsos), {});
    expect(queue.status).toBe('diteruskan');
    expect(queue.rows.map((r) => r.id)).toEqual([first.id]);
    const later = withActor({ ...ctx, clock: fixedClock('2027-01-30T02:00:00Z') }, staff.dinsos);
    expect((await listApplications(later, {})).rows[0]?.overdue).toBe(true);
    expect((await aidWorkQueue(later)).map((i) => [i.kind, i.count, i.overdue])).toEqual([
      ['aid.decide', 1, 1],
    ]);
    // the same proposal, one by one on "Kerja saya": Dinsos' to decide, no longer the village's
    expect((await aidWorkItems(later, { limit: 10 })).map((i) => [i.kind, i.href, i.overdue])).toEqual([
      ['aid.diteruskan', `/kelola/bansos/usulan/${first.id}`, true],
    ]);
    expect(await aidWorkItems(as(staff.operator), { limit: 10 })).toEqual([]);
    expect(await aidWorkItems(as(staff.dpupr), { limit: 10 })).toEqual([]);
  });
});

describe('the registry', () => {
  it('shows a family receiving three programmes on one page', async () => {
    const member = await makeApplicant(ctx, staff.operator, { name: 'Rina', serial: 8, relation: '4' });
    await enrol('PKH', { no_kk: FAMILY });
    await enrol('BPNT', { no_kk: FAMILY });
    await enrol('PBI-JK', { nik: member.nik });
    const family = await familyAid(as(staff.operator), FAMILY);
    expect(family.activeProgrammes.sort()).toEqual(['BPNT', 'PBI-JK', 'PKH']);
    expect(family.entries).toHaveLength(3);
    const twice = await caught(enrol('PKH', { no_kk: FAMILY }));
    expect((twice as Invalid).fields.nik).toBeDefined();
  });

  it('publishes BLT-DD recipients with masked names and no NIK or KK', async () => {
    await enrol('BLT-DD', { no_kk: FAMILY });
    const list = await publicDanaDesaList(withActor(ctx, null), KRAMATWATU, '2026');
    expect(list).toHaveLength(1);
    const text = JSON.stringify(list);
    expect(text.toUpperCase()).not.toContain('AMINAH');
    expect(text).not.toContain(siti.nik);
    expect(text).not.toContain(FAMILY);
    expect(list[0]?.name).toBe('SIT* AMI***');
  });

  it('imports a list and names each bad row and column in the errors file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aid-import-'));
    const file = path.join(dir, 'penerima.csv');
    fs.writeFileSync(
      file,
      [
        'program,periode,nik,no_kk,desil,tanggal_desil',
        `BPNT,2026,,${FAMILY},2,2026-06-30`,
        'XYZ,2026,,3604051201150001,,',
        `PBI-JK,26,${siti.nik},,,`,
        'PBI-JK,2026,3604059999990001,,,',
        `BPNT,2026,,${FAMILY},,`,
      ].join('\n'),
    );
    const errorFile = path.join(dir, 'galat.csv');
    const { outcome } = await importFileNow(withActor(ctx, null), aidImport, {
      regionCode: KRAMATWATU,
      file,
      errorFile,
    });
    expect(outcome).toMatchObject({ inserted: 1, unchanged: 1, rejected: 3, rowsTotal: 5 });
    const errors = fs.readFileSync(errorFile, 'utf8');
    expect(errors).toMatch(/3,program,/);
    expect(errors).toMatch(/4,periode,/);
    expect(errors).toMatch(/5,nik,/);
    expect((await familyAid(as(staff.operator), FAMILY)).decile?.decile).toBe(2);
  });
});

describe('figures and personal data', () => {
  it('exports the same counts a direct count of the tables gives', async () => {
    await enrol('BPNT', { no_kk: FAMILY });
    await enrol('PBI-JK', { nik: siti.nik });
    await fileApplication(as(siti), { program: await programmeId(ctx, 'PKH'), alasan: 'a' });
    const table = await figuresTable(as(staff.camat), { region: '36.04.05' });
    const row = table.rows.find((r) => r.code === KRAMATWATU);
    if (!row) throw new Error('no row for Kramatwatu');
    const cells = tableCells(table, row);
    const direct = await ctx.db
      .selectFrom('aid_beneficiaries as b')
      .innerJoin('aid_programmes as p', 'p.id', 'b.programme_id')
      .select(['p.code', (eb) => eb.fn.countAll<number>().as('n')])
      .where('b.village_code', '=', KRAMATWATU)
      .where('b.active', '=', true)
      .groupBy('p.code')
      .execute();
    for (const d of direct) expect(cells[table.programmeCodes.indexOf(d.code) + 1]).toBe(Number(d.n));
    const applications = await ctx.db
      .selectFrom('aid_applications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'diajukan')
      .executeTakeFirstOrThrow();
    expect(cells[1 + table.programmeCodes.length + table.statuses.indexOf('diajukan')]).toBe(
      Number(applications.n),
    );
    expect(await caught(figuresTable(as(staff.kibin), { region: '36.04.05' }))).toBeInstanceOf(Forbidden);
  });

  it('exports a person’s applications and keeps the decided ones when erasing, without their phone', async () => {
    const { id } = await fileApplication(as(siti), {
      program: await programmeId(ctx, 'PKH'),
      alasan: 'a',
      telepon: '081234567890',
    });
    await verifyByVillage(as(staff.operator), id, {}, null);
    await forwardToDinsos(as(staff.operator), id);
    await reject(as(staff.dinsos), id, { alasan: 'b' });
    const exported = await aidPersonalData.export(ctx, siti.nik);
    expect(exported?.records).toEqual([{ entity: 'aid_application', id }]);
    const outcome = await aidPersonalData.erase(ctx, siti.nik);
    expect(outcome.kept[0]).toMatchObject({ count: 1, why: 'aid.personal.whyAccountability' });
    const row = await ctx.db
      .selectFrom('aid_applications')
      .select(['phone', 'status'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ phone: null, status: 'ditolak' });
  });
});
