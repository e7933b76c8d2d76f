import type { CategoryField } from './fields.ts';

/**
 * Reference data seeded once (admin kabupaten edits it afterwards): the categories residents
 * choose from, who handles each by default, and their SLA in working days (SP4N-LAPOR!:
 * verify within 3, forward within 3, follow up within 5).
 */
interface DefaultCategory {
  code: string;
  name: string;
  nameEn: string;
  group: string;
  description: string;
  /** an agency code, or VILLAGE: the village the report is about handles it */
  handler: string;
  sla: { verify: number; response: number; resolve: number };
  /** sensitive matters (aid, health, village funds) are hidden from the public by default */
  confidentialDefault?: boolean;
  fields?: CategoryField[];
}

const roadStatus = [
  { key: 'kabupaten', name: 'Jalan kabupaten' },
  { key: 'desa', name: 'Jalan desa' },
  { key: 'provinsi', name: 'Jalan provinsi' },
  { key: 'nasional', name: 'Jalan nasional' },
  { key: 'tidak_tahu', name: 'Tidak tahu' },
];

/**
 * Who owns the road decides who repairs it (UU 38/2004 on roads): a village road the village, a
 * regency road DPUPR, a provincial or national road the province or the ministry. Residents rarely
 * know the legal status, so the hint says it in plain words and "tidak tahu" is a fine answer.
 */
export const ROAD_STATUS_FIELD: CategoryField = {
  code: 'status_jalan',
  label: 'Jalan ini milik siapa?',
  labelEn: 'Who owns this road?',
  datatype: 'singlevaluelist',
  required: true,
  hint: 'Jalan desa: jalan kampung atau gang yang dibangun desa. Jalan kabupaten: jalan antar-desa atau antar-kecamatan. Jalan provinsi atau nasional: jalan raya besar antar-kota. Kalau ragu, pilih "Tidak tahu".',
  values: roadStatus,
};

const standard = { verify: 3, response: 5, resolve: 20 };

export const DEFAULT_CATEGORIES: DefaultCategory[] = [
  {
    code: 'JALAN_RUSAK',
    name: 'Jalan rusak atau berlubang',
    nameEn: 'Damaged road or pothole',
    group: 'Infrastruktur',
    description: 'Jalan berlubang, retak, amblas, atau aspal terkelupas.',
    handler: 'DPUPR',
    sla: { verify: 3, response: 5, resolve: 30 },
    fields: [
      {
        code: 'panjang_km',
        label: 'Panjang kerusakan (km)',
        labelEn: 'Length of damage (km)',
        datatype: 'number',
        required: true,
        unit: 'km',
        min: 0.001,
        max: 100,
        hint: 'Perkiraan saja, misalnya 0,5 untuk 500 meter.',
      },
      {
        code: 'lebar_m',
        label: 'Lebar jalan (m)',
        labelEn: 'Road width (m)',
        datatype: 'number',
        required: false,
        unit: 'm',
        min: 0.5,
        max: 60,
      },
      ROAD_STATUS_FIELD,
    ],
  },
  {
    code: 'JEMBATAN',
    name: 'Jembatan rusak',
    nameEn: 'Damaged bridge',
    group: 'Infrastruktur',
    description: 'Jembatan retak, miring, pagar pengaman hilang, atau putus.',
    handler: 'DPUPR',
    sla: { verify: 2, response: 3, resolve: 30 },
    fields: [
      {
        code: 'panjang_m',
        label: 'Panjang jembatan (m)',
        labelEn: 'Bridge length (m)',
        datatype: 'number',
        required: false,
        unit: 'm',
        min: 1,
        max: 2000,
      },
    ],
  },
  {
    code: 'DRAINASE',
    name: 'Saluran air / drainase tersumbat',
    nameEn: 'Blocked drain',
    group: 'Infrastruktur',
    description: 'Gorong-gorong atau saluran tersumbat, meluap, atau rusak.',
    handler: 'DPUPR',
    sla: standard,
  },
  {
    code: 'BANJIR',
    name: 'Genangan atau banjir',
    nameEn: 'Flooding',
    group: 'Infrastruktur',
    description: 'Genangan yang tidak surut atau banjir berulang.',
    handler: 'DPUPR',
    sla: { verify: 1, response: 2, resolve: 20 },
  },
  {
    code: 'LAMPU_JALAN',
    name: 'Penerangan jalan umum mati',
    nameEn: 'Street light out',
    group: 'Infrastruktur',
    description: 'Lampu jalan mati, berkedip, atau tiangnya rusak.',
    handler: 'DISHUB',
    sla: { verify: 3, response: 5, resolve: 10 },
    fields: [
      {
        code: 'jumlah_titik',
        label: 'Jumlah lampu mati',
        labelEn: 'Number of lights out',
        datatype: 'number',
        required: false,
        min: 1,
        max: 500,
      },
    ],
  },
  {
    code: 'RAMBU',
    name: 'Rambu atau lampu lalu lintas',
    nameEn: 'Traffic sign or signal',
    group: 'Perhubungan',
    description: 'Rambu hilang, tertutup, atau lampu lalu lintas mati.',
    handler: 'DISHUB',
    sla: standard,
  },
  {
    code: 'SAMPAH',
    name: 'Sampah menumpuk',
    nameEn: 'Rubbish not collected',
    group: 'Lingkungan',
    description: 'Sampah tidak diangkut, TPS penuh, atau pembuangan liar.',
    handler: 'DLH',
    sla: { verify: 2, response: 3, resolve: 10 },
  },
  {
    code: 'PENCEMARAN',
    name: 'Pencemaran lingkungan',
    nameEn: 'Pollution',
    group: 'Lingkungan',
    description: 'Limbah pabrik, air sungai tercemar, asap, atau bau.',
    handler: 'DLH',
    sla: standard,
  },
  {
    code: 'POHON',
    name: 'Pohon tumbang atau membahayakan',
    nameEn: 'Fallen or dangerous tree',
    group: 'Lingkungan',
    description: 'Pohon tumbang, dahan rawan patah di tepi jalan.',
    handler: 'DLH',
    sla: { verify: 1, response: 2, resolve: 5 },
  },
  {
    code: 'BANSOS',
    name: 'Bantuan sosial',
    nameEn: 'Social aid',
    group: 'Sosial',
    description: 'Bantuan tidak diterima, salah sasaran, atau pemotongan bantuan.',
    handler: 'DINSOS',
    sla: standard,
    confidentialDefault: true,
  },
  {
    code: 'KESEHATAN',
    name: 'Layanan kesehatan',
    nameEn: 'Health services',
    group: 'Kesehatan',
    description: 'Puskesmas, posyandu, BPJS, obat, atau tenaga kesehatan.',
    handler: 'DINKES',
    sla: standard,
    confidentialDefault: true,
  },
  {
    code: 'ADMINDUK',
    name: 'Dokumen kependudukan',
    nameEn: 'Population documents',
    group: 'Administrasi',
    description: 'KTP-el, Kartu Keluarga, akta kelahiran atau kematian, pindah datang.',
    handler: 'DISDUKCAPIL',
    sla: standard,
  },
  {
    code: 'KETENAGAKERJAAN',
    name: 'Ketenagakerjaan',
    nameEn: 'Employment',
    group: 'Sosial',
    description: 'Upah, PHK, kartu kuning (AK/I), atau pelatihan kerja.',
    handler: 'DISNAKER',
    sla: standard,
  },
  {
    code: 'LAYANAN_DESA',
    name: 'Pelayanan kantor desa',
    nameEn: 'Village office service',
    group: 'Pemerintahan desa',
    description: 'Pelayanan surat, jam buka, atau sikap perangkat desa.',
    handler: 'VILLAGE',
    sla: standard,
  },
  {
    code: 'FASILITAS_DESA',
    name: 'Fasilitas umum desa',
    nameEn: 'Village public facilities',
    group: 'Pemerintahan desa',
    description: 'Jalan lingkungan, balai desa, MCK umum, atau lapangan milik desa.',
    handler: 'VILLAGE',
    sla: standard,
  },
  {
    code: 'DANA_DESA',
    name: 'Pengelolaan dana desa',
    nameEn: 'Village funds',
    group: 'Pemerintahan desa',
    description: 'Penggunaan Dana Desa atau ADD yang diduga tidak sesuai.',
    handler: 'DPMD',
    sla: standard,
    confidentialDefault: true,
  },
  {
    code: 'INFORMASI_PUBLIK',
    name: 'Permintaan informasi publik',
    nameEn: 'Public information request',
    group: 'Informasi',
    description: 'Permohonan informasi kepada badan publik (UU 14/2008).',
    handler: 'DISKOMINFOSATIK',
    sla: { verify: 3, response: 5, resolve: 10 },
  },
  {
    code: 'LAYANAN_DIGITAL',
    name: 'Layanan digital pemerintah',
    nameEn: 'Government digital services',
    group: 'Informasi',
    description: 'Situs atau aplikasi pemerintah daerah tidak bisa dipakai.',
    handler: 'DISKOMINFOSATIK',
    sla: standard,
  },
  {
    code: 'PERENCANAAN',
    name: 'Usulan pembangunan',
    nameEn: 'Development proposal',
    group: 'Aspirasi',
    description: 'Aspirasi untuk musrenbang atau rencana pembangunan daerah.',
    handler: 'BAPPEDA',
    sla: { verify: 3, response: 10, resolve: 60 },
  },
  {
    code: 'LAINNYA',
    name: 'Lainnya',
    nameEn: 'Other',
    group: 'Lainnya',
    description: 'Hal lain yang tidak ada di daftar; petugas akan meneruskannya.',
    handler: 'DISKOMINFOSATIK',
    sla: standard,
  },
];

/**
 * National holidays and cuti bersama for 2026 (SKB 3 Menteri). The admin checks them against
 * the decree and adds later years; moon-sighting dates may shift by a day.
 */
export const DEFAULT_HOLIDAYS_2026: Array<{ date: string; name: string }> = [
  { date: '2026-01-01', name: 'Tahun Baru Masehi' },
  { date: '2026-01-16', name: "Isra Mi'raj Nabi Muhammad SAW" },
  { date: '2026-02-17', name: 'Tahun Baru Imlek' },
  { date: '2026-03-19', name: 'Hari Suci Nyepi' },
  { date: '2026-03-20', name: 'Idulfitri 1447 H' },
  { date: '2026-03-21', name: 'Idulfitri 1447 H' },
  { date: '2026-04-03', name: 'Wafat Yesus Kristus' },
  { date: '2026-05-01', name: 'Hari Buruh Internasional' },
  { date: '2026-05-14', name: 'Kenaikan Yesus Kristus' },
  { date: '2026-05-27', name: 'Iduladha 1447 H' },
  { date: '2026-05-31', name: 'Hari Raya Waisak' },
  { date: '2026-06-01', name: 'Hari Lahir Pancasila' },
  { date: '2026-06-16', name: '1 Muharam 1448 H' },
  { date: '2026-08-17', name: 'Hari Kemerdekaan RI' },
  { date: '2026-08-25', name: 'Maulid Nabi Muhammad SAW' },
  { date: '2026-12-25', name: 'Hari Raya Natal' },
];

/** Replies officers start from (FixMyStreet's response templates); {tiket}, {unit}, {batas} are filled in. */
export const DEFAULT_TEMPLATES: Array<{
  category_code: string | null;
  state: null;
  title: string;
  body: string;
}> = [
  {
    category_code: null,
    state: null,
    title: 'Sedang ditinjau ke lokasi',
    body: 'Terima kasih atas laporan {tiket}. Petugas {unit} akan meninjau lokasi dalam beberapa hari kerja; target penyelesaian {batas}.',
  },
  {
    category_code: null,
    state: null,
    title: 'Bukan wewenang kabupaten',
    body: 'Laporan {tiket} menyangkut hal di luar wewenang Pemerintah Kabupaten. Kami teruskan informasinya kepada instansi yang berwenang.',
  },
  {
    category_code: 'JALAN_RUSAK',
    state: null,
    title: 'Jalan masuk jadwal pemeliharaan',
    body: 'Ruas jalan pada laporan {tiket} sudah masuk jadwal pemeliharaan rutin {unit}. Target selesai {batas}.',
  },
];
