import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, withActor } from '../../platform/context.ts';
import { buildTestApp, loginAs, makeStaff, type TestApp, type Visitor } from '../../testing.ts';
import { csvLine, EXPORT_COLUMNS, exportRow } from './opensid.ts';
import { importResidents } from './service.ts';
import { generatedCsv, KRAMATWATU } from './test-builders.ts';

let test: TestApp;

beforeEach(async () => {
  test = await buildTestApp({ clock: fixedClock('2026-11-23T02:00:00Z') });
});
afterEach(async () => {
  await test.close();
});

function postImport(visitor: Visitor, bytes: Buffer) {
  return visitor.submitMultipart(`/kelola/penduduk/impor?desa=${KRAMATWATU}`, { mode: 'valid_rows' }, [
    { name: 'file', filename: 'penduduk.csv', type: 'text/csv', bytes },
  ]);
}

async function finished(visitor: Visitor, url: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const page = await visitor.get(url);
    if (/class="summary-line">/.test(page.body)) return page.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('import did not finish');
}

describe('what an import changed', () => {
  it('lists each updated row with the fields it changed, old and new, on the page and as a formula-safe CSV', async () => {
    const visitor = await loginAs(
      test.app,
      await makeStaff(test.ctx, { role: 'operator_desa', scope: KRAMATWATU }),
    );
    const { file, rows } = generatedCsv([KRAMATWATU], 30, 41);
    await finished(visitor, (await postImport(visitor, fs.readFileSync(file))).headers.location as string);

    // the village corrects two people in its own spreadsheet and imports it again
    const moved = { ...rows[3]!, rt: rows[3]!.rt === '009' ? '008' : '009', address: 'KP. BARU' };
    const renamed = { ...rows[7]!, birthPlace: '=HYPERLINK("x")' };
    const edited = rows.map((r, i) => (i === 3 ? moved : i === 7 ? renamed : r));
    fs.writeFileSync(file, [csvLine(EXPORT_COLUMNS), ...edited.map((r) => csvLine(exportRow(r)))].join(''));
    const posted = await postImport(visitor, fs.readFileSync(file));
    const page = await finished(visitor, posted.headers.location as string);

    expect(page).toContain('0 penduduk baru, 2 diperbarui, 28 tidak berubah, 0 ditolak');
    expect(page).toContain('Yang diubah oleh 2 baris &quot;diperbarui&quot;');
    expect(page).toContain(rows[3]!.nik);
    expect(page).toContain(`RT: <del>${rows[3]!.rt}</del> → <ins>${moved.rt}</ins>`);
    expect(page).toContain(`Alamat: <del>${rows[3]!.address ?? '—'}</del> → <ins>KP. BARU</ins>`);
    expect(page).toContain(`Tempat lahir: <del>${rows[7]!.birthPlace}</del>`);
    // nothing else of those rows is listed as changed
    expect(page).not.toContain('Nama: <del>');

    const csv = await visitor.get(`${posted.headers.location}/perubahan.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('baris,nik,nama,kolom,lama,baru');
    expect(lines).toContain(`5,${rows[3]!.nik},${rows[3]!.name},RT,${rows[3]!.rt},${moved.rt}`);
    // a value starting with "=" is written so a spreadsheet shows it, never runs it
    expect(lines.find((l) => l.includes('Tempat lahir'))).toContain(`"'=HYPERLINK(""X"")"`);
    expect(lines).toHaveLength(1 + 3);
  });

  it('keeps the details of a bounded number of updated rows and counts the rest', async () => {
    const operator = withActor(
      test.ctx,
      await makeStaff(test.ctx, { role: 'operator_desa', scope: KRAMATWATU }),
    );
    const { file, rows } = generatedCsv([KRAMATWATU], 12, 43);
    const run = (changeLimit?: number) =>
      importResidents(operator, {
        path: file,
        fileName: 'penduduk.csv',
        regionCode: KRAMATWATU,
        mode: 'valid_rows',
        errorFile: null,
        batchSize: 4,
        ...(changeLimit !== undefined ? { changeLimit } : {}),
      });
    expect((await run()).changes).toEqual([]);
    const edited = rows.map((r, i) => (i % 2 === 0 ? { ...r, fatherName: `AYAH ${i}` } : r));
    fs.writeFileSync(file, [csvLine(EXPORT_COLUMNS), ...edited.map((r) => csvLine(exportRow(r)))].join(''));
    const summary = await run(4);
    expect(summary.updated).toBe(6);
    expect(summary.changes.map((c) => c.rowNumber)).toEqual([2, 4, 6, 8]);
    expect(summary.changes[1]!.fields).toEqual({ fatherName: { from: rows[2]!.fatherName, to: 'AYAH 2' } });
  });

  it('shows a re-import that changed nothing without a list of changes', async () => {
    const visitor = await loginAs(
      test.app,
      await makeStaff(test.ctx, { role: 'operator_desa', scope: KRAMATWATU }),
    );
    const { file } = generatedCsv([KRAMATWATU], 10, 45);
    await finished(visitor, (await postImport(visitor, fs.readFileSync(file))).headers.location as string);
    const page = await finished(
      visitor,
      (await postImport(visitor, fs.readFileSync(file))).headers.location as string,
    );
    expect(page).toContain('0 penduduk baru, 0 diperbarui, 10 tidak berubah, 0 ditolak');
    expect(page).not.toContain('perubahan.csv');
  });
});
