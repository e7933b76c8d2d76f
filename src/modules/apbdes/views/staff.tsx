import { formatDateTime, formatNumber, t } from '../../../platform/i18n/index.ts';
import type { ImportRecord } from '../../../platform/imports/index.ts';
import {
  BackLink,
  Button,
  ErrorSummary,
  FileField,
  Form,
  Panel,
  StatusTag,
  SummaryList,
  Table,
  TextField,
} from '../../../platform/ui/components.tsx';
import { raw, type SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Layout, Page } from '../../../platform/ui/layout.tsx';
import { rupiah } from '../money.ts';
import type { Budget, BudgetListItem } from '../service.ts';
import { BudgetTable } from './parts.tsx';

export const BASE = '/kelola/apbdes';
export const TEMPLATE_CSV = '/apbdes/templat-impor.csv';
export const TEMPLATE_XLSX = '/apbdes/templat-impor.xlsx';

export function budgetUrl(villageCode: string, year: number): string {
  return `${BASE}/${villageCode}/${year}`;
}

function StatusOf(props: { status: Budget['status'] }): SafeHtml {
  if (props.status === 'published') return <StatusTag tone="good">{t('apbdes.status.published')}</StatusTag>;
  if (props.status === 'draft') return <StatusTag tone="warn">{t('apbdes.status.draft')}</StatusTag>;
  return <StatusTag>{t('apbdes.status.none')}</StatusTag>;
}

const LINE_FIELDS = ['kode', 'uraian', 'anggaran', 'realisasi_semester_1', 'realisasi_semester_2'] as const;

export function BudgetStaffPage(props: {
  budget: Budget;
  mayKeep: boolean;
  imports: ImportRecord[];
  values?: Record<string, string | undefined>;
  errors?: Record<string, string>;
  importError?: string;
}): SafeHtml {
  const b = props.budget;
  const url = budgetUrl(b.villageCode, b.year);
  const values = props.values ?? {};
  const errors = props.errors ?? {};
  const labels: Record<string, string> = {
    kode: t('apbdes.col.code'),
    uraian: t('apbdes.col.name'),
    anggaran: t('apbdes.col.budget'),
    realisasi_semester_1: t('apbdes.col.realisedS1'),
    realisasi_semester_2: t('apbdes.col.realisedS2'),
    file: t('apbdes.importFile'),
    status: t('apbdes.statusLabel'),
  };
  const allErrors = { ...errors, ...(props.importError ? { file: props.importError } : {}) };
  const actions = props.mayKeep
    ? (code: string) => (
        <>
          <a href={`${url}?ubah=${encodeURIComponent(code)}#form-baris`}>
            {t('apbdes.edit')}
            <span class="visually-hidden"> {code}</span>
          </a>
          <Form action={`${url}/baris/hapus`} class="inline-form">
            <input type="hidden" name="kode" value={code} />
            <Button variant="warning">
              {t('apbdes.delete')}
              <span class="visually-hidden"> {code}</span>
            </Button>
          </Form>
        </>
      )
    : undefined;
  return (
    <Page
      title={t('apbdes.staffTitle', { village: b.villageName, year: b.year })}
      back={{ href: BASE, label: t('apbdes.staffIndex') }}
      wide
    >
      <ErrorSummary errors={allErrors} labels={labels} />
      <p>
        <StatusOf status={b.status} />{' '}
        {b.updatedAt ? t('apbdes.updatedAt', { at: formatDateTime(b.updatedAt) }) : ''}
      </p>
      <nav aria-label={t('apbdes.otherYears')}>
        <p>
          <a href={budgetUrl(b.villageCode, b.year - 1)}>← {String(b.year - 1)}</a> ·{' '}
          <a href={budgetUrl(b.villageCode, b.year + 1)}>{String(b.year + 1)} →</a> ·{' '}
          <a href={`/desa/${b.villageCode}/apbdes/${b.year}`}>{t('apbdes.publicPage')}</a>
        </p>
      </nav>
      {props.mayKeep ? (
        <Form action={`${url}/status`}>
          {b.status === 'published' ? (
            <>
              <p>{t('apbdes.publishedHint')}</p>
              <Button variant="secondary" name="status" value="draft">
                {t('apbdes.withdraw')}
              </Button>
            </>
          ) : (
            <>
              <p>{t('apbdes.draftHint')}</p>
              <Button name="status" value="published">
                {t('apbdes.publish')}
              </Button>
            </>
          )}
        </Form>
      ) : (
        <p class="hint">{t('apbdes.readOnly')}</p>
      )}
      <SummaryList
        rows={[
          [t('apbdes.total.pendapatan'), rupiah(b.totals.income.budget)],
          [t('apbdes.total.belanja'), rupiah(b.totals.spending.budget)],
          [
            b.totals.surplus.budget < 0 ? t('apbdes.deficit') : t('apbdes.surplus'),
            rupiah(b.totals.surplus.budget),
          ],
          [t('apbdes.total.pembiayaan'), rupiah(b.totals.financingNet.budget)],
          [t('apbdes.silpa'), rupiah(b.totals.silpa.budget)],
        ]}
      />
      <BudgetTable budget={b} lineActions={actions} />
      {props.mayKeep ? (
        <>
          <Panel title={t('apbdes.lineFormTitle')}>
            <Form action={`${url}/baris`}>
              <div id="form-baris" />
              {LINE_FIELDS.map((name) => (
                <TextField
                  name={name}
                  label={labels[name]!}
                  value={values[name] ?? ''}
                  error={errors[name]}
                  hint={
                    name === 'kode'
                      ? t('apbdes.codeHint')
                      : name === 'uraian'
                        ? t('apbdes.nameHint')
                        : t('apbdes.amountHint')
                  }
                  required={name === 'kode'}
                  inputmode={name === 'kode' || name === 'uraian' ? undefined : 'numeric'}
                  width={name === 'uraian' ? undefined : 'medium'}
                />
              ))}
              <Button>{t('apbdes.saveLine')}</Button>
            </Form>
          </Panel>
          <Panel title={t('apbdes.importTitle')}>
            <p>{t('apbdes.importLead')}</p>
            <p>
              {t('apbdes.templateDownload')}: <a href={TEMPLATE_CSV}>CSV</a> ·{' '}
              <a href={TEMPLATE_XLSX}>XLSX</a>
            </p>
            <Form action={`${url}/impor`} multipart>
              <FileField
                name="file"
                label={t('apbdes.importFile')}
                accept=".csv,.xlsx,.txt"
                error={props.importError}
                hint={t('apbdes.importHint')}
              />
              <Button>{t('apbdes.importButton')}</Button>
            </Form>
          </Panel>
        </>
      ) : (
        ''
      )}
      {props.imports.length > 0 ? (
        <Table
          caption={t('apbdes.recentImports')}
          rows={props.imports}
          columns={[
            {
              header: t('apbdes.importFile'),
              cell: (r) => <a href={`${BASE}/impor/${r.id}`}>{r.file_name}</a>,
            },
            { header: t('apbdes.statusLabel'), cell: (r) => t(`apbdes.importState.${r.state}`) },
            { header: t('apbdes.when'), cell: (r) => formatDateTime(r.created_at) },
          ]}
        />
      ) : (
        ''
      )}
    </Page>
  );
}

export function ImportStatusPage(props: { job: ImportRecord & { year: number }; percent: number }): SafeHtml {
  const job = props.job;
  const running = job.state === 'berjalan' || job.state === 'antre';
  return (
    <Layout
      title={t('apbdes.importStatus')}
      head={running ? raw('<meta http-equiv="refresh" content="2">') : undefined}
    >
      <h1>{t('apbdes.importStatus')}</h1>
      <SummaryList
        rows={[
          [t('apbdes.importFile'), job.file_name],
          [t('apbdes.year'), String(job.year)],
          [t('apbdes.statusLabel'), t(`apbdes.importState.${job.state}`)],
          [t('apbdes.rowsRead'), formatNumber(job.rows_done)],
        ]}
      />
      {running ? (
        <p>
          <progress max="100" value={String(props.percent)}>
            {props.percent}%
          </progress>{' '}
          {props.percent}% · {t('apbdes.refreshing')}
        </p>
      ) : (
        <Panel title={t('apbdes.importOutcome')}>
          {job.state === 'selesai' ? (
            <p>
              <strong class="summary-line">
                {t('apbdes.importCounts', {
                  inserted: job.inserted,
                  updated: job.updated,
                  unchanged: job.unchanged,
                  rejected: job.rejected,
                })}
              </strong>
            </p>
          ) : (
            ''
          )}
          {job.message ? <p class="import-message">{job.message}</p> : ''}
          {job.state === 'gagal' && !job.message ? <p>{t('apbdes.importFailed')}</p> : ''}
          {job.error_file_id ? (
            <p>
              <a href={`${BASE}/impor/${job.id}/galat.csv`}>{t('apbdes.downloadErrors')}</a>
            </p>
          ) : (
            ''
          )}
        </Panel>
      )}
      <BackLink href={budgetUrl(job.region_code, job.year)}>{t('apbdes.backToBudget')}</BackLink>
    </Layout>
  );
}

export function StaffIndexPage(props: { year: number; rows: BudgetListItem[] }): SafeHtml {
  return (
    <Page title={t('apbdes.staffIndex')} heading={t('apbdes.staffIndexYear', { year: props.year })} wide>
      <nav aria-label={t('apbdes.otherYears')}>
        <p>
          <a href={`${BASE}?tahun=${props.year - 1}`}>← {String(props.year - 1)}</a> ·{' '}
          <a href={`${BASE}?tahun=${props.year + 1}`}>{String(props.year + 1)} →</a>
        </p>
      </nav>
      <Table
        caption={t('apbdes.villagesCaption')}
        rows={props.rows}
        columns={[
          {
            header: t('apbdes.col.village'),
            cell: (r) => <a href={budgetUrl(r.villageCode, props.year)}>{r.villageName}</a>,
          },
          { header: t('apbdes.col.kecamatan'), cell: (r) => r.kecamatanName },
          { header: t('apbdes.statusLabel'), cell: (r) => <StatusOf status={r.status} /> },
          { header: t('apbdes.col.lines'), cell: (r) => formatNumber(r.lines), numeric: true },
        ]}
      />
    </Page>
  );
}
