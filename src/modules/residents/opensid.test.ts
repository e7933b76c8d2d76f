import { describe, expect, it } from 'vitest';
import { mapHeader, normaliseDusun, normaliseRtRw, parseDate, parseRow } from './opensid.ts';

function cells(values: Record<string, unknown>) {
  return new Map(Object.entries(values));
}

const valid = {
  alamat: 'KP. KRAJAN',
  dusun: 'Dusun Krajan',
  rw: '2',
  rt: '01',
  nama: ' siti   aminah ',
  no_kk: '3604052210210001',
  nik: "'3604055805960001",
  sex: 'P',
  tempatlahir: 'Serang',
  tanggallahir: '18/05/1996',
  agama_id: 'Islam',
  status_kawin: 'K',
  kk_level: '3',
  warganegara_id: 'WNI',
};

describe('OpenSID rows', () => {
  it('reads labels or numbers, OpenSID abbreviations, dd/mm/yyyy dates and normalises the address', () => {
    const parsed = parseRow(cells(valid), '36.04.05.2001');
    expect(parsed).toEqual({
      ok: true,
      status: 'hidup',
      record: expect.objectContaining({
        villageCode: '36.04.05.2001',
        nik: '3604055805960001',
        name: 'SITI AMINAH',
        sex: 2,
        birthDate: '1996-05-18',
        religionCode: 1,
        maritalStatusCode: 2,
        familyRelationCode: 3,
        citizenshipCode: 1,
        dusun: 'KRAJAN',
        rw: '002',
        rt: '001',
      }),
    });
  });

  it('reports every problem of a row at once, each naming its column', () => {
    const parsed = parseRow(
      cells({ ...valid, nama: '', sex: 'X', tanggallahir: '31-02-1996', agama_id: '12' }),
      '36.04.05.2001',
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.nama).toBe('Nama wajib diisi.');
    expect(parsed.errors.sex).toContain('"X" tidak dikenal');
    expect(parsed.errors.tanggallahir).toContain('31-02-1996');
    expect(parsed.errors.agama_id).toBe('Agama "12" tidak ada dalam daftar kode.');
  });

  it('refuses a kode_desa outside the village being imported', () => {
    const parsed = parseRow(cells({ ...valid, kode_desa: '36.04.16.2001' }), '36.04.05.2001');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.kode_desa).toContain('36.04.16.2001');
  });

  it('maps status_dasar to living, moved or dead', () => {
    const dead = parseRow(cells({ ...valid, status_dasar: '2' }), '36.04.05.2001');
    expect(dead.ok && dead.status).toBe('mati');
  });
});

describe('columns and values', () => {
  it('matches header names case-insensitively and knows common spellings', () => {
    const { columns, missing } = mapHeader([
      'NAMA',
      'Nik',
      'No KK',
      'Jenis Kelamin',
      'Tanggal Lahir',
      'DUSUN',
      'rw',
      'RT',
    ]);
    expect(missing).toEqual([]);
    expect(columns.get('no_kk')).toBe(2);
    expect(columns.get('sex')).toBe(3);
  });

  it('lists the required columns a header lacks', () => {
    expect(mapHeader(['nama', 'nik']).missing).toEqual(['no_kk', 'dusun', 'rw', 'rt', 'sex', 'tanggallahir']);
  });

  it('reads dd-mm-yyyy, yyyy-mm-dd and Excel serial dates and refuses impossible ones', () => {
    expect(parseDate('05-01-2001')).toBe('2001-01-05');
    expect(parseDate('2001-01-05')).toBe('2001-01-05');
    expect(parseDate('36896')).toBe('2001-01-05');
    expect(parseDate('29-02-2023')).toBeNull();
    expect(parseDate('hari ini')).toBeNull();
  });

  it('drops a leading DUSUN and pads RT/RW to three digits', () => {
    expect(normaliseDusun(' dusun  kebon jeruk ')).toBe('KEBON JERUK');
    expect(normaliseRtRw('3')).toBe('003');
  });
});
