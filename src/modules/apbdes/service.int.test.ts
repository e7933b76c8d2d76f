import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StaffActor } from '../../platform/auth/roles.ts';
import { type Ctx, fixedClock, withActor } from '../../platform/context.ts';
import { readFile } from '../../platform/files/index.ts';
import { Forbidden, Invalid } from '../../platform/http/errors.ts';
import { createTestContext, makeStaff, type TestContext } from '../../testing.ts';
import {
  checkLine,
  getBudgetForStaff,
  getPublishedBudget,
  regencySummary,
  saveLine,
  seedDemoBudgets,
  setStatus,
  templateRows,
} from './service.ts';
import {
  budgetCsv,
  importBudgetFile,
  KIBIN,
  KRAMATWATU,
  MARGASANA,
  makeOperator,
  YEAR,
} from './test-builders.ts';

let test: TestContext;
let ctx: Ctx;
let operator: StaffActor;
let as: Ctx;
beforeEach(async () => {
  test = await createTestContext({ clock: fixedClock('2026-12-01T02:00:00Z') });
  ctx = test.ctx;
  operator = await makeOperator(ctx);
  as = withActor(ctx, operator);
});
afterEach(() => test.close());

async function invalidFields(work: Promise<unknown>): Promise<Record<string, string>> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Invalid);
  return (error as Invalid).fields;
}

describe('totals of an APBDes', () => {
  it('sums pendapatan by source, belanja by bidang, and gives surplus, pembiayaan netto and SiLPA', async () => {
    const lines = [
      {
        kode: '4.2.1',
        anggaran: '1.000.000.000',
        realisasi_semester_1: '600.000.000',
        realisasi_semester_2: '400.000.000',
      },
      { kode: '4.2.3', anggaran: '500.000.000', realisasi_semester_1: '250.000.000' },
      { kode: '4.1.1', anggaran: '20.000.000' },
      { kode: '2.3.10', uraian: 'Jalan desa', anggaran: '700.000.000', realisasi_semester_1: '300.000.000' },
      {
        kode: '1.1.01',
        uraian: 'Siltap Kepala Desa',
        anggaran: '60.000.000',
        realisasi_semester_1: '30.000.000',
      },
      { kode: '2.2.01', uraian: 'Posyandu', anggaran: '90.000.000' },
      { kode: '6.1.1', anggaran: '30.000.000', realisasi_semester_1: '30.000.000' },
      { kode: '6.2.2', anggaran: '50.000.000' },
    ];
    for (const line of lines) await saveLine(as, KRAMATWATU, YEAR, line);
    const { totals } = await getBudgetForStaff(as, KRAMATWATU, YEAR);
    expect(totals.income).toEqual({
      budget: 1_520_000_000,
      realisedS1: 850_000_000,
      realisedS2: 400_000_000,
      realised: 1_250_000_000,
    });
    expect(totals.spending.budget).toBe(850_000_000);
    expect(totals.spending.realisedS1).toBe(330_000_000);
    expect(totals.surplus.budget).toBe(670_000_000);
    expect(totals.financingIn.budget).toBe(30_000_000);
    expect(totals.financingOut.budget).toBe(50_000_000);
    expect(totals.financingNet.budget).toBe(-20_000_000);
    expect(totals.silpa.budget).toBe(650_000_000);
    expect(totals.incomeBySource.map((s) => [s.code, s.amounts.budget])).toEqual([
      ['4.1.1', 20_000_000],
      ['4.2.1', 1_000_000_000],
      ['4.2.3', 500_000_000],
    ]);
    expect(totals.spendingByField.map((f) => [f.code, f.amounts.budget])).toEqual([
      ['1', 60_000_000],
      ['2', 790_000_000],
      ['3', 0],
      ['4', 0],
      ['5', 0],
    ]);
    // the table's tree: bidang 2 → sub-bidang 2.2 and 2.3 → kegiatan, each group with its sum
    const field2 = totals.trees.belanja.find((n) => n.code === '2')!;
    expect(field2.children.map((c) => [c.code, c.amounts.budget, c.children.map((k) => k.code)])).toEqual([
      ['2.2', 90_000_000, ['2.2.01']],
      ['2.3', 700_000_000, ['2.3.10']],
    ]);
  });
});

describe('checking a line', () => {
  it('refuses codes outside the structure, group codes, negative amounts and sen, in Indonesian', async () => {
    expect((await invalidFields(saveLine(as, KRAMATWATU, YEAR, { kode: '4.2.9', anggaran: '1' }))).kode).toBe(
      'Kode 4.2.9 tidak ada dalam struktur APBDes (Permendagri 20/2018).',
    );
    expect(
      (await invalidFields(saveLine(as, KRAMATWATU, YEAR, { kode: '4.2', anggaran: '1' }))).kode,
    ).toMatch(/kelompok/);
    expect(
      (await invalidFields(saveLine(as, KRAMATWATU, YEAR, { kode: '7.1.01', uraian: 'x', anggaran: '1' })))
        .kode,
    ).toMatch(/tidak ada dalam struktur/);
    const fields = await invalidFields(
      saveLine(as, KRAMATWATU, YEAR, {
        kode: '2.3.10',
        anggaran: '-5.000',
        realisasi_semester_1: '1.500,50',
      }),
    );
    expect(fields).toEqual({
      uraian: 'Isi nama kegiatan.',
      anggaran: 'Jumlah tidak boleh negatif.',
      realisasi_semester_1: 'Jumlah harus rupiah bulat, tanpa sen.',
    });
    expect((await getBudgetForStaff(as, KRAMATWATU, YEAR)).lines).toEqual([]);
  });

  it('reads Indonesian amounts and codes as Siskeudes writes them', () => {
    const ok = (input: Parameters<typeof checkLine>[0]) => {
      const checked = checkLine(input);
      if (!checked.line) throw new Error(JSON.stringify(checked.errors));
      return checked.line;
    };
    expect(ok({ kode: '4.2.1.', anggaran: 'Rp 1.500.000,00' }).budget).toBe(1_500_000);
    expect(ok({ kode: '4.2.1', anggaran: '1500000' }).budget).toBe(1_500_000);
    expect(ok({ kode: '4.2.1', anggaran: 1500000 }).budget).toBe(1_500_000);
    expect(ok({ kode: '4.2.1', anggaran: '1500000.00' }).budget).toBe(1_500_000);
    expect(ok({ kode: '02.03.10', uraian: 'Jalan', anggaran: '2.000' }).code).toBe('2.3.10');
    expect(ok({ kode: '4.2.1', anggaran: '' }).name).toBe('Dana Desa');
    expect(checkLine({ kode: '4.2.1', anggaran: '1,500,000' }).errors?.anggaran).toMatch(/Tulis jumlah/);
    expect(checkLine({ kode: '4.2.1', anggaran: 1500.5 }).errors?.anggaran).toMatch(/tanpa sen/);
  });
});

describe('who keeps and who reads an APBDes', () => {
  it('lets only the village office write; the camat reads the draft; the public sees it once published', async () => {
    await saveLine(as, KRAMATWATU, YEAR, { kode: '4.2.1', anggaran: '1.000.000' });
    const camat = withActor(ctx, await makeStaff(ctx, { role: 'camat', scope: '36.04.05' }));
    const admin = withActor(ctx, await makeStaff(ctx, { role: 'admin_kabupaten', scope: '36.04' }));
    const otherOperator = withActor(ctx, await makeOperator(ctx, KIBIN));
    await expect(saveLine(camat, KRAMATWATU, YEAR, { kode: '4.2.3', anggaran: '1' })).rejects.toThrow(
      Forbidden,
    );
    await expect(saveLine(admin, KRAMATWATU, YEAR, { kode: '4.2.3', anggaran: '1' })).rejects.toThrow(
      Forbidden,
    );
    await expect(saveLine(otherOperator, KRAMATWATU, YEAR, { kode: '4.2.3', anggaran: '1' })).rejects.toThrow(
      Forbidden,
    );
    await expect(getBudgetForStaff(otherOperator, KRAMATWATU, YEAR)).rejects.toThrow(Forbidden);
    expect((await getBudgetForStaff(camat, KRAMATWATU, YEAR)).status).toBe('draft');
    expect(await getPublishedBudget(withActor(ctx, null), KRAMATWATU, YEAR)).toBeNull();
    await expect(setStatus(camat, KRAMATWATU, YEAR, 'published')).rejects.toThrow(Forbidden);
    await setStatus(as, KRAMATWATU, YEAR, 'published');
    expect((await getPublishedBudget(withActor(ctx, null), KRAMATWATU, YEAR))?.totals.income.budget).toBe(
      1_000_000,
    );
    // a change takes it back to draft until published again
    await saveLine(as, KRAMATWATU, YEAR, { kode: '4.2.3', anggaran: '2.000.000' });
    expect(await getPublishedBudget(withActor(ctx, null), KRAMATWATU, YEAR)).toBeNull();
  });

  it('does not publish an empty APBDes', async () => {
    expect(await invalidFields(setStatus(as, KRAMATWATU, YEAR, 'published'))).toHaveProperty('status');
  });
});

describe('the audit log of an APBDes', () => {
  it('records each change of figures, each publication and withdrawal and each import, with who', async () => {
    await saveLine(as, KRAMATWATU, YEAR, { kode: '4.2.1', anggaran: '1.000.000' });
    await setStatus(as, KRAMATWATU, YEAR, 'published');
    await setStatus(as, KRAMATWATU, YEAR, 'draft');
    const job = await importBudgetFile(ctx, operator, {
      fileName: 'apbdes.csv',
      content: budgetCsv([['4.2.3', 'Alokasi Dana Desa', '512.500.000']]),
    });
    expect(job.state).toBe('selesai');
    const log = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'entity', 'entity_id', 'village_code', 'detail'])
      .where('action', 'like', 'apbdes_%')
      .orderBy('id')
      .execute();
    expect(log.map((l) => l.action)).toEqual([
      'apbdes_line_save',
      'apbdes_publish',
      'apbdes_unpublish',
      'apbdes_import_upload',
      'apbdes_import_apply',
    ]);
    expect(log.every((l) => l.village_code === KRAMATWATU)).toBe(true);
    expect(log.slice(0, 4).every((l) => l.actor_id === operator.id)).toBe(true);
    expect(log[3]!.entity_id).toBe(job.id);
    expect(log[4]!.detail).toMatchObject({ year: YEAR, importId: job.id, inserted: 1, removed: 1 });
  });
});

describe('importing an APBDes file', () => {
  it('imports a whole year with Indonesian number formats and skips group rows and empty lines', async () => {
    const job = await importBudgetFile(ctx, operator, {
      fileName: 'apbdes.csv',
      content: budgetCsv([
        ['4', 'Pendapatan', ''],
        ['4.2', 'Pendapatan Transfer', ''],
        ['4.2.1', 'Dana Desa', '1.012.345.000', '607.407.000', '404.938.000'],
        ['4.2.3', 'Alokasi Dana Desa', '512.500.000,00', '256.250.000,00', ''],
        ['4.2.4', 'Bantuan Keuangan Provinsi', ''],
        ['2', 'Bidang Pelaksanaan Pembangunan Desa', ''],
        ['2.3.10', 'Pembangunan Jalan Desa Kp. Baru', 'Rp 450.000.000', '200.000.000'],
        ['6.1.1', 'SiLPA', '12.000.000', '12.000.000'],
      ]),
    });
    expect(job.state).toBe('selesai');
    expect([job.inserted, job.updated, job.rejected]).toEqual([4, 0, 0]);
    const budget = await getBudgetForStaff(as, KRAMATWATU, YEAR);
    expect(budget.totals.income.budget).toBe(1_524_845_000);
    expect(budget.totals.income.realisedS1).toBe(863_657_000);
    expect(budget.totals.spending.budget).toBe(450_000_000);
    expect(budget.totals.silpa.budget).toBe(1_524_845_000 - 450_000_000 + 12_000_000);
    expect(budget.lines.find((l) => l.code === '2.3.10')?.name).toBe('Pembangunan Jalan Desa Kp. Baru');
  });

  it('reports bad rows by line number and applies nothing of the file', async () => {
    await saveLine(as, KRAMATWATU, YEAR, { kode: '4.2.1', anggaran: '900.000.000' });
    const job = await importBudgetFile(ctx, operator, {
      fileName: 'apbdes.csv',
      content: budgetCsv([
        ['4.2.1', 'Dana Desa', '1.000.000.000'],
        ['4.2.7', 'Tidak ada', '5.000'],
        ['2.3.10', '', '100.000'],
        ['4.2.3', 'ADD', 'lima ratus'],
        ['4.2.1', 'Dana Desa lagi', '1.000'],
      ]),
    });
    expect(job.state).toBe('selesai');
    expect(job.rejected).toBe(4);
    expect(job.message).toMatch(/tidak ada yang diubah/);
    const errors = (await readFile(ctx, job.error_file_id!)).bytes.toString('utf8').trim().split('\n');
    expect(errors[0]).toBe('baris,kolom,pesan');
    expect(errors.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual([
      '3,kode',
      '4,uraian',
      '5,anggaran',
      '6,kode',
    ]);
    expect(errors[4]).toContain('Kode 4.2.1 sudah ada di baris 2.');
    const budget = await getBudgetForStaff(as, KRAMATWATU, YEAR);
    expect(budget.lines.map((l) => [l.code, l.budget])).toEqual([['4.2.1', 900_000_000]]);
  });

  it('reads an XLSX with number cells and text cells alike, and replaces the year on a second import', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('APBDes');
    sheet.addRow(['Kode', 'Uraian', 'Anggaran', 'Realisasi Semester 1', 'Realisasi Semester 2']);
    sheet.addRow(['4.2.1', 'Dana Desa', 1_050_000_000, 500_000_000, null]);
    sheet.addRow(['4.2.3', 'Alokasi Dana Desa', '480.000.000', '240.000.000,00', null]);
    sheet.addRow(['1.1.02', 'Siltap perangkat', 216_000_000, 108_000_000, 108_000_000]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    await saveLine(as, KRAMATWATU, YEAR, { kode: '4.1.1', anggaran: '5.000.000' });
    const job = await importBudgetFile(ctx, operator, { fileName: 'APBDes 2026.xlsx', content: bytes });
    expect(job.state).toBe('selesai');
    expect(job.message).toMatch(/1 baris yang tidak ada di berkas dihapus/);
    const budget = await getBudgetForStaff(as, KRAMATWATU, YEAR);
    expect(budget.lines.map((l) => l.code)).toEqual(['4.2.1', '4.2.3', '1.1.02']);
    expect(budget.totals.income.budget).toBe(1_530_000_000);
    expect(budget.totals.spending.realised).toBe(216_000_000);
    const again = await importBudgetFile(ctx, operator, { fileName: 'APBDes 2026.xlsx', content: bytes });
    expect([again.inserted, again.updated, again.unchanged]).toEqual([0, 0, 3]);
  });

  it('refuses a file without the template columns as a whole', async () => {
    const job = await importBudgetFile(ctx, operator, {
      fileName: 'x.csv',
      content: 'nama;nilai\nDana Desa;1\n',
    });
    expect(job.state).toBe('gagal');
    expect(job.message).toMatch(/kode, uraian, anggaran/);
  });

  it('imports the published template once it is filled in', async () => {
    const rows = templateRows().map((row) => {
      const filled = [...row];
      if (row[0] === '4.2.1') filled[2] = '1.000.000.000';
      if (row[0] === '4.2.3') filled[2] = '450.000.000';
      if (row[0] === '2.3.10') filled[2] = '600.000.000';
      if (row[0] === '6.2.2') filled[2] = '25.000.000';
      return filled.map((cell) => (cell.includes(';') ? `"${cell}"` : cell)).join(';');
    });
    const job = await importBudgetFile(ctx, operator, {
      fileName: 'templat.csv',
      content: `${rows.join('\n')}\n`,
    });
    expect([job.state, job.inserted, job.rejected]).toEqual(['selesai', 4, 0]);
    const { totals } = await getBudgetForStaff(as, KRAMATWATU, YEAR);
    expect([totals.income.budget, totals.spending.budget, totals.financingNet.budget]).toEqual([
      1_450_000_000, 600_000_000, -25_000_000,
    ]);
  });
});

describe('the regency summary', () => {
  it('sums only published APBDes, by source, bidang and kecamatan, and counts the villages that published', async () => {
    await seedDemoBudgets(ctx, [KRAMATWATU, KIBIN]);
    const margasana = withActor(ctx, await makeOperator(ctx, MARGASANA));
    await saveLine(margasana, MARGASANA, YEAR, { kode: '4.2.1', anggaran: '999.000.000' }); // a draft: not summed
    const one = await getPublishedBudget(ctx, KRAMATWATU, YEAR);
    const two = await getPublishedBudget(ctx, KIBIN, YEAR);
    const summary = await regencySummary(ctx, YEAR);
    expect(summary.publishedCount).toBe(2);
    expect(summary.villageCount).toBe(326);
    expect(summary.income.budget).toBe(one!.totals.income.budget + two!.totals.income.budget);
    expect(summary.spending.realised).toBe(one!.totals.spending.realised + two!.totals.spending.realised);
    const danaDesa = summary.incomeBySource.find((s) => s.code === '4.2.1')!;
    expect(danaDesa.budget).toBe(
      one!.lines.find((l) => l.code === '4.2.1')!.budget + two!.lines.find((l) => l.code === '4.2.1')!.budget,
    );
    expect(danaDesa.budget).toBeGreaterThan(1_900_000_000);
    const kramatwatu = summary.kecamatan.find((k) => k.code === '36.04.05')!;
    expect([kramatwatu.published, kramatwatu.income.budget]).toEqual([1, one!.totals.income.budget]);
    expect(summary.spendingByField.reduce((a, f) => a + f.budget, 0)).toBe(summary.spending.budget);
  });
});
