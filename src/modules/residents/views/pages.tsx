import {
  phoneChartSize,
  pyramidOption,
  renderChartSvg,
  type SexCount,
  sexBarsOption,
} from '../../../platform/charts/echarts.ts';
import { formatNumber, t } from '../../../platform/i18n/index.ts';
import {
  BackLink,
  Button,
  ButtonLink,
  ErrorSummary,
  type FieldErrors,
  FileField,
  Form,
  Pagination,
  Panel,
  SelectField,
  StatusTag,
  SummaryList,
  Table,
  TextArea,
  TextField,
} from '../../../platform/ui/components.tsx';
import { raw, type SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Layout, Page } from '../../../platform/ui/layout.tsx';
import { type CodeList, codeLabel, codeList } from '../codes.ts';
import { fieldLabel, fieldValue } from '../display.ts';
import type { FamilyView, ImportChangeRow, Resident, ResidentEvent } from '../service.ts';
import type { CategoryCount, PopulationStats } from '../stats.ts';

export interface VillageChoice {
  code: string;
  name: string;
}

const BASE = '/kelola/penduduk';

function sexLabel(sex: number): string {
  return sex === 2 ? t('residents.female') : t('residents.male');
}

function statusTag(status: string): SafeHtml {
  const tone = status === 'hidup' ? 'good' : status === 'mati' ? 'neutral' : 'info';
  return <StatusTag tone={tone}>{t(`residents.status.${status}`)}</StatusTag>;
}

function formatDate(iso: string): string {
  return `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
}

function ageOn(birthDate: string, today: string): number {
  let age = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (today.slice(5) < birthDate.slice(5)) age--;
  return age;
}

function VillagePicker(props: {
  villages: VillageChoice[];
  current: string;
  action: string;
  name?: string;
}): SafeHtml {
  if (props.villages.length <= 1) return raw('');
  return (
    <Form action={props.action} method="get" class="inline-form">
      <SelectField
        name={props.name ?? 'desa'}
        label={t('residents.village')}
        value={props.current}
        options={props.villages.map((v) => ({ value: v.code, label: `${v.name} (${v.code})` }))}
      />
      <Button variant="secondary">{t('residents.show')}</Button>
    </Form>
  );
}

export interface ListPageProps {
  village: VillageChoice;
  villages: VillageChoice[];
  filter: Record<string, string>;
  residents: Resident[];
  total: number;
  page: number;
  pageSize: number;
  addresses: Array<{ dusun: string; rw: string; rt: string }>;
  canEdit: boolean;
  today: string;
}

export function ListPage(p: ListPageProps): SafeHtml {
  const uniq = (values: string[]) => [...new Set(values)].sort().map((v) => ({ value: v, label: v }));
  const q = (extra: string) => `?desa=${p.village.code}${extra}`;
  return (
    <Page title={t('residents.listTitle', { village: p.village.name })} wide>
      <VillagePicker villages={p.villages} current={p.village.code} action={BASE} />
      <p class="actions">
        {p.canEdit ? <ButtonLink href={`${BASE}/baru${q('')}`}>{t('residents.add')}</ButtonLink> : ''}{' '}
        {p.canEdit ? (
          <ButtonLink href={`${BASE}/baru${q('&peristiwa=lahir')}`}>{t('residents.recordBirth')}</ButtonLink>
        ) : (
          ''
        )}{' '}
        {p.canEdit ? <ButtonLink href={`${BASE}/impor${q('')}`}>{t('residents.import')}</ButtonLink> : ''}{' '}
        {p.canEdit ? (
          <ButtonLink href={`${BASE}/ekspor.csv${q('')}`}>{t('residents.exportCsv')}</ButtonLink>
        ) : (
          ''
        )}{' '}
        {p.canEdit ? (
          <ButtonLink href={`${BASE}/ekspor.xlsx${q('')}`}>{t('residents.exportXlsx')}</ButtonLink>
        ) : (
          ''
        )}{' '}
        <ButtonLink href={`${BASE}/statistik?wilayah=${p.village.code}`}>
          {t('residents.statistics')}
        </ButtonLink>
      </p>
      <Form action={BASE} method="get" class="filters">
        <input type="hidden" name="desa" value={p.village.code} />
        <TextField
          name="q"
          type="search"
          label={t('residents.search')}
          hint={t('residents.searchHint')}
          value={p.filter.q}
        />
        {(
          [
            ['dusun', t('residents.dusun')],
            ['rw', 'RW'],
            ['rt', 'RT'],
          ] as const
        ).map(([name, label]) => (
          <SelectField
            name={name}
            label={label}
            value={p.filter[name]}
            placeholder={t('residents.all')}
            options={uniq(p.addresses.map((a) => a[name]))}
          />
        ))}
        <SelectField
          name="jk"
          label={t('residents.sex')}
          value={p.filter.jk}
          placeholder={t('residents.all')}
          options={[
            { value: '1', label: t('residents.male') },
            { value: '2', label: t('residents.female') },
          ]}
        />
        <SelectField
          name="umur"
          label={t('residents.ageGroup')}
          value={p.filter.umur}
          placeholder={t('residents.all')}
          options={['balita', 'anak', 'muda', 'dewasa', 'lansia'].map((g) => ({
            value: g,
            label: t(`residents.age.${g}`),
          }))}
        />
        <SelectField
          name="status"
          label={t('residents.statusLabel')}
          value={p.filter.status}
          placeholder={t('residents.all')}
          options={['hidup', 'pindah', 'mati'].map((s) => ({ value: s, label: t(`residents.status.${s}`) }))}
        />
        <Button variant="secondary">{t('residents.filter')}</Button>
      </Form>
      <p>{t('residents.found', { n: formatNumber(p.total) })}</p>
      <Table
        rows={p.residents}
        empty={t('residents.none')}
        columns={[
          { header: t('residents.name'), cell: (r) => <a href={`${BASE}/${r.id}`}>{r.name}</a> },
          { header: 'NIK', cell: (r) => <span class="nowrap">{r.nik}</span> },
          { header: t('residents.kk'), cell: (r) => <span class="nowrap">{r.familyNumber}</span> },
          { header: t('residents.sex'), cell: (r) => sexLabel(r.sex) },
          { header: t('residents.age'), cell: (r) => String(ageOn(r.birthDate, p.today)), numeric: true },
          { header: t('residents.address'), cell: (r) => `${r.dusun} RT ${r.rt}/RW ${r.rw}` },
          { header: t('residents.statusLabel'), cell: (r) => statusTag(r.status) },
        ]}
      />
      <Pagination list={p} baseUrl={BASE} query={{ ...p.filter, desa: p.village.code }} />
    </Page>
  );
}

function code(list: CodeList, value: number | null): string {
  return value === null ? '—' : codeLabel(list, value);
}

function describeEvent(e: ResidentEvent): string {
  const d = e.detail;
  if (e.kind === 'mati') return [d.place, d.cause].filter(Boolean).join(' · ');
  if (e.kind === 'pindah_keluar') return [d.destination, d.reason].filter(Boolean).join(' · ');
  if (e.kind === 'ubah')
    return Object.keys((d.changes as Record<string, unknown>) ?? {})
      .map((k) => t(`residents.field.${k}`))
      .join(', ');
  return String(d.note ?? '');
}

export function DetailPage(p: {
  resident: Resident;
  history: ResidentEvent[];
  canEdit: boolean;
  familyLink: boolean;
  today: string;
}): SafeHtml {
  const r = p.resident;
  return (
    <Layout title={r.name}>
      <BackLink href={`${BASE}?desa=${r.villageCode}`}>{t('residents.backToList')}</BackLink>
      <h1>
        {r.name} {statusTag(r.status)}
      </h1>
      <SummaryList
        rows={[
          ['NIK', r.nik],
          [
            t('residents.kk'),
            p.familyLink ? (
              <a href={`/kelola/keluarga/${r.familyNumber}`}>{r.familyNumber}</a>
            ) : (
              r.familyNumber
            ),
          ],
          [
            t('residents.birth'),
            `${r.birthPlace}, ${formatDate(r.birthDate)} (${ageOn(r.birthDate, p.today)} ${t('residents.years')})`,
          ],
          [t('residents.sex'), sexLabel(r.sex)],
          [t('residents.field.religionCode'), code('agama', r.religionCode)],
          [t('residents.field.educationCode'), code('pendidikan', r.educationCode)],
          [t('residents.field.occupationCode'), code('pekerjaan', r.occupationCode)],
          [t('residents.field.maritalStatusCode'), code('status_kawin', r.maritalStatusCode)],
          [t('residents.field.familyRelationCode'), code('hubungan', r.familyRelationCode)],
          [t('residents.field.bloodTypeCode'), code('golongan_darah', r.bloodTypeCode)],
          [t('residents.field.citizenshipCode'), code('warganegara', r.citizenshipCode)],
          [t('residents.field.fatherName'), r.fatherName ?? '—'],
          [t('residents.field.motherName'), r.motherName ?? '—'],
          [
            t('residents.address'),
            `${r.address ?? ''} · ${t('residents.dusun')} ${r.dusun} RT ${r.rt}/RW ${r.rw}`,
          ],
        ]}
      />
      {p.canEdit ? (
        <p class="actions">
          <ButtonLink href={`${BASE}/${r.id}/ubah`}>{t('residents.edit')}</ButtonLink>{' '}
          {r.status === 'hidup' ? (
            <ButtonLink href={`${BASE}/${r.id}/kematian`}>{t('residents.recordDeath')}</ButtonLink>
          ) : (
            ''
          )}{' '}
          {r.status === 'hidup' ? (
            <ButtonLink href={`${BASE}/${r.id}/pindah`}>{t('residents.recordMove')}</ButtonLink>
          ) : (
            ''
          )}
        </p>
      ) : (
        ''
      )}
      <h2>{t('residents.history')}</h2>
      <Table
        rows={p.history}
        empty={t('residents.noHistory')}
        columns={[
          { header: t('residents.date'), cell: (e) => formatDate(e.date) },
          { header: t('residents.event'), cell: (e) => t(`residents.event.${e.kind}`) },
          { header: t('residents.detail'), cell: (e) => describeEvent(e) },
          { header: t('residents.recordedBy'), cell: (e) => e.by ?? '—' },
        ]}
      />
    </Layout>
  );
}

const FORM_LABELS = (): Record<string, string> => ({
  nik: 'NIK',
  no_kk: t('residents.kk'),
  nama: t('residents.name'),
  sex: t('residents.sex'),
  tempatlahir: t('residents.birthPlace'),
  tanggallahir: t('residents.birthDate'),
  agama_id: t('residents.field.religionCode'),
  pendidikan_kk_id: t('residents.field.educationCode'),
  pendidikan_sedang_id: t('residents.field.educationCurrentCode'),
  pekerjaan_id: t('residents.field.occupationCode'),
  status_kawin: t('residents.field.maritalStatusCode'),
  kk_level: t('residents.field.familyRelationCode'),
  golongan_darah_id: t('residents.field.bloodTypeCode'),
  warganegara_id: t('residents.field.citizenshipCode'),
  nama_ayah: t('residents.field.fatherName'),
  nama_ibu: t('residents.field.motherName'),
  dusun: t('residents.dusun'),
  rw: 'RW',
  rt: 'RT',
  alamat: t('residents.address'),
  peristiwa: t('residents.arrival'),
  catatan: t('residents.note'),
});

function options(list: CodeList) {
  return codeList(list).map((e) => ({ value: String(e.code), label: e.label }));
}

export function ResidentFormPage(p: {
  title: string;
  action: string;
  values: Record<string, string>;
  errors?: FieldErrors;
  creating: boolean;
  cancel: string;
}): SafeHtml {
  const v = p.values;
  const e = p.errors ?? {};
  const labels = FORM_LABELS();
  const sel = (name: string, list: CodeList, required = false) => (
    <SelectField
      name={name}
      label={labels[name]!}
      value={v[name]}
      error={e[name]}
      options={options(list)}
      placeholder="—"
      required={required}
    />
  );
  return (
    <Page title={p.title}>
      <ErrorSummary errors={p.errors} labels={labels} />
      <Form action={p.action}>
        {p.creating ? (
          <SelectField
            name="peristiwa"
            label={labels.peristiwa!}
            value={v.peristiwa}
            error={e.peristiwa}
            options={['lahir', 'pindah_masuk', 'pendataan'].map((k) => ({
              value: k,
              label: t(`residents.arrival.${k}`),
            }))}
          />
        ) : (
          ''
        )}
        <TextField name="nama" label={labels.nama!} value={v.nama} error={e.nama} required />
        <TextField
          name="nik"
          label="NIK"
          value={v.nik}
          error={e.nik}
          inputmode="numeric"
          maxlength={16}
          width="medium"
          hint={t('residents.nikHint')}
          required
        />
        <TextField
          name="no_kk"
          label={labels.no_kk!}
          value={v.no_kk}
          error={e.no_kk}
          inputmode="numeric"
          maxlength={16}
          width="medium"
          required
        />
        {sel('kk_level', 'hubungan', true)}
        <SelectField
          name="sex"
          label={labels.sex!}
          value={v.sex}
          error={e.sex}
          options={[
            { value: '1', label: t('residents.male') },
            { value: '2', label: t('residents.female') },
          ]}
          placeholder="—"
          required
        />
        <TextField
          name="tempatlahir"
          label={labels.tempatlahir!}
          value={v.tempatlahir}
          error={e.tempatlahir}
        />
        <TextField
          name="tanggallahir"
          type="date"
          label={labels.tanggallahir!}
          value={v.tanggallahir}
          error={e.tanggallahir}
          width="medium"
          required
        />
        {sel('agama_id', 'agama')}
        {sel('pendidikan_kk_id', 'pendidikan')}
        {sel('pekerjaan_id', 'pekerjaan')}
        {sel('status_kawin', 'status_kawin')}
        {sel('golongan_darah_id', 'golongan_darah')}
        {sel('warganegara_id', 'warganegara')}
        <TextField name="nama_ayah" label={labels.nama_ayah!} value={v.nama_ayah} error={e.nama_ayah} />
        <TextField name="nama_ibu" label={labels.nama_ibu!} value={v.nama_ibu} error={e.nama_ibu} />
        <TextField name="dusun" label={labels.dusun!} value={v.dusun} error={e.dusun} required />
        <TextField
          name="rw"
          label="RW"
          value={v.rw}
          error={e.rw}
          inputmode="numeric"
          width="short"
          required
        />
        <TextField
          name="rt"
          label="RT"
          value={v.rt}
          error={e.rt}
          inputmode="numeric"
          width="short"
          required
        />
        <TextArea name="alamat" label={labels.alamat!} value={v.alamat} error={e.alamat} rows={2} />
        {p.creating ? (
          <TextField name="catatan" label={labels.catatan!} value={v.catatan} error={e.catatan} />
        ) : (
          ''
        )}
        <Button>{t('residents.save')}</Button> <a href={p.cancel}>{t('residents.cancel')}</a>
      </Form>
    </Page>
  );
}

export function DeparturePage(p: {
  resident: Resident;
  kind: 'mati' | 'pindah_keluar';
  values: Record<string, string>;
  errors?: FieldErrors;
}): SafeHtml {
  const title = t(p.kind === 'mati' ? 'residents.recordDeathOf' : 'residents.recordMoveOf', {
    name: p.resident.name,
  });
  const labels = {
    date: t(p.kind === 'mati' ? 'residents.deathDate' : 'residents.moveDate'),
    place: t('residents.deathPlace'),
    cause: t('residents.deathCause'),
    destination: t('residents.destination'),
    reason: t('residents.moveReason'),
  };
  const action = `${BASE}/${p.resident.id}/${p.kind === 'mati' ? 'kematian' : 'pindah'}`;
  return (
    <Page title={title}>
      <ErrorSummary errors={p.errors} labels={labels} />
      <Form action={action}>
        <TextField
          name="date"
          type="date"
          label={labels.date}
          value={p.values.date}
          error={p.errors?.date}
          width="medium"
          required
        />
        {p.kind === 'mati' ? (
          <>
            <TextField name="place" label={labels.place} value={p.values.place} error={p.errors?.place} />
            <TextField name="cause" label={labels.cause} value={p.values.cause} error={p.errors?.cause} />
          </>
        ) : (
          <>
            <TextArea
              name="destination"
              label={labels.destination}
              value={p.values.destination}
              error={p.errors?.destination}
              rows={2}
              required
            />
            <TextField name="reason" label={labels.reason} value={p.values.reason} error={p.errors?.reason} />
          </>
        )}
        <Button variant="warning">{t('residents.save')}</Button>{' '}
        <a href={`${BASE}/${p.resident.id}`}>{t('residents.cancel')}</a>
      </Form>
    </Page>
  );
}

function memberColumns(today: string, links: boolean) {
  return [
    {
      header: t('residents.name'),
      cell: (r: Resident) => (links ? <a href={`${BASE}/${r.id}`}>{r.name}</a> : r.name),
    },
    { header: 'NIK', cell: (r: Resident) => <span class="nowrap">{r.nik}</span> },
    {
      header: t('residents.field.familyRelationCode'),
      cell: (r: Resident) => code('hubungan', r.familyRelationCode),
    },
    { header: t('residents.sex'), cell: (r: Resident) => sexLabel(r.sex) },
    { header: t('residents.birth'), cell: (r: Resident) => `${r.birthPlace}, ${formatDate(r.birthDate)}` },
    { header: t('residents.age'), cell: (r: Resident) => String(ageOn(r.birthDate, today)), numeric: true },
    { header: t('residents.field.religionCode'), cell: (r: Resident) => code('agama', r.religionCode) },
    {
      header: t('residents.field.educationCode'),
      cell: (r: Resident) => code('pendidikan', r.educationCode),
    },
    {
      header: t('residents.field.occupationCode'),
      cell: (r: Resident) => code('pekerjaan', r.occupationCode),
    },
    { header: t('residents.statusLabel'), cell: (r: Resident) => statusTag(r.status) },
  ];
}

export function FamilyPage(p: {
  family: FamilyView;
  canEdit: boolean;
  today: string;
  villageName: string;
}): SafeHtml {
  const f = p.family;
  const head = f.members.find((m) => m.id === f.headId) ?? f.members.find((m) => m.familyRelationCode === 1);
  return (
    <Layout title={`${t('residents.kk')} ${f.familyNumber}`} wide>
      <h1>
        {t('residents.kk')} {f.familyNumber}
      </h1>
      <SummaryList
        rows={[
          [t('residents.head'), head ? head.name : '—'],
          [
            t('residents.address'),
            `${f.address ?? ''} · ${t('residents.dusun')} ${f.dusun} RT ${f.rt}/RW ${f.rw}`,
          ],
          [t('residents.village'), p.villageName],
          [t('residents.members'), String(f.members.length)],
        ]}
      />
      <p class="actions">
        <ButtonLink href={`/kelola/keluarga/${f.familyNumber}/cetak`}>
          {t('residents.printFamily')}
        </ButtonLink>{' '}
        {p.canEdit ? (
          <ButtonLink href={`${BASE}/baru?desa=${f.villageCode}&peristiwa=lahir&kk=${f.familyNumber}`}>
            {t('residents.recordBirth')}
          </ButtonLink>
        ) : (
          ''
        )}
      </p>
      <Table rows={f.members} columns={memberColumns(p.today, true)} />
    </Layout>
  );
}

/** A printable one-page summary of the family card (print from the browser; A4/F4 landscape). */
export function FamilyPrintPage(p: {
  family: FamilyView;
  today: string;
  villageName: string;
  kecamatanName: string;
}): SafeHtml {
  const f = p.family;
  const head = f.members.find((m) => m.id === f.headId) ?? f.members.find((m) => m.familyRelationCode === 1);
  return (
    <Layout
      title={`${t('residents.familySummary')} ${f.familyNumber}`}
      wide
      head={raw(
        '<style>@media print{.site-header,.site-footer,.skip-link,.demo-banner,.no-print{display:none}@page{size:landscape;margin:12mm}}</style>',
      )}
    >
      <h1>{t('residents.familySummary')}</h1>
      <p class="no-print">
        <a href={`/kelola/keluarga/${f.familyNumber}`}>← {t('residents.back')}</a> ·{' '}
        {t('residents.printHint')}
      </p>
      <SummaryList
        rows={[
          [t('residents.kk'), f.familyNumber],
          [t('residents.head'), head ? head.name : '—'],
          [
            t('residents.address'),
            `${f.address ?? ''}, RT ${f.rt}/RW ${f.rw}, ${t('residents.dusun')} ${f.dusun}`,
          ],
          [t('residents.village'), `${p.villageName}, ${t('residents.kecamatan')} ${p.kecamatanName}`],
        ]}
      />
      <Table rows={f.members} columns={memberColumns(p.today, false)} />
      <p>{t('residents.printedOn', { date: formatDate(p.today) })}</p>
    </Layout>
  );
}

export interface ImportRow {
  id: string;
  file_name: string;
  mode: string;
  state: string;
  rows_done: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  message: string | null;
  /** why a failed import failed, when the system knows (a message key suffix) */
  failure?: string | null;
  created_at: Date;
  bytes_total?: number;
}

/** What the operator reads about an import's outcome, in the page's language where the reason is known. */
function importMessage(i: ImportRow): string | null {
  return i.failure ? t(`residents.importFailure.${i.failure}`) : i.message;
}

export function ImportPage(p: {
  village: VillageChoice;
  imports: ImportRow[];
  errors?: FieldErrors;
  values: Record<string, string>;
}): SafeHtml {
  const labels = { file: t('residents.importFile'), mode: t('residents.importMode') };
  return (
    <Page title={t('residents.importTitle', { village: p.village.name })}>
      <p>{t('residents.importIntro')}</p>
      <p>
        <a href="/kelola/penduduk/impor/contoh.csv">{t('residents.importTemplate')}</a>
      </p>
      <ErrorSummary errors={p.errors} labels={labels} />
      <Form action={`${BASE}/impor?desa=${p.village.code}`} multipart>
        <SelectField
          name="mode"
          label={labels.mode}
          value={p.values.mode ?? 'valid_rows'}
          error={p.errors?.mode}
          options={[
            { value: 'valid_rows', label: t('residents.modeValid') },
            { value: 'all_or_nothing', label: t('residents.modeAll') },
          ]}
        />
        <FileField name="file" label={labels.file} accept=".csv,.xlsx" error={p.errors?.file} required />
        <Button>{t('residents.startImport')}</Button>
      </Form>
      <h2>{t('residents.recentImports')}</h2>
      <Table
        rows={p.imports}
        empty={t('residents.noImports')}
        columns={[
          {
            header: t('residents.importFile'),
            cell: (i) => <a href={`${BASE}/impor/${i.id}`}>{i.file_name}</a>,
          },
          {
            header: t('residents.statusLabel'),
            cell: (i) =>
              i.failure ? (
                <>
                  {t(`residents.importState.${i.state}`)}: {importMessage(i)}
                </>
              ) : (
                t(`residents.importState.${i.state}`)
              ),
          },
          { header: t('residents.summary'), cell: (i) => summaryText(i) },
        ]}
      />
    </Page>
  );
}

/** The outcome in the page's language (the CLI prints the contract's English line instead). */
function summaryText(i: ImportRow): string {
  return t('residents.importSummary', {
    inserted: formatNumber(i.inserted),
    updated: formatNumber(i.updated),
    unchanged: formatNumber(i.unchanged),
    rejected: formatNumber(i.rejected),
  });
}

/** "Tanggal lahir: 12-05-1990 → 13-05-1990", one line per field the row changed. */
function ChangeList(props: { fields: ImportChangeRow['fields'] }): SafeHtml {
  return (
    <ul class="change-list">
      {props.fields.map((f) => (
        <li>
          {fieldLabel(f.field)}: <del>{fieldValue(f.field, f.from)}</del> →{' '}
          <ins>{fieldValue(f.field, f.to)}</ins>
        </li>
      ))}
    </ul>
  );
}

/** The updated rows of an import and what each changed; the CSV has every row kept. */
function ImportChanges(p: {
  jobId: string;
  changes: { rows: ImportChangeRow[]; kept: number; updated: number };
}): SafeHtml {
  const { rows, kept, updated } = p.changes;
  if (updated === 0) return raw('');
  return (
    <section class="panel" aria-labelledby="import-changes">
      <h2 id="import-changes">{t('residents.changes.title', { n: formatNumber(updated) })}</h2>
      {kept === 0 ? (
        <p>{t('residents.changes.none')}</p>
      ) : (
        <>
          <Table
            rows={rows}
            columns={[
              { header: t('residents.changes.row'), cell: (r) => String(r.rowNumber), numeric: true },
              { header: 'NIK', cell: (r) => r.nik },
              { header: t('residents.name'), cell: (r) => r.name },
              { header: t('residents.changes.what'), cell: (r) => <ChangeList fields={r.fields} /> },
            ]}
          />
          {kept > rows.length ? (
            <p>{t('residents.changes.moreInCsv', { n: formatNumber(kept - rows.length) })}</p>
          ) : (
            ''
          )}
          {updated > kept ? (
            <p>
              {t('residents.changes.notKept', { n: formatNumber(updated - kept), kept: formatNumber(kept) })}
            </p>
          ) : (
            ''
          )}
          <p>
            <a href={`${BASE}/impor/${p.jobId}/perubahan.csv`}>{t('residents.changes.download')}</a>
          </p>
        </>
      )}
    </section>
  );
}

export function ImportStatusPage(p: {
  job: ImportRow;
  percent: number;
  villageCode: string;
  hasErrors: boolean;
  changes?: { rows: ImportChangeRow[]; kept: number; updated: number } | undefined;
}): SafeHtml {
  // queued or running: the page refreshes itself until the outcome is there (no JavaScript needed)
  const running = p.job.state === 'berjalan' || p.job.state === 'antre';
  const head = running ? raw(`<meta http-equiv="refresh" content="2">`) : undefined;
  return (
    <Page title={t('residents.importStatus')} head={head}>
      <SummaryList
        rows={[
          [t('residents.importFile'), p.job.file_name],
          [
            t('residents.importMode'),
            t(p.job.mode === 'all_or_nothing' ? 'residents.modeAll' : 'residents.modeValid'),
          ],
          [t('residents.statusLabel'), t(`residents.importState.${p.job.state}`)],
          [t('residents.rowsRead'), formatNumber(p.job.rows_done)],
        ]}
      />
      {running ? (
        <p>
          <progress max="100" value={String(p.percent)}>
            {p.percent}%
          </progress>{' '}
          {p.percent}% · {t('residents.refreshing')}
        </p>
      ) : (
        <Panel title={t('residents.summary')}>
          <p>
            <strong class="summary-line">{summaryText(p.job)}</strong>
          </p>
          {importMessage(p.job) ? <p>{importMessage(p.job)}</p> : ''}
          {p.hasErrors ? (
            <p>
              <a href={`${BASE}/impor/${p.job.id}/galat.csv`}>{t('residents.downloadErrors')}</a>
            </p>
          ) : (
            ''
          )}
        </Panel>
      )}
      {!running && p.changes ? <ImportChanges jobId={p.job.id} changes={p.changes} /> : ''}
      <BackLink href={`${BASE}?desa=${p.villageCode}`}>{t('residents.backToList')}</BackLink>
    </Page>
  );
}

/** The statistics page's charts, drawn by ECharts on the server (the page itself renders synchronously). */
export interface StatsCharts {
  pyramid: string;
  religion: string;
  education: string;
  occupation: string;
  marital: string;
}

function sexNames() {
  return { male: t('residents.male'), female: t('residents.female') };
}

function categoryChart(title: string, rows: readonly SexCount[]): Promise<string> {
  return renderChartSvg(sexBarsOption(rows, sexNames()), phoneChartSize(rows.length), title, { phone: true });
}

/** Every chart of the statistics page, each of the same numbers as the table beside it. */
export async function statsCharts(s: PopulationStats): Promise<StatsCharts> {
  const bands = s.pyramid.map((b) => ({ label: b.band, male: b.male, female: b.female }));
  const [pyramid, religion, education, occupation, marital] = await Promise.all([
    renderChartSvg(pyramidOption(bands, sexNames()), phoneChartSize(bands.length), t('residents.pyramid'), {
      phone: true,
    }),
    categoryChart(t('residents.field.religionCode'), s.religion),
    categoryChart(t('residents.field.educationCode'), s.education),
    categoryChart(t('residents.field.occupationCode'), s.occupation),
    categoryChart(t('residents.field.maritalStatusCode'), s.marital),
  ]);
  return { pyramid, religion, education, occupation, marital };
}

function CategoryTable(props: {
  title: string;
  rows: CategoryCount[];
  slug: string;
  chart: string;
}): SafeHtml {
  return (
    <section class="panel">
      <h2 id={props.slug}>{props.title}</h2>
      {raw(props.chart)}
      <Table
        rows={props.rows}
        columns={[
          { header: props.title, cell: (r) => r.label },
          { header: t('residents.male'), cell: (r) => formatNumber(r.male), numeric: true },
          { header: t('residents.female'), cell: (r) => formatNumber(r.female), numeric: true },
          { header: t('residents.total'), cell: (r) => formatNumber(r.total), numeric: true },
        ]}
      />
    </section>
  );
}

export function StatsPage(p: {
  stats: PopulationStats;
  charts: StatsCharts;
  regionName: string;
  choices: VillageChoice[];
}): SafeHtml {
  const s = p.stats;
  const title = t('residents.statsTitle', { region: p.regionName });
  return (
    <Page title={title} wide>
      <VillagePicker
        villages={p.choices}
        current={s.regionCode}
        action={`${BASE}/statistik`}
        name="wilayah"
      />
      <p>
        <a href={`${BASE}/statistik.csv?wilayah=${s.regionCode}`}>{t('residents.downloadCsv')}</a> ·{' '}
        {t('residents.ageNote', { year: s.year })}
      </p>
      <SummaryList
        rows={[
          [t('residents.population'), <span data-stat="total">{formatNumber(s.total)}</span>],
          [t('residents.male'), <span data-stat="male">{formatNumber(s.male)}</span>],
          [t('residents.female'), <span data-stat="female">{formatNumber(s.female)}</span>],
          [
            t('residents.families'),
            <>
              <span data-stat="families">{formatNumber(s.families)}</span>
              <br />
              <small class="hint">{t('residents.familiesMeans')}</small>
            </>,
          ],
          [
            t('residents.heads'),
            <>
              <span data-stat="heads">{formatNumber(s.headsMale + s.headsFemale)}</span>
              <br />
              <small class="hint">{t('residents.headsMeans')}</small>
            </>,
          ],
          [t('residents.headsMale'), formatNumber(s.headsMale)],
          [t('residents.headsFemale'), formatNumber(s.headsFemale)],
        ]}
      />
      {s.headsMale + s.headsFemale !== s.families ? (
        <p class="hint" data-stat="heads-differ">
          {t('residents.headsDiffer', {
            families: formatNumber(s.families),
            heads: formatNumber(s.headsMale + s.headsFemale),
          })}
        </p>
      ) : (
        ''
      )}
      <section class="panel">
        <h2>{t('residents.pyramid')}</h2>
        {raw(p.charts.pyramid)}
        <Table
          rows={s.pyramid}
          columns={[
            { header: t('residents.ageBand'), cell: (r) => r.band },
            { header: t('residents.male'), cell: (r) => formatNumber(r.male), numeric: true },
            { header: t('residents.female'), cell: (r) => formatNumber(r.female), numeric: true },
          ]}
        />
      </section>
      <CategoryTable
        title={t('residents.field.religionCode')}
        rows={s.religion}
        slug="agama"
        chart={p.charts.religion}
      />
      <CategoryTable
        title={t('residents.field.educationCode')}
        rows={s.education}
        slug="pendidikan"
        chart={p.charts.education}
      />
      <CategoryTable
        title={t('residents.field.occupationCode')}
        rows={s.occupation}
        slug="pekerjaan"
        chart={p.charts.occupation}
      />
      <CategoryTable
        title={t('residents.field.maritalStatusCode')}
        rows={s.marital}
        slug="status-kawin"
        chart={p.charts.marital}
      />
    </Page>
  );
}

/** The statistics as one CSV: section, category, male, female, total. */
export function statsCsvRows(s: PopulationStats): Array<Array<string | number>> {
  const rows: Array<Array<string | number>> = [['bagian', 'kategori', 'laki_laki', 'perempuan', 'jumlah']];
  rows.push(['ringkasan', 'penduduk', s.male, s.female, s.total]);
  rows.push(['ringkasan', 'kepala_keluarga', s.headsMale, s.headsFemale, s.headsMale + s.headsFemale]);
  rows.push(['ringkasan', 'keluarga', '', '', s.families]);
  for (const b of s.pyramid) rows.push(['umur', b.band, b.male, b.female, b.male + b.female]);
  for (const [name, list] of [
    ['agama', s.religion],
    ['pendidikan', s.education],
    ['pekerjaan', s.occupation],
    ['status_kawin', s.marital],
  ] as const)
    for (const c of list) rows.push([name, c.label, c.male, c.female, c.total]);
  return rows;
}
