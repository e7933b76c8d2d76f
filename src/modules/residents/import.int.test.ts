import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Ctx, withActor } from '../../platform/context.ts';
import { Forbidden } from '../../platform/http/errors.ts';
import { makeStaff, type TestContext, testDatabaseKind } from '../../testing.ts';
import { summaryLine } from './importer.ts';
import { csvLine, EXPORT_COLUMNS, exportRow } from './opensid.ts';
import { exportResidents, getStatistics, importResidents } from './service.ts';
import { generatedCsv, KIBIN, KRAMATWATU, openRegistry, tempDir } from './test-builders.ts';

let test: TestContext;
let ctx: Ctx;
beforeEach(async () => {
  ({ test, ctx } = await openRegistry());
});
afterEach(() => test.close());

function importFile(file: string, regionCode: string, mode: 'valid_rows' | 'all_or_nothing' = 'valid_rows') {
  const errorFile = `${file}.errors.csv`;
  return importResidents(ctx, { path: file, fileName: file, regionCode, mode, errorFile, batchSize: 100 });
}

async function count(query = sql<{ n: number }>`SELECT count(*)::int AS n FROM residents`) {
  return (await query.execute(ctx.db)).rows[0]!.n;
}

describe('importing an OpenSID file', () => {
  it('imports every row, creates the families with their heads, and a second run changes nothing', async () => {
    const { file, rows } = generatedCsv([KRAMATWATU], 450);
    const first = await importFile(file, KRAMATWATU);
    expect(summaryLine(first)).toBe('imported: 450 new, 0 updated, 0 unchanged, 0 rejected');
    expect(await count()).toBe(450);
    const families = new Set(rows.map((r) => r.familyNumber)).size;
    expect(await count(sql`SELECT count(*)::int AS n FROM families WHERE village_code = ${KRAMATWATU}`)).toBe(
      families,
    );
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM families f JOIN residents r ON r.id = f.head_resident_id WHERE r.family_relation_code = 1`,
      ),
    ).toBe(rows.filter((r) => r.familyRelationCode === 1).length);
    const before = await sql`SELECT nik, updated_at FROM residents ORDER BY nik`.execute(ctx.db);
    const second = await importFile(file, KRAMATWATU);
    expect(summaryLine(second)).toBe('imported: 0 new, 0 updated, 450 unchanged, 0 rejected');
    expect((await sql`SELECT nik, updated_at FROM residents ORDER BY nik`.execute(ctx.db)).rows).toEqual(
      before.rows,
    );
  });

  it('updates the rows that changed and reports them as updated', async () => {
    const { file } = generatedCsv([KRAMATWATU], 60);
    await importFile(file, KRAMATWATU);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines[5] = lines[5]!.replace(/,KRAJAN,|,[A-Z ]+,(\d{3}),(\d{3}),/, (m) =>
      m.replace(/^,[A-Z ]+,/, ',SUKAMAJU,'),
    );
    fs.writeFileSync(file, lines.join('\n'));
    const again = await importFile(file, KRAMATWATU);
    expect(summaryLine(again)).toBe('imported: 0 new, 1 updated, 59 unchanged, 0 rejected');
  });

  it('reports each bad row with its row number, column and an Indonesian reason, and imports the rest', async () => {
    const { file, rows } = generatedCsv([KRAMATWATU], 20);
    const bad = exportRow({ ...rows[0]!, nik: `${rows[0]!.nik.slice(0, 6)}9999999999`, name: '' });
    const duplicate = exportRow(rows[1]!);
    fs.appendFileSync(file, csvLine(bad) + csvLine(duplicate));
    const summary = await importFile(file, KRAMATWATU);
    expect(summaryLine(summary)).toBe('imported: 20 new, 0 updated, 0 unchanged, 2 rejected');
    const errors = fs.readFileSync(`${file}.errors.csv`, 'utf8');
    expect(errors).toContain('baris,kolom,pesan');
    expect(errors).toContain('22,nama,Nama wajib diisi.');
    expect(errors).toMatch(/22,nik,"?NIK: /);
    expect(errors).toContain(`23,nik,NIK ${rows[1]!.nik} sudah ada di baris 3 berkas ini.`);
  });

  it('refuses a NIK repeated in a later batch, whether the earlier batch is still being written or not', async () => {
    // batches of 100: file rows 2–101, 102–201, 202–253; the last batch's lookup runs while the
    // second is being written, after the first has been
    const { file, rows } = generatedCsv([KRAMATWATU], 250);
    fs.appendFileSync(file, csvLine(exportRow(rows[150]!)) + csvLine(exportRow(rows[10]!)));
    for (const mode of ['valid_rows', 'all_or_nothing'] as const) {
      const summary = await importFile(file, KRAMATWATU, mode);
      expect(summaryLine(summary)).toBe(
        mode === 'valid_rows'
          ? 'imported: 250 new, 0 updated, 0 unchanged, 2 rejected'
          : 'imported: 0 new, 0 updated, 0 unchanged, 2 rejected',
      );
      const errors = fs.readFileSync(`${file}.errors.csv`, 'utf8');
      expect(errors).toContain(`252,nik,NIK ${rows[150]!.nik} sudah ada di baris 152 berkas ini.`);
      expect(errors).toContain(`253,nik,NIK ${rows[10]!.nik} muncul lebih dari sekali dalam berkas ini.`);
      await sql`DELETE FROM families`.execute(ctx.db);
      await sql`DELETE FROM residents`.execute(ctx.db);
    }
  });

  it('saves nothing in all-or-nothing mode when one row is bad', async () => {
    const { file } = generatedCsv([KRAMATWATU], 30);
    fs.appendFileSync(file, csvLine(['', 'KRAJAN', '1', '1', 'X', '3604051201150001', '123']));
    const summary = await importFile(file, KRAMATWATU, 'all_or_nothing');
    expect(summary.rolledBack).toBe(true);
    expect(summaryLine(summary)).toBe('imported: 0 new, 0 updated, 0 unchanged, 1 rejected');
    expect(await count()).toBe(0);
    expect(await count(sql`SELECT count(*)::int AS n FROM families`)).toBe(0);
  });

  it('refuses a NIK that another village already holds and warns about NIKs issued elsewhere', async () => {
    const kibin = generatedCsv([KIBIN], 10, 4);
    await importFile(kibin.file, KIBIN);
    const { file, rows } = generatedCsv([KRAMATWATU], 40, 5);
    const stolen = { ...kibin.rows[0]!, villageCode: KRAMATWATU };
    fs.appendFileSync(file, csvLine(exportRow(stolen)));
    const summary = await importFile(file, KRAMATWATU);
    expect(summary.rejected).toBe(1);
    expect(fs.readFileSync(`${file}.errors.csv`, 'utf8')).toContain(`sudah terdaftar di desa ${KIBIN}`);
    expect(summary.warnings).toBe(rows.filter((r) => !r.nik.startsWith('360405')).length);
  });

  it('names missing required columns instead of importing nothing silently', async () => {
    const file = path.join(tempDir(), 'salah.csv');
    fs.writeFileSync(file, 'nama;nik\nBUDI;3604051201900001\n');
    const summary = await importFile(file, KRAMATWATU);
    expect(summary.rejected).toBe(1);
    expect(fs.readFileSync(`${file}.errors.csv`, 'utf8')).toContain(
      'Kolom wajib tidak ditemukan di baris judul: no_kk, dusun, rw, rt, sex, tanggallahir',
    );
  });

  it('reads an XLSX workbook with upper-case headers the same way', async () => {
    const { rows } = generatedCsv([KRAMATWATU], 25, 8);
    const file = path.join(tempDir(), 'penduduk.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Data Penduduk');
    sheet.addRow(EXPORT_COLUMNS.map((c) => c.toUpperCase()));
    for (const r of rows) sheet.addRow(exportRow(r).map(String));
    await workbook.xlsx.writeFile(file);
    expect(summaryLine(await importFile(file, KRAMATWATU))).toBe(
      'imported: 25 new, 0 updated, 0 unchanged, 0 rejected',
    );
  });

  it('imports a regency-wide file with kode_desa into each row’s village', async () => {
    const { file } = generatedCsv([KRAMATWATU, KIBIN], 100, 2);
    expect((await importFile(file, '36.04')).inserted).toBe(100);
    expect(await count(sql`SELECT count(*)::int AS n FROM residents WHERE village_code = ${KIBIN}`)).toBe(50);
  });

  it('exports the same columns so that re-importing an export changes nothing', async () => {
    const { file } = generatedCsv([KRAMATWATU], 80, 12);
    await importFile(file, KRAMATWATU);
    const exported = path.join(tempDir(), 'ekspor.csv');
    const lines = [csvLine(EXPORT_COLUMNS)];
    for await (const row of exportResidents(ctx, KRAMATWATU)) lines.push(csvLine(row));
    fs.writeFileSync(exported, lines.join(''));
    expect(lines).toHaveLength(81);
    expect(summaryLine(await importFile(exported, KRAMATWATU))).toBe(
      'imported: 0 new, 0 updated, 80 unchanged, 0 rejected',
    );
  });

  it.runIf(testDatabaseKind() === 'postgres')(
    'writes new rows through COPY on a PostgreSQL server, keeping backslashes and quotes, and stays idempotent',
    async () => {
      const server = { ...ctx, config: { ...ctx.config, databaseUrl: test.databaseUrl } };
      const { file, rows } = generatedCsv([KRAMATWATU], 300, 14);
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      lines[1] = `"KP. MA'RUF \\ ""LAMA""\tUJUNG"${lines[1]!.slice(lines[1]!.indexOf(','))}`;
      fs.writeFileSync(file, lines.join('\n'));
      const run = () =>
        importResidents(server, {
          path: file,
          fileName: file,
          regionCode: KRAMATWATU,
          mode: 'valid_rows',
          errorFile: null,
          batchSize: 100,
        });
      expect(summaryLine(await run())).toBe('imported: 300 new, 0 updated, 0 unchanged, 0 rejected');
      const stored = await sql<{
        address: string;
      }>`SELECT address FROM residents WHERE nik = ${rows[0]!.nik}`.execute(ctx.db);
      expect(stored.rows[0]!.address).toBe(`KP. MA'RUF \\ "LAMA"\tUJUNG`);
      expect(summaryLine(await run())).toBe('imported: 0 new, 0 updated, 300 unchanged, 0 rejected');
      expect(await count(sql`SELECT count(*)::int AS n FROM families`)).toBe(
        new Set(rows.map((r) => r.familyNumber)).size,
      );
    },
  );

  it('lets only staff who keep the village registry import into it', async () => {
    const { file } = generatedCsv([KRAMATWATU], 5);
    const camat = withActor(ctx, await makeStaff(ctx, { role: 'camat', scope: '36.04.05' }));
    await expect(
      importResidents(camat, {
        path: file,
        fileName: file,
        regionCode: KRAMATWATU,
        mode: 'valid_rows',
        errorFile: null,
      }),
    ).rejects.toBeInstanceOf(Forbidden);
  });
});

describe('statistics after an import', () => {
  it('match direct counts of the registry for the village, kecamatan and regency', async () => {
    const { file } = generatedCsv([KRAMATWATU, KIBIN], 600, 21);
    await importFile(file, '36.04');
    const admin = withActor(ctx, await makeStaff(ctx, { role: 'admin_kabupaten', scope: '36.04' }));
    for (const region of [KRAMATWATU, '36.04.05', '36.04']) {
      const stats = await getStatistics(admin, region);
      const prefix = region.split('.').length === 4 ? region : `${region}.`;
      const where = sql`status = 'hidup' AND left(village_code, ${prefix.length}) = ${prefix}`;
      const total = await count(sql`SELECT count(*)::int AS n FROM residents WHERE ${where}`);
      expect(stats.total).toBe(total);
      const bands = await sql<{ band: number; sex: number; n: number }>`
        SELECT least(15, (2026 - extract(year FROM birth_date)::int) / 5) AS band, sex, count(*)::int AS n
        FROM residents WHERE ${where} GROUP BY 1, 2`.execute(ctx.db);
      for (const b of bands.rows) expect(stats.pyramid[b.band]![b.sex === 1 ? 'male' : 'female']).toBe(b.n);
      const religion = await sql<{ code: number; n: number }>`
        SELECT religion_code AS code, count(*)::int AS n FROM residents WHERE ${where} GROUP BY 1`.execute(
        ctx.db,
      );
      for (const r of religion.rows) expect(stats.religion.find((c) => c.code === r.code)?.total).toBe(r.n);
      const occupation = await sql<{ code: number; n: number }>`
        SELECT occupation_code AS code, count(*)::int AS n FROM residents WHERE ${where} GROUP BY 1`.execute(
        ctx.db,
      );
      for (const r of occupation.rows)
        expect(stats.occupation.find((c) => c.code === r.code)?.total).toBe(r.n);
      const heads = await count(
        sql`SELECT count(*)::int AS n FROM residents WHERE ${where} AND family_relation_code = 1 AND sex = 2`,
      );
      expect(stats.headsFemale).toBe(heads);
      const families = await count(
        sql`SELECT count(DISTINCT family_number)::int AS n FROM residents WHERE ${where}`,
      );
      expect(stats.families).toBe(families);
    }
  });
});
