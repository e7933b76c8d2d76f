import type { Selectable } from 'kysely';
import { Invalid } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import {
  INSTITUTIONS,
  type Institution,
  isTurnoverBand,
  LEGAL_FORMS,
  type LegalForm,
  type TurnoverBand,
} from './domain.ts';
import { categoryOfCode, isKbliCategory, type KbliCategory } from './kbli.ts';
import type { UmkmEnterpriseTable } from './schema.ts';

export type Form = Record<string, string | undefined>;

type Columns = Selectable<UmkmEnterpriseTable>;

/** The enterprise's own fields as the form (or an import row) gives them, checked. */
export interface EnterpriseFields
  extends Pick<
    Columns,
    | 'name'
    | 'products'
    | 'nib'
    | 'pirt'
    | 'halal'
    | 'bpom'
    | 'dusun'
    | 'address'
    | 'lat'
    | 'lng'
    | 'phone'
    | 'email'
    | 'programmes'
    | 'publish'
  > {
  kbliCategory: KbliCategory;
  kbliCode: string | null;
  legalForm: LegalForm;
  institution: Institution;
  workersMale: number;
  workersFemale: number;
  turnoverBand: TurnoverBand;
  publishAddress: boolean;
  publishTurnover: boolean;
}

/** The permits, legal form and size fields, in the order the form and the export show them. */
export const PERMIT_AND_SIZE_FIELDS = [
  'nib',
  'pirt',
  'halal',
  'bpom',
  'bentuk',
  'kelembagaan',
  'pekerja_laki',
  'pekerja_perempuan',
  'omzet',
] as const;

/** The form's field names, in the order the form (and the import template) shows them. */
export const FIELD_NAMES = [
  'nama',
  'sektor',
  'kbli',
  'produk',
  ...PERMIT_AND_SIZE_FIELDS,
  'dusun',
  'alamat',
  'lat',
  'lng',
  'telepon',
  'email',
  'program',
  'tampilkan',
  'tampilkan_alamat',
  'tampilkan_omzet',
] as const;

export function text(form: Form, key: string): string {
  return (form[key] ?? '').trim();
}

const yes = (value: string) => ['1', 'ya', 'y', 'true', 'on'].includes(value.toLowerCase());

function count(value: string, field: string, errors: Record<string, string>): number {
  if (value === '') return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 100_000) errors[field] = t('umkm.error.workers');
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

function coordinate(value: string, min: number, max: number, field: string, errors: Record<string, string>) {
  if (value === '') return null;
  const n = Number(value.replace(',', '.'));
  if (!Number.isFinite(n) || n < min || n > max) {
    errors[field] = t('umkm.error.coordinate');
    return null;
  }
  return n;
}

function optional(value: string): string | null {
  return value === '' ? null : value;
}

/**
 * Reads and checks the enterprise's fields; every problem is keyed by its field, in Indonesian.
 * `errors` may already hold the owner's problems, so one `Invalid` names them all.
 */
export function readEnterprise(form: Form, errors: Record<string, string> = {}): EnterpriseFields {
  const name = text(form, 'nama');
  if (!name) errors.nama = t('umkm.error.nameRequired');
  else if (name.length > 200) errors.nama = t('umkm.error.tooLong');
  const category = text(form, 'sektor').toUpperCase();
  if (!isKbliCategory(category)) errors.sektor = t('umkm.error.sector');
  const kbliCode = text(form, 'kbli');
  if (kbliCode) {
    const of = categoryOfCode(kbliCode);
    if (!/^\d{5}$/.test(kbliCode)) errors.kbli = t('umkm.error.kbliShape');
    else if (isKbliCategory(category) && of !== category)
      errors.kbli = t('umkm.error.kbliCategory', { category });
  }
  const nib = text(form, 'nib').replace(/\s/g, '');
  if (nib && !/^\d{13}$/.test(nib)) errors.nib = t('umkm.error.nib');
  const legalForm = text(form, 'bentuk') || 'tanpa_badan_hukum';
  if (!(LEGAL_FORMS as readonly string[]).includes(legalForm)) errors.bentuk = t('umkm.error.legalForm');
  const institution = text(form, 'kelembagaan') || 'perorangan';
  if (!(INSTITUTIONS as readonly string[]).includes(institution))
    errors.kelembagaan = t('umkm.error.institution');
  const band = text(form, 'omzet');
  if (!isTurnoverBand(band)) errors.omzet = t('umkm.error.turnover');
  const lat = coordinate(text(form, 'lat'), -11, 6, 'lat', errors);
  const lng = coordinate(text(form, 'lng'), 95, 141, 'lng', errors);
  if ((lat === null) !== (lng === null) && !errors.lat && !errors.lng)
    errors.lat = t('umkm.error.bothCoordinates');
  const phone = text(form, 'telepon');
  if (phone && !/^[+\d][\d\s().-]{5,20}$/.test(phone)) errors.telepon = t('umkm.error.phone');
  const email = text(form, 'email');
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(email)) errors.email = t('umkm.error.email');
  const fields: EnterpriseFields = {
    name,
    kbliCategory: category as KbliCategory,
    kbliCode: optional(kbliCode),
    products: text(form, 'produk'),
    nib: optional(nib),
    pirt: optional(text(form, 'pirt')),
    halal: optional(text(form, 'halal')),
    bpom: optional(text(form, 'bpom')),
    legalForm: legalForm as LegalForm,
    institution: institution as Institution,
    workersMale: count(text(form, 'pekerja_laki'), 'pekerja_laki', errors),
    workersFemale: count(text(form, 'pekerja_perempuan'), 'pekerja_perempuan', errors),
    turnoverBand: band as TurnoverBand,
    dusun: text(form, 'dusun'),
    address: text(form, 'alamat'),
    lat,
    lng,
    phone,
    email,
    programmes: text(form, 'program'),
    publish: yes(text(form, 'tampilkan')),
    publishAddress: yes(text(form, 'tampilkan_alamat')),
    publishTurnover: yes(text(form, 'tampilkan_omzet')),
  };
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  return fields;
}

/** The fields as the enterprise's columns. */
export function fieldColumns(fields: EnterpriseFields) {
  const {
    kbliCategory,
    kbliCode,
    legalForm,
    institution,
    workersMale,
    workersFemale,
    turnoverBand,
    publishAddress,
    publishTurnover,
    ...sameNamed
  } = fields;
  return {
    ...sameNamed,
    kbli_category: kbliCategory,
    kbli_code: kbliCode,
    legal_form: legalForm,
    institution,
    workers_male: workersMale,
    workers_female: workersFemale,
    turnover_band: turnoverBand,
    publish_address: publishAddress,
    publish_turnover: publishTurnover,
  } satisfies Partial<Columns>;
}

/** An enterprise's row as its fields (the inverse of fieldColumns). */
export function fieldsOf(row: Columns): EnterpriseFields {
  return {
    name: row.name,
    kbliCategory: row.kbli_category as KbliCategory,
    kbliCode: row.kbli_code,
    products: row.products,
    nib: row.nib,
    pirt: row.pirt,
    halal: row.halal,
    bpom: row.bpom,
    legalForm: row.legal_form as LegalForm,
    institution: row.institution as Institution,
    workersMale: row.workers_male,
    workersFemale: row.workers_female,
    turnoverBand: row.turnover_band as TurnoverBand,
    dusun: row.dusun,
    address: row.address,
    lat: row.lat,
    lng: row.lng,
    phone: row.phone,
    email: row.email,
    programmes: row.programmes,
    publish: row.publish,
    publishAddress: row.publish_address,
    publishTurnover: row.publish_turnover,
  };
}
