/**
 * Each agency's name in plain words, by agency code: what a resident would call it and what it
 * looks after. The official acronym (DPUPR) stays beside it for officers (`agencyLabel`).
 */
export const agencyMessages = {
  id: {
    'agencies.plain.DPUPR': 'Dinas Pekerjaan Umum dan Penataan Ruang (jalan, jembatan, saluran air)',
    'agencies.plain.DINSOS': 'Dinas Sosial (bantuan sosial)',
    'agencies.plain.DINKES': 'Dinas Kesehatan (puskesmas, posyandu)',
    'agencies.plain.DISDUKCAPIL': 'Dinas Kependudukan dan Pencatatan Sipil (KTP, kartu keluarga, akta)',
    'agencies.plain.DPMD': 'Dinas Pemberdayaan Masyarakat dan Desa (urusan pemerintahan desa)',
    'agencies.plain.DISNAKER': 'Dinas Tenaga Kerja (lowongan dan pelatihan kerja)',
    'agencies.plain.DISKOMINFOSATIK': 'Dinas Komunikasi dan Informatika (informasi publik, internet)',
    'agencies.plain.DLH': 'Dinas Lingkungan Hidup (sampah, pencemaran)',
    'agencies.plain.DISHUB': 'Dinas Perhubungan (lalu lintas, lampu jalan)',
    'agencies.plain.BAPPEDA': 'Badan Perencanaan Pembangunan Daerah (rencana pembangunan)',
    'agencies.plain.DISKOPERINDAG':
      'Dinas Koperasi dan UMKM, Perindustrian dan Perdagangan (usaha kecil, koperasi, pasar)',
  },
  en: {
    'agencies.plain.DPUPR': 'Public Works and Spatial Planning Office (roads, bridges, drains)',
    'agencies.plain.DINSOS': 'Social Affairs Office (social aid)',
    'agencies.plain.DINKES': 'Health Office (health centres, posyandu)',
    'agencies.plain.DISDUKCAPIL':
      'Population and Civil Registry Office (ID cards, family cards, certificates)',
    'agencies.plain.DPMD': 'Community and Village Empowerment Office (village government)',
    'agencies.plain.DISNAKER': 'Manpower Office (jobs and job training)',
    'agencies.plain.DISKOMINFOSATIK': 'Communication and Informatics Office (public information, internet)',
    'agencies.plain.DLH': 'Environment Office (rubbish, pollution)',
    'agencies.plain.DISHUB': 'Transport Office (traffic, street lights)',
    'agencies.plain.BAPPEDA': 'Regional Development Planning Agency (development plans)',
    'agencies.plain.DISKOPERINDAG':
      'Cooperatives, SME, Industry and Trade Office (small businesses, cooperatives, markets)',
  },
};
