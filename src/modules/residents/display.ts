import { t } from '../../platform/i18n/index.ts';
import { type CodeList, codeLabel } from './codes.ts';
import './messages.ts';

/** The record's fields that hold a code, and the list each code is read from. */
const CODED: Readonly<Record<string, CodeList>> = {
  sex: 'jenis_kelamin',
  religionCode: 'agama',
  educationCode: 'pendidikan',
  educationCurrentCode: 'pendidikan_sedang',
  occupationCode: 'pekerjaan',
  maritalStatusCode: 'status_kawin',
  familyRelationCode: 'hubungan',
  bloodTypeCode: 'golongan_darah',
  citizenshipCode: 'warganegara',
};

/** A record field's name as people read it ("Tanggal lahir"). */
export function fieldLabel(field: string): string {
  return field === 'status' ? t('residents.statusLabel') : t(`residents.field.${field}`);
}

/** A record field's value as people read it: codes as their label, dates as dd-mm-yyyy. */
export function fieldValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'status') return t(`residents.status.${String(value)}`);
  const list = CODED[field];
  if (list) return codeLabel(list, Number(value));
  const text = String(value);
  if (field === 'birthDate' && /^\d{4}-\d{2}-\d{2}$/.test(text))
    return `${text.slice(8, 10)}-${text.slice(5, 7)}-${text.slice(0, 4)}`;
  return text;
}
