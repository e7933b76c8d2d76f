/**
 * Yearly turnover bands and the business scale they give under PP 7/2021 (Pasal 35): mikro up to
 * Rp 2 miliar, kecil above Rp 2 up to 15 miliar, menengah above Rp 15 up to 50 miliar. The scale is
 * never typed: it follows from the band, so the two cannot disagree.
 */
export const TURNOVER_BANDS = ['sd300jt', '300jt_2m', '2m_15m', '15m_50m', 'di_atas_50m'] as const;
export type TurnoverBand = (typeof TURNOVER_BANDS)[number];

export const SCALES = ['mikro', 'kecil', 'menengah', 'besar'] as const;
export type Scale = (typeof SCALES)[number];

const SCALE_OF: Record<TurnoverBand, Scale> = {
  sd300jt: 'mikro',
  '300jt_2m': 'mikro',
  '2m_15m': 'kecil',
  '15m_50m': 'menengah',
  di_atas_50m: 'besar',
};

export function scaleOf(band: TurnoverBand): Scale {
  return SCALE_OF[band];
}

export function isTurnoverBand(value: string): value is TurnoverBand {
  return (TURNOVER_BANDS as readonly string[]).includes(value);
}

/** The bands as SQL can group them: `band IN (…)` for each scale. */
export function bandsOf(scale: Scale): TurnoverBand[] {
  return TURNOVER_BANDS.filter((b) => SCALE_OF[b] === scale);
}

export const INSTITUTIONS = ['perorangan', 'kelompok', 'koperasi', 'bumdes'] as const;
export type Institution = (typeof INSTITUTIONS)[number];

export const LEGAL_FORMS = ['tanpa_badan_hukum', 'pt_perorangan', 'cv', 'pt', 'koperasi', 'lainnya'] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

export const STATUSES = ['menunggu', 'terdaftar', 'dikembalikan'] as const;
export type EnterpriseStatus = (typeof STATUSES)[number];

/**
 * An Indonesian mobile number as WhatsApp's click-to-chat wants it (country code, digits only):
 * 0812…, +62 812…, 62812… → 62812…; null for anything that is not a mobile number.
 */
export function whatsappNumber(phone: string): string | null {
  const digits = phone.replace(/[\s().-]/g, '').replace(/^\+/, '');
  const national = digits.startsWith('62') ? digits.slice(2) : digits.startsWith('0') ? digits.slice(1) : '';
  return /^8\d{7,11}$/.test(national) ? `62${national}` : null;
}

export function whatsappLink(phone: string | null): string | null {
  const number = phone ? whatsappNumber(phone) : null;
  return number ? `https://wa.me/${number}` : null;
}
