import { describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES } from './defaults.ts';
import { checkDetails } from './fields.ts';

const roadFields = DEFAULT_CATEGORIES.find((c) => c.code === 'JALAN_RUSAK')!.fields!;

describe('category-specific details', () => {
  it('accepts a road length written with a decimal comma and keeps it as a number', () => {
    const { details, problems } = checkDetails(roadFields, { panjang_km: '0,75', status_jalan: 'desa' });
    expect(problems).toEqual({});
    expect(details).toEqual({ panjang_km: 0.75, status_jalan: 'desa' });
  });

  it('says which required detail is missing and which value is out of range', () => {
    const { problems } = checkDetails(roadFields, { panjang_km: '250', lebar_m: 'lebar' });
    expect(problems.detail_panjang_km).toContain('maksimal 100');
    expect(problems.detail_lebar_m).toContain('angka');
    expect(problems.detail_status_jalan).toContain('wajib');
  });

  it('refuses a road status that is not in the list', () => {
    expect(checkDetails(roadFields, { panjang_km: 1, status_jalan: 'tol' }).problems).toHaveProperty(
      'detail_status_jalan',
    );
  });

  it('keeps about twenty default categories with one called Lainnya', () => {
    expect(DEFAULT_CATEGORIES.length).toBeGreaterThanOrEqual(15);
    expect(DEFAULT_CATEGORIES.some((c) => c.code === 'LAINNYA')).toBe(true);
  });
});
