import type { Locale } from '../../platform/http/request-context.ts';
import { isCalendarDate } from '../../platform/time.ts';
import type { DocumentTemplate, FieldDefinition, PrefillSource, ServiceDefinition } from './definition.ts';
import type { ApplicantSnapshot } from './schema.ts';

/** A family member the applicant may name in a family_member field. */
export interface FamilyMember {
  id: string;
  name: string;
  nik: string;
  birthPlace: string;
  birthDate: string;
  sex: number;
  relation: string;
}

const DEFAULT_TEXT_MAX = 200;
const DEFAULT_TEXTAREA_MAX = 2000;
const PHONE = /^(\+62|62|0)8\d{7,12}$/;

export function textOf(text: { id: string; en: string }, locale: Locale): string {
  return locale === 'en' ? text.en : text.id;
}

function prefillValue(source: PrefillSource, applicant: ApplicantSnapshot): string {
  const values: Record<PrefillSource, string> = {
    nik: applicant.nik,
    name: applicant.name,
    family_number: applicant.familyNumber,
    birth_place: applicant.birthPlace,
    birth_date: applicant.birthDate,
    sex: applicant.sex === 2 ? 'Perempuan' : 'Laki-laki',
    religion: applicant.religion,
    marital_status: applicant.maritalStatus,
    occupation: applicant.occupation,
    education: applicant.education,
    citizenship: applicant.citizenship,
    address: applicant.address,
    father_name: applicant.fatherName,
    mother_name: applicant.motherName,
  };
  return values[source];
}

/** The values a new form opens with: registry facts where the definition asks for them. */
export function prefilledValues(
  definition: ServiceDefinition,
  applicant: ApplicantSnapshot,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of definition.fields)
    if (field.prefill) values[field.name] = prefillValue(field.prefill, applicant);
  return values;
}

/** "1.500.000", "1500000" or "2,5" → a number; null when it is not one. */
function parseNumber(raw: string): number | null {
  let s = raw.replace(/\s/g, '').replace(/^rp\.?/i, '');
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replaceAll('.', '');
  s = s.replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

/**
 * An example that fits the field's range: a money field reads "1500000", a count of people "3"
 * (never a sum of money for a number of dependants).
 */
function numberExample(field: FieldDefinition): string {
  const max = field.max ?? Number.POSITIVE_INFINITY;
  if (max >= 1_500_000) return '1500000';
  return String(Math.min(max, Math.max(field.min ?? 0, 3)));
}

function fieldProblem(
  field: FieldDefinition,
  value: string,
  context: { today: string; family: FamilyMember[] },
): string | null {
  const label = field.label.id;
  if (value === '') return field.required ? `${label} wajib diisi.` : null;
  switch (field.type) {
    case 'text':
    case 'textarea': {
      const max = field.maxLength ?? (field.type === 'text' ? DEFAULT_TEXT_MAX : DEFAULT_TEXTAREA_MAX);
      return value.length > max ? `${label} paling banyak ${max} karakter (sekarang ${value.length}).` : null;
    }
    case 'number': {
      const n = parseNumber(value);
      if (n === null) return `${label} harus berupa angka, misalnya ${numberExample(field)}.`;
      if (field.min !== undefined && n < field.min)
        return `${label} paling sedikit ${field.min.toLocaleString('id-ID')}.`;
      if (field.max !== undefined && n > field.max)
        return `${label} paling banyak ${field.max.toLocaleString('id-ID')}.`;
      return null;
    }
    case 'date':
      if (!isCalendarDate(value)) return `${label} harus tanggal yang benar (hari, bulan, tahun).`;
      if (field.notFuture && value > context.today) return `${label} tidak boleh setelah hari ini.`;
      return null;
    case 'select':
      return field.options?.some((o) => o.value === value)
        ? null
        : `Pilih ${label.toLowerCase()} dari daftar.`;
    case 'nik':
      return /^\d{16}$/.test(value) ? null : `${label} harus 16 angka.`;
    case 'phone':
      return PHONE.test(value.replace(/[\s-]/g, ''))
        ? null
        : `${label} harus nomor ponsel Indonesia, misalnya 081234567890.`;
    case 'family_member':
      return context.family.some((m) => m.id === value)
        ? null
        : `Pilih ${label.toLowerCase()} dari anggota keluarga Anda.`;
  }
}

/** Field → Indonesian message for every field that is wrong; empty when the form can be submitted. */
export function checkRequestData(
  definition: ServiceDefinition,
  data: Record<string, string>,
  context: { today: string; family: FamilyMember[] },
): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const field of definition.fields) {
    const problem = fieldProblem(field, data[field.name] ?? '', context);
    if (problem) problems[field.name] = problem;
  }
  return problems;
}

/** Keeps only the definition's fields, trimmed; what the applicant typed is never dropped for being wrong. */
export function cleanRequestData(
  definition: ServiceDefinition,
  input: Record<string, string | undefined>,
): Record<string, string> {
  const data: Record<string, string> = {};
  for (const field of definition.fields) data[field.name] = (input[field.name] ?? '').trim().slice(0, 5000);
  return data;
}

// --- the letter's text -----------------------------------------------------------------------

function longDate(value: string): string {
  if (!isCalendarDate(value)) return value;
  return new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${value}T00:00:00Z`),
  );
}

function sexLabel(sex: number): string {
  return sex === 2 ? 'Perempuan' : 'Laki-laki';
}

function displayValue(field: FieldDefinition, value: string, family: FamilyMember[]): string {
  if (value === '') return '-';
  switch (field.type) {
    case 'date':
      return longDate(value);
    case 'number': {
      const n = parseNumber(value);
      // below 10.000 a number is printed as typed, so a year (tahun lulus 2019) never reads "2.019"
      return n === null || Math.abs(n) < 10_000 ? value : n.toLocaleString('id-ID');
    }
    case 'select':
      return field.options?.find((o) => o.value === value)?.label.id ?? value;
    case 'family_member':
      return family.find((m) => m.id === value)?.name ?? value;
    default:
      return value;
  }
}

/** Every {{placeholder}} a template may use, filled from the applicant, the form and the region. */
export function templateValues(input: {
  definition: ServiceDefinition;
  applicant: ApplicantSnapshot;
  data: Record<string, string>;
  family: FamilyMember[];
  villageName: string;
  kecamatanName: string;
  regencyName: string;
}): Record<string, string> {
  const a = input.applicant;
  const values: Record<string, string> = {
    'pemohon.nama': a.name,
    'pemohon.nik': a.nik,
    'pemohon.no_kk': a.familyNumber,
    'pemohon.ttl': `${a.birthPlace}, ${longDate(a.birthDate)}`,
    'pemohon.tempat_lahir': a.birthPlace,
    'pemohon.tanggal_lahir': longDate(a.birthDate),
    'pemohon.jenis_kelamin': sexLabel(a.sex),
    'pemohon.agama': a.religion,
    'pemohon.pekerjaan': a.occupation,
    'pemohon.status_kawin': a.maritalStatus,
    'pemohon.pendidikan': a.education,
    'pemohon.kewarganegaraan': a.citizenship,
    'pemohon.alamat': a.address,
    'pemohon.nama_ayah': a.fatherName,
    'pemohon.nama_ibu': a.motherName,
    'desa.nama': input.villageName,
    'kecamatan.nama': input.kecamatanName,
    'kabupaten.nama': input.regencyName,
  };
  for (const field of input.definition.fields) {
    const raw = input.data[field.name] ?? '';
    values[field.name] = displayValue(field, raw, input.family);
    if (field.type === 'family_member') {
      const member = input.family.find((m) => m.id === raw);
      values[`${field.name}.nama`] = member?.name ?? '-';
      values[`${field.name}.nik`] = member?.nik ?? '-';
      values[`${field.name}.ttl`] = member ? `${member.birthPlace}, ${longDate(member.birthDate)}` : '-';
      values[`${field.name}.jenis_kelamin`] = member ? sexLabel(member.sex) : '-';
      values[`${field.name}.hubungan`] = member?.relation ?? '-';
    }
  }
  return values;
}

function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*([a-z_][a-z0-9_.]*)\s*\}\}/g, (_m, key: string) => values[key] ?? '-');
}

/** The standard identity rows of a letter about the applicant. */
function applicantRows(values: Record<string, string>): Array<[string, string]> {
  return [
    ['Nama', values['pemohon.nama'] ?? ''],
    ['NIK', values['pemohon.nik'] ?? ''],
    ['Tempat/Tgl. Lahir', values['pemohon.ttl'] ?? ''],
    ['Jenis Kelamin', values['pemohon.jenis_kelamin'] ?? ''],
    ['Agama', values['pemohon.agama'] ?? ''],
    ['Status Perkawinan', values['pemohon.status_kawin'] ?? ''],
    ['Pekerjaan', values['pemohon.pekerjaan'] ?? ''],
    ['Kewarganegaraan', values['pemohon.kewarganegaraan'] ?? ''],
    ['Alamat', values['pemohon.alamat'] ?? ''],
  ];
}

export function letterContent(document: DocumentTemplate, values: Record<string, string>) {
  return {
    title: fillTemplate(document.title, values),
    opening: fillTemplate(document.opening, values),
    rows: document.rows
      ? document.rows.map((row): [string, string] => [
          fillTemplate(row.label, values),
          fillTemplate(row.value, values),
        ])
      : applicantRows(values),
    paragraphs: document.paragraphs.map((p) => fillTemplate(p, values)),
    closing: fillTemplate(document.closing, values),
  };
}
