import type { Disposition } from './schema.ts';

/**
 * The kinds of village documents, each with its JRA default (active years, inactive years, then
 * what happens). Defaults follow the village JRA practice (Permendagri 78/2012 for regulations and
 * decrees: keep permanently); an operator may change them per document.
 */
export interface Category {
  code: string;
  activeYears: number;
  inactiveYears: number;
  disposition: Disposition;
}

export const CATEGORIES: readonly Category[] = [
  { code: 'perdes', activeYears: 5, inactiveYears: 5, disposition: 'permanen' },
  { code: 'perkades', activeYears: 5, inactiveYears: 5, disposition: 'permanen' },
  { code: 'sk_kades', activeYears: 2, inactiveYears: 8, disposition: 'permanen' },
  { code: 'tanah', activeYears: 5, inactiveYears: 10, disposition: 'permanen' },
  { code: 'musdes', activeYears: 2, inactiveYears: 8, disposition: 'dinilai_kembali' },
  { code: 'laporan', activeYears: 2, inactiveYears: 3, disposition: 'musnah' },
  { code: 'kontrak', activeYears: 2, inactiveYears: 8, disposition: 'dinilai_kembali' },
  { code: 'lainnya', activeYears: 1, inactiveYears: 4, disposition: 'musnah' },
];

export function findCategory(code: string | undefined): Category | undefined {
  return CATEGORIES.find((c) => c.code === code);
}
