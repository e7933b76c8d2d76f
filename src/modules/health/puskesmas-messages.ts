import type { Messages } from '../../platform/i18n/index.ts';
import { registerMessages } from '../../platform/i18n/index.ts';

// Texts of the puskesmas pages and the health work items; the module's messages.ts spreads them in.

const id: Messages = {
  'health.puskesmas.nav': 'Puskesmas',
  'health.puskesmas.title': 'Puskesmas dan wilayah kerjanya',
  'health.puskesmas.lead':
    'Setiap desa masuk wilayah kerja satu puskesmas saja; wilayah kerja boleh melintasi batas kecamatan. Petugas Dinkes yang ditugaskan ke satu puskesmas hanya membuka data anak dan ibu hamil di desa wilayahnya.',
  'health.puskesmas.none': 'Belum ada puskesmas.',
  'health.puskesmas.add': 'Tambah puskesmas',
  'health.puskesmas.code': 'Kode puskesmas',
  'health.puskesmas.codeHint': 'Huruf besar dan angka, 3–20 tanda, misalnya P3604050101. Tidak dapat diubah.',
  'health.puskesmas.name': 'Nama puskesmas',
  'health.puskesmas.kecamatan': 'Kecamatan tempat puskesmas',
  'health.puskesmas.active': 'Aktif',
  'health.puskesmas.villageCount': 'Desa',
  'health.puskesmas.officerCount': 'Petugas',
  'health.puskesmas.saved': 'Puskesmas {name} disimpan.',
  'health.puskesmas.updated': 'Puskesmas diperbarui.',
  'health.puskesmas.edit': 'Ubah puskesmas',
  'health.puskesmas.save': 'Simpan',
  'health.puskesmas.villages': 'Desa wilayah kerja',
  'health.puskesmas.villagesHint':
    'Centang desa wilayah kerja puskesmas ini. Desa yang sudah masuk wilayah puskesmas lain dikeluarkan dulu dari sana.',
  'health.puskesmas.inOther': 'wilayah {name}',
  'health.puskesmas.villagesSaved':
    'Wilayah kerja disimpan: {added} desa ditambahkan, {removed} dikeluarkan.',
  'health.puskesmas.officers': 'Petugas Dinkes yang ditugaskan',
  'health.puskesmas.officersHint':
    'Petugas yang ditugaskan di sini hanya membuka data perorangan desa wilayah kerja ini; petugas Dinkes yang tidak ditugaskan membaca seluruh kabupaten.',
  'health.puskesmas.noOfficer': 'Belum ada petugas yang ditugaskan.',
  'health.puskesmas.officerEmail': 'E-mail akun petugas Dinkes',
  'health.puskesmas.assign': 'Tugaskan',
  'health.puskesmas.unassign': 'Lepas',
  'health.puskesmas.officerAssigned': 'Petugas ditugaskan ke puskesmas.',
  'health.puskesmas.officerUnassigned': 'Petugas dilepas dari puskesmas.',
  'health.puskesmas.notFound': 'Puskesmas tidak ditemukan.',
  'health.puskesmas.notAllowed':
    'Daftar puskesmas dikelola admin kabupaten dan Dinkes (petugas yang tidak ditugaskan ke satu puskesmas).',
  'health.puskesmas.error.code': 'Isi kode 3–20 huruf besar atau angka.',
  'health.puskesmas.error.codeTaken': 'Kode ini sudah dipakai puskesmas lain.',
  'health.puskesmas.error.nameRequired': 'Isi nama puskesmas.',
  'health.puskesmas.error.nameTaken': 'Nama ini sudah dipakai puskesmas lain.',
  'health.puskesmas.error.kecamatan': 'Pilih kecamatan di kabupaten ini.',
  'health.puskesmas.error.unknownVillage': 'Desa tidak dikenal: {codes}.',
  'health.puskesmas.error.villageTaken': 'Desa ini sudah masuk wilayah puskesmas lain: {villages}.',
  'health.puskesmas.error.noSuchOfficer': 'Tidak ada akun petugas Dinkes dengan e-mail ini.',
  'health.puskesmas.error.notAssigned': 'Petugas ini tidak ditugaskan di puskesmas ini.',
  'health.export.puskesmas': 'Wilayah kerja puskesmas',
  'health.export.anyPuskesmas': '— menurut wilayah di atas —',
  'health.work.visit': 'Kunjungi {name} ({posyandu}): {reasons}',
  'health.work.unmeasured':
    'Ukur {name} ({posyandu}): belum ditimbang bulan ini, jadwal tanggal {day} sudah lewat',
  'health.work.unconfirmed': 'Periksa nilai {name} ({posyandu}) yang belum dicek',
  'health.work.kek': 'Periksa ibu hamil {name}: risiko KEK, belum diperiksa sejak {date}',
};

const en: Messages = {
  'health.puskesmas.nav': 'Puskesmas',
  'health.puskesmas.title': 'Puskesmas and their areas',
  'health.puskesmas.lead':
    'Every village is in one puskesmas area at most; an area may cross kecamatan lines. A Dinkes officer assigned to a puskesmas opens the child and pregnancy records of its villages only.',
  'health.puskesmas.none': 'No puskesmas yet.',
  'health.puskesmas.add': 'Add a puskesmas',
  'health.puskesmas.code': 'Puskesmas code',
  'health.puskesmas.codeHint':
    'Capital letters and digits, 3–20 characters, e.g. P3604050101. Cannot be changed.',
  'health.puskesmas.name': 'Puskesmas name',
  'health.puskesmas.kecamatan': 'Kecamatan where it stands',
  'health.puskesmas.active': 'Active',
  'health.puskesmas.villageCount': 'Villages',
  'health.puskesmas.officerCount': 'Officers',
  'health.puskesmas.saved': 'Puskesmas {name} saved.',
  'health.puskesmas.updated': 'Puskesmas updated.',
  'health.puskesmas.edit': 'Edit the puskesmas',
  'health.puskesmas.save': 'Save',
  'health.puskesmas.villages': 'Villages of the area',
  'health.puskesmas.villagesHint':
    'Tick the villages of this puskesmas area. A village in another area is taken out of that one first.',
  'health.puskesmas.inOther': 'area of {name}',
  'health.puskesmas.villagesSaved': 'Area saved: {added} villages added, {removed} taken out.',
  'health.puskesmas.officers': 'Dinkes officers assigned',
  'health.puskesmas.officersHint':
    'An officer assigned here opens personal records of this area’s villages only; an unassigned Dinkes officer reads the whole regency.',
  'health.puskesmas.noOfficer': 'No officer assigned yet.',
  'health.puskesmas.officerEmail': 'E-mail of the Dinkes officer’s account',
  'health.puskesmas.assign': 'Assign',
  'health.puskesmas.unassign': 'Unassign',
  'health.puskesmas.officerAssigned': 'Officer assigned to the puskesmas.',
  'health.puskesmas.officerUnassigned': 'Officer unassigned from the puskesmas.',
  'health.puskesmas.notFound': 'Puskesmas not found.',
  'health.puskesmas.notAllowed':
    'The puskesmas list is kept by admin kabupaten and Dinkes (officers not assigned to one puskesmas).',
  'health.puskesmas.error.code': 'Enter a code of 3–20 capital letters or digits.',
  'health.puskesmas.error.codeTaken': 'Another puskesmas has this code.',
  'health.puskesmas.error.nameRequired': 'Enter the puskesmas name.',
  'health.puskesmas.error.nameTaken': 'Another puskesmas has this name.',
  'health.puskesmas.error.kecamatan': 'Choose a kecamatan of this regency.',
  'health.puskesmas.error.unknownVillage': 'Unknown villages: {codes}.',
  'health.puskesmas.error.villageTaken': 'These villages are in another puskesmas area: {villages}.',
  'health.puskesmas.error.noSuchOfficer': 'No Dinkes officer account has this e-mail.',
  'health.puskesmas.error.notAssigned': 'This officer is not assigned to this puskesmas.',
  'health.export.puskesmas': 'Puskesmas area',
  'health.export.anyPuskesmas': '— by the region above —',
  'health.work.visit': 'Visit {name} ({posyandu}): {reasons}',
  'health.work.unmeasured':
    'Measure {name} ({posyandu}): not weighed this month, the session day {day} has passed',
  'health.work.unconfirmed': 'Check the unconfirmed values of {name} ({posyandu})',
  'health.work.kek': 'See pregnant woman {name}: KEK risk, no check since {date}',
};

export const puskesmasMessages = { id, en };
registerMessages(puskesmasMessages);
