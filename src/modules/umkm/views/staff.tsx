import { formatDateTime, formatNumber, t } from '../../../platform/i18n/index.ts';
import type { ImportRecord } from '../../../platform/imports/index.ts';
import { importPercent } from '../../../platform/imports/index.ts';
import {
  BackLink,
  Button,
  ButtonLink,
  ErrorSummary,
  type FieldErrors,
  FileField,
  Form,
  fieldFor,
  Pagination,
  SelectField,
  SummaryList,
  Table,
  TextArea,
  TextField,
} from '../../../platform/ui/components.tsx';
import { SheetUploadForm } from '../../../platform/ui/imports.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Layout, Page } from '../../../platform/ui/layout.tsx';
import { whatsappLink } from '../domain.ts';
import type { FiguresPage, FigureTableRow } from '../figures.ts';
import { kbliName } from '../kbli.ts';
import type { Enterprise } from '../service.ts';
import { PAGE_SIZE } from '../service.ts';
import {
  BASE,
  EnterpriseFields,
  fieldLabels,
  OwnerFields,
  StatusBadge,
  sectorOptions,
  type Values,
} from './parts.tsx';

export function ListPage(props: {
  rows: Enterprise[];
  total: number;
  page: number;
  query: Values;
  keeps: boolean;
}): SafeHtml {
  const q = props.query;
  const exportQuery = new URLSearchParams(
    Object.entries(q).filter((e): e is [string, string] => !!e[1] && e[0] !== 'page'),
  ).toString();
  return (
    <Page title={t('umkm.title')} wide>
      <p>
        {props.keeps ? (
          <>
            <ButtonLink href={`${BASE}/baru`} variant="primary">
              {t('umkm.new')}
            </ButtonLink>{' '}
            <ButtonLink href={`${BASE}/impor`}>{t('umkm.import.title')}</ButtonLink>{' '}
          </>
        ) : (
          ''
        )}
        <ButtonLink href={`${BASE}/angka`}>{t('umkm.figures.title')}</ButtonLink>
      </p>
      <Form action={BASE} method="get" class="filters">
        <TextField name="q" label={t('umkm.filter.term')} value={q.q} />
        <SelectField
          name="sektor"
          label={t('umkm.form.sector')}
          options={sectorOptions()}
          value={q.sektor}
          placeholder={t('umkm.filter.all')}
        />
        <SelectField
          name="status"
          label={t('umkm.filter.status')}
          options={(['menunggu', 'terdaftar', 'dikembalikan'] as const).map((s) => ({
            value: s,
            label: t(`umkm.status.${s}`),
          }))}
          value={q.status}
          placeholder={t('umkm.filter.all')}
        />
        <SelectField
          name="tanpa_nib"
          label={t('umkm.filter.nib')}
          options={[{ value: '1', label: t('umkm.filter.withoutNib') }]}
          value={q.tanpa_nib}
          placeholder={t('umkm.filter.all')}
        />
        {q.wilayah ? <input type="hidden" name="wilayah" value={q.wilayah} /> : ''}
        <Button variant="secondary">{t('umkm.filter.apply')}</Button>
      </Form>
      <p>
        {t('umkm.list.count', { count: formatNumber(props.total) })} ·{' '}
        <a href={`${BASE}/ekspor.csv${exportQuery ? `?${exportQuery}` : ''}`}>{t('umkm.export.csv')}</a> ·{' '}
        <a href={`${BASE}/ekspor.xlsx${exportQuery ? `?${exportQuery}` : ''}`}>{t('umkm.export.xlsx')}</a>
      </p>
      <Table
        caption={t('umkm.title')}
        rows={props.rows}
        empty={t('umkm.list.empty')}
        columns={[
          { header: t('umkm.form.name'), cell: (r) => <a href={`${BASE}/${r.id}`}>{r.name}</a> },
          { header: t('umkm.form.sector'), cell: (r) => `${r.kbliCategory} — ${kbliName(r.kbliCategory)}` },
          { header: t('umkm.form.ownerName'), cell: (r) => r.owner.name },
          { header: t('umkm.village'), cell: (r) => r.villageCode },
          { header: t('umkm.form.nib'), cell: (r) => r.nib ?? t('umkm.none') },
          { header: t('umkm.filter.status'), cell: (r) => <StatusBadge status={r.status} /> },
        ]}
      />
      <Pagination list={{ ...props, pageSize: PAGE_SIZE }} baseUrl={BASE} query={q} />
    </Page>
  );
}

export function EnterpriseFormPage(props: {
  action: string;
  title: string;
  values?: Values;
  errors?: FieldErrors;
  back: string;
}): SafeHtml {
  return (
    <Page title={props.title} back={{ href: props.back, label: t('umkm.back') }}>
      <ErrorSummary errors={props.errors} labels={fieldLabels()} />
      <Form action={props.action}>
        <OwnerFields values={props.values} errors={props.errors} />
        <EnterpriseFields values={props.values} errors={props.errors} />
        <Button>{t('umkm.save')}</Button>
      </Form>
    </Page>
  );
}

export function detailRows(e: Enterprise): Array<[string, SafeHtml | string]> {
  const wa = whatsappLink(e.phone);
  return [
    [t('umkm.form.ownerName'), e.owner.name],
    [
      t('umkm.form.ownerNik'),
      e.owner.nik ?? t('umkm.nonResident', { reason: e.owner.nonResidentReason ?? '' }),
    ],
    [
      t('umkm.form.sector'),
      `${e.kbliCategory} — ${kbliName(e.kbliCategory)}${e.kbliCode ? ` (${e.kbliCode})` : ''}`,
    ],
    [t('umkm.form.products'), e.products],
    [t('umkm.form.turnover'), e.turnoverBand ? t(`umkm.turnover.${e.turnoverBand}`) : t('umkm.hidden')],
    [t('umkm.scale.label'), e.scale ? t(`umkm.scale.${e.scale}`) : t('umkm.hidden')],
    [t('umkm.form.nib'), e.nib ?? t('umkm.none')],
    [t('umkm.form.pirt'), e.pirt ?? t('umkm.none')],
    [t('umkm.form.halal'), e.halal ?? t('umkm.none')],
    [t('umkm.form.bpom'), e.bpom ?? t('umkm.none')],
    [t('umkm.form.legalForm'), t(`umkm.legal.${e.legalForm}`)],
    [t('umkm.form.institution'), t(`umkm.institution.${e.institution}`)],
    [t('umkm.form.workers'), t('umkm.workersLine', { male: e.workersMale, female: e.workersFemale })],
    [t('umkm.form.dusun'), e.dusun],
    [t('umkm.form.address'), e.address],
    [t('umkm.form.point'), e.lat !== null && e.lng !== null ? `${e.lat}, ${e.lng}` : t('umkm.none')],
    [t('umkm.form.phone'), wa ? <a href={wa}>{e.phone}</a> : e.phone],
    [t('umkm.form.programmes'), e.programmes],
    [
      t('umkm.form.consent'),
      [
        e.publish ? t('umkm.consent.published') : t('umkm.consent.notPublished'),
        e.publish && e.publishAddress ? t('umkm.consent.address') : '',
        e.publish && e.publishTurnover ? t('umkm.consent.turnover') : '',
      ]
        .filter(Boolean)
        .join(' · '),
    ],
  ];
}

export function EnterprisePage(props: {
  enterprise: Enterprise;
  errors?: FieldErrors;
  values?: Values;
}): SafeHtml {
  const e = props.enterprise;
  return (
    <Page title={e.name} back={{ href: `${BASE}?wilayah=${e.villageCode}`, label: t('umkm.title') }}>
      <p>
        <StatusBadge status={e.status} />{' '}
        {e.returnReason ? t('umkm.returnedBecause', { reason: e.returnReason }) : ''}
      </p>
      {e.photoFileId ? (
        <img
          src={`${BASE}/${e.id}/foto`}
          alt={t('umkm.showcase.photoOf', { name: e.name })}
          style="max-width:100%;height:auto"
        />
      ) : (
        ''
      )}
      <SummaryList rows={detailRows(e)} />
      {e.mayKeep ? (
        <Form action={`${BASE}/${e.id}/foto`} multipart>
          <FileField
            name="foto"
            label={t('umkm.photo.label')}
            hint={t('umkm.photo.hint')}
            accept="image/jpeg,image/png"
            error={props.errors?.foto}
          />
          <Button variant="secondary">{t('umkm.photo.send')}</Button>
        </Form>
      ) : (
        ''
      )}
      {e.mayKeep && e.status === 'menunggu' ? (
        <section>
          <h2>{t('umkm.check.title')}</h2>
          <ErrorSummary errors={props.errors} labels={fieldLabels()} />
          <Form action={`${BASE}/${e.id}/terima`}>
            <Button>{t('umkm.check.confirm')}</Button>
          </Form>
          <Form action={`${BASE}/${e.id}/kembalikan`}>
            <TextArea
              {...fieldFor(props.values, props.errors, 'alasan')}
              label={t('umkm.returnReason')}
              rows={2}
            />
            <Button variant="secondary">{t('umkm.check.return')}</Button>
          </Form>
        </section>
      ) : (
        ''
      )}
      {e.mayKeep ? (
        <section>
          <p>
            <ButtonLink href={`${BASE}/${e.id}/ubah`}>{t('umkm.edit')}</ButtonLink>
          </p>
          <Form action={`${BASE}/${e.id}/hapus`}>
            <Button variant="warning">{t('umkm.delete')}</Button>
          </Form>
        </section>
      ) : (
        ''
      )}
    </Page>
  );
}

export function ImportPage(props: { imports: ImportRecord[]; error?: string }): SafeHtml {
  const running = props.imports.some((i) => i.state === 'antre' || i.state === 'berjalan');
  return (
    <Layout
      title={t('umkm.import.title')}
      head={running ? <meta http-equiv="refresh" content="5" /> : undefined}
    >
      <BackLink href={BASE}>{t('umkm.title')}</BackLink>
      <h1>{t('umkm.import.title')}</h1>
      <p>
        {t('umkm.import.intro')} <a href="/umkm/templat-impor.csv">{t('umkm.import.template')}</a>
      </p>
      <SheetUploadForm
        action={`${BASE}/impor`}
        label={t('umkm.import.file')}
        send={t('umkm.import.send')}
        error={props.error}
      />
      <Table
        caption={t('umkm.import.recent')}
        rows={props.imports}
        empty={t('umkm.import.none')}
        columns={[
          { header: t('umkm.import.fileName'), cell: (i) => i.file_name },
          { header: t('umkm.import.when'), cell: (i) => formatDateTime(i.created_at) },
          {
            header: t('umkm.import.state'),
            cell: (i) =>
              i.state === 'selesai'
                ? t('umkm.import.done', {
                    inserted: i.inserted,
                    updated: i.updated,
                    rejected: i.rejected,
                  })
                : i.state === 'gagal'
                  ? `${t('umkm.import.failed')} ${i.message ?? ''}`
                  : `${t('umkm.import.running')} ${importPercent(i)} %`,
          },
          {
            header: t('umkm.import.errors'),
            cell: (i) =>
              i.error_file_id ? (
                <a href={`${BASE}/impor/${i.id}/galat.csv`}>{t('umkm.import.errorFile')}</a>
              ) : (
                ''
              ),
          },
        ]}
      />
    </Layout>
  );
}

function figureTable(caption: string, rows: FigureTableRow[]): SafeHtml {
  return (
    <Table
      caption={caption}
      rows={rows}
      empty={t('umkm.figures.empty')}
      columns={[
        { header: t('umkm.figures.area'), cell: (r) => r.label },
        { header: t('umkm.figures.total'), cell: (r) => formatNumber(r.total), numeric: true },
        { header: t('umkm.scale.mikro'), cell: (r) => formatNumber(r.mikro), numeric: true },
        { header: t('umkm.scale.kecil'), cell: (r) => formatNumber(r.kecil), numeric: true },
        { header: t('umkm.scale.menengah'), cell: (r) => formatNumber(r.menengah), numeric: true },
        { header: t('umkm.figures.withoutNib'), cell: (r) => formatNumber(r.withoutNib), numeric: true },
      ]}
    />
  );
}

export function FiguresStaffPage(props: { page: FiguresPage }): SafeHtml {
  const p = props.page;
  const q = `wilayah=${p.region}`;
  return (
    <Layout title={t('umkm.figures.title')} wide>
      <h1>
        {t('umkm.figures.title')} — {p.regionName}
      </h1>
      <p class="hint">{t('umkm.figures.asOf', { time: formatDateTime(p.asOf) })}</p>
      <Form action={`${BASE}/angka`} method="get" class="filters">
        <TextField name="wilayah" label={t('umkm.figures.region')} value={p.region} />
        <Button variant="secondary">{t('umkm.filter.apply')}</Button>
      </Form>
      <SummaryList
        rows={[
          [t('umkm.figures.total'), formatNumber(p.total.total)],
          [t('umkm.scale.mikro'), formatNumber(p.total.mikro)],
          [t('umkm.scale.kecil'), formatNumber(p.total.kecil)],
          [t('umkm.scale.menengah'), formatNumber(p.total.menengah)],
          [t('umkm.figures.withoutNib'), formatNumber(p.total.withoutNib)],
        ]}
      />
      <p>
        <a href={`${BASE}/angka.csv?${q}`}>{t('umkm.export.csv')}</a> ·{' '}
        <a href={`${BASE}/angka.xlsx?${q}`}>{t('umkm.export.xlsx')}</a>
        {p.mayList ? (
          <>
            {' '}
            · <a href={`${BASE}?${q}&tanpa_nib=1&status=terdaftar`}>{t('umkm.figures.withoutNibList')}</a> (
            <a href={`${BASE}/ekspor.csv?${q}&tanpa_nib=1&status=terdaftar`}>CSV</a>,{' '}
            <a href={`${BASE}/ekspor.xlsx?${q}&tanpa_nib=1&status=terdaftar`}>XLSX</a>)
          </>
        ) : (
          ''
        )}
      </p>
      {figureTable(t('umkm.figures.bySector'), p.bySector)}
      {p.byArea && p.areaLevel ? figureTable(t(`umkm.figures.by.${p.areaLevel}`), p.byArea) : ''}
    </Layout>
  );
}
