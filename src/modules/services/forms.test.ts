import { describe, expect, it } from 'vitest';
import type { ServiceDefinition } from './definition.ts';
import { checkRequestData, letterContent, prefilledValues, templateValues } from './forms.ts';
import type { ApplicantSnapshot } from './schema.ts';

const definition: ServiceDefinition = {
  slug: 'uji',
  name: { id: 'Surat Uji', en: 'Test letter' },
  description: { id: 'Uji', en: 'Test' },
  owner: { type: 'village' },
  classificationCode: '400.12.2.2',
  letterCode: 'S-99',
  selfService: true,
  slaDays: 1,
  fields: [
    {
      name: 'keperluan',
      label: { id: 'Keperluan', en: 'Purpose' },
      type: 'text',
      required: true,
      maxLength: 20,
    },
    {
      name: 'penghasilan',
      label: { id: 'Penghasilan', en: 'Income' },
      type: 'number',
      min: 0,
      max: 100_000_000,
    },
    { name: 'tahun_lulus', label: { id: 'Tahun lulus', en: 'Year' }, type: 'number' },
    { name: 'tanggal', label: { id: 'Tanggal kejadian', en: 'Date' }, type: 'date', notFuture: true },
    {
      name: 'jenis',
      label: { id: 'Jenis', en: 'Kind' },
      type: 'select',
      options: [{ value: 'a', label: { id: 'Pilihan A', en: 'Choice A' } }],
    },
    { name: 'telepon', label: { id: 'Telepon', en: 'Phone' }, type: 'phone' },
    { name: 'calon_nik', label: { id: 'NIK calon', en: 'NIK' }, type: 'nik' },
    { name: 'almarhum', label: { id: 'Almarhum', en: 'Deceased' }, type: 'family_member' },
    { name: 'pekerjaan', label: { id: 'Pekerjaan', en: 'Job' }, type: 'text', prefill: 'occupation' },
  ],
  attachments: [],
  steps: [{ key: 'tanda_tangan', label: { id: 'TTD', en: 'Sign' }, actor: 'village_signatory' }],
  document: {
    title: 'SURAT UJI',
    opening: 'Kepala Desa {{desa.nama}} menerangkan:',
    paragraphs: [
      'Penghasilan {{penghasilan}}, lulus {{tahun_lulus}}, pada {{tanggal}}, jenis {{jenis}}, almarhum {{almarhum.nama}} ({{almarhum.hubungan}}), {{tidak_ada}}.',
    ],
    closing: 'Demikian.',
  },
};

const applicant: ApplicantSnapshot = {
  residentId: 'r1',
  nik: '3604055204900101',
  familyNumber: '3604051201150001',
  name: 'SITI AMINAH',
  birthPlace: 'SERANG',
  birthDate: '1990-04-12',
  sex: 2,
  religion: 'ISLAM',
  maritalStatus: 'KAWIN',
  occupation: 'PETANI/PEKEBUN',
  education: 'SLTA/SEDERAJAT',
  citizenship: 'WNI',
  fatherName: '',
  motherName: '',
  address: 'KP. KRAJAN RT 002/RW 001, Dusun Krajan, Desa Kramatwatu, Kecamatan Kramatwatu',
};
const family = [
  {
    id: 'm1',
    name: 'AHMAD',
    nik: '3604051001600001',
    birthPlace: 'SERANG',
    birthDate: '1960-01-10',
    sex: 1,
    relation: 'KEPALA KELUARGA',
  },
];
const context = { today: '2026-12-01', family };

describe('checking a request form against its definition', () => {
  it('accepts well-formed values, Indonesian thousands separators included', () => {
    const data = {
      keperluan: 'Sekolah',
      penghasilan: '1.500.000',
      tahun_lulus: '2019',
      tanggal: '2026-11-30',
      jenis: 'a',
      telepon: '0812-3456-7890',
      calon_nik: '3604055204900101',
      almarhum: 'm1',
      pekerjaan: '',
    };
    expect(checkRequestData(definition, data, context)).toEqual({});
  });

  it('names every wrong field with a message in Indonesian', () => {
    const problems = checkRequestData(
      definition,
      {
        keperluan: '',
        penghasilan: 'tiga juta',
        tanggal: '2026-02-30',
        jenis: 'z',
        telepon: '12345',
        calon_nik: '3604',
        almarhum: 'orang-lain',
      },
      context,
    );
    expect(problems).toEqual({
      keperluan: 'Keperluan wajib diisi.',
      penghasilan: 'Penghasilan harus berupa angka, misalnya 1500000.',
      tanggal: 'Tanggal kejadian harus tanggal yang benar (hari, bulan, tahun).',
      jenis: 'Pilih jenis dari daftar.',
      telepon: 'Telepon harus nomor ponsel Indonesia, misalnya 081234567890.',
      calon_nik: 'NIK calon harus 16 angka.',
      almarhum: 'Pilih almarhum dari anggota keluarga Anda.',
    });
  });

  it('refuses a text over its length, a number past its limit and a date in the future', () => {
    const problems = checkRequestData(
      definition,
      { keperluan: 'x'.repeat(21), penghasilan: '200000000', tanggal: '2026-12-02' },
      context,
    );
    expect(problems.keperluan).toBe('Keperluan paling banyak 20 karakter (sekarang 21).');
    expect(problems.penghasilan).toBe('Penghasilan paling banyak 100.000.000.');
    expect(problems.tanggal).toBe('Tanggal kejadian tidak boleh setelah hari ini.');
  });
});

describe('filling the letter from the request', () => {
  it('opens the form with the registry facts the definition asks for', () => {
    expect(prefilledValues(definition, applicant)).toEqual({ pekerjaan: 'PETANI/PEKEBUN' });
  });

  it('prints dates in words, large numbers with separators, years as typed, choices and family members by name', () => {
    const values = templateValues({
      definition,
      applicant,
      data: {
        penghasilan: '1500000',
        tahun_lulus: '2019',
        tanggal: '2026-11-30',
        jenis: 'a',
        almarhum: 'm1',
      },
      family,
      villageName: 'Kramatwatu',
      kecamatanName: 'Kramatwatu',
      regencyName: 'Kabupaten Serang',
    });
    const content = letterContent(definition.document, values);
    expect(content.opening).toBe('Kepala Desa Kramatwatu menerangkan:');
    expect(content.paragraphs[0]).toBe(
      'Penghasilan 1.500.000, lulus 2019, pada 30 November 2026, jenis Pilihan A, almarhum AHMAD (KEPALA KELUARGA), -.',
    );
    // no rows in the template: the applicant's standard identity rows
    expect(content.rows[0]).toEqual(['Nama', 'SITI AMINAH']);
    expect(content.rows[2]).toEqual(['Tempat/Tgl. Lahir', 'SERANG, 12 April 1990']);
    expect(content.rows.map(([label]) => label)).toContain('Alamat');
  });
});
