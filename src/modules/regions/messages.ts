import { registerMessages } from '../../platform/i18n/index.ts';

export const messages = {
  id: {
    'regions.homeTitle': 'Layanan pemerintahan {regency}',
    'regions.homeIntro':
      'Satu pintu untuk warga, desa, kecamatan, dan perangkat daerah: urus surat dari rumah, laporkan jalan rusak, pantau bantuan sosial, dan baca informasi desa Anda.',
    'regions.quickLinks': 'Layanan untuk warga',
    'regions.linkLetters': 'Ajukan surat desa',
    'regions.linkComplaint': 'Laporkan masalah',
    'regions.linkVerify': 'Cek keaslian surat',
    'regions.linkPublicInfo': 'Informasi publik',
    'regions.kecamatanList': '{kecamatan} kecamatan, {villages} desa',
    'regions.villageCount': '{n} desa',
    'regions.findVillage': 'Cari desa',
    'regions.villageTitle': 'Desa {name}',
    'regions.kecamatan': 'Kecamatan',
    'regions.code': 'Kode wilayah (Kemendagri)',
    'regions.address': 'Alamat kantor desa',
    'regions.notSet': 'belum diisi',
    'regions.otherVillages': 'Desa lain di Kecamatan {name}',
    'regions.nav.home': 'Beranda',
    'regions.nav.office': 'Profil kantor desa',
    'regions.phone': 'Telepon kantor desa',
    'regions.email': 'Email kantor desa',
    'regions.officeTitle': 'Profil kantor Desa {name}',
    'regions.officeIntro': 'Alamat dan kontak ini tampil di kop surat dan halaman desa.',
    'regions.officeSaved': 'Profil kantor desa sudah disimpan.',
    'regions.figures.kecamatan': 'kecamatan',
    'regions.figures.villages': 'desa',

    'regions.error.villageOutOfScope': 'Anda hanya dapat mengubah data desa dalam cakupan Anda.',
    'regions.error.villageNotFound': 'Desa tidak ditemukan.',
  },
  en: {
    'regions.homeTitle': 'Government services of {regency}',
    'regions.homeIntro':
      'One door for residents, villages, kecamatan and agencies: request village letters from home, report a damaged road, follow social aid, and read about your village.',
    'regions.quickLinks': 'Services for residents',
    'regions.linkLetters': 'Request a village letter',
    'regions.linkComplaint': 'Report a problem',
    'regions.linkVerify': 'Check a letter',
    'regions.linkPublicInfo': 'Public information',
    'regions.kecamatanList': '{kecamatan} kecamatan, {villages} villages',
    'regions.villageCount': '{n} villages',
    'regions.findVillage': 'Find a village',
    'regions.villageTitle': 'Village of {name}',
    'regions.kecamatan': 'Kecamatan',
    'regions.code': 'Region code (Kemendagri)',
    'regions.address': 'Village office address',
    'regions.notSet': 'not set',
    'regions.otherVillages': 'Other villages in Kecamatan {name}',
    'regions.nav.home': 'Home',
    'regions.nav.office': 'Village office profile',
    'regions.phone': 'Village office phone',
    'regions.email': 'Village office email',
    'regions.officeTitle': 'Office profile of {name} village',
    'regions.officeIntro': 'This address and these contacts appear on letterheads and the village page.',
    'regions.officeSaved': 'The village office profile has been saved.',
    'regions.figures.kecamatan': 'kecamatan',
    'regions.figures.villages': 'villages',

    'regions.error.villageOutOfScope': 'You can only change the data of villages within your scope.',
    'regions.error.villageNotFound': 'Village not found.',
  },
};

// registered as soon as the module's code loads, so its services speak outside an app too (CLI, tests)
registerMessages(messages);
