/**
 * Money as whole rupiah. Stored as bigint; in JavaScript a number that must stay a safe integer
 * (a village's budget is billions, the regency's trillions: far below 2^53). No float ever holds a
 * fraction of a rupiah: amounts with sen other than ,00 are refused.
 */
import { currentLocale, t } from '../../platform/i18n/index.ts';
import './messages.ts';

/** Larger than any budget line can honestly be (Rp 1 kuadriliun), and well inside a safe integer. */
export const MAX_AMOUNT = 1_000_000_000_000_000;

export type ParsedAmount = { ok: true; value: number | null } | { ok: false; message: string };

const ID_GROUPED = /^\d{1,3}(\.\d{3})+(,\d+)?$/; // 1.500.000 or 1.500.000,00
const ID_PLAIN = /^\d+(,\d+)?$/; // 1500000 or 1500000,00
const POINT_DECIMAL = /^\d+\.\d{1,2}$/; // 1500000.00 (a spreadsheet's own export), never grouped

/**
 * An amount as people type it in Indonesia: "1.500.000", "1.500.000,00", "Rp 1.500.000", "1500000";
 * a cell that is a number (XLSX) as it is. Empty → null (not filled in).
 */
export function parseRupiah(input: unknown): ParsedAmount {
  if (input === null || input === undefined) return { ok: true, value: null };
  if (typeof input === 'number') return wholeRupiah(input);
  const text = String(input)
    .replace(/^\s*rp\.?\s*/i, '')
    .replace(/[\s\u00a0]/g, '');
  if (text === '' || text === '-') return { ok: true, value: null };
  if (text.startsWith('-') || text.startsWith('(')) return { ok: false, message: t('apbdes.error.negative') };
  let whole: string;
  let fraction = '';
  if (ID_GROUPED.test(text) || ID_PLAIN.test(text)) {
    [whole, fraction = ''] = text.split(',') as [string, string?];
    whole = whole.replaceAll('.', '');
  } else if (POINT_DECIMAL.test(text)) {
    [whole, fraction = ''] = text.split('.') as [string, string?];
  } else return { ok: false, message: t('apbdes.error.amountFormat') };
  if (/[1-9]/.test(fraction)) return { ok: false, message: t('apbdes.error.wholeRupiah') };
  return wholeRupiah(Number(whole));
}

function wholeRupiah(value: number): ParsedAmount {
  if (!Number.isFinite(value)) return { ok: false, message: t('apbdes.error.amountFormat') };
  if (value < 0) return { ok: false, message: t('apbdes.error.negative') };
  if (!Number.isInteger(value)) return { ok: false, message: t('apbdes.error.wholeRupiah') };
  if (value > MAX_AMOUNT) return { ok: false, message: t('apbdes.error.tooLarge') };
  return { ok: true, value };
}

const fullFormats = { id: new Intl.NumberFormat('id-ID'), en: new Intl.NumberFormat('en-GB') };
const shortFormats = {
  id: new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }),
};

/** Rp 1.234.567 (every digit, for tables). */
export function rupiah(value: number): string {
  return `Rp ${fullFormats[currentLocale()].format(value)}`;
}

/** Rp 1,2 M · Rp 450 jt · Rp 12,5 rb (for charts and headlines; the table has every digit). */
export function shortRupiah(value: number): string {
  const format = shortFormats[currentLocale()];
  const steps: Array<[number, string]> = [
    [1e12, 'apbdes.unit.trillion'],
    [1e9, 'apbdes.unit.billion'],
    [1e6, 'apbdes.unit.million'],
    [1e3, 'apbdes.unit.thousand'],
  ];
  for (const [size, unit] of steps)
    if (Math.abs(value) >= size)
      return `Rp ${format.format(Math.round((value / size) * 10) / 10)} ${t(unit)}`;
  return `Rp ${format.format(value)}`;
}

/** A share in percent, rounded down to one decimal (never shows 100 % before it is). */
export function percentOf(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.floor((part / whole) * 1000) / 10;
}
