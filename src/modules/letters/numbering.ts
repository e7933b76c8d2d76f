const ROMAN_MONTHS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
const TOKEN = /\{([a-z_]+)(?::(\d))?\}/g;
const TOKENS = new Set([
  'kode',
  'kode_surat',
  'nomor',
  'kode_desa',
  'desa',
  'instansi',
  'bulan_romawi',
  'bulan',
  'tahun',
]);

/** The usual village pattern: 400.12.2.2/012/Ds-Kramatwatu/XII/2026. */
export const DEFAULT_VILLAGE_PATTERN = '{kode}/{nomor:3}/Ds-{desa}/{bulan_romawi}/{tahun}';
export const DEFAULT_AGENCY_PATTERN = '{kode}/{nomor:3}/{instansi}/{bulan_romawi}/{tahun}';

interface NumberParts {
  classificationCode: string;
  letterCode: string;
  sequence: number;
  /** Kemendagri village code 36.04.05.2001 (printed without dots), empty for agencies */
  villageCode: string;
  /** the village's name or the agency's short name, spaces become hyphens */
  issuerName: string;
  year: number;
  /** 1–12 */
  month: number;
}

/** What is wrong with a numbering pattern, or null when it can be used. */
export function patternProblem(pattern: string): string | null {
  if (pattern.trim().length === 0 || pattern.length > 120)
    return 'Pola nomor wajib diisi (paling banyak 120 karakter).';
  const used = [...pattern.matchAll(TOKEN)].map((m) => m[1] as string);
  const unknown = used.filter((token) => !TOKENS.has(token));
  if (unknown.length > 0)
    return `Pola nomor memakai bagian yang tidak dikenal: ${unknown.map((u) => `{${u}}`).join(', ')}. Yang tersedia: ${[...TOKENS].map((u) => `{${u}}`).join(', ')}.`;
  if (!used.includes('nomor')) return 'Pola nomor harus memuat {nomor} (nomor urut).';
  if (!used.includes('tahun'))
    return 'Pola nomor harus memuat {tahun}, karena nomor urut dimulai lagi setiap tahun.';
  if (!used.includes('kode'))
    return 'Pola nomor harus memuat {kode} (kode klasifikasi), karena nomor urut dihitung per kode.';
  return null;
}

export function formatLetterNumber(pattern: string, parts: NumberParts): string {
  return pattern.replace(TOKEN, (_match, token: string, width?: string) => {
    switch (token) {
      case 'kode':
        return parts.classificationCode;
      case 'kode_surat':
        return parts.letterCode;
      case 'nomor':
        return String(parts.sequence).padStart(Number(width ?? 1), '0');
      case 'kode_desa':
        return parts.villageCode.replaceAll('.', '');
      case 'desa':
      case 'instansi':
        return parts.issuerName.trim().replace(/\s+/g, '-');
      case 'bulan_romawi':
        return ROMAN_MONTHS[parts.month - 1] ?? '';
      case 'bulan':
        return String(parts.month).padStart(2, '0');
      case 'tahun':
        return String(parts.year);
      default:
        return '';
    }
  });
}
