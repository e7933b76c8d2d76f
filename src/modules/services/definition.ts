/**
 * A service is data: this is its shape. Admin kabupaten edits it; every change becomes a new
 * version, and a request keeps the version it was filed under.
 */

export interface Text {
  id: string;
  en: string;
}

type FieldType = 'text' | 'textarea' | 'number' | 'date' | 'select' | 'nik' | 'phone' | 'family_member';

/** Registry facts about the applicant that a field may be pre-filled with. */
const PREFILL_SOURCES = [
  'nik',
  'name',
  'family_number',
  'birth_place',
  'birth_date',
  'sex',
  'religion',
  'marital_status',
  'occupation',
  'education',
  'citizenship',
  'address',
  'father_name',
  'mother_name',
] as const;
export type PrefillSource = (typeof PREFILL_SOURCES)[number];

export interface FieldDefinition {
  /** key in the request's data and in the letter template: lower snake case */
  name: string;
  label: Text;
  type: FieldType;
  required?: boolean;
  hint?: Text;
  /** for 'select' */
  options?: Array<{ value: string; label: Text }>;
  /** for 'text'/'textarea' */
  maxLength?: number;
  /** for 'number' */
  min?: number;
  max?: number;
  /** for 'date': the date may not lie in the future */
  notFuture?: boolean;
  /** filled from the registry when the form opens; the applicant may still correct it */
  prefill?: PrefillSource;
}

interface AttachmentDefinition {
  name: string;
  label: Text;
  required?: boolean;
  /** upload limit per file in bytes (at most 5 MB) */
  maxBytes?: number;
}

/**
 * Who acts at a step:
 * - village_staff: operator/sekdes/kades of the applicant's village check the request
 * - village_signatory: kepala desa, or sekretaris desa "a.n. Kepala Desa", signs the letter
 * - agency: an officer of the owning agency handles it
 */
type StepActor = 'village_staff' | 'village_signatory' | 'agency';

export interface StepDefinition {
  key: string;
  label: Text;
  actor: StepActor;
}

/**
 * The output letter. Strings may contain {{placeholders}}: {{pemohon.nama}}, {{pemohon.nik}},
 * {{pemohon.ttl}}, {{pemohon.jenis_kelamin}}, {{pemohon.agama}}, {{pemohon.pekerjaan}},
 * {{pemohon.status_kawin}}, {{pemohon.kewarganegaraan}}, {{pemohon.alamat}}, {{pemohon.no_kk}},
 * {{desa.nama}}, {{kecamatan.nama}}, {{kabupaten.nama}}, and {{field_name}} for any form field
 * (a family_member field gives {{field_name.nama}}, {{field_name.nik}}, {{field_name.ttl}}).
 */
export interface DocumentTemplate {
  /** upper case, e.g. SURAT KETERANGAN DOMISILI */
  title: string;
  /** the paragraph before the applicant's data */
  opening: string;
  /** label → value rows after the opening; when omitted, the applicant's standard identity rows */
  rows?: Array<{ label: string; value: string }>;
  paragraphs: string[];
  closing: string;
  /** how long the letter is valid, in days (null: no limit) */
  validDays?: number | null;
}

export interface ServiceDefinition {
  /** stable URL key, e.g. keterangan-domisili */
  slug: string;
  name: Text;
  description: Text;
  /** a village letter, or a service of an agency (code as in the agencies table, e.g. DISNAKER) */
  owner: { type: 'village' } | { type: 'agency'; code: string };
  /** classification code from the letter classification scheme, e.g. 474.1 or 145 */
  classificationCode: string;
  /** the short letter code operators know (S-41, N-1, AK/1) */
  letterCode: string;
  /** may residents file it themselves (otherwise only an operator files it) */
  selfService: boolean;
  /** working days from submission to the finished letter */
  slaDays: number;
  /**
   * A service another module runs itself (its own application journey): the catalog links to
   * `start`, and this engine's request form redirects there. The engine never imports that module.
   */
  handledBy?: { module: string; start: string };
  fields: FieldDefinition[];
  attachments: AttachmentDefinition[];
  steps: StepDefinition[];
  document: DocumentTemplate;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const FIELD_NAME = /^[a-z][a-z0-9_]{0,40}$/;
const FIELD_TYPES: ReadonlyArray<FieldType> = [
  'text',
  'textarea',
  'number',
  'date',
  'select',
  'nik',
  'phone',
  'family_member',
];
const STEP_ACTORS: ReadonlyArray<StepActor> = ['village_staff', 'village_signatory', 'agency'];
const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
const PLACEHOLDER = /\{\{\s*([a-z_][a-z0-9_.]*)\s*\}\}/g;
const BUILT_IN_PLACEHOLDERS = new Set([
  'pemohon.nama',
  'pemohon.nik',
  'pemohon.no_kk',
  'pemohon.ttl',
  'pemohon.tempat_lahir',
  'pemohon.tanggal_lahir',
  'pemohon.jenis_kelamin',
  'pemohon.agama',
  'pemohon.pekerjaan',
  'pemohon.status_kawin',
  'pemohon.pendidikan',
  'pemohon.kewarganegaraan',
  'pemohon.alamat',
  'pemohon.nama_ayah',
  'pemohon.nama_ibu',
  'desa.nama',
  'kecamatan.nama',
  'kabupaten.nama',
]);

function isText(value: unknown): value is Text {
  const v = value as Text;
  return typeof v?.id === 'string' && v.id.trim() !== '' && typeof v.en === 'string' && v.en.trim() !== '';
}

/** Placeholders a template string uses, e.g. ['pemohon.nama', 'keperluan']. */
function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}

/**
 * Checks a definition and answers problems by path (`fields.2.label`: 'Label wajib diisi …'),
 * in Indonesian, so the catalog editor can point at what is wrong. Empty: the definition is sound.
 */
export function checkDefinition(input: unknown): Record<string, string> {
  const problems: Record<string, string> = {};
  const def = input as Partial<ServiceDefinition>;
  if (typeof def !== 'object' || def === null)
    return { definition: 'Definisi layanan harus berupa objek JSON.' };
  if (typeof def.slug !== 'string' || !SLUG.test(def.slug))
    problems.slug = 'Slug hanya huruf kecil, angka dan tanda hubung, misalnya keterangan-domisili.';
  if (!isText(def.name)) problems.name = 'Nama layanan wajib diisi dalam bahasa Indonesia dan Inggris.';
  if (!isText(def.description))
    problems.description = 'Uraian wajib diisi dalam bahasa Indonesia dan Inggris.';
  const owner = def.owner as ServiceDefinition['owner'] | undefined;
  if (!owner || (owner.type !== 'village' && !(owner.type === 'agency' && typeof owner.code === 'string')))
    problems.owner = 'Pemilik layanan harus desa atau sebuah OPD.';
  if (typeof def.classificationCode !== 'string' || !/^\d{3}(\.\d+)*$/.test(def.classificationCode))
    problems.classificationCode = 'Kode klasifikasi harus seperti 474.1 atau 145.';
  if (typeof def.letterCode !== 'string' || def.letterCode.trim() === '')
    problems.letterCode = 'Kode surat wajib diisi, misalnya S-41.';
  if (typeof def.selfService !== 'boolean')
    problems.selfService = 'Tentukan apakah warga dapat mengajukan sendiri.';
  if (
    typeof def.slaDays !== 'number' ||
    !Number.isInteger(def.slaDays) ||
    def.slaDays < 1 ||
    def.slaDays > 60
  )
    problems.slaDays = 'Target waktu harus 1 sampai 60 hari kerja.';
  if (
    def.handledBy !== undefined &&
    (typeof def.handledBy?.module !== 'string' ||
      !/^[a-z]+$/.test(def.handledBy.module) ||
      typeof def.handledBy.start !== 'string' ||
      !/^\/[a-z0-9/-]*$/.test(def.handledBy.start) ||
      def.handledBy.start.startsWith('//'))
  )
    problems.handledBy =
      'Modul penangan harus berupa nama modul dan alamat halaman di situs ini, misalnya /akun/bansos/baru.';

  const fieldNames = new Set<string>();
  const familyMembers = new Set<string>();
  if (!Array.isArray(def.fields)) problems.fields = 'Daftar isian harus berupa larik.';
  else
    def.fields.forEach((field, i) => {
      const at = `fields.${i}`;
      if (typeof field?.name !== 'string' || !FIELD_NAME.test(field.name))
        problems[`${at}.name`] = 'Nama isian huruf kecil, angka dan garis bawah, diawali huruf.';
      else if (fieldNames.has(field.name))
        problems[`${at}.name`] = `Nama isian "${field.name}" dipakai dua kali.`;
      else fieldNames.add(field.name);
      if (!isText(field?.label))
        problems[`${at}.label`] = 'Label wajib diisi dalam bahasa Indonesia dan Inggris.';
      if (!FIELD_TYPES.includes(field?.type))
        problems[`${at}.type`] = `Jenis isian harus salah satu: ${FIELD_TYPES.join(', ')}.`;
      if (field?.type === 'select' && (!Array.isArray(field.options) || field.options.length === 0))
        problems[`${at}.options`] = 'Isian pilihan memerlukan daftar pilihan.';
      if (field?.type === 'select' && Array.isArray(field.options))
        field.options.forEach((option, j) => {
          if (typeof option?.value !== 'string' || !isText(option.label))
            problems[`${at}.options.${j}`] = 'Setiap pilihan perlu nilai dan label dua bahasa.';
        });
      if (field?.prefill !== undefined && !PREFILL_SOURCES.includes(field.prefill))
        problems[`${at}.prefill`] = `Sumber isian otomatis harus salah satu: ${PREFILL_SOURCES.join(', ')}.`;
      if (field?.type === 'family_member' && typeof field.name === 'string') familyMembers.add(field.name);
    });

  if (!Array.isArray(def.attachments)) problems.attachments = 'Daftar lampiran harus berupa larik.';
  else
    def.attachments.forEach((attachment, i) => {
      const at = `attachments.${i}`;
      if (typeof attachment?.name !== 'string' || !FIELD_NAME.test(attachment.name))
        problems[`${at}.name`] = 'Nama lampiran huruf kecil, angka dan garis bawah, diawali huruf.';
      if (!isText(attachment?.label))
        problems[`${at}.label`] = 'Label lampiran wajib diisi dalam dua bahasa.';
      if (
        attachment?.maxBytes !== undefined &&
        (attachment.maxBytes < 10_000 || attachment.maxBytes > MAX_ATTACHMENT_BYTES)
      )
        problems[`${at}.maxBytes`] = 'Batas ukuran lampiran antara 10 KB dan 5 MB.';
    });

  if (!Array.isArray(def.steps) || def.steps.length === 0)
    problems.steps = 'Layanan memerlukan paling sedikit satu tahap.';
  else
    def.steps.forEach((step, i) => {
      const at = `steps.${i}`;
      if (typeof step?.key !== 'string' || !FIELD_NAME.test(step.key))
        problems[`${at}.key`] = 'Kunci tahap huruf kecil dan garis bawah.';
      if (!isText(step?.label)) problems[`${at}.label`] = 'Nama tahap wajib diisi dalam dua bahasa.';
      if (!STEP_ACTORS.includes(step?.actor))
        problems[`${at}.actor`] = `Pelaku tahap harus salah satu: ${STEP_ACTORS.join(', ')}.`;
      if (step?.actor === 'agency' && owner?.type !== 'agency')
        problems[`${at}.actor`] = 'Tahap OPD hanya untuk layanan milik OPD.';
    });

  const doc = def.document as DocumentTemplate | undefined;
  if (!doc || typeof doc !== 'object') problems.document = 'Templat dokumen wajib diisi.';
  else {
    if (typeof doc.title !== 'string' || doc.title.trim() === '')
      problems['document.title'] = 'Judul surat wajib diisi.';
    if (typeof doc.opening !== 'string') problems['document.opening'] = 'Kalimat pembuka wajib diisi.';
    if (!Array.isArray(doc.paragraphs))
      problems['document.paragraphs'] = 'Isi surat harus berupa larik paragraf.';
    if (typeof doc.closing !== 'string') problems['document.closing'] = 'Kalimat penutup wajib diisi.';
    const texts: Array<[string, string]> = [
      ['document.title', doc.title],
      ['document.opening', doc.opening],
      ['document.closing', doc.closing],
      ...(Array.isArray(doc.paragraphs)
        ? doc.paragraphs.map((p, i): [string, string] => [`document.paragraphs.${i}`, p])
        : []),
      ...(Array.isArray(doc.rows)
        ? doc.rows.flatMap(
            (row, i): Array<[string, string]> => [
              [`document.rows.${i}.label`, row?.label],
              [`document.rows.${i}.value`, row?.value],
            ],
          )
        : []),
    ];
    for (const [path, text] of texts) {
      if (typeof text !== 'string') continue;
      const unknown = placeholdersOf(text).filter((key) => {
        if (BUILT_IN_PLACEHOLDERS.has(key) || fieldNames.has(key)) return false;
        const [base, part] = key.split('.');
        return !(
          base &&
          familyMembers.has(base) &&
          ['nama', 'nik', 'ttl', 'jenis_kelamin', 'hubungan'].includes(part ?? '')
        );
      });
      if (unknown.length > 0)
        problems[path] = `Isian templat tidak dikenal: ${unknown.map((k) => `{{${k}}}`).join(', ')}.`;
    }
  }
  return problems;
}
