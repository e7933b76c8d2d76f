import type {
  AttachmentDefinition,
  FieldDefinition,
  ServiceDefinition,
  StepDefinition,
} from './definition.ts';

/**
 * The default service catalog seeded once for Kabupaten Serang: the village letters every desa
 * issues and two agency services. Admin kabupaten edits it afterwards (each edit is a new version).
 *
 * Letter codes follow the codes village operators know from OpenSID (S-41, S-11 …); codes S-51 and
 * S-52 are ours for letters OpenSID has no code for. Classification codes come from
 * `reference/reference-codes/klasifikasi_surat.csv`.
 */

const VILLAGE_STEPS: StepDefinition[] = [
  {
    key: 'verifikasi',
    actor: 'village_staff',
    label: { id: 'Pemeriksaan oleh operator desa', en: 'Check by the village operator' },
  },
  {
    key: 'tanda_tangan',
    actor: 'village_signatory',
    label: { id: 'Tanda tangan Kepala Desa', en: "Village head's signature" },
  },
];

const VILLAGE_OPENING =
  'Yang bertanda tangan di bawah ini Kepala Desa {{desa.nama}}, Kecamatan {{kecamatan.nama}}, {{kabupaten.nama}}, menerangkan dengan sebenarnya bahwa:';

const CLOSING =
  'Demikian surat keterangan ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.';

/** Identity rows of the applicant, for letters that list further rows after them. */
const APPLICANT_ROWS = [
  { label: 'Nama', value: '{{pemohon.nama}}' },
  { label: 'NIK', value: '{{pemohon.nik}}' },
  { label: 'Nomor KK', value: '{{pemohon.no_kk}}' },
  { label: 'Tempat, tanggal lahir', value: '{{pemohon.ttl}}' },
  { label: 'Jenis kelamin', value: '{{pemohon.jenis_kelamin}}' },
  { label: 'Agama', value: '{{pemohon.agama}}' },
  { label: 'Pekerjaan', value: '{{pemohon.pekerjaan}}' },
  { label: 'Alamat', value: '{{pemohon.alamat}}' },
];

const RESIDENT_OF_VILLAGE =
  'Nama tersebut di atas adalah benar penduduk Desa {{desa.nama}}, Kecamatan {{kecamatan.nama}}, {{kabupaten.nama}}, yang beralamat sebagaimana tersebut di atas.';

// Attachments that many letters ask for.
const FOTO_KTP: AttachmentDefinition = {
  name: 'foto_ktp',
  label: { id: 'Foto KTP-el pemohon', en: "Photo of the applicant's identity card (KTP-el)" },
  required: true,
};
const FOTO_KK: AttachmentDefinition = {
  name: 'foto_kk',
  label: { id: 'Foto Kartu Keluarga', en: 'Photo of the family card (KK)' },
  required: true,
};
const FOTO_KK_OPSIONAL: AttachmentDefinition = { ...FOTO_KK, required: false };
const PENGANTAR_RT: AttachmentDefinition = {
  name: 'pengantar_rt',
  label: {
    id: 'Surat pengantar dari Ketua RT/RW',
    en: 'Covering letter from the neighbourhood heads (RT/RW)',
  },
  required: true,
};
const PENGANTAR_RT_OPSIONAL: AttachmentDefinition = { ...PENGANTAR_RT, required: false };

function keperluan(hint: { id: string; en: string }): FieldDefinition {
  return {
    name: 'keperluan',
    label: { id: 'Keperluan', en: 'Purpose' },
    type: 'text',
    required: true,
    maxLength: 200,
    hint,
  };
}

const JENIS_KELAMIN_OPTIONS = [
  { value: 'laki_laki', label: { id: 'Laki-laki', en: 'Male' } },
  { value: 'perempuan', label: { id: 'Perempuan', en: 'Female' } },
];

const keteranganDomisili: ServiceDefinition = {
  slug: 'keterangan-domisili',
  name: { id: 'Surat Keterangan Domisili', en: 'Certificate of domicile' },
  description: {
    id: 'Keterangan bahwa pemohon benar bertempat tinggal di desa ini, misalnya untuk melamar pekerjaan, membuka rekening bank, atau mendaftar sekolah.',
    en: 'States that the applicant lives in this village, e.g. for a job application, opening a bank account or school enrolment.',
  },
  owner: { type: 'village' },
  classificationCode: '470',
  letterCode: 'S-41',
  selfService: true,
  slaDays: 1,
  fields: [
    keperluan({
      id: 'Contoh: persyaratan melamar pekerjaan, pembukaan rekening bank.',
      en: 'For example: a job application, opening a bank account.',
    }),
  ],
  attachments: [FOTO_KTP, FOTO_KK_OPSIONAL, PENGANTAR_RT],
  steps: VILLAGE_STEPS,
  document: {
    title: 'SURAT KETERANGAN DOMISILI',
    opening: VILLAGE_OPENING,
    paragraphs: [
      'Nama tersebut di atas adalah benar penduduk yang berdomisili (bertempat tinggal) di {{pemohon.alamat}}, {{kabupaten.nama}}.',
      'Surat keterangan ini diberikan untuk keperluan {{keperluan}}.',
    ],
    closing: CLOSING,
    validDays: 90,
  },
};

const keteranganTidakMampu: ServiceDefinition = {
  slug: 'keterangan-tidak-mampu',
  name: { id: 'Surat Keterangan Tidak Mampu (SKTM)', en: 'Certificate of low income (SKTM)' },
  description: {
    id: 'Keterangan bahwa keluarga pemohon tergolong kurang mampu, misalnya untuk keringanan biaya sekolah, biaya berobat, atau persyaratan bantuan.',
    en: "States that the applicant's family has a low income, e.g. for reduced school fees or medical costs, or to apply for aid.",
  },
  owner: { type: 'village' },
  classificationCode: '401',
  letterCode: 'S-11',
  selfService: true,
  slaDays: 2,
  fields: [
    keperluan({
      id: 'Contoh: keringanan biaya sekolah anak, keringanan biaya berobat di rumah sakit.',
      en: 'For example: reduced school fees for a child, reduced hospital costs.',
    }),
    {
      name: 'penghasilan_keluarga',
      label: { id: 'Penghasilan keluarga per bulan (rupiah)', en: 'Family income per month (rupiah)' },
      type: 'number',
      required: true,
      min: 0,
      max: 100_000_000,
      hint: {
        id: 'Jumlah rata-rata penghasilan seluruh anggota keluarga dalam satu bulan.',
        en: 'Average total income of all family members in one month.',
      },
    },
    {
      name: 'jumlah_tanggungan',
      label: { id: 'Jumlah tanggungan keluarga (orang)', en: 'Number of dependants' },
      type: 'number',
      required: true,
      min: 0,
      max: 30,
      hint: {
        id: 'Anggota keluarga yang biaya hidupnya ditanggung, tidak termasuk pemohon.',
        en: 'Family members whose living costs are borne by the family, not counting the applicant.',
      },
    },
  ],
  attachments: [FOTO_KTP, FOTO_KK, PENGANTAR_RT],
  steps: VILLAGE_STEPS,
  document: {
    title: 'SURAT KETERANGAN TIDAK MAMPU',
    opening: VILLAGE_OPENING,
    paragraphs: [
      'Nama tersebut di atas adalah benar penduduk Desa {{desa.nama}}, Kecamatan {{kecamatan.nama}}, {{kabupaten.nama}}. Berdasarkan surat pengantar Ketua RT/RW setempat dan data yang ada pada kami, keluarga yang bersangkutan tergolong keluarga kurang mampu, dengan penghasilan keluarga rata-rata Rp{{penghasilan_keluarga}} per bulan dan jumlah tanggungan keluarga sebanyak {{jumlah_tanggungan}} orang.',
      'Surat keterangan ini diberikan untuk keperluan {{keperluan}}.',
    ],
    closing: CLOSING,
    validDays: 90,
  },
};

const keteranganUsaha: ServiceDefinition = {
  slug: 'keterangan-usaha',
  name: { id: 'Surat Keterangan Usaha', en: 'Certificate of business' },
  description: {
    id: 'Keterangan bahwa pemohon menjalankan usaha di wilayah desa, misalnya untuk pengajuan kredit usaha rakyat (KUR) atau bantuan modal usaha. Surat ini bukan izin usaha.',
    en: 'States that the applicant runs a business in the village, e.g. to apply for a micro-business loan (KUR) or start-up aid. It is not a business licence.',
  },
  owner: { type: 'village' },
  classificationCode: '517',
  letterCode: 'S-14',
  selfService: true,
  slaDays: 2,
  fields: [
    {
      name: 'nama_usaha',
      label: { id: 'Nama usaha', en: 'Business name' },
      type: 'text',
      required: true,
      maxLength: 200,
      hint: { id: 'Contoh: Warung Berkah Jaya.', en: 'For example: Warung Berkah Jaya.' },
    },
    {
      name: 'jenis_usaha',
      label: { id: 'Jenis usaha', en: 'Type of business' },
      type: 'text',
      required: true,
      maxLength: 200,
      hint: {
        id: 'Contoh: warung sembako, bengkel sepeda motor, budi daya ikan lele.',
        en: 'For example: grocery stall, motorcycle repair shop, catfish farming.',
      },
    },
    {
      name: 'alamat_usaha',
      label: { id: 'Alamat tempat usaha', en: 'Business address' },
      type: 'text',
      required: true,
      maxLength: 200,
      hint: {
        id: 'Kampung/jalan, RT/RW, dan desa tempat usaha dijalankan.',
        en: 'Hamlet or street, RT/RW and village where the business operates.',
      },
    },
    {
      name: 'lama_usaha',
      label: { id: 'Lama usaha berjalan (tahun)', en: 'Years in business' },
      type: 'number',
      required: true,
      min: 1,
      max: 80,
      hint: {
        id: 'Dibulatkan ke tahun; isi 1 bila usaha berjalan kurang dari satu tahun.',
        en: 'Rounded to whole years; enter 1 if the business is less than a year old.',
      },
    },
    keperluan({
      id: 'Contoh: persyaratan pengajuan Kredit Usaha Rakyat (KUR) di bank.',
      en: 'For example: applying for a micro-business loan (KUR) at a bank.',
    }),
  ],
  attachments: [
    FOTO_KTP,
    {
      name: 'foto_tempat_usaha',
      label: { id: 'Foto tempat usaha', en: 'Photo of the business premises' },
      required: true,
    },
    PENGANTAR_RT_OPSIONAL,
  ],
  steps: VILLAGE_STEPS,
  document: {
    title: 'SURAT KETERANGAN USAHA',
    opening: VILLAGE_OPENING,
    paragraphs: [
      'Nama tersebut di atas adalah benar penduduk Desa {{desa.nama}} dan berdasarkan pengamatan serta data yang ada pada kami, yang bersangkutan benar memiliki dan menjalankan usaha {{jenis_usaha}} dengan nama {{nama_usaha}}, yang beralamat di {{alamat_usaha}}, selama kurang lebih {{lama_usaha}} tahun.',
      'Surat keterangan ini diberikan untuk keperluan {{keperluan}} dan tidak berlaku sebagai izin usaha.',
    ],
    closing: CLOSING,
    validDays: 180,
  },
};

const pengantarSkck: ServiceDefinition = {
  slug: 'pengantar-skck',
  name: {
    id: 'Surat Pengantar SKCK',
    en: 'Covering letter for a police clearance certificate (SKCK)',
  },
  description: {
    id: 'Pengantar dari desa untuk mengajukan Surat Keterangan Catatan Kepolisian (SKCK) di kepolisian, misalnya untuk melamar pekerjaan.',
    en: 'The village covering letter for applying for a police clearance certificate (SKCK) at the police, e.g. for a job application.',
  },
  owner: { type: 'village' },
  classificationCode: '331',
  letterCode: 'S-07',
  selfService: true,
  slaDays: 1,
  fields: [
    keperluan({
      id: 'Contoh: melamar pekerjaan, pendaftaran CPNS, melanjutkan pendidikan.',
      en: 'For example: a job application, civil service recruitment, further studies.',
    }),
  ],
  attachments: [FOTO_KTP, FOTO_KK_OPSIONAL, PENGANTAR_RT_OPSIONAL],
  steps: VILLAGE_STEPS,
  document: {
    title: 'SURAT PENGANTAR PERMOHONAN SURAT KETERANGAN CATATAN KEPOLISIAN',
    opening: VILLAGE_OPENING,
    paragraphs: [
      RESIDENT_OF_VILLAGE,
      'Sepanjang pengetahuan kami, yang bersangkutan berkelakuan baik dan tidak pernah tersangkut perkara pidana maupun perbuatan yang melanggar hukum.',
      'Surat pengantar ini diberikan untuk mengajukan permohonan Surat Keterangan Catatan Kepolisian (SKCK) guna keperluan {{keperluan}}.',
    ],
    closing: 'Demikian surat pengantar ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.',
    validDays: 30,
  },
};

const keteranganKelahiran: ServiceDefinition = {
  slug: 'keterangan-kelahiran',
  name: { id: 'Surat Keterangan Kelahiran', en: 'Birth certificate from the village' },
  description: {
    id: 'Keterangan tentang kelahiran bayi yang belum tercatat, sebagai dasar pengurusan akta kelahiran dan penambahan anggota keluarga di Kartu Keluarga.',
    en: 'Records the birth of a baby not yet registered, as the basis for the birth certificate (akta kelahiran) and for adding the child to the family card.',
  },
  owner: { type: 'village' },
  classificationCode: '472.11',
  letterCode: 'S-17',
  selfService: true,
  slaDays: 1,
  fields: [
    {
      name: 'nama_bayi',
      label: { id: 'Nama bayi', en: "Baby's name" },
      type: 'text',
      required: true,
      maxLength: 100,
      hint: {
        id: 'Tulis nama lengkap sesuai yang akan dicatat dalam akta kelahiran.',
        en: 'The full name as it is to appear on the birth certificate.',
      },
    },
    {
      name: 'jenis_kelamin_bayi',
      label: { id: 'Jenis kelamin bayi', en: "Baby's sex" },
      type: 'select',
      required: true,
      options: JENIS_KELAMIN_OPTIONS,
    },
    {
      name: 'tempat_lahir',
      label: { id: 'Tempat lahir (kota/kabupaten)', en: 'Place of birth (town or regency)' },
      type: 'text',
      required: true,
      maxLength: 100,
      hint: { id: 'Contoh: Serang.', en: 'For example: Serang.' },
    },
    {
      name: 'tanggal_lahir',
      label: { id: 'Tanggal lahir', en: 'Date of birth' },
      type: 'date',
      required: true,
      notFuture: true,
    },
    {
      name: 'jam_lahir',
      label: { id: 'Pukul lahir', en: 'Time of birth' },
      type: 'text',
      required: true,
      maxLength: 5,
      hint: {
        id: 'Format jam.menit dalam 24 jam, misalnya 08.45 atau 21.10.',
        en: '24-hour time as hours.minutes, e.g. 08.45 or 21.10.',
      },
    },
    {
      name: 'tempat_persalinan',
      label: { id: 'Tempat persalinan', en: 'Place of delivery' },
      type: 'select',
      required: true,
      options: [
        {
          value: 'rumah_sakit',
          label: { id: 'Rumah sakit/rumah bersalin', en: 'Hospital or maternity clinic' },
        },
        { value: 'puskesmas', label: { id: 'Puskesmas', en: 'Community health centre (puskesmas)' } },
        { value: 'polindes', label: { id: 'Polindes/poskesdes', en: 'Village maternity post (polindes)' } },
        { value: 'rumah', label: { id: 'Rumah', en: 'Home' } },
        { value: 'lainnya', label: { id: 'Lainnya', en: 'Other' } },
      ],
    },
    {
      name: 'penolong_kelahiran',
      label: { id: 'Penolong kelahiran', en: 'Birth attended by' },
      type: 'select',
      required: true,
      options: [
        { value: 'dokter', label: { id: 'Dokter', en: 'Doctor' } },
        { value: 'bidan', label: { id: 'Bidan/perawat', en: 'Midwife or nurse' } },
        { value: 'dukun', label: { id: 'Dukun bayi', en: 'Traditional birth attendant' } },
        { value: 'lainnya', label: { id: 'Lainnya', en: 'Other' } },
      ],
    },
    {
      name: 'jenis_kelahiran',
      label: { id: 'Jenis kelahiran', en: 'Type of birth' },
      type: 'select',
      required: true,
      options: [
        { value: 'tunggal', label: { id: 'Tunggal', en: 'Single' } },
        { value: 'kembar_2', label: { id: 'Kembar dua', en: 'Twins' } },
        { value: 'kembar_3', label: { id: 'Kembar tiga', en: 'Triplets' } },
        { value: 'lainnya', label: { id: 'Lainnya', en: 'Other' } },
      ],
    },
    {
      name: 'kelahiran_ke',
      label: { id: 'Anak ke-', en: 'Birth order (child number)' },
      type: 'number',
      required: true,
      min: 1,
      max: 25,
      hint: { id: 'Urutan kelahiran dari ibu yang sama.', en: 'Order of birth to the same mother.' },
    },
    {
      name: 'berat_bayi',
      label: { id: 'Berat bayi (gram)', en: 'Birth weight (grams)' },
      type: 'number',
      required: true,
      min: 300,
      max: 7000,
      hint: { id: 'Contoh: 3200.', en: 'For example: 3200.' },
    },
    {
      name: 'panjang_bayi',
      label: { id: 'Panjang bayi (cm)', en: 'Birth length (cm)' },
      type: 'number',
      required: true,
      min: 20,
      max: 70,
    },
    {
      name: 'nama_ayah',
      label: { id: 'Nama ayah', en: "Father's name" },
      type: 'text',
      required: true,
      maxLength: 100,
    },
    {
      name: 'nama_ibu',
      label: { id: 'Nama ibu', en: "Mother's name" },
      type: 'text',
      required: true,
      maxLength: 100,
    },
    {
      name: 'hubungan_pelapor',
      label: { id: 'Hubungan pelapor dengan bayi', en: "Reporter's relationship to the baby" },
      type: 'select',
      required: true,
      options: [
        { value: 'ayah', label: { id: 'Ayah', en: 'Father' } },
        { value: 'ibu', label: { id: 'Ibu', en: 'Mother' } },
        { value: 'kakek_nenek', label: { id: 'Kakek/nenek', en: 'Grandparent' } },
        { value: 'saudara', label: { id: 'Saudara', en: 'Sibling or other relative' } },
        { value: 'lainnya', label: { id: 'Lainnya', en: 'Other' } },
      ],
    },
  ],
  attachments: [
    FOTO_KK,
    FOTO_KTP,
    {
      name: 'surat_keterangan_lahir',
      label: {
        id: 'Surat keterangan lahir dari rumah sakit, puskesmas, atau bidan (bila ditolong tenaga kesehatan)',
        en: 'Birth notice from the hospital, health centre or midwife (if a health worker attended)',
      },
      required: false,
    },
    {
      name: 'buku_nikah',
      label: {
        id: 'Buku nikah atau akta perkawinan orang tua',
        en: "Parents' marriage book or marriage certificate",
      },
      required: false,
    },
  ],
  steps: VILLAGE_STEPS,
  document: {
    title: 'SURAT KETERANGAN KELAHIRAN',
    opening:
      'Yang bertanda tangan di bawah ini Kepala Desa {{desa.nama}}, Kecamatan {{kecamatan.nama}}, {{kabupaten.nama}}, menerangkan dengan sebenarnya bahwa telah lahir seorang anak:',
    rows: [
      { label: 'Nama', value: '{{nama_bayi}}' },
      { label: 'Jenis kelamin', value: '{{jenis_kelamin_bayi}}' },
      { label: 'Tempat lahir', value: '{{tempat_lahir}}' },
      { label: 'Tanggal lahir', value: '{{tanggal_lahir}}' },
      { label: 'Pukul', value: '{{jam_lahir}} WIB' },
      { label: 'Tempat persalinan', value: '{{tempat_persalinan}}' },
      { label: 'Penolong kelahiran', value: '{{penolong_kelahiran}}' },
      { label: 'Jenis kelahiran', value: '{{jenis_kelahiran}}' },
      { label: 'Anak ke-', value: '{{kelahiran_ke}}' },
      { label: 'Berat', value: '{{berat_bayi}} gram' },
      { label: 'Panjang', value: '{{panjang_bayi}} cm' },
      { label: 'Nama ayah', value: '{{nama_ayah}}' },
      { label: 'Nama ibu', value: '{{nama_ibu}}' },
    ],
    paragraphs: [
      'Keterangan ini dibuat berdasarkan laporan dari {{pemohon.nama}}, NIK {{pemohon.nik}}, beralamat di {{pemohon.alamat}}, dengan hubungan terhadap anak tersebut sebagai {{hubungan_pelapor}}.',
      'Surat keterangan ini diberikan sebagai dasar pengurusan akta kelahiran pada Dinas Kependudukan dan Pencatatan Sipil {{kabupaten.nama}}.',
    ],
    closing: CLOSING,
    validDays: null,
  },
};

const keteranganKematian: ServiceDefinition = {
  slug: 'keterangan-kematian',
  name: { id: 'Surat Keterangan Kematian', en: 'Death certificate from the village' },
  description: {
    id: 'Keterangan tentang meninggalnya anggota keluarga pemohon, sebagai dasar pengurusan akta kematian, pemutakhiran Kartu Keluarga, dan keperluan lain seperti klaim asuransi atau pensiun.',
    en: "Records the death of a member of the applicant's family, as the basis for the death certificate (akta kematian), updating the family card, and other needs such as insurance or pension claims.",
  },
  owner: { type: 'village' },
  classificationCode: '472.12',
  letterCode: 'S-21',
  selfService: true,
  slaDays: 1,
  fields: [
    {
      name: 'almarhum',
      label: { id: 'Anggota keluarga yang meninggal', en: 'Family member who died' },
      type: 'family_member',
      required: true,
    },
    {
      name: 'tanggal_meninggal',
      label: { id: 'Tanggal meninggal', en: 'Date of death' },
      type: 'date',
      required: true,
      notFuture: true,
    },
    {
      name: 'tempat_meninggal',
      label: { id: 'Tempat meninggal', en: 'Place of death' },
      type: 'text',
      required: true,
      maxLength: 200,
      hint: {
        id: 'Contoh: di rumah, Kampung Sukamaju RT 002/RW 001; atau RSUD dr. Dradjat Prawiranegara.',
        en: 'For example: at home, Kampung Sukamaju RT 002/RW 001; or the regional hospital.',
      },
    },
    {
      name: 'sebab_kematian',
      label: { id: 'Sebab kematian', en: 'Cause of death' },
      type: 'select',
      required: true,
      options: [
        { value: 'sakit', label: { id: 'Sakit biasa/tua', en: 'Illness or old age' } },
        { value: 'wabah', label: { id: 'Wabah penyakit', en: 'Epidemic disease' } },
        { value: 'kecelakaan', label: { id: 'Kecelakaan', en: 'Accident' } },
        { value: 'kriminalitas', label: { id: 'Kriminalitas', en: 'Crime' } },
        { value: 'bunuh_diri', label: { id: 'Bunuh diri', en: 'Suicide' } },
        { value: 'lainnya', label: { id: 'Lainnya', en: 'Other' } },
      ],
    },
    {
      name: 'hubungan_pelapor',
      label: { id: 'Hubungan pelapor dengan yang meninggal', en: "Reporter's relationship to the deceased" },
      type: 'select',
      required: true,
      options: [
        { value: 'suami_istri', label: { id: 'Suami/istri', en: 'Husband or wife' } },
        { value: 'anak', label: { id: 'Anak', en: 'Child' } },
        { value: 'orang_tua', label: { id: 'Orang tua', en: 'Parent' } },
        { value: 'saudara', label: { id: 'Saudara kandung', en: 'Sibling' } },
        { value: 'cucu', label: { id: 'Cucu', en: 'Grandchild' } },
        { value: 'lainnya', label: { id: 'Kerabat lainnya', en: 'Other relative' } },
      ],
    },
    keperluan({
      id: 'Contoh: pengurusan akta kematian, klaim asuransi, pengurusan pensiun.',
      en: 'For example: the death certificate, an insurance claim, a pension.',
    }),
  ],
  attachments: [
    FOTO_KK,
    FOTO_KTP,
    {
      name: 'surat_kematian_faskes',
      label: {
        id: 'Surat keterangan kematian dari rumah sakit atau puskesmas (bila meninggal di fasilitas kesehatan)',
        en: 'Death notice from the hospital or health centre (if the death occurred there)',
      },
      required: false,
    },
    {
      name: 'ktp_almarhum',
      label: { id: 'KTP-el almarhum/almarhumah', en: "The deceased's identity card" },
      required: false,
    },
  ],
  steps: VILLAGE_STEPS,
  document: {
    title: 'SURAT KETERANGAN KEMATIAN',
    opening: VILLAGE_OPENING,
    rows: [
      { label: 'Nama', value: '{{almarhum.nama}}' },
      { label: 'NIK', value: '{{almarhum.nik}}' },
      { label: 'Jenis kelamin', value: '{{almarhum.jenis_kelamin}}' },
      { label: 'Tempat, tanggal lahir', value: '{{almarhum.ttl}}' },
      { label: 'Alamat', value: '{{pemohon.alamat}}' },
      { label: 'Tanggal meninggal', value: '{{tanggal_meninggal}}' },
      { label: 'Tempat meninggal', value: '{{tempat_meninggal}}' },
      { label: 'Sebab kematian', value: '{{sebab_kematian}}' },
    ],
    paragraphs: [
      'Orang tersebut di atas adalah penduduk Desa {{desa.nama}}, Kecamatan {{kecamatan.nama}}, {{kabupaten.nama}}, yang telah meninggal dunia pada tanggal dan di tempat sebagaimana tersebut di atas.',
      'Keterangan ini dibuat berdasarkan laporan dari {{pemohon.nama}}, NIK {{pemohon.nik}}, dengan hubungan terhadap almarhum/almarhumah sebagai {{hubungan_pelapor}}, dan diberikan untuk keperluan {{keperluan}}.',
    ],
    closing: CLOSING,
    validDays: null,
  },
};

const keteranganPindah: ServiceDefinition = {
  slug: 'keterangan-pindah',
  name: { id: 'Surat Keterangan Pindah', en: 'Certificate of moving out' },
  description: {
    id: 'Keterangan bagi penduduk yang akan pindah tempat tinggal, sebagai pengantar pengurusan dokumen pindah (SKPWNI) dan Kartu Keluarga pada Dinas Kependudukan dan Pencatatan Sipil.',
    en: 'For residents moving house: the covering letter for the moving-out document (SKPWNI) and the new family card at the civil registration office.',
  },
  owner: { type: 'village' },
  classificationCode: '471.2',
  letterCode: 'S-04',
  selfService: true,
  slaDays: 2,
  fields: [
    {
      name: 'alamat_tujuan',
      label: { id: 'Alamat tujuan', en: 'Destination address' },
      type: 'text',
      required: true,
      maxLength: 200,
      hint: {
        id: 'Jalan/kampung, nomor rumah, RT/RW.',
        en: 'Street or hamlet, house number, RT/RW.',
      },
    },
    {
      name: 'desa_tujuan',
      label: { id: 'Desa/kelurahan tujuan', en: 'Destination village' },
      type: 'text',
      required: true,
      maxLength: 100,
    },
    {
      name: 'kecamatan_tujuan',
      label: { id: 'Kecamatan tujuan', en: 'Destination district (kecamatan)' },
      type: 'text',
      required: true,
      maxLength: 100,
    },
    {
      name: 'kabupaten_tujuan',
      label: { id: 'Kabupaten/kota tujuan', en: 'Destination regency or city' },
      type: 'text',
      required: true,
      maxLength: 100,
      hint: {
        id: 'Contoh: Kabupaten Serang, Kota Cilegon.',
        en: 'For example: Kabupaten Serang, Kota Cilegon.',
      },
    },
    {
      name: 'provinsi_tujuan',
      label: { id: 'Provinsi tujuan', en: 'Destination province' },
      type: 'text',
      required: true,
      maxLength: 100,
      hint: { id: 'Contoh: Banten.', en: 'For example: Banten.' },
    },
    {
      name: 'alasan_pindah',
      label: { id: 'Alasan pindah', en: 'Reason for moving' },
      type: 'select',
      required: true,
      options: [
        { value: 'pekerjaan', label: { id: 'Pekerjaan', en: 'Work' } },
        { value: 'pendidikan', label: { id: 'Pendidikan', en: 'Education' } },
        { value: 'keamanan', label: { id: 'Keamanan', en: 'Security' } },
        { value: 'kesehatan', label: { id: 'Kesehatan', en: 'Health' } },
        { value: 'perumahan', label: { id: 'Perumahan', en: 'Housing' } },
        { value: 'keluarga', label: { id: 'Keluarga', en: 'Family' } },
        { value: 'lainnya', label: { id: 'Lainnya', en: 'Other' } },
      ],
    },
    {
      name: 'klasifikasi_pindah',
      label: { id: 'Klasifikasi pindah', en: 'Type of move' },
      type: 'select',
      required: true,
      options: [
        { value: 'dalam_desa', label: { id: 'Dalam satu desa', en: 'Within the village' } },
        {
          value: 'antar_desa',
          label: { id: 'Antar desa dalam satu kecamatan', en: 'To another village in the district' },
        },
        {
          value: 'antar_kecamatan',
          label: { id: 'Antar kecamatan dalam satu kabupaten', en: 'To another district in the regency' },
        },
        {
          value: 'antar_kabupaten',
          label: {
            id: 'Antar kabupaten/kota dalam satu provinsi',
            en: 'To another regency or city in the province',
          },
        },
        { value: 'antar_provinsi', label: { id: 'Antar provinsi', en: 'To another province' } },
      ],
    },
    {
      name: 'tanggal_pindah',
      label: { id: 'Tanggal pindah', en: 'Moving date' },
      type: 'date',
      required: true,
      hint: { id: 'Tanggal rencana atau tanggal mulai pindah.', en: 'The planned or actual moving date.' },
    },
    {
      name: 'jumlah_pindah',
      label: { id: 'Jumlah anggota keluarga yang pindah', en: 'Number of family members moving' },
      type: 'number',
      required: true,
      min: 1,
      max: 20,
      hint: {
        id: 'Termasuk pemohon. Nama anggota keluarga yang ikut pindah diperiksa operator dari Kartu Keluarga.',
        en: 'Including the applicant. The operator checks the names of those moving against the family card.',
      },
    },
  ],
  attachments: [FOTO_KK, FOTO_KTP, PENGANTAR_RT_OPSIONAL],
  steps: VILLAGE_STEPS,
  document: {
    title: 'SURAT KETERANGAN PINDAH',
    opening: VILLAGE_OPENING,
    rows: [
      ...APPLICANT_ROWS,
      { label: 'Alamat tujuan', value: '{{alamat_tujuan}}' },
      { label: 'Desa/kelurahan tujuan', value: '{{desa_tujuan}}' },
      { label: 'Kecamatan tujuan', value: '{{kecamatan_tujuan}}' },
      { label: 'Kabupaten/kota tujuan', value: '{{kabupaten_tujuan}}' },
      { label: 'Provinsi tujuan', value: '{{provinsi_tujuan}}' },
      { label: 'Klasifikasi pindah', value: '{{klasifikasi_pindah}}' },
      { label: 'Alasan pindah', value: '{{alasan_pindah}}' },
      { label: 'Tanggal pindah', value: '{{tanggal_pindah}}' },
      { label: 'Jumlah yang pindah', value: '{{jumlah_pindah}} orang' },
    ],
    paragraphs: [
      'Nama tersebut di atas adalah benar penduduk Desa {{desa.nama}}, Kecamatan {{kecamatan.nama}}, {{kabupaten.nama}}, yang bermaksud pindah tempat tinggal ke alamat tujuan sebagaimana tersebut di atas.',
      'Surat keterangan ini diberikan sebagai pengantar untuk pengurusan dokumen pindah penduduk pada Dinas Kependudukan dan Pencatatan Sipil.',
    ],
    closing: CLOSING,
    validDays: 30,
  },
};

const keteranganKehilangan: ServiceDefinition = {
  slug: 'keterangan-kehilangan',
  name: { id: 'Surat Keterangan Kehilangan', en: 'Certificate of loss' },
  description: {
    id: 'Keterangan dari desa tentang barang atau dokumen yang hilang, sebagai pengantar laporan kehilangan ke kepolisian atau pengurusan penggantian dokumen.',
    en: 'The village statement of a lost item or document, as a covering letter for reporting the loss to the police or replacing the document.',
  },
  owner: { type: 'village' },
  classificationCode: '331',
  letterCode: 'S-13',
  selfService: true,
  slaDays: 1,
  fields: [
    {
      name: 'barang_hilang',
      label: { id: 'Barang yang hilang', en: 'Lost item' },
      type: 'text',
      required: true,
      maxLength: 200,
      hint: {
        id: 'Contoh: Kartu Keluarga, BPKB sepeda motor, kartu ATM, ijazah.',
        en: 'For example: family card, motorcycle ownership book (BPKB), bank card, diploma.',
      },
    },
    {
      name: 'rincian',
      label: { id: 'Rincian barang', en: 'Details of the item' },
      type: 'textarea',
      required: true,
      maxLength: 1000,
      hint: {
        id: 'Nomor dokumen, atas nama, merek/warna, atau ciri lain yang membedakan.',
        en: 'Document number, name on it, brand or colour, or other distinguishing features.',
      },
    },
    {
      name: 'tanggal_kejadian',
      label: { id: 'Tanggal kejadian', en: 'Date of the loss' },
      type: 'date',
      required: true,
      notFuture: true,
      hint: { id: 'Perkiraan tanggal bila tidak diketahui pasti.', en: 'An estimate if not known exactly.' },
    },
    {
      name: 'tempat_kejadian',
      label: { id: 'Tempat kejadian', en: 'Place of the loss' },
      type: 'text',
      required: true,
      maxLength: 200,
      hint: {
        id: 'Contoh: di perjalanan antara Pasar Ciruas dan rumah.',
        en: 'For example: on the way between Ciruas market and home.',
      },
    },
    keperluan({
      id: 'Contoh: laporan kehilangan ke kepolisian, pengurusan kartu pengganti di bank.',
      en: 'For example: reporting the loss to the police, getting a replacement card from the bank.',
    }),
  ],
  attachments: [
    FOTO_KTP,
    {
      name: 'bukti_kepemilikan',
      label: {
        id: 'Salinan atau foto barang/dokumen yang hilang, bila ada',
        en: 'Copy or photo of the lost item or document, if available',
      },
      required: false,
    },
  ],
  steps: VILLAGE_STEPS,
  document: {
    title: 'SURAT KETERANGAN KEHILANGAN',
    opening: VILLAGE_OPENING,
    paragraphs: [
      RESIDENT_OF_VILLAGE,
      'Berdasarkan keterangan yang bersangkutan, pada tanggal {{tanggal_kejadian}} di {{tempat_kejadian}} yang bersangkutan telah kehilangan {{barang_hilang}}, dengan rincian: {{rincian}}.',
      'Surat keterangan ini diberikan untuk keperluan {{keperluan}} dan tidak berlaku sebagai pengganti barang atau dokumen yang hilang.',
    ],
    closing: CLOSING,
    validDays: 30,
  },
};

const keteranganPenghasilan: ServiceDefinition = {
  slug: 'keterangan-penghasilan',
  name: { id: 'Surat Keterangan Penghasilan', en: 'Certificate of income' },
  description: {
    id: 'Keterangan tentang pekerjaan dan penghasilan pemohon, misalnya untuk pengajuan beasiswa anak, keringanan uang kuliah, atau pengajuan kredit.',
    en: "States the applicant's occupation and income, e.g. for a child's scholarship, reduced tuition fees or a loan application.",
  },
  owner: { type: 'village' },
  classificationCode: '400',
  letterCode: 'S-42',
  selfService: true,
  slaDays: 2,
  fields: [
    {
      name: 'pekerjaan',
      label: { id: 'Pekerjaan', en: 'Occupation' },
      type: 'text',
      required: true,
      maxLength: 100,
      prefill: 'occupation',
      hint: {
        id: 'Diisi dari data kependudukan; perbaiki bila pekerjaan sekarang berbeda.',
        en: 'Taken from the population register; correct it if your current occupation differs.',
      },
    },
    {
      name: 'penghasilan_per_bulan',
      label: { id: 'Penghasilan per bulan (rupiah)', en: 'Income per month (rupiah)' },
      type: 'number',
      required: true,
      min: 0,
      max: 1_000_000_000,
      hint: { id: 'Penghasilan rata-rata dalam satu bulan.', en: 'Average income in one month.' },
    },
    keperluan({
      id: 'Contoh: persyaratan beasiswa anak, pengajuan keringanan Uang Kuliah Tunggal (UKT).',
      en: "For example: a child's scholarship, reduced university tuition (UKT).",
    }),
  ],
  attachments: [
    FOTO_KTP,
    FOTO_KK_OPSIONAL,
    {
      name: 'bukti_penghasilan',
      label: {
        id: 'Slip gaji atau surat pernyataan penghasilan, bila ada',
        en: 'Pay slip or signed statement of income, if available',
      },
      required: false,
    },
  ],
  steps: VILLAGE_STEPS,
  document: {
    title: 'SURAT KETERANGAN PENGHASILAN',
    opening: VILLAGE_OPENING,
    paragraphs: [
      'Nama tersebut di atas adalah benar penduduk Desa {{desa.nama}}, Kecamatan {{kecamatan.nama}}, {{kabupaten.nama}}. Berdasarkan keterangan yang bersangkutan dan sepanjang pengetahuan kami, yang bersangkutan bekerja sebagai {{pekerjaan}} dengan penghasilan rata-rata sebesar Rp{{penghasilan_per_bulan}} per bulan.',
      'Surat keterangan ini diberikan untuk keperluan {{keperluan}}.',
    ],
    closing: CLOSING,
    validDays: 90,
  },
};

const keteranganBelumMenikah: ServiceDefinition = {
  slug: 'keterangan-belum-menikah',
  name: { id: 'Surat Keterangan Belum Menikah', en: 'Certificate of unmarried status' },
  description: {
    id: 'Keterangan bahwa pemohon belum pernah menikah, misalnya untuk melamar pekerjaan, mendaftar TNI/Polri, atau persyaratan administrasi lain.',
    en: 'States that the applicant has never been married, e.g. for a job application, military or police recruitment, or other requirements.',
  },
  owner: { type: 'village' },
  classificationCode: '472.2',
  letterCode: 'S-51',
  selfService: true,
  slaDays: 2,
  fields: [
    keperluan({
      id: 'Contoh: persyaratan melamar pekerjaan, pendaftaran calon anggota TNI/Polri.',
      en: 'For example: a job application, military or police recruitment.',
    }),
  ],
  attachments: [
    FOTO_KTP,
    FOTO_KK,
    {
      name: 'surat_pernyataan',
      label: {
        id: 'Surat pernyataan belum pernah menikah yang ditandatangani di atas meterai',
        en: 'Signed statement of never having been married, on duty stamp (meterai)',
      },
      required: true,
    },
    PENGANTAR_RT_OPSIONAL,
  ],
  steps: VILLAGE_STEPS,
  document: {
    title: 'SURAT KETERANGAN BELUM MENIKAH',
    opening: VILLAGE_OPENING,
    paragraphs: [
      RESIDENT_OF_VILLAGE,
      'Berdasarkan data kependudukan yang ada pada kami dan surat pernyataan yang bersangkutan, sampai dengan tanggal surat keterangan ini diterbitkan yang bersangkutan belum pernah menikah (berstatus belum kawin).',
      'Surat keterangan ini diberikan untuk keperluan {{keperluan}}.',
    ],
    closing: CLOSING,
    validDays: 90,
  },
};

const pengantarNikah: ServiceDefinition = {
  slug: 'pengantar-nikah',
  name: { id: 'Surat Pengantar Nikah (N1)', en: 'Marriage covering letter (form N1)' },
  description: {
    id: 'Surat pengantar nikah model N1 menurut Keputusan Direktur Jenderal Bimbingan Masyarakat Islam Nomor 473 Tahun 2020, untuk pendaftaran kehendak nikah di Kantor Urusan Agama (KUA). Bila diperlukan, desa juga menerbitkan N4 (persetujuan calon pengantin), N5 (izin orang tua, bagi calon pengantin yang belum berusia 21 tahun) dan N6 (keterangan kematian suami/istri, bagi duda/janda cerai mati).',
    en: 'The N1 marriage covering letter under Decree 473/2020 of the Director General of Islamic Guidance, for registering an intended marriage at the religious affairs office (KUA). Where needed the village also issues N4 (consent of the bride and groom), N5 (parental permission, for those under 21) and N6 (death of a former spouse, for widows and widowers).',
  },
  owner: { type: 'village' },
  classificationCode: '472.3',
  letterCode: 'N-1',
  selfService: true,
  slaDays: 2,
  fields: [
    {
      name: 'status_perkawinan',
      label: { id: 'Status perkawinan pemohon', en: "Applicant's marital status" },
      type: 'select',
      required: true,
      options: [
        { value: 'jejaka', label: { id: 'Jejaka', en: 'Bachelor (never married man)' } },
        { value: 'perawan', label: { id: 'Perawan', en: 'Never married woman' } },
        { value: 'duda', label: { id: 'Duda', en: 'Widower or divorced man' } },
        { value: 'janda', label: { id: 'Janda', en: 'Widow or divorced woman' } },
      ],
    },
    {
      name: 'istri_suami_ke',
      label: { id: 'Pernikahan ini sebagai istri/suami ke-', en: 'This marriage makes the spouse number' },
      type: 'number',
      required: true,
      min: 1,
      max: 4,
      hint: { id: 'Isi 1 untuk pernikahan pertama.', en: 'Enter 1 for a first marriage.' },
    },
    {
      name: 'calon_nama',
      label: { id: 'Nama calon pasangan', en: "Intended spouse's name" },
      type: 'text',
      required: true,
      maxLength: 100,
    },
    {
      name: 'calon_nik',
      label: { id: 'NIK calon pasangan', en: "Intended spouse's NIK" },
      type: 'nik',
      required: true,
    },
    {
      name: 'calon_tempat_lahir',
      label: { id: 'Tempat lahir calon pasangan', en: "Intended spouse's place of birth" },
      type: 'text',
      required: true,
      maxLength: 100,
    },
    {
      name: 'calon_tanggal_lahir',
      label: { id: 'Tanggal lahir calon pasangan', en: "Intended spouse's date of birth" },
      type: 'date',
      required: true,
      notFuture: true,
    },
    {
      name: 'calon_alamat',
      label: { id: 'Alamat calon pasangan', en: "Intended spouse's address" },
      type: 'text',
      required: true,
      maxLength: 200,
      hint: {
        id: 'Alamat lengkap sesuai KTP-el: jalan/kampung, RT/RW, desa, kecamatan, kabupaten/kota.',
        en: 'Full address as on the identity card: street or hamlet, RT/RW, village, district, regency or city.',
      },
    },
    {
      name: 'tanggal_nikah',
      label: { id: 'Tanggal rencana akad nikah', en: 'Planned wedding date' },
      type: 'date',
      required: true,
      hint: {
        id: 'Pendaftaran di KUA paling lambat 10 hari kerja sebelum akad nikah.',
        en: 'Register at the KUA at least 10 working days before the wedding.',
      },
    },
    {
      name: 'tempat_akad',
      label: { id: 'Tempat akad nikah', en: 'Place of the wedding ceremony' },
      type: 'text',
      required: true,
      maxLength: 200,
      hint: {
        id: 'Contoh: KUA Kecamatan Ciruas, atau alamat rumah bila akad dilaksanakan di luar KUA.',
        en: 'For example: the Ciruas KUA, or a home address if the ceremony takes place outside the KUA.',
      },
    },
  ],
  attachments: [
    FOTO_KTP,
    FOTO_KK,
    {
      name: 'ktp_calon_pasangan',
      label: { id: 'Foto KTP-el calon pasangan', en: "Photo of the intended spouse's identity card" },
      required: true,
    },
    {
      name: 'akta_cerai_kematian',
      label: {
        id: 'Akta cerai atau akta kematian pasangan terdahulu (bagi duda/janda)',
        en: "Divorce certificate or former spouse's death certificate (for the divorced or widowed)",
      },
      required: false,
    },
    PENGANTAR_RT_OPSIONAL,
  ],
  steps: VILLAGE_STEPS,
  document: {
    title: 'SURAT PENGANTAR NIKAH',
    opening:
      'Yang bertanda tangan di bawah ini Kepala Desa {{desa.nama}}, Kecamatan {{kecamatan.nama}}, {{kabupaten.nama}}, menerangkan dengan sesungguhnya bahwa:',
    rows: [
      { label: 'Nama', value: '{{pemohon.nama}}' },
      { label: 'Bin/binti', value: '{{pemohon.nama_ayah}}' },
      { label: 'NIK', value: '{{pemohon.nik}}' },
      { label: 'Jenis kelamin', value: '{{pemohon.jenis_kelamin}}' },
      { label: 'Tempat, tanggal lahir', value: '{{pemohon.ttl}}' },
      { label: 'Kewarganegaraan', value: '{{pemohon.kewarganegaraan}}' },
      { label: 'Agama', value: '{{pemohon.agama}}' },
      { label: 'Pekerjaan', value: '{{pemohon.pekerjaan}}' },
      { label: 'Alamat', value: '{{pemohon.alamat}}' },
      { label: 'Status perkawinan', value: '{{status_perkawinan}}' },
      { label: 'Istri/suami ke-', value: '{{istri_suami_ke}}' },
    ],
    paragraphs: [
      'Adalah benar anak dari pernikahan seorang pria bernama {{pemohon.nama_ayah}} dengan seorang wanita bernama {{pemohon.nama_ibu}}.',
      'Yang bersangkutan bermaksud melangsungkan pernikahan dengan {{calon_nama}}, NIK {{calon_nik}}, lahir di {{calon_tempat_lahir}} pada tanggal {{calon_tanggal_lahir}}, beralamat di {{calon_alamat}}, yang direncanakan pada tanggal {{tanggal_nikah}} bertempat di {{tempat_akad}}.',
    ],
    closing:
      'Demikian surat pengantar ini dibuat dengan mengingat sumpah jabatan dan untuk dipergunakan sebagaimana mestinya.',
    validDays: 90,
  },
};

const keteranganAhliWaris: ServiceDefinition = {
  slug: 'keterangan-ahli-waris',
  name: { id: 'Surat Keterangan Ahli Waris', en: 'Certificate of heirs' },
  description: {
    id: 'Keterangan tentang ahli waris dari anggota keluarga yang telah meninggal dunia, berdasarkan surat pernyataan ahli waris yang disaksikan, misalnya untuk pencairan tabungan, balik nama sertifikat tanah, atau klaim asuransi. Diajukan di kantor desa karena para ahli waris dan saksi hadir di hadapan perangkat desa.',
    en: 'Names the heirs of a deceased family member, based on a witnessed statement of heirs, e.g. to release savings, transfer a land title or claim insurance. Filed at the village office because the heirs and witnesses appear before the village officials.',
  },
  owner: { type: 'village' },
  classificationCode: '145',
  letterCode: 'S-52',
  selfService: false,
  slaDays: 3,
  fields: [
    {
      name: 'pewaris',
      label: { id: 'Pewaris (anggota keluarga yang meninggal)', en: 'The deceased (family member)' },
      type: 'family_member',
      required: true,
    },
    {
      name: 'tanggal_meninggal',
      label: { id: 'Tanggal meninggal pewaris', en: 'Date of death of the deceased' },
      type: 'date',
      required: true,
      notFuture: true,
    },
    {
      name: 'daftar_ahli_waris',
      label: { id: 'Daftar ahli waris', en: 'List of heirs' },
      type: 'textarea',
      required: true,
      maxLength: 1000,
      hint: {
        id: 'Satu ahli waris per baris: nama – hubungan dengan pewaris, misalnya "Siti Aminah – istri".',
        en: 'One heir per line: name – relationship to the deceased, e.g. "Siti Aminah – istri" (wife).',
      },
    },
    keperluan({
      id: 'Contoh: pencairan tabungan di bank, balik nama sertifikat tanah, klaim asuransi.',
      en: 'For example: releasing bank savings, transferring a land title, an insurance claim.',
    }),
  ],
  attachments: [
    FOTO_KK,
    {
      name: 'akta_kematian',
      label: { id: 'Akta kematian pewaris', en: 'Death certificate of the deceased' },
      required: true,
    },
    {
      name: 'surat_pernyataan_ahli_waris',
      label: {
        id: 'Surat pernyataan ahli waris yang ditandatangani para ahli waris dan dua orang saksi di atas meterai',
        en: 'Statement of heirs signed by all heirs and two witnesses on duty stamp (meterai)',
      },
      required: true,
    },
    {
      name: 'ktp_ahli_waris',
      label: { id: 'KTP-el seluruh ahli waris', en: 'Identity cards of all heirs' },
      required: true,
    },
    {
      name: 'buku_nikah_pewaris',
      label: { id: 'Buku nikah pewaris, bila ada', en: 'Marriage book of the deceased, if any' },
      required: false,
    },
  ],
  steps: VILLAGE_STEPS,
  document: {
    title: 'SURAT KETERANGAN AHLI WARIS',
    opening: VILLAGE_OPENING,
    rows: [
      { label: 'Nama pewaris', value: '{{pewaris.nama}}' },
      { label: 'NIK', value: '{{pewaris.nik}}' },
      { label: 'Tempat, tanggal lahir', value: '{{pewaris.ttl}}' },
      { label: 'Tanggal meninggal', value: '{{tanggal_meninggal}}' },
    ],
    paragraphs: [
      'Orang tersebut di atas, semasa hidupnya penduduk Desa {{desa.nama}}, Kecamatan {{kecamatan.nama}}, {{kabupaten.nama}}, telah meninggal dunia dan berdasarkan surat pernyataan ahli waris yang ditandatangani para ahli waris dan disaksikan oleh dua orang saksi, meninggalkan ahli waris sebagai berikut:',
      '{{daftar_ahli_waris}}',
      'Surat keterangan ini tidak menetapkan besarnya bagian masing-masing ahli waris dan diberikan untuk keperluan {{keperluan}}.',
    ],
    closing: CLOSING,
    validDays: null,
  },
};

const keteranganBedaNama: ServiceDefinition = {
  slug: 'keterangan-beda-nama',
  name: { id: 'Surat Keterangan Beda Nama', en: 'Certificate of name discrepancy' },
  description: {
    id: 'Keterangan bahwa nama pemohon di KTP-el/Kartu Keluarga dan nama yang tertulis di dokumen lain (ijazah, akta, buku nikah, kartu BPJS, sertifikat) adalah orang yang sama.',
    en: 'States that the name on the applicant’s identity card or family card and the name written on another document (diploma, certificate, marriage book, health insurance card, land title) belong to the same person.',
  },
  owner: { type: 'village' },
  classificationCode: '471.1',
  letterCode: 'S-09',
  selfService: true,
  slaDays: 2,
  fields: [
    {
      name: 'nama_lain',
      label: { id: 'Nama yang tertulis di dokumen lain', en: 'Name as written on the other document' },
      type: 'text',
      required: true,
      maxLength: 100,
    },
    {
      name: 'jenis_dokumen',
      label: { id: 'Jenis dokumen', en: 'Type of document' },
      type: 'text',
      required: true,
      maxLength: 100,
      hint: {
        id: 'Contoh: ijazah SD, akta kelahiran, buku nikah, kartu BPJS Kesehatan.',
        en: 'For example: primary school diploma, birth certificate, marriage book, health insurance card.',
      },
    },
    {
      name: 'nomor_dokumen',
      label: { id: 'Nomor dokumen', en: 'Document number' },
      type: 'text',
      required: true,
      maxLength: 100,
    },
    keperluan({
      id: 'Contoh: pencairan dana pensiun, pengurusan paspor, balik nama sertifikat.',
      en: 'For example: a pension payout, a passport application, a land title transfer.',
    }),
  ],
  attachments: [
    FOTO_KTP,
    FOTO_KK_OPSIONAL,
    {
      name: 'dokumen_beda_nama',
      label: {
        id: 'Foto dokumen yang memuat nama berbeda',
        en: 'Photo of the document showing the other name',
      },
      required: true,
    },
  ],
  steps: VILLAGE_STEPS,
  document: {
    title: 'SURAT KETERANGAN BEDA NAMA',
    opening: VILLAGE_OPENING,
    paragraphs: [
      RESIDENT_OF_VILLAGE,
      'Nama {{pemohon.nama}} sebagaimana tercantum dalam KTP-el dan Kartu Keluarga, dan nama {{nama_lain}} sebagaimana tercantum dalam {{jenis_dokumen}} nomor {{nomor_dokumen}}, adalah benar nama dari satu orang yang sama, yaitu orang yang identitasnya tersebut di atas.',
      'Surat keterangan ini diberikan untuk keperluan {{keperluan}}.',
    ],
    closing: CLOSING,
    validDays: 180,
  },
};

const keteranganUmum: ServiceDefinition = {
  slug: 'keterangan-umum',
  name: { id: 'Surat Keterangan Umum', en: 'General certificate' },
  description: {
    id: 'Surat keterangan atau pengantar untuk keperluan yang tidak tercakup jenis surat lain, misalnya pengantar pengurusan dokumen atau keterangan yang melengkapi surat kuasa.',
    en: 'A certificate or covering letter for needs no other letter covers, e.g. a covering letter for a document application, or a statement supporting a power of attorney.',
  },
  owner: { type: 'village' },
  classificationCode: '145',
  letterCode: 'S-01',
  selfService: true,
  slaDays: 1,
  fields: [
    keperluan({
      id: 'Contoh: pengantar pembuatan KTP-el, pengurusan surat kuasa.',
      en: 'For example: a covering letter for an identity card, a power of attorney.',
    }),
    {
      name: 'keterangan',
      label: { id: 'Keterangan', en: 'Statement' },
      type: 'textarea',
      required: true,
      maxLength: 1000,
      hint: {
        id: 'Hal yang perlu diterangkan desa, ditulis dengan jelas; operator dapat merapikan kalimatnya.',
        en: 'What the village is asked to state, written clearly; the operator may tidy the wording.',
      },
    },
  ],
  attachments: [FOTO_KTP, FOTO_KK_OPSIONAL, PENGANTAR_RT_OPSIONAL],
  steps: VILLAGE_STEPS,
  document: {
    title: 'SURAT KETERANGAN',
    opening: VILLAGE_OPENING,
    paragraphs: [
      RESIDENT_OF_VILLAGE,
      '{{keterangan}}',
      'Surat keterangan ini diberikan untuk keperluan {{keperluan}}.',
    ],
    closing: CLOSING,
    validDays: 30,
  },
};

const kartuPencariKerja: ServiceDefinition = {
  slug: 'kartu-pencari-kerja',
  name: { id: 'Kartu Pencari Kerja (AK/1, kartu kuning)', en: 'Jobseeker card (AK/1, "yellow card")' },
  description: {
    id: 'Pendaftaran pencari kerja dan penerbitan Kartu Tanda Bukti Pendaftaran Pencari Kerja (AK/1) oleh Dinas Tenaga Kerja. Kartu berlaku dua tahun dan wajib dilaporkan ulang setiap enam bulan.',
    en: 'Registration as a jobseeker and issue of the jobseeker registration card (AK/1) by the manpower office. The card is valid for two years and must be reported back every six months.',
  },
  owner: { type: 'agency', code: 'DISNAKER' },
  classificationCode: '562',
  letterCode: 'AK/1',
  selfService: true,
  slaDays: 3,
  fields: [
    {
      name: 'pendidikan_terakhir',
      label: { id: 'Pendidikan terakhir', en: 'Highest education' },
      type: 'select',
      required: true,
      options: [
        { value: 'sd', label: { id: 'SD/sederajat', en: 'Primary school' } },
        { value: 'smp', label: { id: 'SMP/sederajat', en: 'Junior secondary school' } },
        { value: 'sma', label: { id: 'SMA/MA/sederajat', en: 'Senior secondary school' } },
        { value: 'smk', label: { id: 'SMK', en: 'Vocational secondary school' } },
        { value: 'd3', label: { id: 'Diploma III (D3)', en: 'Three-year diploma (D3)' } },
        { value: 's1', label: { id: 'Sarjana (S1/D4)', en: "Bachelor's degree (S1/D4)" } },
        { value: 's2', label: { id: 'Magister (S2)', en: "Master's degree (S2)" } },
      ],
    },
    {
      name: 'jurusan',
      label: { id: 'Jurusan/program studi', en: 'Major or field of study' },
      type: 'text',
      required: true,
      maxLength: 100,
      hint: {
        id: 'Contoh: Teknik Kendaraan Ringan, Akuntansi. Untuk SD dan SMP tulis "Umum".',
        en: 'For example: Light Vehicle Engineering, Accounting. For primary and junior school write "Umum".',
      },
    },
    {
      name: 'tahun_lulus',
      label: { id: 'Tahun lulus', en: 'Year of graduation' },
      type: 'number',
      required: true,
      min: 1960,
      max: 2100,
    },
    {
      name: 'keterampilan',
      label: { id: 'Keterampilan', en: 'Skills' },
      type: 'text',
      required: true,
      maxLength: 200,
      hint: {
        id: 'Contoh: mengemudi (SIM B1), las listrik, operator komputer.',
        en: 'For example: driving (B1 licence), electric welding, computer operation.',
      },
    },
    {
      name: 'pengalaman_kerja',
      label: { id: 'Pengalaman kerja', en: 'Work experience' },
      type: 'textarea',
      required: true,
      maxLength: 1000,
      hint: {
        id: 'Tempat kerja, jabatan, dan lama bekerja; tulis "Belum ada" bila belum pernah bekerja.',
        en: 'Employer, position and how long; write "Belum ada" (none yet) if you have not worked before.',
      },
    },
    {
      name: 'jabatan_diinginkan',
      label: { id: 'Jabatan yang diinginkan', en: 'Desired position' },
      type: 'text',
      required: true,
      maxLength: 100,
      hint: {
        id: 'Contoh: operator produksi, staf administrasi.',
        en: 'For example: production operator, office clerk.',
      },
    },
    {
      name: 'lokasi_kerja',
      label: { id: 'Lokasi kerja yang diinginkan', en: 'Desired place of work' },
      type: 'select',
      required: true,
      options: [
        { value: 'dalam_negeri', label: { id: 'Dalam negeri', en: 'In Indonesia' } },
        { value: 'luar_negeri', label: { id: 'Luar negeri', en: 'Abroad' } },
      ],
    },
    {
      name: 'nomor_telepon',
      label: { id: 'Nomor telepon/WhatsApp', en: 'Phone or WhatsApp number' },
      type: 'phone',
      required: true,
    },
  ],
  attachments: [
    {
      name: 'pas_foto',
      label: { id: 'Pas foto berwarna ukuran 3x4', en: 'Colour passport photo, 3x4 cm' },
      required: true,
      maxBytes: 2 * 1024 * 1024,
    },
    {
      name: 'ijazah_terakhir',
      label: { id: 'Ijazah pendidikan terakhir', en: 'Diploma of the highest education' },
      required: true,
    },
    FOTO_KTP,
    {
      name: 'sertifikat_keahlian',
      label: {
        id: 'Sertifikat keahlian atau pelatihan, bila ada',
        en: 'Skill or training certificate, if any',
      },
      required: false,
    },
  ],
  steps: [
    {
      key: 'verifikasi',
      actor: 'agency',
      label: { id: 'Verifikasi berkas oleh Disnaker', en: 'Document check by the manpower office' },
    },
    { key: 'penerbitan', actor: 'agency', label: { id: 'Penerbitan kartu', en: 'Card issued' } },
  ],
  document: {
    title: 'KARTU TANDA BUKTI PENDAFTARAN PENCARI KERJA (AK/1)',
    opening: 'Kepala Dinas Tenaga Kerja {{kabupaten.nama}} menerangkan bahwa:',
    rows: [
      { label: 'Nama', value: '{{pemohon.nama}}' },
      { label: 'NIK', value: '{{pemohon.nik}}' },
      { label: 'Tempat, tanggal lahir', value: '{{pemohon.ttl}}' },
      { label: 'Jenis kelamin', value: '{{pemohon.jenis_kelamin}}' },
      { label: 'Agama', value: '{{pemohon.agama}}' },
      { label: 'Status perkawinan', value: '{{pemohon.status_kawin}}' },
      { label: 'Alamat', value: '{{pemohon.alamat}}' },
      { label: 'Nomor telepon', value: '{{nomor_telepon}}' },
      { label: 'Pendidikan terakhir', value: '{{pendidikan_terakhir}}' },
      { label: 'Tahun lulus', value: '{{tahun_lulus}}' },
      { label: 'Jurusan', value: '{{jurusan}}' },
      { label: 'Keterampilan', value: '{{keterampilan}}' },
      { label: 'Pengalaman kerja', value: '{{pengalaman_kerja}}' },
      { label: 'Jabatan yang diinginkan', value: '{{jabatan_diinginkan}}' },
      { label: 'Lokasi kerja yang diinginkan', value: '{{lokasi_kerja}}' },
    ],
    paragraphs: [
      'telah terdaftar sebagai pencari kerja pada Dinas Tenaga Kerja {{kabupaten.nama}} dan kepadanya diberikan Kartu Tanda Bukti Pendaftaran Pencari Kerja (AK/1).',
      'Kartu ini berlaku selama 2 (dua) tahun sejak tanggal diterbitkan. Pemegang kartu yang belum mendapatkan pekerjaan wajib melapor ulang kepada Dinas Tenaga Kerja setiap 6 (enam) bulan, dan yang telah mendapatkan pekerjaan wajib melaporkannya.',
    ],
    closing: 'Demikian kartu ini diberikan untuk dipergunakan sebagaimana mestinya.',
    validDays: 730,
  },
};

const permohonanBantuanSosial: ServiceDefinition = {
  slug: 'permohonan-bantuan-sosial',
  name: { id: 'Permohonan Bantuan Sosial', en: 'Application for social assistance' },
  description: {
    id: 'Permohonan keluarga untuk diusulkan sebagai penerima bantuan sosial. Permohonan diverifikasi dan dibahas dalam musyawarah desa, kemudian diverifikasi Dinas Sosial untuk diusulkan ke dalam Data Tunggal Sosial dan Ekonomi Nasional (DTSEN). Penetapan penerima dilakukan oleh Kementerian Sosial.',
    en: 'A family applies to be proposed for social assistance. The village checks it and discusses it in a village meeting, then the social affairs office checks it for proposal into the national socio-economic register (DTSEN). The Ministry of Social Affairs decides who receives aid.',
  },
  owner: { type: 'agency', code: 'DINSOS' },
  classificationCode: '460',
  letterCode: 'BANSOS',
  selfService: true,
  slaDays: 30,
  fields: [
    {
      name: 'jenis_bantuan',
      label: { id: 'Jenis bantuan yang dimohon', en: 'Type of assistance requested' },
      type: 'select',
      required: true,
      options: [
        { value: 'pkh', label: { id: 'Program Keluarga Harapan (PKH)', en: 'Family Hope Programme (PKH)' } },
        { value: 'bpnt', label: { id: 'BPNT/Program Sembako', en: 'Food assistance (BPNT/Sembako)' } },
        {
          value: 'pbi_jk',
          label: { id: 'PBI-JK (BPJS Kesehatan)', en: 'Health insurance contribution assistance (PBI-JK)' },
        },
        {
          value: 'rtlh',
          label: { id: 'Rehabilitasi Rumah Tidak Layak Huni', en: 'Repair of a house unfit for habitation' },
        },
        { value: 'lansia', label: { id: 'Bantuan Sosial Lanjut Usia', en: 'Assistance for older persons' } },
        {
          value: 'disabilitas',
          label: { id: 'Bantuan Penyandang Disabilitas', en: 'Assistance for persons with disabilities' },
        },
      ],
    },
    {
      name: 'alasan_permohonan',
      label: { id: 'Alasan permohonan', en: 'Reason for the application' },
      type: 'textarea',
      required: true,
      maxLength: 1000,
      hint: {
        id: 'Jelaskan keadaan keluarga, misalnya kepala keluarga sakit menahun, tidak memiliki pekerjaan tetap, atau ada anggota keluarga lanjut usia/penyandang disabilitas.',
        en: 'Describe the family’s situation, e.g. the head of the family has a chronic illness, has no steady work, or a member is elderly or has a disability.',
      },
    },
    {
      name: 'penghasilan_keluarga',
      label: { id: 'Penghasilan keluarga per bulan (rupiah)', en: 'Family income per month (rupiah)' },
      type: 'number',
      required: true,
      min: 0,
      max: 100_000_000,
    },
    {
      name: 'jumlah_tanggungan',
      label: { id: 'Jumlah tanggungan keluarga (orang)', en: 'Number of dependants' },
      type: 'number',
      required: true,
      min: 0,
      max: 30,
    },
    {
      name: 'kondisi_rumah',
      label: { id: 'Kondisi rumah', en: 'Condition of the house' },
      type: 'select',
      required: true,
      options: [
        { value: 'layak', label: { id: 'Permanen, layak huni', en: 'Permanent, fit for habitation' } },
        { value: 'semi_permanen', label: { id: 'Semi permanen', en: 'Semi-permanent' } },
        {
          value: 'tidak_layak',
          label: {
            id: 'Tidak layak huni (lantai tanah, dinding bambu/papan, atau atap rusak)',
            en: 'Unfit for habitation (earth floor, bamboo or plank walls, or damaged roof)',
          },
        },
      ],
    },
    {
      name: 'status_rumah',
      label: { id: 'Status kepemilikan rumah', en: 'Ownership of the house' },
      type: 'select',
      required: true,
      options: [
        { value: 'milik_sendiri', label: { id: 'Milik sendiri', en: 'Own house' } },
        { value: 'sewa', label: { id: 'Sewa/kontrak', en: 'Rented' } },
        { value: 'menumpang', label: { id: 'Menumpang', en: 'Living with others, rent-free' } },
        { value: 'lainnya', label: { id: 'Lainnya', en: 'Other' } },
      ],
    },
  ],
  attachments: [
    FOTO_KK,
    {
      name: 'foto_rumah_depan',
      label: { id: 'Foto rumah tampak depan', en: 'Photo of the front of the house' },
      required: true,
    },
    {
      name: 'sktm',
      label: {
        id: 'Surat Keterangan Tidak Mampu dari desa, bila ada',
        en: 'Low-income certificate (SKTM), if any',
      },
      required: false,
    },
  ],
  steps: [
    {
      key: 'verifikasi_desa',
      actor: 'village_staff',
      label: { id: 'Verifikasi dan musyawarah desa', en: 'Village check and village meeting' },
    },
    {
      key: 'verifikasi_dinsos',
      actor: 'agency',
      label: { id: 'Verifikasi Dinas Sosial', en: 'Check by the social affairs office' },
    },
    {
      key: 'keputusan',
      actor: 'agency',
      label: { id: 'Keputusan dan penerbitan', en: 'Decision and issue' },
    },
  ],
  document: {
    title: 'SURAT KETERANGAN HASIL VERIFIKASI PERMOHONAN BANTUAN SOSIAL',
    opening: 'Kepala Dinas Sosial {{kabupaten.nama}} menerangkan bahwa permohonan bantuan sosial atas nama:',
    rows: [
      { label: 'Nama', value: '{{pemohon.nama}}' },
      { label: 'NIK', value: '{{pemohon.nik}}' },
      { label: 'Nomor KK', value: '{{pemohon.no_kk}}' },
      { label: 'Alamat', value: '{{pemohon.alamat}}' },
      { label: 'Jenis bantuan yang dimohon', value: '{{jenis_bantuan}}' },
      { label: 'Penghasilan keluarga per bulan', value: 'Rp{{penghasilan_keluarga}}' },
      { label: 'Jumlah tanggungan', value: '{{jumlah_tanggungan}} orang' },
      { label: 'Kondisi rumah', value: '{{kondisi_rumah}}' },
      { label: 'Status kepemilikan rumah', value: '{{status_rumah}}' },
    ],
    paragraphs: [
      'telah diverifikasi oleh Pemerintah Desa {{desa.nama}}, Kecamatan {{kecamatan.nama}}, melalui musyawarah desa dan oleh Dinas Sosial {{kabupaten.nama}}, dan keluarga yang bersangkutan telah didaftarkan untuk diusulkan ke dalam Data Tunggal Sosial dan Ekonomi Nasional (DTSEN) sesuai dengan Instruksi Presiden Nomor 4 Tahun 2025.',
      'Surat keterangan ini bukan merupakan penetapan sebagai penerima bantuan sosial. Penetapan penerima bantuan dilakukan sesuai dengan ketentuan peraturan perundang-undangan berdasarkan peringkat kesejahteraan keluarga dalam DTSEN.',
    ],
    closing: CLOSING,
    validDays: 180,
  },
};

export const DEFAULT_SERVICES: ServiceDefinition[] = [
  keteranganDomisili,
  keteranganTidakMampu,
  keteranganUsaha,
  pengantarSkck,
  keteranganKelahiran,
  keteranganKematian,
  keteranganPindah,
  keteranganKehilangan,
  keteranganPenghasilan,
  keteranganBelumMenikah,
  pengantarNikah,
  keteranganAhliWaris,
  keteranganBedaNama,
  keteranganUmum,
  kartuPencariKerja,
  permohonanBantuanSosial,
];
