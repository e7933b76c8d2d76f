import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../platform/db/index.ts';
import { cliTarget, closingAfterEach, simpulCli } from '../../testing.ts';
import { checkNik } from './nik.ts';

const closing = closingAfterEach();
const target = () => cliTarget(closing, { dirPrefix: 'simpul-cli-res-' });
const simpul = simpulCli;
/** 300 residents of Kramatwatu from seed 4, written to `out` */
const generateVillage = (out: string) => [
  'generate',
  'residents',
  '--count',
  '300',
  '--out',
  out,
  '--villages',
  '36.04.05.2001',
  '--seed',
  '4',
];
/** A residents file of two rows, the second with a NIK of three digits */
const ONE_BAD_ROW = [
  'nama,nik,no_kk,sex,tanggallahir,dusun,rw,rt',
  'BUDI,3604051201900001,3604051201150001,L,12-01-1990,KRAJAN,1,1',
  'SITI,123,3604051201150001,P,01-01-1990,KRAJAN,1,1',
  '',
].join('\n');
/** `npx simpul import residents FILE` into Kramatwatu */
const importVillage = (env: Record<string, string>, file: string) =>
  simpul(env, 'import', 'residents', file, '--village', '36.04.05.2001');

describe('npx simpul generate/import residents', () => {
  it('generates a deterministic village file and imports it, the second time changing nothing', async () => {
    const env = await target();
    const file = path.join(env.DATA_DIR!, 'penduduk.csv');
    const generated = await simpul(env, ...generateVillage(file));
    expect(generated.stdout).toContain('generated: 300 residents in 1 villages');
    const again = path.join(env.DATA_DIR!, 'lagi.csv');
    await simpul(env, ...generateVillage(again));
    expect(fs.readFileSync(again, 'utf8')).toBe(fs.readFileSync(file, 'utf8'));
    const [, first] = fs.readFileSync(file, 'utf8').split('\n');
    const cells = first!.split(',');
    const [d, m, y] = cells[9]!.split('-');
    expect(checkNik(cells[6]!, `${y}-${m}-${d}`, Number(cells[7]))).toEqual({});

    const imported = await importVillage(env, file);
    expect(imported.stdout.trim().split('\n').at(-1)).toBe(
      'imported: 300 new, 0 updated, 0 unchanged, 0 rejected',
    );
    const repeated = await importVillage(env, file);
    expect(repeated.stdout.trim().split('\n').at(-1)).toBe(
      'imported: 0 new, 0 updated, 300 unchanged, 0 rejected',
    );
  });

  it('names the error file and exits with status 2 when rows are rejected', async () => {
    const env = await target();
    const file = path.join(env.DATA_DIR!, 'salah.csv');
    fs.writeFileSync(file, ONE_BAD_ROW);
    const failed = await importVillage(env, file).catch((e) => e);
    expect(failed.code).toBe(2);
    expect(failed.stdout.trim()).toBe('imported: 1 new, 0 updated, 0 unchanged, 1 rejected');
    expect(failed.stderr).toContain(`${file}.galat.csv`);
    expect(fs.readFileSync(`${file}.galat.csv`, 'utf8')).toContain('3,nik,NIK harus 16 angka.');
  });

  it('leaves an import row with the counts of its summary line and the rejected rows kept', async () => {
    const env = await target();
    const file = path.join(env.DATA_DIR!, 'baris.csv');
    fs.writeFileSync(file, ONE_BAD_ROW);
    const done = await importVillage(env, file).catch((e) => e);
    expect(done.stdout.trim()).toBe('imported: 1 new, 0 updated, 0 unchanged, 1 rejected');
    const handle = await openDatabase({ databaseUrl: env.DATABASE_URL || null, dataDir: env.DATA_DIR! });
    try {
      const rows = await handle.db.selectFrom('import_jobs').selectAll().execute();
      expect(rows).toEqual([
        expect.objectContaining({
          kind: 'residents',
          region_code: '36.04.05.2001',
          file_name: 'baris.csv',
          state: 'selesai',
          inserted: 1,
          rejected: 1,
          rows_done: 2,
          created_by: 'cli',
        }),
      ]);
      expect(rows[0]!.error_file_id).not.toBeNull();
    } finally {
      await handle.close();
    }
    expect(fs.existsSync(file)).toBe(true);
  });
});
