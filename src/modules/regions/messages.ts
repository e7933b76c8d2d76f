import { registerMessages } from '../../platform/i18n/index.ts';

export const messages = {
  id: {
    'regions.onboarding.office': 'Isi alamat, telepon, dan jam buka kantor desa',
    'regions.kecamatan': 'Kecamatan',
    'regions.address': 'Alamat kantor desa',
    'regions.nav.office': 'Profil kantor desa',
    'regions.phone': 'Telepon kantor desa',
    'regions.officeHours': 'Jam buka kantor desa',
    'regions.officeHoursHint': 'Misalnya: Senin–Kamis 08.00–15.00, Jumat 08.00–11.00.',
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
    'regions.onboarding.office': "Fill in the village office's address, phone and opening hours",
    'regions.kecamatan': 'Kecamatan',
    'regions.address': 'Village office address',
    'regions.nav.office': 'Village office profile',
    'regions.phone': 'Village office phone',
    'regions.officeHours': 'Village office opening hours',
    'regions.officeHoursHint': 'For example: Monday–Thursday 08.00–15.00, Friday 08.00–11.00.',
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
