import type { Messages } from '../../platform/i18n/index.ts';
import { registerMessages } from '../../platform/i18n/index.ts';

const id: Messages = {
  'letters.nav.register': 'Register surat keluar',
  'letters.verify.title': 'Periksa keaslian surat',
  'letters.verify.lead':
    'Masukkan kode verifikasi yang tercetak di bawah kode QR surat, atau pindai kode QR-nya.',
  'letters.verify.code': 'Kode verifikasi',
  'letters.verify.codeHint': '10 huruf dan angka, misalnya K7Q2M9XW4T.',
  'letters.verify.check': 'Periksa',
  'letters.verify.unknown':
    'Kode verifikasi ini tidak dikenal. Surat dengan kode ini tidak pernah diterbitkan melalui Simpul.',
  'letters.verify.registered': 'Surat ini terdaftar',
  'letters.verify.type': 'Jenis surat',
  'letters.verify.number': 'Nomor surat',
  'letters.verify.date': 'Tanggal terbit',
  'letters.verify.issuer': 'Diterbitkan oleh',
  'letters.verify.holder': 'Atas nama',
  'letters.verify.signedBy': 'Ditandatangani oleh',
  'letters.verify.validUntil': 'Berlaku sampai',
  'letters.verify.noExpiry': 'tidak dibatasi',
  'letters.verify.expired': 'sudah tidak berlaku',
  'letters.verify.uploadTitle': 'Cocokkan berkas PDF',
  'letters.verify.uploadLead':
    'Unggah berkas PDF yang Anda terima. Berkas yang diubah sedikit pun, walau tampak sama, tidak akan cocok.',
  'letters.verify.pdf': 'Berkas PDF surat',
  'letters.verify.compare': 'Cocokkan',
  'letters.verify.noPdf': 'Pilih berkas PDF surat yang ingin dicocokkan.',
  'letters.verify.matchTitle': 'Berkas asli',
  'letters.verify.match': 'Cocok',
  'letters.verify.matchLead': 'Isi berkas ini sama persis dengan surat yang diterbitkan.',
  'letters.verify.mismatchTitle': 'Berkas tidak cocok',
  'letters.verify.mismatchLead':
    'Berkas ini tidak sama dengan surat yang diterbitkan dengan kode ini: surat mungkin dipalsukan atau diubah. Hubungi kantor penerbitnya.',
  'letters.register.title': 'Register surat keluar',
  'letters.register.year': 'Tahun',
  'letters.register.filter': 'Tampilkan',
  'letters.register.count': '{n} surat',
  'letters.register.empty': 'Belum ada surat yang terbit.',
  'letters.register.subject': 'Atas nama',
  'letters.register.download': 'Buka',
  'letters.register.verify': 'Verifikasi',

  'letters.settings.title': 'Pengaturan layanan desa',
  'letters.settings.saved': 'Pengaturan disimpan.',
  'letters.settings.fileTooLarge': 'Berkas terlalu besar (paling besar 5 MB).',
  'letters.settings.letterSettings': 'Penanda tangan dan penomoran surat',
  'letters.settings.signatoryName': 'Nama Kepala Desa',
  'letters.settings.employeeNumber': 'NIP / NIPD (tidak wajib)',
  'letters.settings.delegateName': 'Nama penanda tangan atas nama (a.n.)',
  'letters.settings.delegateHint': 'Misalnya Sekretaris Desa, bila Kepala Desa berhalangan.',
  'letters.settings.delegatePosition': 'Jabatan penanda tangan a.n.',
  'letters.settings.numberPattern': 'Pola nomor surat',
  'letters.settings.numberHint':
    'Bagian: {kode} klasifikasi, {nomor:3} nomor urut 3 angka, {kode_surat}, {kode_desa}, {desa}, {bulan_romawi}, {bulan}, {tahun}. Contoh: {kode}/{nomor:3}/Ds-{desa}/{bulan_romawi}/{tahun}.',
  'letters.settings.save': 'Simpan',
  'letters.settings.logo': 'Logo kop surat',
  'letters.settings.logoFile': 'Berkas logo (PNG atau JPEG)',
  'letters.settings.logoHint': 'Lambang kabupaten atau desa, tampil di kiri kop surat. Paling besar 1 MB.',
  'letters.settings.logoSet': 'Logo sudah dipasang. Pilih berkas lain untuk menggantinya.',
  'letters.settings.logoMissing': 'Pilih berkas logo.',
  'letters.settings.saveLogo': 'Pasang logo',
  'letters.figures.issuedThisYear': 'surat terbit tahun ini',
  'letters.personalData.section': 'Surat yang terbit',
  'letters.personalData.letters': '{count} surat (nomor, kode verifikasi, berkas PDF)',
  'letters.personalData.keptWhy':
    'Surat yang terbit adalah arsip resmi penerbitnya (UU 43/2009 tentang Kearsipan) dan harus tetap dapat diverifikasi pemegangnya.',
  'letters.verify.codeHintLoose': 'Spasi, tanda hubung dan huruf kecil boleh: kami rapikan sendiri.',
  'letters.verify.notPdfPhoto':
    'Berkas ini foto atau gambar, bukan berkas PDF surat, jadi tidak dapat dicocokkan. Unggah berkas PDF yang Anda terima (unduhan dari Simpul atau kiriman kantor). Bila Anda hanya memegang kertasnya, bandingkan isinya dengan keterangan di atas.',
  'letters.verify.notPdf':
    'Berkas ini bukan berkas PDF, jadi tidak dapat dicocokkan. Unggah berkas PDF surat yang Anda terima (unduhan dari Simpul atau kiriman kantor).',
  'letters.verify.fingerprint': 'Sidik jari berkas',
  'letters.verify.fingerprintHint':
    'Berubah bila isi berkas PDF berubah sedikit pun. Istilah resminya: SHA-256.',
  'letters.verify.uploadedFingerprint': 'Sidik jari berkas yang Anda unggah',
  'letters.preview.title': 'Surat yang akan terbit',
  'letters.preview.lead':
    'Inilah berkas PDF yang akan terbit bila Anda menandatangani sekarang, dengan nomor {number}. Yang belum ada hanya kode verifikasi dan kode QR: keduanya dibuat saat tanda tangan.',
  'letters.preview.frame': 'Pratinjau surat {number}',
  'letters.preview.download': 'Buka pratinjau PDF',
  'letters.preview.phoneHint': 'Bila surat tidak tampil di ponsel Anda, buka berkasnya dengan tautan ini.',
  'letters.preview.numberMayMove':
    'Bila surat lain dengan klasifikasi yang sama ditandatangani lebih dulu, surat ini mendapat nomor berikutnya.',
};

const en: Messages = {
  'letters.nav.register': 'Outgoing letters',
  'letters.verify.title': 'Check a letter',
  'letters.verify.lead':
    'Enter the verification code printed under the letter’s QR code, or scan the QR code.',
  'letters.verify.code': 'Verification code',
  'letters.verify.codeHint': '10 letters and digits, for example K7Q2M9XW4T.',
  'letters.verify.check': 'Check',
  'letters.verify.unknown':
    'This verification code is unknown. No letter with this code was ever issued through Simpul.',
  'letters.verify.registered': 'This letter is registered',
  'letters.verify.type': 'Letter type',
  'letters.verify.number': 'Letter number',
  'letters.verify.date': 'Date of issue',
  'letters.verify.issuer': 'Issued by',
  'letters.verify.holder': 'In the name of',
  'letters.verify.signedBy': 'Signed by',
  'letters.verify.validUntil': 'Valid until',
  'letters.verify.noExpiry': 'no limit',
  'letters.verify.expired': 'expired',
  'letters.verify.uploadTitle': 'Compare a PDF file',
  'letters.verify.uploadLead':
    'Upload the PDF you received. A file changed in the slightest way, even if it looks the same, will not match.',
  'letters.verify.pdf': 'The letter’s PDF file',
  'letters.verify.compare': 'Compare',
  'letters.verify.noPdf': 'Choose the letter’s PDF file to compare.',
  'letters.verify.matchTitle': 'Genuine file',
  'letters.verify.match': 'Matches',
  'letters.verify.matchLead': 'This file is exactly the letter that was issued.',
  'letters.verify.mismatchTitle': 'The file does not match',
  'letters.verify.mismatchLead':
    'This file is not the letter issued under this code: it may be forged or altered. Contact the issuing office.',
  'letters.register.title': 'Outgoing-letter register',
  'letters.register.year': 'Year',
  'letters.register.filter': 'Show',
  'letters.register.count': '{n} letters',
  'letters.register.empty': 'No letters issued yet.',
  'letters.register.subject': 'In the name of',
  'letters.register.download': 'Open',
  'letters.register.verify': 'Verify',

  'letters.settings.title': 'Village service settings',
  'letters.settings.saved': 'Settings saved.',
  'letters.settings.fileTooLarge': 'The file is too large (at most 5 MB).',
  'letters.settings.letterSettings': 'Signatory and letter numbering',
  'letters.settings.signatoryName': 'Village head’s name',
  'letters.settings.employeeNumber': 'Employee number (optional)',
  'letters.settings.delegateName': 'Name of the delegate who signs "a.n."',
  'letters.settings.delegateHint': 'For example the village secretary, when the head is unavailable.',
  'letters.settings.delegatePosition': 'Delegate’s position',
  'letters.settings.numberPattern': 'Letter number pattern',
  'letters.settings.numberHint':
    'Parts: {kode} classification, {nomor:3} 3-digit sequence, {kode_surat}, {kode_desa}, {desa}, {bulan_romawi}, {bulan}, {tahun}. Example: {kode}/{nomor:3}/Ds-{desa}/{bulan_romawi}/{tahun}.',
  'letters.settings.save': 'Save',
  'letters.settings.logo': 'Letterhead emblem',
  'letters.settings.logoFile': 'Emblem file (PNG or JPEG)',
  'letters.settings.logoHint':
    'The regency’s or village’s emblem, printed left of the letterhead. At most 1 MB.',
  'letters.settings.logoSet': 'An emblem is set. Choose another file to replace it.',
  'letters.settings.logoMissing': 'Choose an emblem file.',
  'letters.settings.saveLogo': 'Set the emblem',
  'letters.figures.issuedThisYear': 'letters issued this year',
  'letters.personalData.section': 'Issued letters',
  'letters.personalData.letters': '{count} letters (number, verification code, PDF)',
  'letters.personalData.keptWhy':
    "An issued letter is its issuer's official archive (UU 43/2009 on archives) and must stay verifiable for whoever holds it.",
  'letters.verify.codeHintLoose': 'Spaces, dashes and lower case are fine: we tidy them up.',
  'letters.verify.notPdfPhoto':
    'This file is a photo or picture, not the letter’s PDF file, so it cannot be compared. Upload the PDF file you received (downloaded from Simpul or sent by the office). If you only hold the paper, compare its content with the facts above.',
  'letters.verify.notPdf':
    'This file is not a PDF file, so it cannot be compared. Upload the letter’s PDF file you received (downloaded from Simpul or sent by the office).',
  'letters.verify.fingerprint': 'File fingerprint',
  'letters.verify.fingerprintHint':
    'It changes if the PDF file changes in the slightest. The official term: SHA-256.',
  'letters.verify.uploadedFingerprint': 'Fingerprint of the file you uploaded',
  'letters.preview.title': 'The letter that will be issued',
  'letters.preview.lead':
    'This is the PDF file that will be issued if you sign now, numbered {number}. Only the verification code and the QR code are missing: both are made when you sign.',
  'letters.preview.frame': 'Preview of letter {number}',
  'letters.preview.download': 'Open the PDF preview',
  'letters.preview.phoneHint': 'If the letter does not show on your phone, open the file with this link.',
  'letters.preview.numberMayMove':
    'If another letter of the same classification is signed first, this letter gets the next number.',
};

/** What services throw (Invalid, Forbidden, NotFound, Conflict), in the words the pages show. */
const idErrors = {
  'letters.error.settingsOutOfScope': 'Anda hanya dapat mengatur surat desa dalam cakupan Anda.',
  'letters.error.logoType': 'Logo harus gambar PNG atau JPEG.',
  'letters.error.classificationUnknown':
    'Kode klasifikasi {code} tidak ada (atau tidak aktif) dalam daftar klasifikasi Permendagri 83/2022. Ubah kode jenis surat ini dulu.',
  'letters.error.logoSize': 'Logo paling besar 1 MB.',
  'letters.error.logoUnreadable': 'Gambar logo tidak dapat dibaca; coba simpan ulang sebagai PNG.',
  'letters.error.agencyNotFound': 'OPD tidak ditemukan.',
  'letters.error.unknownCode': 'Kode verifikasi tidak dikenal.',
  'letters.error.registerOutOfScope': 'Register surat ini di luar cakupan Anda.',
  'letters.error.letterNotFound': 'Surat tidak ditemukan.',
  'letters.error.letterOutOfScope': 'Surat ini di luar cakupan Anda.',
};

const enErrors: Record<keyof typeof idErrors, string> = {
  'letters.error.settingsOutOfScope': 'You can only set the letters of villages within your scope.',
  'letters.error.logoType': 'The logo must be a PNG or JPEG image.',
  'letters.error.classificationUnknown':
    "Classification code {code} is not (or no longer) in the Permendagri 83/2022 classification list. Change this letter type's code first.",
  'letters.error.logoSize': 'The logo may be at most 1 MB.',
  'letters.error.logoUnreadable': 'The logo image cannot be read; try saving it again as PNG.',
  'letters.error.agencyNotFound': 'Agency not found.',
  'letters.error.unknownCode': 'Unknown verification code.',
  'letters.error.registerOutOfScope': 'This letter register is outside your scope.',
  'letters.error.letterNotFound': 'Letter not found.',
  'letters.error.letterOutOfScope': 'This letter is outside your scope.',
};

export const messages = { id: { ...id, ...idErrors }, en: { ...en, ...enErrors } };

// registered as soon as the module's code loads, so its services speak outside an app too (CLI, tests)
registerMessages(messages);
