import type { Ctx } from '../../platform/context.ts';
import { createEntry, type EntryInput } from './dip.ts';
import { submitRequest } from './requests.ts';

function villageEntries(year: string): EntryInput[] {
  return [
    {
      category: 'berkala',
      title: `[DEMO] APBDes Tahun Anggaran ${year}`,
      summary: '[DEMO] Anggaran pendapatan dan belanja desa: pendapatan, belanja per bidang, dan pembiayaan.',
      official: 'Sekretaris Desa',
      period: year,
      format: 'keduanya',
      retention: '10 tahun',
      link: '',
    },
    {
      category: 'berkala',
      title: '[DEMO] Profil desa dan struktur pemerintah desa',
      summary: '[DEMO] Wilayah, jumlah penduduk, susunan perangkat desa dan BPD beserta tugasnya.',
      official: 'Kepala Urusan Umum',
      period: year,
      format: 'softcopy',
      retention: 'Selama berlaku',
    },
    {
      category: 'serta_merta',
      title: '[DEMO] Peringatan banjir dan jalur evakuasi',
      summary:
        '[DEMO] Informasi yang dapat mengancam hajat hidup orang banyak: titik rawan banjir dan tempat pengungsian.',
      official: 'Kepala Seksi Pemerintahan',
      period: year,
      format: 'softcopy',
      retention: '1 tahun',
    },
    {
      category: 'setiap_saat',
      title: '[DEMO] Peraturan desa dan keputusan kepala desa',
      summary: '[DEMO] Daftar peraturan desa yang berlaku beserta salinannya.',
      official: 'Sekretaris Desa',
      period: year,
      format: 'hardcopy',
      retention: 'Permanen',
    },
    {
      category: 'dikecualikan',
      title: '[DEMO] Data pribadi penerima bantuan sosial (NIK dan kondisi keluarga)',
      summary: '[DEMO] Daftar rinci penerima bantuan dengan NIK, alamat, dan kondisi ekonomi keluarga.',
      official: 'Kepala Seksi Kesejahteraan',
      period: year,
      format: 'softcopy',
      retention: '5 tahun',
      legalBasis: 'UU 14/2008 pasal 17 huruf h (rahasia pribadi); UU 27/2022 pasal 4',
      consequence:
        'Membuka NIK dan kondisi ekonomi keluarga penerima bantuan dapat dipakai untuk penipuan dan merendahkan martabat keluarga tersebut.',
      publicInterest:
        'Kepentingan publik atas pengawasan bantuan terpenuhi oleh jumlah penerima per dusun yang diumumkan; identitas tiap keluarga tidak menambah manfaat itu.',
    },
  ];
}

const AGENCY_ENTRIES: EntryInput[] = [
  {
    category: 'berkala',
    title: '[DEMO] Rencana kerja dan anggaran DPUPR',
    summary: '[DEMO] Program, kegiatan, dan pagu anggaran pemeliharaan jalan dan jembatan kabupaten.',
    official: 'Sekretaris Dinas',
    period: '2026',
    format: 'softcopy',
    retention: '10 tahun',
  },
  {
    category: 'setiap_saat',
    title: '[DEMO] Daftar ruas jalan kabupaten dan kondisinya',
    summary: '[DEMO] Ruas jalan berstatus kabupaten dengan panjang dan kondisi mantap/tidak mantap.',
    official: 'Kepala Bidang Bina Marga',
    period: '2026',
    format: 'keduanya',
    retention: '5 tahun',
  },
  {
    category: 'dikecualikan',
    title: '[DEMO] Harga perkiraan sendiri (HPS) lelang yang sedang berjalan',
    summary: '[DEMO] Nilai HPS paket pekerjaan jalan sebelum pemenang lelang ditetapkan.',
    official: 'Pejabat Pembuat Komitmen',
    period: '2026',
    format: 'softcopy',
    retention: 'Sampai lelang selesai',
    legalBasis: 'UU 14/2008 pasal 17 huruf b (persaingan usaha tidak sehat)',
    consequence: 'HPS yang terbuka sebelum lelang selesai memungkinkan peserta mengatur harga penawaran.',
    publicInterest:
      'Setelah pemenang ditetapkan HPS dibuka; menunda keterbukaan melindungi harga wajar yang dibayar dari uang publik.',
  },
];

/** No reference data of its own; on a fresh demo database, a DIP for the demo villages and DPUPR and one request. */
export async function seedDemoInformasi(ctx: Ctx, options: { demoVillages: string[] }) {
  const year = String(ctx.clock.now().getUTCFullYear());
  for (const village of options.demoVillages)
    for (const entry of villageEntries(year)) await createEntry(ctx, village, entry, null);
  for (const entry of AGENCY_ENTRIES) await createEntry(ctx, 'DPUPR', entry, null);
  const first = options.demoVillages[0];
  if (first)
    await submitRequest(ctx, first, {
      name: '[DEMO] Siti Rahmawati',
      idKind: 'lain',
      idNumber: 'DEMO-KTA-0001',
      address: '[DEMO] Kp. Kramat RT 01/02',
      information: '[DEMO] Rincian realisasi Dana Desa untuk pembangunan jalan lingkungan tahun lalu.',
      purpose: '[DEMO] Bahan diskusi warga di musyawarah dusun.',
      delivery: 'softcopy',
      copyMethod: 'ambil',
    });
  return undefined;
}
