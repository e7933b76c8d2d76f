/**
 * KBLI 2020 (Klasifikasi Baku Lapangan Usaha Indonesia, BPS): the 21 categories, and the two-digit
 * divisions each holds, so a 5-digit code can be checked against the category it is filed under.
 */
export const KBLI_CATEGORIES = [
  { code: 'A', name: 'Pertanian, Kehutanan dan Perikanan', divisions: [1, 3] },
  { code: 'B', name: 'Pertambangan dan Penggalian', divisions: [5, 9] },
  { code: 'C', name: 'Industri Pengolahan', divisions: [10, 33] },
  { code: 'D', name: 'Pengadaan Listrik, Gas, Uap/Air Panas dan Udara Dingin', divisions: [35, 35] },
  {
    code: 'E',
    name: 'Pengelolaan Air, Pengelolaan Air Limbah, Pengelolaan dan Daur Ulang Sampah, dan Aktivitas Remediasi',
    divisions: [36, 39],
  },
  { code: 'F', name: 'Konstruksi', divisions: [41, 43] },
  {
    code: 'G',
    name: 'Perdagangan Besar dan Eceran; Reparasi dan Perawatan Mobil dan Sepeda Motor',
    divisions: [45, 47],
  },
  { code: 'H', name: 'Pengangkutan dan Pergudangan', divisions: [49, 53] },
  { code: 'I', name: 'Penyediaan Akomodasi dan Penyediaan Makan Minum', divisions: [55, 56] },
  { code: 'J', name: 'Informasi dan Komunikasi', divisions: [58, 63] },
  { code: 'K', name: 'Aktivitas Keuangan dan Asuransi', divisions: [64, 66] },
  { code: 'L', name: 'Real Estat', divisions: [68, 68] },
  { code: 'M', name: 'Aktivitas Profesional, Ilmiah dan Teknis', divisions: [69, 75] },
  {
    code: 'N',
    name: 'Aktivitas Penyewaan dan Sewa Guna Usaha Tanpa Hak Opsi, Ketenagakerjaan, Agen Perjalanan dan Penunjang Usaha Lainnya',
    divisions: [77, 82],
  },
  {
    code: 'O',
    name: 'Administrasi Pemerintahan, Pertahanan dan Jaminan Sosial Wajib',
    divisions: [84, 84],
  },
  { code: 'P', name: 'Pendidikan', divisions: [85, 85] },
  { code: 'Q', name: 'Aktivitas Kesehatan Manusia dan Aktivitas Sosial', divisions: [86, 88] },
  { code: 'R', name: 'Kesenian, Hiburan dan Rekreasi', divisions: [90, 93] },
  { code: 'S', name: 'Aktivitas Jasa Lainnya', divisions: [94, 96] },
  {
    code: 'T',
    name: 'Aktivitas Rumah Tangga sebagai Pemberi Kerja; Aktivitas yang Menghasilkan Barang dan Jasa oleh Rumah Tangga yang Digunakan untuk Memenuhi Kebutuhan Sendiri',
    divisions: [97, 98],
  },
  {
    code: 'U',
    name: 'Aktivitas Badan Internasional dan Badan Ekstra Internasional Lainnya',
    divisions: [99, 99],
  },
] as const;

export type KbliCategory = (typeof KBLI_CATEGORIES)[number]['code'];

export function isKbliCategory(code: string): code is KbliCategory {
  return KBLI_CATEGORIES.some((c) => c.code === code);
}

export function kbliName(code: string): string {
  return KBLI_CATEGORIES.find((c) => c.code === code)?.name ?? code;
}

/** The category a 5-digit KBLI code belongs to by its division (first two digits), or null. */
export function categoryOfCode(code: string): KbliCategory | null {
  if (!/^\d{5}$/.test(code)) return null;
  const division = Number(code.slice(0, 2));
  return KBLI_CATEGORIES.find((c) => division >= c.divisions[0] && division <= c.divisions[1])?.code ?? null;
}
