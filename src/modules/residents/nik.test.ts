import { describe, expect, it } from 'vitest';
import { checkFamilyNumber, checkNik, makeNik, nikRegionWarning, parseNikParts } from './nik.ts';

describe('NIK checks', () => {
  it('accepts a man born 18 May 1996 in Kramatwatu whose NIK carries 180596', () => {
    expect(checkNik('3604051805960001', '1996-05-18', 1)).toEqual({});
  });

  it('accepts a woman whose birth day carries +40 and reads her sex from it', () => {
    expect(checkNik('3604055805960001', '1996-05-18', 2)).toEqual({});
    expect(parseNikParts('3604055805960001')).toMatchObject({ day: 18, month: 5, sex: 2 });
  });

  it('accepts people born after 2000 (two-digit year 05 is 2005, not 1905)', () => {
    expect(checkNik(makeNik('360405', '2005-01-31', 2, 3), '2005-01-31', 2)).toEqual({});
  });

  it('refuses a NIK that is not 16 digits, naming the field in Indonesian', () => {
    expect(checkNik('36040518059600', '1996-05-18', 1).nik).toBe('NIK harus 16 angka.');
  });

  it('refuses region digits that are no kecamatan of Indonesia', () => {
    expect(checkNik('9999991805960001', '1996-05-18', 1).nik).toContain('bukan kode kecamatan');
  });

  it('knows Lebak Wangi, a kecamatan of Serang that older parsers lack', () => {
    expect(checkNik(makeNik('360435', '1990-03-03', 1, 1), '1990-03-03', 1)).toEqual({});
  });

  it('refuses a month 13 and a day 35', () => {
    expect(checkNik('3604051813960001', null, null).nik).toContain('bulan');
    expect(checkNik('3604053505960001', null, null).nik).toContain('tanggal lahir');
  });

  it('refuses a NIK whose birth date differs from the record', () => {
    expect(checkNik('3604051805960001', '1996-05-19', 1).nik).toContain(
      'tidak sama dengan tanggal lahir 19-05-1996',
    );
  });

  it('refuses a woman recorded without the +40 day', () => {
    expect(checkNik('3604051805960001', '1996-05-18', 2).nik).toContain('perempuan');
  });

  it('refuses 30 February inside a NIK', () => {
    expect(checkNik('3604053002960001', '1996-02-30', 1).nik).toBeDefined();
  });
});

describe('No. KK checks', () => {
  it('accepts a region code, an entry date and a serial from 0001', () => {
    expect(checkFamilyNumber('3604052210210001')).toEqual({});
  });

  it('refuses a short number, an unknown region and a serial 0000', () => {
    expect(checkFamilyNumber('360405').familyNumber).toBe('No. KK harus 16 angka.');
    expect(checkFamilyNumber('9999992210210001').familyNumber).toContain('bukan kode kecamatan');
    expect(checkFamilyNumber('3604052210210000').familyNumber).toContain('0000');
  });
});

describe('region of issue', () => {
  it('only warns when the NIK was issued outside the village kecamatan', () => {
    expect(nikRegionWarning('3604051805960001', '36.04.05.2001')).toBeNull();
    expect(nikRegionWarning('3671011805960001', '36.04.05.2001')).toContain('36.71.01');
  });
});
