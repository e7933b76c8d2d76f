// The words of the stored-files integrity findings on the background work page.
export const fileMessages = {
  id: {
    'files.findings': 'Berkas tersimpan yang berubah atau hilang',
    'files.findingName': 'Nama berkas',
    'files.findingRecords': 'Jumlah catatan',
    'files.findingProblem': 'Masalah',
    'files.findingFirst': 'Pertama ditemukan',
    'files.findingChecked': 'Terakhir diperiksa',
    'files.findingHash': 'SHA-256',
    'files.problem.changed': 'Isi berubah (hash berbeda)',
    'files.problem.missing': 'Berkas hilang',
    'files.workQueue': '{n} berkas tersimpan berubah atau hilang: pulihkan dari cadangan',
  },
  en: {
    'files.findings': 'Stored files that changed or went missing',
    'files.findingName': 'File name',
    'files.findingRecords': 'Records',
    'files.findingProblem': 'Problem',
    'files.findingFirst': 'First found',
    'files.findingChecked': 'Last checked',
    'files.findingHash': 'SHA-256',
    'files.problem.changed': 'Content changed (hash differs)',
    'files.problem.missing': 'File missing',
    'files.workQueue': '{n} stored files changed or went missing: restore them from a backup',
  },
};
