import { formatDate, formatDateTime, formatNumber, t } from '../../../platform/i18n/index.ts';
import type { ImportRecord } from '../../../platform/imports/index.ts';
import {
  BackLink,
  Button,
  ButtonLink,
  DateField,
  ErrorSummary,
  type FieldErrors,
  FileField,
  Form,
  FormSection,
  fieldFor,
  Pagination,
  SelectField,
  StatusTag,
  SummaryList,
  Table,
  TextArea,
  TextField,
} from '../../../platform/ui/components.tsx';
import { ImportsTable, SheetUploadForm } from '../../../platform/ui/imports.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Layout, Page } from '../../../platform/ui/layout.tsx';
import type { FiguresTable } from '../figures.ts';
import { tableCells, tableHeader } from '../figures.ts';
import type { familyAid, getBeneficiary, listBeneficiaries } from '../registry.ts';
import type { ApplicationView, ProgrammeRow } from '../repo.ts';
import { type ApplicationPage, holderOf, PAGE_SIZE, STATUSES } from '../service.ts';
import {
  applicationUrl,
  awaitedText,
  BASE,
  beneficiaryUrl,
  dateOrDash,
  familyUrl,
  History,
  rupiah,
  StatusOf,
} from './parts.tsx';
import { ProgrammeFields } from './resident.tsx';

type Values = Record<string, string | undefined>;

function Nav(): SafeHtml {
  return (
    <nav class="subnav" aria-label={t('aid.nav')}>
      <a href={BASE}>{t('aid.staff.applications')}</a> ·{' '}
      <a href={`${BASE}/penerima`}>{t('aid.staff.registry')}</a> ·{' '}
      <a href={`${BASE}/program`}>{t('aid.staff.programmes')}</a> ·{' '}
      <a href={`${BASE}/angka`}>{t('aid.figures.title')}</a>
    </nav>
  );
}

export function ApplicationsPage(props: {
  rows: Array<ApplicationView & { overdue: boolean }>;
  total: number;
  page: number;
  status: string;
  filter: Values;
  programmes: ProgrammeRow[];
  mayFile: boolean;
}): SafeHtml {
  return (
    <Layout title={t('aid.staff.applications')} wide>
      <Nav />
      <h1>{t('aid.staff.applications')}</h1>
      {props.mayFile ? (
        <p>
          <ButtonLink href={`${BASE}/usulan/baru`}>{t('aid.staff.fileForResident')}</ButtonLink>
        </p>
      ) : (
        ''
      )}
      <Form action={BASE} method="get" class="filters">
        <SelectField
          name="status"
          label={t('aid.col.status')}
          value={props.status}
          options={[
            { value: '', label: t('aid.filter.all') },
            { value: 'terbuka', label: t('aid.filter.open') },
            ...STATUSES.map((s) => ({ value: s, label: t(`aid.status.${s}`) })),
          ]}
        />
        <TextField
          name="kecamatan"
          label={t('aid.filter.kecamatan')}
          value={props.filter.kecamatan}
          width="medium"
        />
        <TextField name="desa" label={t('aid.filter.village')} value={props.filter.desa} width="medium" />
        <SelectField
          name="program"
          label={t('aid.col.programme')}
          value={props.filter.program}
          options={[
            { value: '', label: t('aid.filter.all') },
            ...props.programmes.map((p) => ({ value: p.id, label: p.code })),
          ]}
        />
        <Button variant="secondary">{t('aid.filter.apply')}</Button>
      </Form>
      <p>{t('aid.staff.count', { count: props.total })}</p>
      <Table
        rows={props.rows}
        empty={t('aid.staff.none')}
        columns={[
          { header: t('aid.col.code'), cell: (a) => <a href={applicationUrl(a.id)}>{a.code}</a> },
          { header: t('aid.col.name'), cell: (a) => a.name },
          { header: t('aid.col.village'), cell: (a) => a.village_code },
          { header: t('aid.col.programme'), cell: (a) => a.programme_code },
          { header: t('aid.col.status'), cell: (a) => <StatusOf status={a.status} /> },
          {
            header: t('aid.col.due'),
            cell: (a) =>
              a.overdue ? (
                <StatusTag tone="bad">{t('aid.staff.overdue', { date: dateOrDash(a.due_at) })}</StatusTag>
              ) : (
                dateOrDash(a.due_at)
              ),
          },
        ]}
      />
      <Pagination
        list={{ ...props, pageSize: PAGE_SIZE }}
        baseUrl={BASE}
        query={{ ...props.filter, status: props.status }}
      />
    </Layout>
  );
}

export function StaffNewApplicationPage(props: {
  programmes: ProgrammeRow[];
  values?: Values;
  errors?: FieldErrors;
}): SafeHtml {
  return (
    <Page title={t('aid.staff.fileForResident')} back={{ href: BASE, label: t('aid.staff.applications') }}>
      <ErrorSummary errors={props.errors} />
      <Form action={`${BASE}/usulan/baru`}>
        <TextField
          {...fieldFor(props.values, props.errors, 'nik')}
          label={t('aid.field.nik')}
          inputmode="numeric"
          width="medium"
          required
        />
        <ProgrammeFields {...props} />
        <Button>{t('aid.resident.submit')}</Button>
      </Form>
    </Page>
  );
}

function ActionForms(props: { page: ApplicationPage; values?: Values; errors?: FieldErrors }): SafeHtml {
  const { application: a, may } = props.page;
  const { values, errors } = props;
  const url = applicationUrl(a.id);
  const minutesRequired = a.programme_source === 'dana_desa';
  return (
    <>
      <ErrorSummary errors={errors} />
      {may.verify ? (
        <>
          <h2>{t('aid.staff.verifyTitle')}</h2>
          <p>{minutesRequired ? t('aid.staff.minutesRequired') : t('aid.staff.minutesOptional')}</p>
          <Form action={`${url}/verifikasi`} multipart>
            <DateField
              {...fieldFor(values, errors, 'tanggal_musdes')}
              label={t('aid.field.musdesDate')}
              required={minutesRequired}
            />
            <TextField
              {...fieldFor(values, errors, 'nomor_berita_acara')}
              label={t('aid.field.minutesNumber')}
              required={minutesRequired}
            />
            <FileField
              name="berita_acara"
              error={errors?.berita_acara}
              label={t('aid.field.minutesScan')}
              accept=".pdf,.jpg,.jpeg,.png"
            />
            <TextArea {...fieldFor(values, errors, 'catatan')} label={t('aid.field.note')} maxlength={500} />
            <Button>{t('aid.staff.verify')}</Button>
          </Form>
          <h2>{t('aid.staff.returnTitle')}</h2>
          <Form action={`${url}/kembalikan`}>
            <TextArea
              {...fieldFor(values, errors, 'alasan')}
              label={t('aid.field.returnReason')}
              maxlength={1000}
              required
            />
            <Button variant="secondary">{t('aid.staff.return')}</Button>
          </Form>
        </>
      ) : (
        ''
      )}
      {may.forward ? (
        <Form action={`${url}/teruskan`}>
          <Button>{t('aid.staff.forward')}</Button>
        </Form>
      ) : (
        ''
      )}
      {may.decide ? (
        <>
          <h2>{t('aid.staff.decideTitle')}</h2>
          <Form action={`${url}/setujui`}>
            <TextArea {...fieldFor(values, errors, 'catatan')} label={t('aid.field.note')} maxlength={1000} />
            <Button>{t('aid.staff.approve')}</Button>
          </Form>
          <Form action={`${url}/tolak`}>
            <TextArea
              {...fieldFor(values, errors, 'alasan')}
              label={t('aid.field.rejectReason')}
              maxlength={1000}
              required
            />
            <Button variant="warning">{t('aid.staff.reject')}</Button>
          </Form>
        </>
      ) : (
        ''
      )}
      {may.disburse ? (
        <>
          <h2>{t('aid.staff.disburseTitle')}</h2>
          <Form action={`${url}/salurkan`}>
            <DateField {...fieldFor(values, errors, 'tanggal')} label={t('aid.field.disbursedOn')} required />
            <TextField
              {...fieldFor(values, errors, 'jumlah')}
              label={t('aid.field.amount')}
              inputmode="numeric"
              width="medium"
            />
            <TextField {...fieldFor(values, errors, 'barang')} label={t('aid.field.goods')} />
            <Button>{t('aid.staff.disburse')}</Button>
          </Form>
        </>
      ) : (
        ''
      )}
    </>
  );
}

export function StaffApplicationPage(props: {
  page: ApplicationPage;
  values?: Values;
  errors?: FieldErrors;
}): SafeHtml {
  const { application: a, events, holder, decile, inFull } = props.page;
  const rows: Array<[string, SafeHtml | string]> = [
    [t('aid.col.status'), <StatusOf status={a.status} />],
    [t('aid.col.awaited'), awaitedText(a.status, holder)],
    [t('aid.col.name'), a.name],
    [t('aid.field.nik'), a.nik],
    [
      t('aid.col.family'),
      a.family_number ? (
        inFull ? (
          <a href={familyUrl(a.family_number)}>{a.family_number}</a>
        ) : (
          a.family_number
        )
      ) : (
        '–'
      ),
    ],
    [
      t('aid.col.decile'),
      decile
        ? t('aid.decile.value', { decile: decile.decile, date: formatDate(decile.asOf) })
        : t('aid.decile.unknown'),
    ],
    [t('aid.col.village'), `${a.village_code} · ${a.dusun} RT ${a.rt}`],
    [t('aid.col.programme'), `${a.programme_name} (${a.programme_code})`],
    [t('aid.col.submitted'), formatDateTime(a.submitted_at)],
    [t('aid.col.due'), dateOrDash(a.due_at)],
  ];
  if (inFull) rows.push([t('aid.field.reason'), a.reason], [t('aid.field.phone'), a.phone ?? '–']);
  if (a.musdes_number)
    rows.push([
      t('aid.field.minutesNumber'),
      <>
        {a.musdes_number} ({dateOrDash(a.musdes_date)}){' '}
        {a.musdes_file_id && inFull ? (
          <a href={`${applicationUrl(a.id)}/berita-acara`}>{t('aid.staff.minutesScan')}</a>
        ) : (
          ''
        )}
      </>,
    ]);
  if (a.decision_reason) rows.push([t('aid.col.decision'), a.decision_reason]);
  if (a.disbursed_on)
    rows.push([
      t('aid.col.disbursedOn'),
      `${dateOrDash(a.disbursed_on)} ${a.amount !== null ? rupiah(a.amount) : (a.goods ?? '')}`,
    ]);
  return (
    <Layout title={`${a.code} — ${a.name}`}>
      <BackLink href={BASE}>{t('aid.staff.applications')}</BackLink>
      <h1>
        {a.code} — {a.programme_code}
      </h1>
      <SummaryList rows={rows} />
      <ActionForms {...props} />
      <History events={events} />
    </Layout>
  );
}

type BeneficiaryList = Awaited<ReturnType<typeof listBeneficiaries>>;

export function BeneficiariesPage(props: {
  list: BeneficiaryList;
  filter: Values;
  programmes: ProgrammeRow[];
  addTo: string | null;
  values?: Values;
  errors?: FieldErrors;
}): SafeHtml {
  return (
    <Layout title={t('aid.staff.registry')} wide>
      <Nav />
      <h1>{t('aid.staff.registry')}</h1>
      <Form action={`${BASE}/penerima`} method="get" class="filters">
        <SelectField
          name="program"
          label={t('aid.col.programme')}
          value={props.filter.program}
          options={[
            { value: '', label: t('aid.filter.all') },
            ...props.programmes.map((p) => ({ value: p.id, label: p.code })),
          ]}
        />
        <TextField name="periode" label={t('aid.field.period')} value={props.filter.periode} width="short" />
        <Button variant="secondary">{t('aid.filter.apply')}</Button>
      </Form>
      <p>{t('aid.staff.entries', { count: props.list.total })}</p>
      <Table
        rows={props.list.rows}
        empty={t('aid.staff.noEntries')}
        columns={[
          { header: t('aid.col.name'), cell: (b) => <a href={beneficiaryUrl(b.id)}>{b.name}</a> },
          { header: t('aid.col.programme'), cell: (b) => `${b.programme_code} ${b.period}` },
          { header: t('aid.col.family'), cell: (b) => b.family_number ?? '–' },
          { header: t('aid.col.decile'), cell: (b) => (b.decile === null ? '–' : String(b.decile)) },
          {
            header: t('aid.col.status'),
            cell: (b) =>
              !b.active ? (
                <StatusTag tone="bad">{t('aid.entry.stopped')}</StatusTag>
              ) : b.verified_at ? (
                <StatusTag tone="good">{t('aid.entry.verified')}</StatusTag>
              ) : (
                <StatusTag tone="warn">{t('aid.entry.toReview')}</StatusTag>
              ),
          },
        ]}
      />
      <Pagination list={props.list} baseUrl={`${BASE}/penerima`} query={props.filter} />
      {props.addTo ? (
        <FormSection
          title={t('aid.staff.addEntry')}
          intro={
            <p>
              <a href={`${BASE}/impor`}>{t('aid.import.title')}</a>
            </p>
          }
          action={`${BASE}/penerima`}
          errors={props.errors}
        >
          <SelectField
            {...fieldFor(props.values, props.errors, 'program')}
            label={t('aid.col.programme')}
            placeholder={t('aid.field.choose')}
            options={props.programmes
              .filter((p) => p.active)
              .map((p) => ({ value: p.id, label: `${p.name} (${p.code})` }))}
            required
          />
          <TextField
            {...fieldFor(props.values, props.errors, 'periode')}
            label={t('aid.field.period')}
            hint={t('aid.field.periodHint')}
            width="short"
            required
          />
          <TextField
            {...fieldFor(props.values, props.errors, 'nik')}
            label={t('aid.field.nik')}
            hint={t('aid.field.nikHint')}
            inputmode="numeric"
            width="medium"
          />
          <TextField
            {...fieldFor(props.values, props.errors, 'no_kk')}
            label={t('aid.field.familyNumber')}
            inputmode="numeric"
            width="medium"
          />
          <Button>{t('aid.staff.add')}</Button>
        </FormSection>
      ) : (
        ''
      )}
    </Layout>
  );
}

export function BeneficiaryPage(props: {
  data: Awaited<ReturnType<typeof getBeneficiary>>;
  values?: Values;
  errors?: FieldErrors;
}): SafeHtml {
  const { entry: b, events, mayKeep, inFull } = props.data;
  return (
    <Page title={b.name} back={{ href: `${BASE}/penerima`, label: t('aid.staff.registry') }}>
      <SummaryList
        rows={[
          [t('aid.col.programme'), `${b.programme_name} (${b.programme_code})`],
          [t('aid.field.period'), b.period],
          [t('aid.field.nik'), b.nik ?? '–'],
          [
            t('aid.col.family'),
            b.family_number ? (
              inFull ? (
                <a href={familyUrl(b.family_number)}>{b.family_number}</a>
              ) : (
                b.family_number
              )
            ) : (
              '–'
            ),
          ],
          [t('aid.col.village'), `${b.village_code} · ${b.dusun} RT ${b.rt}`],
          [
            t('aid.col.status'),
            b.active
              ? b.verified_at
                ? t('aid.entry.verified')
                : t('aid.entry.toReview')
              : `${t('aid.entry.stopped')}: ${b.stopped_reason ?? ''}`,
          ],
        ]}
      />
      <ErrorSummary errors={props.errors} />
      {mayKeep && b.active && !b.verified_at ? (
        <Form action={`${beneficiaryUrl(b.id)}/verifikasi`}>
          <Button>{t('aid.staff.verifyEntry')}</Button>
        </Form>
      ) : (
        ''
      )}
      {mayKeep && b.active ? (
        <Form action={`${beneficiaryUrl(b.id)}/hentikan`}>
          <TextArea
            {...fieldFor(props.values, props.errors, 'alasan')}
            label={t('aid.field.stopReason')}
            maxlength={500}
            required
          />
          <Button variant="warning">{t('aid.staff.stopEntry')}</Button>
        </Form>
      ) : (
        ''
      )}
      <Table
        caption={t('aid.history.title')}
        rows={events}
        columns={[
          { header: t('aid.col.date'), cell: (e) => formatDateTime(e.at) },
          { header: t('aid.col.event'), cell: (e) => t(`aid.entryEvent.${e.kind}`) },
          { header: t('aid.col.by'), cell: (e) => e.actor_name },
          {
            header: t('aid.col.note'),
            cell: (e) =>
              [e.on_date ? dateOrDash(e.on_date) : '', rupiah(e.amount), e.goods ?? '', e.note]
                .filter(Boolean)
                .join(' · '),
          },
        ]}
      />
    </Page>
  );
}

export function FamilyPage(props: {
  data: Awaited<ReturnType<typeof familyAid>>;
  values?: Values;
  errors?: FieldErrors;
}): SafeHtml {
  const f = props.data;
  return (
    <Page
      title={t('aid.family.title', { kk: f.familyNumber })}
      back={{ href: `${BASE}/penerima`, label: t('aid.staff.registry') }}
    >
      <SummaryList
        rows={[
          [t('aid.family.head'), f.head],
          [
            t('aid.family.programmes'),
            f.activeProgrammes.length > 0
              ? `${f.activeProgrammes.length}: ${f.activeProgrammes.join(', ')}`
              : t('aid.family.noProgramme'),
          ],
          [
            t('aid.col.decile'),
            f.decile
              ? t('aid.decile.value', { decile: f.decile.decile, date: formatDate(f.decile.asOf) })
              : t('aid.decile.unknown'),
          ],
        ]}
      />
      <Table
        rows={f.entries}
        empty={t('aid.family.noProgramme')}
        columns={[
          {
            header: t('aid.col.programme'),
            cell: (b) => <a href={beneficiaryUrl(b.id)}>{`${b.programme_name} (${b.programme_code})`}</a>,
          },
          { header: t('aid.field.period'), cell: (b) => b.period },
          { header: t('aid.col.name'), cell: (b) => b.name },
          {
            header: t('aid.col.status'),
            cell: (b) => (b.active ? t('aid.entry.active') : t('aid.entry.stopped')),
          },
        ]}
      />
      {f.mayKeep ? (
        <FormSection
          title={t('aid.decile.title')}
          action={`${familyUrl(f.rawFamilyNumber)}/desil`}
          errors={props.errors}
        >
          <TextField
            {...fieldFor(props.values, props.errors, 'desil')}
            label={t('aid.decile.field')}
            inputmode="numeric"
            width="short"
            required
          />
          <DateField
            {...fieldFor(props.values, props.errors, 'tanggal_data')}
            label={t('aid.decile.date')}
            required
          />
          <TextField
            {...fieldFor(props.values, props.errors, 'sumber')}
            label={t('aid.decile.source')}
            hint="DTSEN"
            width="medium"
          />
          <Button>{t('aid.decile.save')}</Button>
        </FormSection>
      ) : (
        ''
      )}
    </Page>
  );
}

export function ProgrammesPage(props: {
  programmes: ProgrammeRow[];
  mayAdd: boolean;
  villageOwn: boolean;
  values?: Values;
  errors?: FieldErrors;
}): SafeHtml {
  return (
    <Layout title={t('aid.staff.programmes')} wide>
      <Nav />
      <h1>{t('aid.staff.programmes')}</h1>
      <Table
        rows={props.programmes}
        columns={[
          { header: t('aid.programme.code'), cell: (p) => p.code },
          { header: t('aid.programme.name'), cell: (p) => p.name },
          { header: t('aid.programme.source'), cell: (p) => t(`aid.source.${p.source}`) },
          { header: t('aid.programme.target'), cell: (p) => t(`aid.target.${p.target}`) },
          { header: t('aid.programme.benefit'), cell: (p) => p.benefit },
          {
            header: t('aid.programme.period'),
            cell: (p) =>
              p.period_start ? `${dateOrDash(p.period_start)} – ${dateOrDash(p.period_end)}` : '–',
          },
          { header: t('aid.programme.owner'), cell: (p) => p.village_code ?? t('aid.programme.regency') },
        ]}
      />
      {props.mayAdd ? (
        <FormSection
          title={props.villageOwn ? t('aid.programme.addVillage') : t('aid.programme.add')}
          action={`${BASE}/program`}
          errors={props.errors}
        >
          <TextField
            {...fieldFor(props.values, props.errors, 'kode')}
            label={t('aid.programme.code')}
            width="medium"
            required
          />
          <TextField
            {...fieldFor(props.values, props.errors, 'nama')}
            label={t('aid.programme.name')}
            required
          />
          {props.villageOwn ? (
            ''
          ) : (
            <SelectField
              {...fieldFor(props.values, props.errors, 'sumber')}
              label={t('aid.programme.source')}
              placeholder={t('aid.field.choose')}
              options={(['apbn', 'apbd', 'dana_desa'] as const).map((s) => ({
                value: s,
                label: t(`aid.source.${s}`),
              }))}
              required
            />
          )}
          <SelectField
            {...fieldFor(props.values, props.errors, 'sasaran')}
            label={t('aid.programme.target')}
            placeholder={t('aid.field.choose')}
            options={(['person', 'family', 'household'] as const).map((s) => ({
              value: s,
              label: t(`aid.target.${s}`),
            }))}
            required
          />
          <TextField
            {...fieldFor(props.values, props.errors, 'manfaat')}
            label={t('aid.programme.benefit')}
          />
          <DateField {...fieldFor(props.values, props.errors, 'mulai')} label={t('aid.programme.start')} />
          <DateField {...fieldFor(props.values, props.errors, 'selesai')} label={t('aid.programme.end')} />
          <Button>{t('aid.programme.save')}</Button>
        </FormSection>
      ) : (
        ''
      )}
    </Layout>
  );
}

export function ImportPage(props: { imports: ImportRecord[]; error?: string }): SafeHtml {
  return (
    <Page
      title={t('aid.import.title')}
      back={{ href: `${BASE}/penerima`, label: t('aid.staff.registry') }}
      wide
    >
      <p>{t('aid.import.intro')}</p>
      <p>
        <a href={`${BASE}/templat-impor.csv`}>{t('aid.import.template')}</a>
      </p>
      <SheetUploadForm
        action={`${BASE}/impor`}
        label={t('aid.import.file')}
        send={t('aid.import.send')}
        error={props.error}
      />
      <ImportsTable
        imports={props.imports}
        empty={t('aid.import.none')}
        headers={{
          date: t('aid.col.date'),
          file: t('aid.import.fileCol'),
          state: t('aid.col.status'),
          result: t('aid.import.result'),
          errors: t('aid.import.errors'),
        }}
        result={(r) =>
          t('aid.import.counts', {
            inserted: r.inserted ?? 0,
            unchanged: r.unchanged ?? 0,
            rejected: r.rejected ?? 0,
          })
        }
        errorFile={{ label: t('aid.import.errorFile'), href: (id) => `${BASE}/impor/${id}/galat.csv` }}
      />
    </Page>
  );
}

export function FiguresPage(props: { table: FiguresTable }): SafeHtml {
  const { table } = props;
  const query = `wilayah=${table.region}${table.period ? `&periode=${table.period}` : ''}`;
  const header = tableHeader(table);
  return (
    <Layout title={t('aid.figures.title')} wide>
      <Nav />
      <h1>{t('aid.figures.title')}</h1>
      <Form action={`${BASE}/angka`} method="get" class="filters">
        <TextField name="wilayah" label={t('aid.figures.region')} value={table.region} width="medium" />
        <TextField name="periode" label={t('aid.field.period')} value={table.period ?? ''} width="short" />
        <Button variant="secondary">{t('aid.filter.apply')}</Button>
      </Form>
      <p>
        <a href={`${BASE}/angka.csv?${query}`}>CSV</a> · <a href={`${BASE}/angka.xlsx?${query}`}>XLSX</a>
      </p>
      <Table
        label={t('aid.figures.title')}
        rows={table.rows}
        empty={t('aid.figures.none')}
        columns={header.map((h, i) => ({
          header: h,
          numeric: i > 0,
          cell: (row: FiguresTable['rows'][number]) => {
            const v = tableCells(table, row)[i];
            return typeof v === 'number' ? formatNumber(v) : String(v ?? '');
          },
        }))}
      />
    </Layout>
  );
}

export { holderOf };
