/**
 * The authorisation matrix: for every route the app serves, who may use it (issue #10 §3).
 * Written from the intended rules (DESIGN.md "Who uses it" and the issue), not from what the code
 * does today; `authorisation-matrix.int.test.ts` walks the running app's route table against it.
 *
 * A route key is `METHOD url` exactly as Fastify registers it. HEAD routes that Fastify adds for
 * a GET are covered by the GET's entry; a HEAD route without a GET needs its own entry.
 */

export const IDENTITIES = [
  'anonymous',
  'residentA',
  'residentB',
  'operatorA',
  'kadesA',
  'sekdesA',
  'operatorB',
  'camatA',
  'camatB',
  'opdDpupr',
  'opdDinsos',
  'opdDinkes',
  'admin',
] as const;
export type Who = (typeof IDENTITIES)[number];

/** What the test builds once (village A = 36.04.05.2001, village B = 36.04.16.2001). */
export interface Fixtures {
  /** operator of A, and an API token of theirs (their own token pages; revoking) */
  operatorAId: string;
  operatorTokenId: string;
  villageA: string;
  kecamatanA: string;
  villageB: string;
  /** resident of A (has a family card); logs in as residentA */
  residentId: string;
  residentNik: string;
  familyNumber: string;
  /** a resident of A whose PIN the PIN-issuing POST may reset */
  pinTargetNik: string;
  /** an import into A with a rejected row (so it has an error file) */
  importId: string;
  /** an APBDes import into A (2026) with a rejected row */
  apbdesImportId: string;
  /** a domicile letter of residentA: attachments, signed, letter PDF issued */
  issuedRequestId: string;
  issuedRequestCode: string;
  issuedAttachmentId: string;
  letterId: string;
  verificationCode: string;
  /** residentA's domicile request waiting at the village's first step (return/reject with empty forms) */
  checkingRequestId: string;
  /** residentA's draft (edit pages, resident save) */
  draftRequestId: string;
  /** residentA's request the cancel POST may cancel */
  cancellableRequestId: string;
  /** residentA's social-aid request (DINSOS), passed by the village, waiting at DINSOS */
  aidRequestId: string;
  aidAttachmentId: string;
  /** road report in A, routed to DPUPR, with a photo; filed through Open311 (so it has a token) */
  roadTicket: string;
  roadKey: string;
  roadPhotoId: string;
  roadOpen311Token: string;
  /** report in A handled by the village itself */
  villageTicket: string;
  /** confidential social-aid report in A, routed to DINSOS */
  confidentialTicket: string;
  open311Key: string;
  /** a posyandu of A, residentA's child registered there, a pregnant woman of A */
  health: { posyanduId: string; childId: string; pregnancyId: string };
  /** residentA's BLT-DD application (minutes scanned) forwarded to Dinsos, a PKH entry of their family, an aid import with a rejected row */
  aid: { applicationId: string; beneficiaryId: string; familyNumber: string; importId: string };
  /** an incoming letter of A with a scan and a disposition, an outgoing letter of A with a receipt */
  archive: { incomingId: string; dispositionId: string; outgoingId: string };
  /** a request of residentA made for this identity only, in the state the route needs */
  fresh(kind: 'approvable' | 'signable', who: Who): Promise<string>;
}

export interface Case {
  /** what this case is about, when a route has several */
  label?: string;
  /**
   * the URL to request (params filled from fixtures; may add a query); left out, the route's own
   * path, for a route without params
   */
  url?: (fx: Fixtures, who: Who) => string | Promise<string>;
  allow: readonly Who[];
  /** POST body fields (a form, or JSON for `json`) */
  body?: (fx: Fixtures, who: Who) => Record<string, string>;
  /** post as multipart/form-data (the route reads request.parts()) */
  multipart?: boolean;
  /** post as JSON (API routes with a body schema) */
  json?: boolean;
  /** send no session cookie and no CSRF token (Open311 clients authenticate by api_key) */
  bare?: boolean;
  /** checks on an allowed answer's body; return what is wrong, or null */
  content?: (fx: Fixtures, who: Who, body: string) => string | null;
  /** run after every other case (logging out ends the session) */
  last?: boolean;
}

export type Entry = Case | Case[];

/** A NIK of another village must get the answer an unknown NIK gets. */
function unknownNikAnswer(body: string): string | null {
  return /tidak ada di data penduduk/.test(body)
    ? null
    : 'a NIK of another village is not answered as an unknown one';
}

const ALL = IDENTITIES;
const RESIDENTS = ['residentA', 'residentB'] as const satisfies readonly Who[];
const STAFF = [
  'operatorA',
  'kadesA',
  'sekdesA',
  'operatorB',
  'camatA',
  'camatB',
  'opdDpupr',
  'opdDinsos',
  'opdDinkes',
  'admin',
] as const satisfies readonly Who[];
const VILLAGE_A = ['operatorA', 'kadesA', 'sekdesA'] as const satisfies readonly Who[];
const SIGNERS_A = ['kadesA', 'sekdesA'] as const satisfies readonly Who[];
/** any village office, each on its own village (pages that only ever show the caller's village) */
const VILLAGE_STAFF = [...VILLAGE_A, 'operatorB'] as const satisfies readonly Who[];
const ADMIN = ['admin'] as const satisfies readonly Who[];
/** resident records of A: its office and admin; camat of A only reads them (masked) */
const RECORDS_A = [...VILLAGE_A, 'admin'] as const satisfies readonly Who[];
const RECORDS_A_VIEW = [...RECORDS_A, 'camatA'] as const satisfies readonly Who[];
/** figures of A: its office, its camat, every OPD and admin */
const FIGURES_A = [
  ...VILLAGE_A,
  'camatA',
  'opdDpupr',
  'opdDinsos',
  'opdDinkes',
  'admin',
] as const satisfies readonly Who[];
const NOBODY: readonly Who[] = [];
/** PPID desks: each village office and agency on its own body, admin kabupaten on any */
const PPID_DESKS = [
  ...VILLAGE_STAFF,
  'opdDpupr',
  'opdDinsos',
  'opdDinkes',
  'admin',
] as const satisfies readonly Who[];

const A = (fx: Fixtures) => fx.villageA;
/** an id no record has: the page of one is refused to everyone (and is never a 500) */
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
/** the health module's puskesmas keepers: admin kabupaten and a Dinkes officer assigned to no puskesmas */
const PUSKESMAS_KEEPERS = ['opdDinkes', 'admin'] as const satisfies readonly Who[];
const puskesmasOf = (who: Who) => `PMATRIX${who.toUpperCase()}`;

function maskOf(value: string): string {
  return `${value.slice(0, 4)}${'•'.repeat(value.length - 8)}${value.slice(-4)}`;
}

/** full NIK only for those who see personal data; the masked form for the camat */
function nikShownAs(personal: readonly Who[], masked: readonly Who[], nik: (fx: Fixtures) => string) {
  return (fx: Fixtures, who: Who, body: string): string | null => {
    const full = nik(fx);
    if (personal.includes(who) && !body.includes(full)) return 'full NIK missing';
    if (masked.includes(who)) {
      if (body.includes(full)) return 'full NIK shown (should be masked)';
      if (!body.includes(maskOf(full))) return `masked NIK ${maskOf(full)} missing`;
    }
    return null;
  };
}

/** a list page everyone in `staff` may open, where the marker shows only for `visibleTo` */
function listsOnlyFor(visibleTo: readonly Who[], marker: (fx: Fixtures) => string) {
  return (fx: Fixtures, who: Who, body: string): string | null => {
    const shown = body.includes(marker(fx));
    if (visibleTo.includes(who) && !shown) return `${marker(fx)} missing from the list`;
    if (!visibleTo.includes(who) && shown) return `${marker(fx)} listed (outside scope)`;
    return null;
  };
}

/** the search pages, asked for residentA's address: persons only within scope, masked for the camat */
function searchFindsResident(fx: Fixtures, who: Who, body: string): string | null {
  const found = body.includes(fx.residentNik) || body.includes(maskOf(fx.residentNik));
  if (!(RECORDS_A_VIEW as readonly Who[]).includes(who)) return found ? 'a person found outside scope' : null;
  return nikShownAs(RECORDS_A, ['camatA'], (f) => f.residentNik)(fx, who, body);
}

const ROAD_HANDLERS = ['opdDpupr', 'admin'] as const satisfies readonly Who[];
const ROAD_VIEWERS = [...ROAD_HANDLERS, ...VILLAGE_A, 'camatA'] as const satisfies readonly Who[];
const VILLAGE_REPORT_HANDLERS = [...VILLAGE_A, 'admin'] as const satisfies readonly Who[];
const VILLAGE_REPORT_VIEWERS = [...VILLAGE_REPORT_HANDLERS, 'camatA'] as const satisfies readonly Who[];
const CONFIDENTIAL_HANDLERS = ['opdDinsos', 'admin'] as const satisfies readonly Who[];

/** a complaint staff action: the handler acts, nobody else (camat sees but never acts) */
function complaintAction(action: string): Case[] {
  return [
    {
      label: 'road report (DPUPR)',
      url: (fx) => `/kelola/pengaduan/${fx.roadTicket}/${action}`,
      allow: ROAD_HANDLERS,
    },
    {
      label: 'village-handled report',
      url: (fx) => `/kelola/pengaduan/${fx.villageTicket}/${action}`,
      allow: VILLAGE_REPORT_HANDLERS,
    },
    {
      label: 'confidential report (DINSOS)',
      url: (fx) => `/kelola/pengaduan/${fx.confidentialTicket}/${action}`,
      allow: CONFIDENTIAL_HANDLERS,
    },
  ];
}

const staffRequest = (fx: Fixtures) => `/kelola/layanan/permohonan/${fx.issuedRequestId}`;

const REGISTER_READERS = [...VILLAGE_STAFF, 'camatA', 'camatB'] as const satisfies readonly Who[];
const REGISTER_A_READERS = [...VILLAGE_A, 'camatA'] as const satisfies readonly Who[];

function archiveEntries(): Record<string, Entry> {
  const incoming = (fx: Fixtures) => `/kelola/arsip/surat-masuk/${fx.archive.incomingId}`;
  const outgoing = (fx: Fixtures) => `/kelola/arsip/surat-keluar/${fx.archive.outgoingId}`;
  return {
    'GET /kelola/arsip/surat-masuk': { allow: REGISTER_READERS },
    'GET /kelola/arsip/surat-masuk/baru': { allow: VILLAGE_STAFF },
    'POST /kelola/arsip/surat-masuk/baru': { allow: VILLAGE_STAFF, multipart: true },
    'GET /kelola/arsip/surat-masuk/:id': { url: incoming, allow: REGISTER_A_READERS },
    'GET /kelola/arsip/surat-masuk/:id/pindaian': {
      url: (fx) => `${incoming(fx)}/pindaian`,
      allow: REGISTER_A_READERS,
    },
    'POST /kelola/arsip/surat-masuk/:id/disposisi': {
      url: (fx) => `${incoming(fx)}/disposisi`,
      allow: VILLAGE_A,
    },
    'POST /kelola/arsip/surat-masuk/:id/disposisi/:dispositionId': {
      url: (fx) => `${incoming(fx)}/disposisi/${fx.archive.dispositionId}`,
      allow: VILLAGE_A,
    },
    'POST /kelola/arsip/surat-masuk/:id/hapus': { url: (fx) => `${incoming(fx)}/hapus`, allow: SIGNERS_A },
    'GET /kelola/arsip/surat-keluar': { allow: REGISTER_READERS },
    'GET /kelola/arsip/surat-keluar/baru': { allow: VILLAGE_STAFF },
    'POST /kelola/arsip/surat-keluar/baru': { allow: VILLAGE_STAFF },
    'GET /kelola/arsip/surat-keluar/:id': { url: outgoing, allow: REGISTER_A_READERS },
    'GET /kelola/arsip/surat-keluar/:id/tanda-terima': {
      url: (fx) => `${outgoing(fx)}/tanda-terima`,
      allow: REGISTER_A_READERS,
    },
    'POST /kelola/arsip/surat-keluar/:id/kirim': {
      url: (fx) => `${outgoing(fx)}/kirim`,
      allow: VILLAGE_A,
      multipart: true,
    },
    'POST /kelola/arsip/surat-keluar/:id/hapus': { url: (fx) => `${outgoing(fx)}/hapus`, allow: SIGNERS_A },
    'GET /kelola/arsip/terhapus': { allow: REGISTER_READERS },
    'GET /kelola/arsip/klasifikasi': { allow: ADMIN },
    'POST /kelola/arsip/klasifikasi': { allow: ADMIN },
    'GET /kelola/arsip/klasifikasi/:code': {
      url: () => '/kelola/arsip/klasifikasi/400.12.2.2',
      allow: ADMIN,
    },
    'POST /kelola/arsip/klasifikasi/:code': {
      url: () => '/kelola/arsip/klasifikasi/400.12.2.2',
      allow: ADMIN,
    },
  };
}

export const MATRIX: Record<string, Entry> = {
  // ---- platform: public, docs, health, static ----
  'GET /healthz': { allow: ALL },
  'GET /readyz': { allow: ALL },
  'GET /api/openapi.json': { allow: ALL },
  'GET /api/docs': { allow: ALL },
  'HEAD /api/docs/': { allow: ALL },
  'GET /api/docs/static/index.html': { allow: ALL },
  'GET /api/docs/static/swagger-initializer.js': { allow: ALL },
  'GET /api/docs/json': { allow: ALL },
  'GET /api/docs/yaml': { allow: ALL },
  'GET /api/docs/static/*': { url: () => '/api/docs/static/swagger-ui.css', allow: ALL },
  'GET /static/*': { url: () => '/static/simpul.css', allow: ALL },
  'GET /bahasa/:lang': { url: () => '/bahasa/en', allow: ALL },

  // ---- staff login, own account ----
  'GET /masuk': { allow: ALL },
  'POST /masuk': { allow: ALL },
  // logging out is harmless without a session, so nobody is refused it
  'POST /keluar': { allow: ALL, last: true },
  'POST /keluar-semua': { allow: ALL, last: true },
  'GET /kelola': { allow: STAFF },
  'GET /kelola/akun': { allow: STAFF },
  // "Kerja saya" (issue #17): every officer's own queue and the performance page of their scope
  'GET /kelola/kerja': { allow: STAFF },
  'GET /kelola/kerja/kinerja': { allow: STAFF },
  'POST /kelola/akun/kata-sandi': { allow: STAFF },
  'POST /kelola/akun/token': { allow: STAFF },
  'GET /kelola/akun/token': { allow: STAFF },
  // another officer's tokens: admin kabupaten (the officer sees their own at /kelola/akun/token)
  'GET /kelola/pengguna/:id/token': { url: (fx) => `/kelola/pengguna/${fx.operatorAId}/token`, allow: ADMIN },
  'POST /kelola/token/:id/cabut': {
    url: (fx) => `/kelola/token/${fx.operatorTokenId}/cabut`,
    allow: ['operatorA', 'admin'],
  },
  'GET /api/v1/me': {
    // who is calling: any session, resident or staff
    allow: [...RESIDENTS, ...STAFF],
  },

  // ---- admin: users and audit ----
  'GET /kelola/tugas': { allow: ADMIN },
  'GET /kelola/tugas/impor/:id/galat.csv': {
    url: (fx) => `/kelola/tugas/impor/${fx.importId}/galat.csv`,
    allow: ADMIN,
  },
  'GET /kelola/pengguna': { allow: ADMIN },
  'GET /kelola/pengguna/baru': { allow: ADMIN },
  'POST /kelola/pengguna/baru': { allow: ADMIN },
  'POST /kelola/pengguna/:id/status': {
    url: () => `/kelola/pengguna/${UNKNOWN}/status`,
    allow: ADMIN,
  },
  'GET /kelola/audit': { allow: ADMIN },
  'GET /api/v1/users': { allow: ADMIN },
  'POST /api/v1/users': {
    allow: ADMIN,
    json: true,
    // a valid body, so the schema is not what answers; the role is refused (an opd needs an agency)
    body: (_fx, who) => ({
      email: `matriks.${who.toLowerCase()}@uji.simpul.id`,
      name: 'Akun Matriks',
      role: 'tidak_ada',
      scope: '36.04',
      password: 'kata-sandi-matriks-123',
    }),
  },
  'GET /api/v1/audit': { allow: ADMIN },

  // ---- figures and personal data (platform services over every module) ----
  'GET /api/v1/figures': [
    // without a region: the caller's own (the regency for an agency officer); residents read no figures
    { label: 'own region', allow: STAFF },
    { label: 'village A', url: (fx) => `/api/v1/figures?region=${A(fx)}`, allow: FIGURES_A },
    {
      label: 'kecamatan of A',
      url: (fx) => `/api/v1/figures?region=${fx.kecamatanA}`,
      allow: ['camatA', 'opdDpupr', 'opdDinsos', 'opdDinkes', 'admin'],
    },
    {
      label: 'the regency',
      url: () => '/api/v1/figures?region=36.04',
      allow: ['opdDpupr', 'opdDinsos', 'opdDinkes', 'admin'],
    },
  ],
  'GET /kelola/data-pribadi': { allow: ADMIN },
  'POST /kelola/data-pribadi': {
    allow: ADMIN,
    body: (fx) => ({ nik: fx.residentNik, do: 'ekspor' }),
  },
  // without the confirmation box ticked nothing is erased: the matrix only checks the gate
  'POST /kelola/data-pribadi/hapus': {
    allow: ADMIN,
    body: (fx) => ({ nik: fx.pinTargetNik }),
  },

  // ---- regions: portal, village sites, village office profile ----
  'GET /': { allow: ALL },
  'GET /desa/:code': { url: (fx) => `/desa/${fx.villageA}`, allow: ALL },
  'GET /kecamatan/:code': { url: (fx) => `/kecamatan/${fx.kecamatanA}`, allow: ALL },
  'GET /sitemap.xml': { allow: ALL },
  'GET /robots.txt': { allow: ALL },
  'GET /kelola/desa': { allow: VILLAGE_STAFF },
  'GET /kelola/desa/:code': { url: (fx) => `/kelola/desa/${fx.villageA}`, allow: RECORDS_A },
  'POST /kelola/desa/:code': { url: (fx) => `/kelola/desa/${fx.villageA}`, allow: RECORDS_A },
  'GET /api/v1/regions/kecamatan': { allow: ALL },
  'GET /api/v1/regions/villages': {
    url: (fx) => `/api/v1/regions/villages?kecamatan=${fx.kecamatanA}`,
    allow: ALL,
  },

  // ---- residents: records of village A ----
  'GET /kelola/penduduk': {
    url: (fx) => `/kelola/penduduk?desa=${A(fx)}`,
    allow: RECORDS_A_VIEW,
    content: nikShownAs(RECORDS_A, ['camatA'], (fx) => fx.residentNik),
  },
  // ---- search: staff within their scope, everyone else public documents only ----
  'GET /kelola/cari': { url: () => '/kelola/cari?q=matriks', allow: STAFF, content: searchFindsResident },
  'GET /cari': {
    url: () => '/cari?q=matriks',
    allow: ALL,
    content: (fx, _who, body) => searchFindsResident(fx, 'anonymous', body),
  },
  'GET /kelola/penduduk/baru': { url: (fx) => `/kelola/penduduk/baru?desa=${A(fx)}`, allow: RECORDS_A },
  'POST /kelola/penduduk/baru': { url: (fx) => `/kelola/penduduk/baru?desa=${A(fx)}`, allow: RECORDS_A },
  'GET /kelola/penduduk/impor': { url: (fx) => `/kelola/penduduk/impor?desa=${A(fx)}`, allow: RECORDS_A },
  // the blank template is a header line: no data of anyone
  'GET /kelola/penduduk/impor/contoh.csv': { allow: STAFF },
  'POST /kelola/penduduk/impor': {
    url: (fx) => `/kelola/penduduk/impor?desa=${A(fx)}`,
    allow: RECORDS_A,
    multipart: true,
  },
  'GET /kelola/penduduk/impor/:id': {
    url: (fx) => `/kelola/penduduk/impor/${fx.importId}`,
    allow: RECORDS_A,
  },
  'GET /kelola/penduduk/impor/:id/galat.csv': {
    url: (fx) => `/kelola/penduduk/impor/${fx.importId}/galat.csv`,
    allow: RECORDS_A,
  },
  'GET /kelola/penduduk/ekspor.csv': {
    url: (fx) => `/kelola/penduduk/ekspor.csv?desa=${A(fx)}`,
    allow: RECORDS_A,
  },
  'GET /kelola/penduduk/ekspor.xlsx': {
    url: (fx) => `/kelola/penduduk/ekspor.xlsx?desa=${A(fx)}`,
    allow: RECORDS_A,
  },
  'GET /kelola/penduduk/statistik': [
    { label: 'village A', url: (fx) => `/kelola/penduduk/statistik?wilayah=${A(fx)}`, allow: FIGURES_A },
    {
      label: 'kecamatan of A',
      url: (fx) => `/kelola/penduduk/statistik?wilayah=${fx.kecamatanA}`,
      allow: ['camatA', 'opdDpupr', 'opdDinsos', 'opdDinkes', 'admin'],
    },
    {
      label: 'the regency',
      url: () => '/kelola/penduduk/statistik?wilayah=36.04',
      allow: ['opdDpupr', 'opdDinsos', 'opdDinkes', 'admin'],
    },
  ],
  'GET /kelola/penduduk/statistik.csv': {
    url: (fx) => `/kelola/penduduk/statistik.csv?wilayah=${A(fx)}`,
    allow: FIGURES_A,
  },
  'GET /kelola/penduduk/:id': {
    url: (fx) => `/kelola/penduduk/${fx.residentId}`,
    allow: RECORDS_A_VIEW,
    content: nikShownAs(RECORDS_A, ['camatA'], (fx) => fx.residentNik),
  },
  'GET /kelola/penduduk/:id/ubah': {
    url: (fx) => `/kelola/penduduk/${fx.residentId}/ubah`,
    allow: RECORDS_A,
  },
  'POST /kelola/penduduk/:id/ubah': {
    url: (fx) => `/kelola/penduduk/${fx.residentId}/ubah`,
    allow: RECORDS_A,
  },
  'GET /kelola/penduduk/:id/kematian': {
    url: (fx) => `/kelola/penduduk/${fx.residentId}/kematian`,
    allow: RECORDS_A,
  },
  'POST /kelola/penduduk/:id/kematian': {
    url: (fx) => `/kelola/penduduk/${fx.residentId}/kematian`,
    allow: RECORDS_A,
  },
  'GET /kelola/penduduk/:id/pindah': {
    url: (fx) => `/kelola/penduduk/${fx.residentId}/pindah`,
    allow: RECORDS_A,
  },
  'POST /kelola/penduduk/:id/pindah': {
    url: (fx) => `/kelola/penduduk/${fx.residentId}/pindah`,
    allow: RECORDS_A,
  },
  'GET /kelola/keluarga/:kk': {
    url: (fx) => `/kelola/keluarga/${fx.familyNumber}`,
    allow: RECORDS_A_VIEW,
    content: nikShownAs(RECORDS_A, ['camatA'], (fx) => fx.residentNik),
  },
  'GET /kelola/keluarga/:kk/cetak': {
    url: (fx) => `/kelola/keluarga/${fx.familyNumber}/cetak`,
    allow: RECORDS_A_VIEW,
  },

  // ---- complaints: public side ----
  'GET /pengaduan/aset/leaflet/*': { url: () => '/pengaduan/aset/leaflet/leaflet.css', allow: ALL },
  'GET /pengaduan/aset/*': { url: () => '/pengaduan/aset/peta.js', allow: ALL },
  'GET /pengaduan': { allow: ALL },
  'POST /pengaduan': { allow: ALL, multipart: true },
  'GET /pengaduan/cari': { url: (fx) => `/pengaduan/cari?tiket=${fx.roadTicket}`, allow: ALL },
  'GET /pengaduan/statistik': { allow: ALL },
  'GET /pengaduan/cari-nomor': { allow: ALL },
  'POST /pengaduan/cari-nomor': { allow: ALL },
  'GET /pengaduan/peta.json': { allow: ALL },
  'GET /pengaduan/foto/:id': { url: (fx) => `/pengaduan/foto/${fx.roadPhotoId}`, allow: ALL },
  'GET /pengaduan/foto/:id/kecil': { url: (fx) => `/pengaduan/foto/${fx.roadPhotoId}/kecil`, allow: ALL },
  'GET /pengaduan/:ticket': [
    { label: 'a public report', url: (fx) => `/pengaduan/${fx.roadTicket}`, allow: ALL },
    {
      label: 'a confidential report, without the reporter key',
      url: (fx) => `/pengaduan/${fx.confidentialTicket}`,
      allow: ALL,
      content: (_fx, _who, body) =>
        body.includes('Bantuan tidak sampai ke keluarga kami') ? 'confidential text shown' : null,
    },
  ],
  'POST /pengaduan/:ticket/dukung': { url: (fx) => `/pengaduan/${fx.roadTicket}/dukung`, allow: ALL },
  'POST /pengaduan/:ticket/konfirmasi': [
    {
      label: 'with the reporter key',
      url: (fx) => `/pengaduan/${fx.roadTicket}/konfirmasi`,
      body: (fx) => ({ kunci: fx.roadKey }),
      allow: ALL,
    },
    {
      label: 'without the reporter key',
      url: (fx) => `/pengaduan/${fx.roadTicket}/konfirmasi`,
      allow: NOBODY,
    },
  ],
  'POST /pengaduan/:ticket/buka-lagi': [
    {
      label: 'with the reporter key',
      url: (fx) => `/pengaduan/${fx.roadTicket}/buka-lagi`,
      body: (fx) => ({ kunci: fx.roadKey }),
      allow: ALL,
    },
    {
      label: 'without the reporter key',
      url: (fx) => `/pengaduan/${fx.roadTicket}/buka-lagi`,
      allow: NOBODY,
    },
  ],
  'GET /api/v1/complaints/categories': { allow: ALL },
  'GET /api/v1/complaints': { allow: ALL },
  'POST /api/v1/complaints': { allow: ALL, json: true, body: () => ({}) },
  'GET /api/v1/complaints/nearby': {
    url: () => '/api/v1/complaints/nearby?category=JALAN_RUSAK&lat=-6.0581&lng=106.1106',
    allow: ALL,
  },
  'GET /api/v1/complaints/stats': { allow: ALL },
  'GET /api/v1/complaints/:ticket': { url: (fx) => `/api/v1/complaints/${fx.roadTicket}`, allow: ALL },

  // ---- Open311 ----
  'GET /open311/v2/:file': { url: () => '/open311/v2/discovery.json', allow: ALL },
  'GET /open311/v2/services/:file': { url: () => '/open311/v2/services/JALAN_RUSAK.json', allow: ALL },
  'GET /open311/v2/requests/:file': { url: (fx) => `/open311/v2/requests/${fx.roadTicket}.json`, allow: ALL },
  'GET /open311/v2/tokens/:file': {
    url: (fx) => `/open311/v2/tokens/${fx.roadOpen311Token}.json`,
    allow: ALL,
  },
  'POST /open311/v2/:file': [
    {
      label: 'with a client api_key',
      url: () => '/open311/v2/requests.json',
      body: (fx) => ({ api_key: fx.open311Key }),
      bare: true,
      allow: ALL,
    },
    { label: 'without an api_key', url: () => '/open311/v2/requests.json', bare: true, allow: NOBODY },
  ],

  // ---- complaints: staff side ----
  'GET /kelola/pengaduan': [
    {
      label: 'road report in the queue',
      allow: STAFF,
      content: listsOnlyFor(ROAD_VIEWERS, (fx) => fx.roadTicket),
    },
    {
      label: 'confidential report in the queue',
      allow: STAFF,
      content: listsOnlyFor(CONFIDENTIAL_HANDLERS, (fx) => fx.confidentialTicket),
    },
  ],
  'GET /kelola/pengaduan/sla': { allow: STAFF },
  'GET /kelola/pengaduan/:ticket': [
    { label: 'road report (DPUPR)', url: (fx) => `/kelola/pengaduan/${fx.roadTicket}`, allow: ROAD_VIEWERS },
    {
      label: 'village-handled report',
      url: (fx) => `/kelola/pengaduan/${fx.villageTicket}`,
      allow: VILLAGE_REPORT_VIEWERS,
    },
    {
      label: 'confidential report (DINSOS)',
      url: (fx) => `/kelola/pengaduan/${fx.confidentialTicket}`,
      allow: CONFIDENTIAL_HANDLERS,
    },
  ],
  'POST /kelola/pengaduan/:ticket/status': complaintAction('status'),
  'POST /kelola/pengaduan/:ticket/tanggapan': complaintAction('tanggapan'),
  'POST /kelola/pengaduan/:ticket/moderasi': complaintAction('moderasi'),
  'POST /kelola/pengaduan/:ticket/foto-sesudah': complaintAction('foto-sesudah'),
  'POST /kelola/pengaduan/foto/:id': {
    url: (fx) => `/kelola/pengaduan/foto/${fx.roadPhotoId}`,
    allow: ROAD_HANDLERS,
  },
  'GET /kelola/pengaduan/moderasi': { allow: ADMIN },
  'POST /kelola/pengaduan/moderasi/:ticket': {
    url: (fx) => `/kelola/pengaduan/moderasi/${fx.roadTicket}`,
    allow: ADMIN,
  },
  'GET /kelola/pengaduan/aturan': { allow: ADMIN },
  'POST /kelola/pengaduan/aturan': { allow: ADMIN },
  'POST /kelola/pengaduan/aturan/:id/hapus': {
    url: () => `/kelola/pengaduan/aturan/${UNKNOWN}/hapus`,
    allow: ADMIN,
  },
  'GET /kelola/pengaduan/kategori': { allow: ADMIN },
  'POST /kelola/pengaduan/kategori': { allow: ADMIN },
  'GET /kelola/pengaduan/kategori/:code': {
    url: () => '/kelola/pengaduan/kategori/JALAN_RUSAK',
    allow: ADMIN,
  },
  'POST /kelola/pengaduan/kategori/:code': {
    url: () => '/kelola/pengaduan/kategori/JALAN_RUSAK',
    allow: ADMIN,
  },
  'GET /kelola/pengaduan/libur': { allow: ADMIN },
  'POST /kelola/pengaduan/libur': { allow: ADMIN },
  'POST /kelola/pengaduan/libur/:date/hapus': {
    url: () => '/kelola/pengaduan/libur/2031-01-01/hapus',
    allow: ADMIN,
  },
  'GET /kelola/pengaduan/templat': { allow: ADMIN },
  'POST /kelola/pengaduan/templat': { allow: ADMIN },
  'POST /kelola/pengaduan/templat/:id/hapus': {
    url: () => `/kelola/pengaduan/templat/${UNKNOWN}/hapus`,
    allow: ADMIN,
  },
  'GET /kelola/pengaduan/opd': { allow: ADMIN },
  'POST /kelola/pengaduan/opd/:code': { url: () => '/kelola/pengaduan/opd/DPUPR', allow: ADMIN },
  'GET /kelola/pengaduan/klien-api': { allow: ADMIN },
  'POST /kelola/pengaduan/klien-api': { allow: ADMIN },
  'POST /kelola/pengaduan/klien-api/:id/cabut': {
    url: () => `/kelola/pengaduan/klien-api/${UNKNOWN}/cabut`,
    allow: ADMIN,
  },

  // ---- letters ----
  'GET /verifikasi': { allow: ALL },
  'GET /verifikasi/:code': { url: (fx) => `/verifikasi/${fx.verificationCode}`, allow: ALL },
  'POST /verifikasi/:code': {
    url: (fx) => `/verifikasi/${fx.verificationCode}`,
    allow: ALL,
    multipart: true,
  },
  'GET /api/v1/letters/verify/:code': {
    url: (fx) => `/api/v1/letters/verify/${fx.verificationCode}`,
    allow: ALL,
  },
  'GET /kelola/surat': { allow: VILLAGE_STAFF },
  // the letter carries the applicant's full NIK
  'GET /kelola/surat/:id.pdf': { url: (fx) => `/kelola/surat/${fx.letterId}.pdf`, allow: RECORDS_A },

  // ---- services: public catalog, resident login and own requests ----
  'GET /layanan': { allow: ALL },
  'GET /layanan/:slug': { url: () => '/layanan/keterangan-domisili', allow: ALL },
  'GET /masuk/warga': { allow: ALL },
  'POST /masuk/warga': { allow: ALL },
  'GET /akun/pin': { allow: RESIDENTS },
  'POST /akun/pin': { allow: RESIDENTS },
  'GET /akun': { allow: RESIDENTS },
  'GET /layanan/:slug/ajukan': { url: () => '/layanan/keterangan-domisili/ajukan', allow: RESIDENTS },
  'POST /layanan/:slug/ajukan': {
    url: () => '/layanan/keterangan-domisili/ajukan',
    allow: RESIDENTS,
    multipart: true,
  },
  'GET /akun/permohonan/:id': { url: (fx) => `/akun/permohonan/${fx.issuedRequestId}`, allow: ['residentA'] },
  'POST /akun/permohonan/:id': {
    url: (fx) => `/akun/permohonan/${fx.draftRequestId}`,
    allow: ['residentA'],
    multipart: true,
  },
  'POST /akun/permohonan/:id/batal': {
    url: (fx) => `/akun/permohonan/${fx.cancellableRequestId}/batal`,
    allow: ['residentA'],
  },
  'POST /akun/permohonan/:id/hapus': {
    url: (fx) => `/akun/permohonan/${fx.cancellableRequestId}/hapus`,
    allow: ['residentA'],
  },
  'GET /akun/permohonan/:id/surat.pdf': {
    url: (fx) => `/akun/permohonan/${fx.issuedRequestId}/surat.pdf`,
    allow: ['residentA'],
  },

  // ---- services: staff queue and requests ----
  'GET /kelola/layanan': [
    {
      label: 'village letter in the queue',
      url: () => '/kelola/layanan?status=siap_diambil',
      allow: STAFF,
      content: listsOnlyFor(RECORDS_A_VIEW, (fx) => fx.issuedRequestCode),
    },
  ],
  'GET /api/v1/service-requests': { allow: STAFF },
  'GET /kelola/layanan/kinerja': { allow: STAFF },
  'GET /kelola/layanan/permohonan/:id/pratinjau.pdf': {
    url: async (fx, who) => `/kelola/layanan/permohonan/${await fx.fresh('signable', who)}/pratinjau.pdf`,
    allow: SIGNERS_A,
  },
  'GET /kelola/layanan/permohonan/:id': [
    {
      label: 'village letter',
      url: staffRequest,
      allow: [...RECORDS_A_VIEW],
      content: nikShownAs(RECORDS_A, ['camatA'], (fx) => fx.residentNik),
    },
    {
      label: 'DINSOS social-aid request',
      url: (fx) => `/kelola/layanan/permohonan/${fx.aidRequestId}`,
      allow: [...RECORDS_A_VIEW, 'opdDinsos'],
    },
  ],
  'GET /kelola/layanan/permohonan/:id/lampiran/:attachmentId': [
    {
      label: 'village letter',
      url: (fx) => `${staffRequest(fx)}/lampiran/${fx.issuedAttachmentId}`,
      allow: RECORDS_A,
    },
    {
      label: 'DINSOS social-aid request',
      url: (fx) => `/kelola/layanan/permohonan/${fx.aidRequestId}/lampiran/${fx.aidAttachmentId}`,
      allow: [...RECORDS_A, 'opdDinsos'],
    },
  ],
  'GET /kelola/layanan/permohonan/:id/surat.pdf': {
    url: (fx) => `${staffRequest(fx)}/surat.pdf`,
    allow: RECORDS_A,
  },
  'POST /kelola/layanan/permohonan/:id/setujui': [
    {
      label: 'village letter at the village check',
      url: async (fx, who) => `/kelola/layanan/permohonan/${await fx.fresh('approvable', who)}/setujui`,
      allow: VILLAGE_A,
    },
    {
      label: 'social aid at the DINSOS step',
      url: (fx) => `/kelola/layanan/permohonan/${fx.aidRequestId}/setujui`,
      allow: ['opdDinsos'],
    },
  ],
  'POST /kelola/layanan/permohonan/:id/tandatangani': {
    url: async (fx, who) => `/kelola/layanan/permohonan/${await fx.fresh('signable', who)}/tandatangani`,
    body: () => ({ confirm: '1' }),
    allow: SIGNERS_A,
  },
  'POST /kelola/layanan/permohonan/:id/kembalikan': {
    url: (fx) => `/kelola/layanan/permohonan/${fx.checkingRequestId}/kembalikan`,
    allow: VILLAGE_A,
  },
  'POST /kelola/layanan/permohonan/:id/tolak': {
    url: (fx) => `/kelola/layanan/permohonan/${fx.checkingRequestId}/tolak`,
    allow: VILLAGE_A,
  },
  'POST /kelola/layanan/permohonan/:id/diambil': {
    url: (fx) => `${staffRequest(fx)}/diambil`,
    allow: VILLAGE_A,
  },
  'GET /kelola/layanan/ajukan': { allow: VILLAGE_STAFF },
  'POST /kelola/layanan/ajukan/:slug': {
    url: () => '/kelola/layanan/ajukan/keterangan-domisili',
    body: (fx) => ({ residentNik: fx.residentNik }),
    multipart: true,
    // another village's office may file, but learns nothing of A's resident (hole 12: no NIK oracle)
    allow: VILLAGE_STAFF,
    content: (_fx, who, body) => (who === 'operatorB' ? unknownNikAnswer(body) : null),
  },
  'GET /kelola/layanan/permohonan/:id/ubah': {
    url: (fx) => `/kelola/layanan/permohonan/${fx.draftRequestId}/ubah`,
    allow: VILLAGE_A,
  },
  'POST /kelola/layanan/permohonan/:id/ubah': {
    url: (fx) => `/kelola/layanan/permohonan/${fx.draftRequestId}/ubah`,
    multipart: true,
    allow: VILLAGE_A,
  },
  // issuing a PIN is acting on a resident's record
  // PINs are handed over by the resident's own village office, which knows them in person
  'GET /kelola/layanan/pin': { allow: VILLAGE_STAFF },
  'POST /kelola/layanan/pin': {
    body: (fx) => ({ nik: fx.pinTargetNik }),
    allow: VILLAGE_STAFF,
    content: (_fx, who, body) => (who === 'operatorB' ? unknownNikAnswer(body) : null),
  },
  'GET /kelola/layanan/desa': { allow: VILLAGE_STAFF },
  'POST /kelola/layanan/desa/surat': { allow: VILLAGE_STAFF },
  'POST /kelola/layanan/desa/logo': { allow: VILLAGE_STAFF, multipart: true },
  'POST /kelola/layanan/desa/layanan': { allow: VILLAGE_STAFF },

  // ---- services: catalog administration ----
  'GET /kelola/layanan/katalog': { allow: ADMIN },
  'GET /kelola/layanan/katalog/baru': { allow: ADMIN },
  'POST /kelola/layanan/katalog/baru': { allow: ADMIN },
  'GET /kelola/layanan/katalog/:slug': { url: () => '/kelola/layanan/katalog/keterangan-umum', allow: ADMIN },
  'POST /kelola/layanan/katalog/:slug': {
    url: () => '/kelola/layanan/katalog/keterangan-umum',
    allow: ADMIN,
  },
  'POST /kelola/layanan/katalog/:slug/status': {
    url: () => '/kelola/layanan/katalog/keterangan-umum/status',
    body: () => ({ active: '1' }),
    allow: ADMIN,
  },
  'GET /api/v1/services': { allow: ALL },

  // ---- informasi (PPID): public side; the fixtures hold no DIP entry or request, so the pages of
  // one are asked for an unknown one (nobody gets it; nobody gets a 500)
  'GET /informasi-publik': { url: () => '/informasi-publik?q=apbdes', allow: ALL },
  'GET /informasi-publik/:body': [
    { label: 'a village', url: (fx) => `/informasi-publik/${fx.villageA}`, allow: ALL },
    { label: 'an agency', url: () => '/informasi-publik/DPUPR', allow: ALL },
  ],
  'GET /desa/:code/informasi-publik': { url: (fx) => `/desa/${fx.villageA}/informasi-publik`, allow: ALL },
  'GET /informasi-publik/:body/dip/:id': {
    url: (fx) => `/informasi-publik/${fx.villageA}/dip/${UNKNOWN}`,
    allow: NOBODY,
  },
  'GET /informasi-publik/:body/dip/:id/unduh': {
    url: (fx) => `/informasi-publik/${fx.villageA}/dip/${UNKNOWN}/unduh`,
    allow: NOBODY,
  },
  'GET /informasi-publik/:body/permohonan': {
    url: (fx) => `/informasi-publik/${fx.villageA}/permohonan`,
    allow: ALL,
  },
  'POST /informasi-publik/:body/permohonan': {
    url: (fx) => `/informasi-publik/${fx.villageA}/permohonan`,
    allow: ALL,
  },
  'GET /informasi-publik/lacak/:number': {
    label: 'without the requester key',
    url: () => '/informasi-publik/lacak/PPID-3604052001-2026-0001',
    allow: NOBODY,
  },
  'GET /informasi-publik/lacak/:number/jawaban': {
    url: () => '/informasi-publik/lacak/PPID-3604052001-2026-0001/jawaban?kunci=bukan',
    allow: NOBODY,
  },
  'POST /informasi-publik/lacak/:number/keberatan': {
    url: () => '/informasi-publik/lacak/PPID-3604052001-2026-0001/keberatan',
    body: () => ({ kunci: 'bukan', reason: 'p35c' }),
    allow: NOBODY,
  },
  'GET /informasi-publik/:body/laporan/:year': {
    url: (fx) => `/informasi-publik/${fx.villageA}/laporan/2026`,
    allow: ALL,
  },
  'GET /informasi-publik/:body/laporan/:year/csv': {
    url: (fx) => `/informasi-publik/${fx.villageA}/laporan/2026/csv`,
    allow: ALL,
  },

  // ---- informasi (PPID): staff side. Each village office and agency keeps its own body (a
  // `badan` in the query is admin kabupaten's choice only); the camat reads, keeps nothing.
  'GET /kelola/informasi': { allow: STAFF },
  'GET /kelola/informasi/dip/baru': {
    url: (fx) => `/kelola/informasi/dip/baru?badan=${fx.villageA}`,
    allow: PPID_DESKS,
  },
  'POST /kelola/informasi/dip/baru': {
    url: (fx) => `/kelola/informasi/dip/baru?badan=${fx.villageA}`,
    multipart: true,
    allow: PPID_DESKS,
  },
  'GET /kelola/informasi/dip/:id': {
    url: () => `/kelola/informasi/dip/${UNKNOWN}`,
    allow: NOBODY,
  },
  'POST /kelola/informasi/dip/:id': {
    url: () => `/kelola/informasi/dip/${UNKNOWN}`,
    multipart: true,
    allow: NOBODY,
  },
  'POST /kelola/informasi/dip/:id/hapus': {
    url: () => `/kelola/informasi/dip/${UNKNOWN}/hapus`,
    allow: NOBODY,
  },
  'GET /kelola/informasi/permohonan/:id': {
    url: () => `/kelola/informasi/permohonan/${UNKNOWN}`,
    allow: NOBODY,
  },
  ...Object.fromEntries(
    ['jawab', 'tolak', 'perpanjang', 'keberatan'].map((action) => [
      `POST /kelola/informasi/permohonan/:id/${action}`,
      {
        url: () => `/kelola/informasi/permohonan/${UNKNOWN}/${action}`,
        allow: NOBODY,
      },
    ]),
  ),
  'GET /kelola/informasi/laporan/:year': {
    url: (fx) => `/kelola/informasi/laporan/2026?badan=${fx.villageA}`,
    allow: PPID_DESKS,
  },
  // ---- sites: village site sub-pages (public) and their editing (/kelola/situs) ----
  'GET /situs/aset/*': { url: () => '/situs/aset/editor.js', allow: ALL },
  'GET /situs/teks-editor/:lang': { url: () => '/situs/teks-editor/id', allow: ALL },
  'GET /desa/:code/profil': { url: (fx) => `/desa/${fx.villageA}/profil`, allow: ALL },
  'GET /desa/:code/perangkat': { url: (fx) => `/desa/${fx.villageA}/perangkat`, allow: ALL },
  'GET /desa/:code/berita': { url: (fx) => `/desa/${fx.villageA}/berita`, allow: ALL },
  'GET /desa/:code/agenda': { url: (fx) => `/desa/${fx.villageA}/agenda`, allow: ALL },
  'GET /desa/:code/galeri': { url: (fx) => `/desa/${fx.villageA}/galeri`, allow: ALL },
  // the fixture has no published article or image: an unknown one is a 404 for everyone
  'GET /desa/:code/berita/:slug': { url: (fx) => `/desa/${fx.villageA}/berita/tidak-ada`, allow: NOBODY },
  'GET /desa/:code/gambar/:image/:file': {
    url: (fx) => `/desa/${fx.villageA}/gambar/${UNKNOWN}/640.jpg`,
    allow: NOBODY,
  },
  // village staff land on their own village; the camat and admin choose one; an agency keeps no village site
  'GET /kelola/situs': { allow: [...VILLAGE_STAFF, 'camatA', 'camatB', 'admin'] },
  'GET /kelola/situs/:code': { url: (fx) => `/kelola/situs/${A(fx)}`, allow: RECORDS_A_VIEW },
  'GET /kelola/situs/:code/profil': { url: (fx) => `/kelola/situs/${A(fx)}/profil`, allow: RECORDS_A_VIEW },
  'POST /kelola/situs/:code/profil': { url: (fx) => `/kelola/situs/${A(fx)}/profil`, allow: RECORDS_A },
  'GET /kelola/situs/:code/perangkat': {
    url: (fx) => `/kelola/situs/${A(fx)}/perangkat`,
    allow: RECORDS_A_VIEW,
  },
  'POST /kelola/situs/:code/perangkat': { url: (fx) => `/kelola/situs/${A(fx)}/perangkat`, allow: RECORDS_A },
  // an unknown item: 403 outside the village, 404 inside it (a POST that passes the gate answers 404 or 422)
  'GET /kelola/situs/:code/perangkat/:id': {
    url: (fx) => `/kelola/situs/${A(fx)}/perangkat/${UNKNOWN}`,
    allow: NOBODY,
  },
  'POST /kelola/situs/:code/perangkat/:id': {
    url: (fx) => `/kelola/situs/${A(fx)}/perangkat/${UNKNOWN}`,
    allow: RECORDS_A,
  },
  'POST /kelola/situs/:code/perangkat/:id/hapus': {
    url: (fx) => `/kelola/situs/${A(fx)}/perangkat/${UNKNOWN}/hapus`,
    allow: RECORDS_A,
  },
  'GET /kelola/situs/:code/berita': { url: (fx) => `/kelola/situs/${A(fx)}/berita`, allow: RECORDS_A_VIEW },
  'GET /kelola/situs/:code/berita/baru': {
    url: (fx) => `/kelola/situs/${A(fx)}/berita/baru`,
    allow: RECORDS_A_VIEW,
  },
  'POST /kelola/situs/:code/berita/baru': {
    url: (fx) => `/kelola/situs/${A(fx)}/berita/baru`,
    allow: RECORDS_A,
  },
  'GET /kelola/situs/:code/berita/:id': {
    url: (fx) => `/kelola/situs/${A(fx)}/berita/${UNKNOWN}`,
    allow: NOBODY,
  },
  'POST /kelola/situs/:code/berita/:id': {
    url: (fx) => `/kelola/situs/${A(fx)}/berita/${UNKNOWN}`,
    allow: RECORDS_A,
  },
  'GET /kelola/situs/:code/agenda': { url: (fx) => `/kelola/situs/${A(fx)}/agenda`, allow: RECORDS_A_VIEW },
  'POST /kelola/situs/:code/agenda': { url: (fx) => `/kelola/situs/${A(fx)}/agenda`, allow: RECORDS_A },
  'GET /kelola/situs/:code/agenda/:id': {
    url: (fx) => `/kelola/situs/${A(fx)}/agenda/${UNKNOWN}`,
    allow: NOBODY,
  },
  'POST /kelola/situs/:code/agenda/:id': {
    url: (fx) => `/kelola/situs/${A(fx)}/agenda/${UNKNOWN}`,
    allow: RECORDS_A,
  },
  'POST /kelola/situs/:code/agenda/:id/hapus': {
    url: (fx) => `/kelola/situs/${A(fx)}/agenda/${UNKNOWN}/hapus`,
    allow: RECORDS_A,
  },
  'GET /kelola/situs/:code/galeri': { url: (fx) => `/kelola/situs/${A(fx)}/galeri`, allow: RECORDS_A_VIEW },
  'POST /kelola/situs/:code/galeri': { url: (fx) => `/kelola/situs/${A(fx)}/galeri`, allow: RECORDS_A },
  'POST /kelola/situs/:code/galeri/:id/hapus': {
    url: (fx) => `/kelola/situs/${A(fx)}/galeri/${UNKNOWN}/hapus`,
    allow: RECORDS_A,
  },
  'GET /kelola/situs/:code/riwayat/:entity/:id': {
    url: (fx) => `/kelola/situs/${A(fx)}/riwayat/profile/${A(fx)}`,
    allow: RECORDS_A_VIEW,
  },
  'POST /kelola/situs/:code/riwayat/:id/pulihkan': {
    url: (fx) => `/kelola/situs/${A(fx)}/riwayat/${UNKNOWN}/pulihkan`,
    allow: RECORDS_A,
  },
  // ---- apbdes: village budgets ----
  'GET /kelola/apbdes': { allow: STAFF },
  'GET /kelola/apbdes/:code/:year': { url: (fx) => `/kelola/apbdes/${A(fx)}/2026`, allow: RECORDS_A_VIEW },
  'POST /kelola/apbdes/:code/:year/baris': {
    url: (fx) => `/kelola/apbdes/${A(fx)}/2026/baris`,
    allow: VILLAGE_A,
  },
  'POST /kelola/apbdes/:code/:year/baris/hapus': {
    url: (fx) => `/kelola/apbdes/${A(fx)}/2026/baris/hapus`,
    body: () => ({ kode: '4.2.1' }),
    allow: VILLAGE_A,
  },
  'POST /kelola/apbdes/:code/:year/status': {
    url: (fx) => `/kelola/apbdes/${A(fx)}/2026/status`,
    allow: VILLAGE_A,
  },
  'POST /kelola/apbdes/:code/:year/impor': {
    url: (fx) => `/kelola/apbdes/${A(fx)}/2026/impor`,
    allow: VILLAGE_A,
    multipart: true,
  },
  'GET /kelola/apbdes/impor/:id': {
    url: (fx) => `/kelola/apbdes/impor/${fx.apbdesImportId}`,
    allow: RECORDS_A_VIEW,
  },
  'GET /kelola/apbdes/impor/:id/galat.csv': {
    url: (fx) => `/kelola/apbdes/impor/${fx.apbdesImportId}/galat.csv`,
    allow: RECORDS_A_VIEW,
  },
  'GET /apbdes/templat-impor.csv': { allow: ALL },
  'GET /apbdes/templat-impor.xlsx': { allow: ALL },
  'GET /apbdes': { allow: ALL },
  'GET /apbdes/:year': { url: () => '/apbdes/2026', allow: ALL },
  'GET /desa/:code/apbdes': { url: (fx) => `/desa/${A(fx)}/apbdes`, allow: ALL },
  'GET /desa/:code/apbdes/:year': { url: (fx) => `/desa/${A(fx)}/apbdes/2026`, allow: ALL },
  // ---- onboarding: bulk accounts for village staff, first sign-in with a code, checklist ----
  'GET /kelola/onboarding': { allow: ['camatA', 'camatB', 'admin'] },
  'POST /kelola/onboarding': {
    allow: ['camatA', 'camatB', 'admin'],
    multipart: true,
  },
  'GET /kelola/onboarding/kiriman/:id/surat.pdf': {
    label: 'an upload nobody here made: its letters are for their sender only',
    url: () => `/kelola/onboarding/kiriman/${UNKNOWN}/surat.pdf`,
    allow: NOBODY,
  },
  'GET /kelola/onboarding/desa/:code': {
    url: (fx) => `/kelola/onboarding/desa/${fx.villageA}`,
    allow: ['camatA', 'admin'],
  },
  'POST /kelola/onboarding/akun/:id/kode-baru': {
    label: 'no onboarding account with this id',
    url: () => `/kelola/onboarding/akun/${UNKNOWN}/kode-baru`,
    allow: NOBODY,
  },
  'GET /kelola/onboarding/langkah': { allow: VILLAGE_STAFF },
  'GET /masuk/kode': { allow: ALL },
  'POST /masuk/kode': { allow: ALL },
  // ---- aid: resident applications, staff queues and registry, figures, public BLT-DD list ----
  'GET /akun/bansos': { allow: RESIDENTS },
  'GET /akun/bansos/baru': { allow: RESIDENTS },
  'POST /akun/bansos/baru': { allow: RESIDENTS },
  'GET /akun/bansos/:id': { url: (fx) => `/akun/bansos/${fx.aid.applicationId}`, allow: ['residentA'] },
  'POST /akun/bansos/:id/ajukan-ulang': {
    url: (fx) => `/akun/bansos/${fx.aid.applicationId}/ajukan-ulang`,
    allow: ['residentA'],
  },
  'GET /kelola/bansos': { allow: STAFF },
  'GET /kelola/bansos/usulan/baru': { allow: VILLAGE_STAFF },
  'POST /kelola/bansos/usulan/baru': { allow: VILLAGE_STAFF },
  'GET /kelola/bansos/usulan/:id': {
    url: (fx) => `/kelola/bansos/usulan/${fx.aid.applicationId}`,
    allow: [...RECORDS_A_VIEW, 'opdDinsos'],
  },
  'GET /kelola/bansos/usulan/:id/berita-acara': {
    url: (fx) => `/kelola/bansos/usulan/${fx.aid.applicationId}/berita-acara`,
    allow: [...RECORDS_A, 'opdDinsos'],
  },
  'POST /kelola/bansos/usulan/:id/verifikasi': {
    url: (fx) => `/kelola/bansos/usulan/${fx.aid.applicationId}/verifikasi`,
    allow: VILLAGE_A,
    multipart: true,
  },
  'POST /kelola/bansos/usulan/:id/kembalikan': {
    url: (fx) => `/kelola/bansos/usulan/${fx.aid.applicationId}/kembalikan`,
    allow: VILLAGE_A,
  },
  'POST /kelola/bansos/usulan/:id/teruskan': {
    url: (fx) => `/kelola/bansos/usulan/${fx.aid.applicationId}/teruskan`,
    allow: VILLAGE_A,
  },
  'POST /kelola/bansos/usulan/:id/setujui': {
    url: (fx) => `/kelola/bansos/usulan/${fx.aid.applicationId}/setujui`,
    allow: ['opdDinsos'],
  },
  'POST /kelola/bansos/usulan/:id/tolak': {
    url: (fx) => `/kelola/bansos/usulan/${fx.aid.applicationId}/tolak`,
    allow: ['opdDinsos'],
  },
  'POST /kelola/bansos/usulan/:id/salurkan': {
    url: (fx) => `/kelola/bansos/usulan/${fx.aid.applicationId}/salurkan`,
    allow: [...VILLAGE_A, 'opdDinsos'],
  },
  'GET /kelola/bansos/penerima': {
    allow: [...VILLAGE_STAFF, 'camatA', 'camatB', 'opdDinsos', 'admin'],
  },
  'POST /kelola/bansos/penerima': { allow: VILLAGE_STAFF },
  'GET /kelola/bansos/penerima/:id': {
    url: (fx) => `/kelola/bansos/penerima/${fx.aid.beneficiaryId}`,
    allow: [...RECORDS_A_VIEW, 'opdDinsos'],
  },
  'POST /kelola/bansos/penerima/:id/verifikasi': {
    url: (fx) => `/kelola/bansos/penerima/${fx.aid.beneficiaryId}/verifikasi`,
    allow: VILLAGE_A,
  },
  'POST /kelola/bansos/penerima/:id/hentikan': {
    url: (fx) => `/kelola/bansos/penerima/${fx.aid.beneficiaryId}/hentikan`,
    allow: VILLAGE_A,
  },
  'GET /kelola/bansos/keluarga/:kk': {
    url: (fx) => `/kelola/bansos/keluarga/${fx.aid.familyNumber}`,
    allow: [...RECORDS_A_VIEW, 'opdDinsos'],
  },
  'POST /kelola/bansos/keluarga/:kk/desil': {
    url: (fx) => `/kelola/bansos/keluarga/${fx.aid.familyNumber}/desil`,
    allow: VILLAGE_A,
  },
  'GET /kelola/bansos/program': { allow: STAFF },
  'POST /kelola/bansos/program': {
    allow: [...VILLAGE_STAFF, 'opdDinsos', 'admin'],
  },
  'GET /kelola/bansos/impor': { allow: VILLAGE_STAFF },
  'POST /kelola/bansos/impor': { allow: VILLAGE_STAFF, multipart: true },
  'GET /kelola/bansos/impor/:id/galat.csv': {
    url: (fx) => `/kelola/bansos/impor/${fx.aid.importId}/galat.csv`,
    allow: VILLAGE_A,
  },
  'GET /kelola/bansos/templat-impor.csv': { allow: STAFF },
  'GET /kelola/bansos/angka': { url: (fx) => `/kelola/bansos/angka?wilayah=${A(fx)}`, allow: FIGURES_A },
  'GET /kelola/bansos/angka.csv': {
    url: (fx) => `/kelola/bansos/angka.csv?wilayah=${A(fx)}`,
    allow: FIGURES_A,
  },
  'GET /kelola/bansos/angka.xlsx': {
    url: (fx) => `/kelola/bansos/angka.xlsx?wilayah=${A(fx)}`,
    allow: FIGURES_A,
  },
  'GET /desa/:code/blt-dd': { url: (fx) => `/desa/${A(fx)}/blt-dd`, allow: ALL },
  // ---- health: stunting figures, convergence scorecard, e-PPGBM export, public village section ----
  'GET /kelola/kesehatan/angka': {
    url: (fx) => `/kelola/kesehatan/angka?wilayah=${A(fx)}`,
    allow: FIGURES_A,
  },
  // ---- dashboards (#17): aggregates per region; an agency sees its own field only ----
  'GET /kelola/statistik': { allow: STAFF },
  'GET /kelola/statistik/adopsi': {
    url: (fx) => `/kelola/statistik/adopsi?wilayah=${A(fx)}`,
    allow: [...VILLAGE_A, 'camatA', 'admin'],
  },
  'GET /kelola/statistik/layanan': {
    url: (fx) => `/kelola/statistik/layanan?wilayah=${A(fx)}`,
    allow: FIGURES_A,
  },
  'GET /kelola/statistik/pengaduan': {
    url: (fx) => `/kelola/statistik/pengaduan?wilayah=${A(fx)}&format=csv`,
    allow: FIGURES_A,
  },
  'GET /kelola/statistik/sosial': {
    url: (fx) => `/kelola/statistik/sosial?wilayah=${A(fx)}`,
    allow: [...VILLAGE_A, 'camatA', 'opdDinsos', 'opdDinkes', 'admin'],
  },
  'GET /statistik': { allow: ALL },
  'GET /kelola/kesehatan/angka.csv': {
    url: (fx) => `/kelola/kesehatan/angka.csv?wilayah=${A(fx)}`,
    allow: FIGURES_A,
  },
  'GET /kelola/kesehatan/scorecard': {
    url: (fx) => `/kelola/kesehatan/scorecard?desa=${A(fx)}`,
    allow: FIGURES_A,
  },
  'POST /kelola/kesehatan/scorecard': {
    url: (fx) => `/kelola/kesehatan/scorecard?desa=${A(fx)}&triwulan=2026-4`,
    allow: VILLAGE_A,
    body: () => ({ n_ih_nifas: '0' }),
  },
  'GET /kelola/kesehatan/ekspor': {
    url: (fx) => `/kelola/kesehatan/ekspor?wilayah=${A(fx)}`,
    allow: [...RECORDS_A, 'opdDinkes'],
  },
  'GET /kelola/kesehatan/ekspor.xlsx': {
    url: (fx) => `/kelola/kesehatan/ekspor.xlsx?wilayah=${A(fx)}`,
    allow: [...RECORDS_A, 'opdDinkes'],
  },
  'GET /kelola/kesehatan/ekspor.csv': {
    url: (fx) => `/kelola/kesehatan/ekspor.csv?wilayah=${A(fx)}`,
    allow: [...RECORDS_A, 'opdDinkes'],
  },
  'GET /desa/:code/kesehatan': { url: (fx) => `/desa/${A(fx)}/kesehatan`, allow: ALL },
  'GET /api/v1/health/zscore': {
    url: () => '/api/v1/health/zscore?sex=1&ageDays=100&weightKg=6',
    allow: ALL,
  },
  // ---- health: posyandu, session form, children, at-risk list, pregnancies, import, parent view ----
  'GET /kelola/kesehatan': { allow: STAFF },
  // ---- archive registers: the village office keeps its own, the camat reads its kecamatan's ----
  ...archiveEntries(),

  'GET /kelola/kesehatan/posyandu': { allow: STAFF },
  'POST /kelola/kesehatan/posyandu': { allow: VILLAGE_STAFF },
  'GET /kelola/kesehatan/posyandu/:id': {
    url: (fx) => `/kelola/kesehatan/posyandu/${fx.health.posyanduId}`,
    allow: FIGURES_A,
  },
  'POST /kelola/kesehatan/posyandu/:id/anak': {
    url: (fx) => `/kelola/kesehatan/posyandu/${fx.health.posyanduId}/anak`,
    allow: VILLAGE_A,
  },
  'POST /kelola/kesehatan/posyandu/:id/kader': {
    url: (fx) => `/kelola/kesehatan/posyandu/${fx.health.posyanduId}/kader`,
    allow: VILLAGE_A,
  },
  'POST /kelola/kesehatan/posyandu/:id/kader-baru': {
    url: (fx) => `/kelola/kesehatan/posyandu/${fx.health.posyanduId}/kader-baru`,
    allow: VILLAGE_A,
  },
  'POST /kelola/kesehatan/posyandu/:id/ibu-hamil': {
    url: (fx) => `/kelola/kesehatan/posyandu/${fx.health.posyanduId}/ibu-hamil`,
    allow: VILLAGE_A,
  },
  'GET /kelola/kesehatan/posyandu/:id/penimbangan': {
    url: (fx) => `/kelola/kesehatan/posyandu/${fx.health.posyanduId}/penimbangan?tanggal=2026-11-30`,
    allow: VILLAGE_A,
  },
  'POST /kelola/kesehatan/posyandu/:id/penimbangan': {
    url: (fx) => `/kelola/kesehatan/posyandu/${fx.health.posyanduId}/penimbangan?tanggal=2026-11-30`,
    allow: VILLAGE_A,
  },
  'GET /kelola/kesehatan/anak/:id': {
    url: (fx) => `/kelola/kesehatan/anak/${fx.health.childId}`,
    allow: [...RECORDS_A, 'opdDinkes'],
  },
  'POST /kelola/kesehatan/anak/:id/tautkan': {
    url: (fx) => `/kelola/kesehatan/anak/${fx.health.childId}/tautkan`,
    allow: VILLAGE_A,
  },
  'GET /kelola/kesehatan/perlu-kunjungan': {
    allow: [...VILLAGE_STAFF, 'opdDinkes', 'admin'],
  },
  'GET /kelola/kesehatan/ibu-hamil': {
    allow: [...VILLAGE_STAFF, 'opdDinkes', 'admin'],
  },
  'GET /kelola/kesehatan/ibu-hamil/:id': {
    url: (fx) => `/kelola/kesehatan/ibu-hamil/${fx.health.pregnancyId}`,
    allow: [...RECORDS_A, 'opdDinkes'],
  },
  'POST /kelola/kesehatan/ibu-hamil/:id/periksa': {
    url: (fx) => `/kelola/kesehatan/ibu-hamil/${fx.health.pregnancyId}/periksa`,
    allow: VILLAGE_A,
  },
  'GET /kelola/kesehatan/impor': {
    url: (fx) => `/kelola/kesehatan/impor?posyandu=${fx.health.posyanduId}`,
    allow: VILLAGE_A,
  },
  'POST /kelola/kesehatan/impor': {
    url: (fx) => `/kelola/kesehatan/impor?posyandu=${fx.health.posyanduId}`,
    allow: VILLAGE_A,
    multipart: true,
  },
  'GET /kelola/kesehatan/impor/:id/galat.csv': {
    label: 'no such import: nobody gets an error file',
    url: () => `/kelola/kesehatan/impor/${UNKNOWN}/galat.csv`,
    allow: NOBODY,
  },
  'GET /kesehatan/templat-impor.csv': { allow: ALL },
  // ---- health: puskesmas areas, kept by admin and Dinkes' regency desk (opdDinkes is unassigned).
  // Each keeper's add makes `PMATRIX<WHO>`, which that keeper's later writes edit; the page of one
  // is read before any exists, so it is asked for an unknown one.
  'GET /kelola/kesehatan/puskesmas': { allow: PUSKESMAS_KEEPERS },
  'POST /kelola/kesehatan/puskesmas': {
    allow: PUSKESMAS_KEEPERS,
    body: (fx, who) => ({
      kode: puskesmasOf(who),
      nama: `Puskesmas ${who}`,
      kecamatan: fx.kecamatanA,
      aktif: 'ya',
    }),
  },
  'GET /kelola/kesehatan/puskesmas/:code': {
    label: 'no such puskesmas yet',
    url: () => '/kelola/kesehatan/puskesmas/PTIDAKADA',
    allow: NOBODY,
  },
  'POST /kelola/kesehatan/puskesmas/:code/ubah': {
    url: (_fx, who) => `/kelola/kesehatan/puskesmas/${puskesmasOf(who)}/ubah`,
    allow: PUSKESMAS_KEEPERS,
    body: (fx, who) => ({ nama: `Puskesmas ${who} (ubah)`, kecamatan: fx.kecamatanA, aktif: 'ya' }),
  },
  'POST /kelola/kesehatan/puskesmas/:code/desa': {
    url: (_fx, who) => `/kelola/kesehatan/puskesmas/${puskesmasOf(who)}/desa`,
    allow: PUSKESMAS_KEEPERS,
    body: (fx) => ({ desa: fx.villageB }),
  },
  'POST /kelola/kesehatan/puskesmas/:code/petugas': {
    url: (_fx, who) => `/kelola/kesehatan/puskesmas/${puskesmasOf(who)}/petugas`,
    allow: PUSKESMAS_KEEPERS,
    body: () => ({ email: 'bukan.petugas@example.invalid' }),
  },
  'POST /kelola/kesehatan/puskesmas/:code/petugas/lepas': {
    url: (_fx, who) => `/kelola/kesehatan/puskesmas/${puskesmasOf(who)}/petugas/lepas`,
    allow: PUSKESMAS_KEEPERS,
    body: () => ({ petugas: `${UNKNOWN}` }),
  },

  'GET /akun/anak': { allow: RESIDENTS },
  'GET /akun/anak/:id': { url: (fx) => `/akun/anak/${fx.health.childId}`, allow: ['residentA'] },
  // ---- residents: what an import changed, and residents' correction requests (#12 items 21, 3).
  // The fixtures hold no correction request, so the pages of one are asked for an unknown one.
  'GET /kelola/penduduk/impor/:id/perubahan.csv': {
    url: (fx) => `/kelola/penduduk/impor/${fx.importId}/perubahan.csv`,
    allow: RECORDS_A,
  },
  'GET /akun/perbaikan/baru': { allow: RESIDENTS },
  'POST /akun/perbaikan/baru': { allow: RESIDENTS, multipart: true },
  'GET /akun/perbaikan/:id': {
    url: () => `/akun/perbaikan/${UNKNOWN}`,
    allow: NOBODY,
  },
  'GET /kelola/penduduk/perbaikan': {
    url: (fx) => `/kelola/penduduk/perbaikan?desa=${fx.villageA}`,
    allow: RECORDS_A_VIEW,
  },
  'GET /kelola/penduduk/perbaikan/:id': {
    url: () => `/kelola/penduduk/perbaikan/${UNKNOWN}`,
    allow: NOBODY,
  },
  'GET /kelola/penduduk/perbaikan/:id/foto': {
    url: () => `/kelola/penduduk/perbaikan/${UNKNOWN}/foto`,
    allow: NOBODY,
  },
  'POST /kelola/penduduk/perbaikan/:id/terapkan': {
    url: () => `/kelola/penduduk/perbaikan/${UNKNOWN}/terapkan`,
    allow: NOBODY,
  },
  'POST /kelola/penduduk/perbaikan/:id/tolak': {
    url: () => `/kelola/penduduk/perbaikan/${UNKNOWN}/tolak`,
    body: () => ({ alasan: 'Bukan data desa ini.' }),
    allow: NOBODY,
  },
  'GET /kelola/kesehatan/posyandu/:id/ubah': {
    url: (fx) => `/kelola/kesehatan/posyandu/${fx.health.posyanduId}/ubah`,
    allow: VILLAGE_A,
  },
  'POST /kelola/kesehatan/posyandu/:id/ubah': {
    url: (fx) => `/kelola/kesehatan/posyandu/${fx.health.posyanduId}/ubah`,
    allow: VILLAGE_A,
  },
  'GET /kelola/kesehatan/anak/:id/ubah': {
    url: (fx) => `/kelola/kesehatan/anak/${fx.health.childId}/ubah`,
    allow: VILLAGE_A,
  },
  'POST /kelola/kesehatan/anak/:id/ubah': {
    url: (fx) => `/kelola/kesehatan/anak/${fx.health.childId}/ubah`,
    allow: VILLAGE_A,
  },
  // ---- umkm: registry (village office; camat masked; Diskoperindag, not in this matrix, regency-wide),
  // owner registration, figures, exports, import, public showcase. No enterprise in the fixtures: item
  // pages are asked for an unknown one.
  'GET /kelola/umkm': { url: (fx) => `/kelola/umkm?wilayah=${A(fx)}`, allow: RECORDS_A_VIEW },
  'GET /kelola/umkm/baru': { allow: VILLAGE_STAFF },
  'POST /kelola/umkm/baru': { allow: VILLAGE_STAFF },
  'GET /kelola/umkm/angka': { url: (fx) => `/kelola/umkm/angka?wilayah=${A(fx)}`, allow: FIGURES_A },
  'GET /kelola/umkm/angka.csv': { url: (fx) => `/kelola/umkm/angka.csv?wilayah=${A(fx)}`, allow: FIGURES_A },
  'GET /kelola/umkm/angka.xlsx': {
    url: (fx) => `/kelola/umkm/angka.xlsx?wilayah=${A(fx)}`,
    allow: FIGURES_A,
  },
  'GET /kelola/umkm/ekspor.csv': {
    url: (fx) => `/kelola/umkm/ekspor.csv?wilayah=${A(fx)}&tanpa_nib=1`,
    allow: RECORDS_A_VIEW,
  },
  'GET /kelola/umkm/ekspor.xlsx': {
    url: (fx) => `/kelola/umkm/ekspor.xlsx?wilayah=${A(fx)}`,
    allow: RECORDS_A_VIEW,
  },
  'GET /kelola/umkm/impor': { allow: VILLAGE_STAFF },
  'POST /kelola/umkm/impor': { allow: VILLAGE_STAFF, multipart: true },
  'GET /kelola/umkm/impor/:id/galat.csv': {
    url: () => `/kelola/umkm/impor/${UNKNOWN}/galat.csv`,
    allow: NOBODY,
  },
  'GET /kelola/umkm/:id': { url: () => `/kelola/umkm/${UNKNOWN}`, allow: NOBODY },
  'GET /kelola/umkm/:id/ubah': {
    url: () => `/kelola/umkm/${UNKNOWN}/ubah`,
    allow: NOBODY,
  },
  'POST /kelola/umkm/:id/ubah': {
    url: () => `/kelola/umkm/${UNKNOWN}/ubah`,
    allow: NOBODY,
  },
  'POST /kelola/umkm/:id/terima': {
    url: () => `/kelola/umkm/${UNKNOWN}/terima`,
    allow: NOBODY,
  },
  'POST /kelola/umkm/:id/kembalikan': {
    url: () => `/kelola/umkm/${UNKNOWN}/kembalikan`,
    body: () => ({ alasan: 'NIB belum diisi.' }),
    allow: NOBODY,
  },
  'POST /kelola/umkm/:id/hapus': {
    url: () => `/kelola/umkm/${UNKNOWN}/hapus`,
    allow: NOBODY,
  },
  'GET /kelola/umkm/:id/foto': {
    url: () => `/kelola/umkm/${UNKNOWN}/foto`,
    allow: NOBODY,
  },
  'POST /kelola/umkm/:id/foto': {
    url: () => `/kelola/umkm/${UNKNOWN}/foto`,
    allow: NOBODY,
    multipart: true,
  },
  'GET /akun/usaha': { allow: RESIDENTS },
  'GET /akun/usaha/baru': { allow: RESIDENTS },
  'POST /akun/usaha/baru': { allow: RESIDENTS },
  'GET /akun/usaha/:id': { url: () => `/akun/usaha/${UNKNOWN}`, allow: NOBODY },
  'GET /akun/usaha/:id/ubah': {
    url: () => `/akun/usaha/${UNKNOWN}/ubah`,
    allow: NOBODY,
  },
  'POST /akun/usaha/:id/ubah': {
    url: () => `/akun/usaha/${UNKNOWN}/ubah`,
    allow: NOBODY,
  },
  'GET /desa/:code/umkm': { url: (fx) => `/desa/${A(fx)}/umkm`, allow: ALL },
  'GET /desa/:code/umkm/:id/foto': {
    url: (fx) => `/desa/${A(fx)}/umkm/${UNKNOWN}/foto`,
    allow: NOBODY,
  },
  'GET /umkm': { url: () => '/umkm?q=emping&sektor=C', allow: ALL },
  'GET /umkm/templat-impor.csv': { allow: ALL },
  // ---- archive documents: biasa for whoever reads A's records, filing by A's office, usul musnah
  // read by A's office, approved by its kepala desa. The fixtures hold no document: one is an unknown id.
  'GET /arsip-dokumen/aset/*': { url: () => '/arsip-dokumen/aset/unggah.js', allow: ALL },
  'GET /kelola/arsip/dokumen': {
    url: () => '/kelola/arsip/dokumen?q=perbaikan',
    allow: [...VILLAGE_STAFF, 'camatA', 'camatB', 'admin'],
  },
  'GET /kelola/arsip/dokumen/unggah': { allow: VILLAGE_STAFF },
  'POST /kelola/arsip/dokumen/unggah': { multipart: true, allow: VILLAGE_STAFF },
  'GET /kelola/arsip/dokumen/usul-musnah': { allow: VILLAGE_STAFF },
  'POST /kelola/arsip/dokumen/usul-musnah': {
    allow: ['kadesA'],
  },
  'GET /kelola/arsip/dokumen/:id': {
    url: () => `/kelola/arsip/dokumen/${UNKNOWN}`,
    allow: NOBODY,
  },
  'GET /kelola/arsip/dokumen/:id/berkas': {
    url: () => `/kelola/arsip/dokumen/${UNKNOWN}/berkas`,
    allow: NOBODY,
  },
  'GET /kelola/arsip/dokumen/:id/ubah': {
    url: () => `/kelola/arsip/dokumen/${UNKNOWN}/ubah`,
    allow: NOBODY,
  },
  'POST /kelola/arsip/dokumen/:id/ubah': {
    url: () => `/kelola/arsip/dokumen/${UNKNOWN}/ubah`,
    body: () => ({ title: 'Perdes irigasi', date: '2018-07-01', category: 'perdes', accessClass: 'biasa' }),
    allow: NOBODY,
  },
  'POST /kelola/arsip/dokumen/:id/hapus': {
    url: () => `/kelola/arsip/dokumen/${UNKNOWN}/hapus`,
    body: () => ({ reason: 'Salah unggah berkas desa lain' }),
    allow: NOBODY,
  },
};
