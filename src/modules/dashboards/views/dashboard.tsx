import { formatDateTime, formatNumber, t } from '../../../platform/i18n/index.ts';
import { ButtonLink, Form, SummaryList, Table, TextField } from '../../../platform/ui/components.tsx';
import { raw, type SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { CellValue, DashboardPage, DataTable } from '../model.ts';

export const STAFF_PAGES = [
  { path: '/kelola/statistik/adopsi', label: 'dashboards.nav.adoption' },
  { path: '/kelola/statistik/layanan', label: 'dashboards.nav.speed' },
  { path: '/kelola/statistik/pengaduan', label: 'dashboards.nav.complaints' },
  { path: '/kelola/statistik/sosial', label: 'dashboards.nav.social' },
] as const;

/** The page's URL with its query, plus more parameters (an export's format and table). */
/** How fresh the numbers are: counted live, or from a rollup refreshed at a time plus the days since, live. */
function freshness(page: DashboardPage): string {
  const now = formatDateTime(page.asOf);
  if (!page.rollup) return t('dashboards.asOf', { at: now });
  const at = page.rollup.refreshedAt;
  return at
    ? t('dashboards.rollupAt', { at: formatDateTime(at), now })
    : t('dashboards.rollupNever', { now });
}

export function pageUrl(page: DashboardPage, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({ ...page.query, ...extra }).toString();
  return query ? `${page.path}?${query}` : page.path;
}

export function cellText(value: CellValue): string {
  if (value === null) return '–';
  return typeof value === 'number' ? formatNumber(value) : value;
}

function TableRows(props: { table: DataTable }): SafeHtml {
  const { table } = props;
  if (table.exportOnly) return <p class="hint">{t('dashboards.exportOnly')}</p>;
  const indexes = table.header.map((_, i) => i);
  const links = new Map(table.rows.map((row, i) => [row, table.links?.[i] ?? null]));
  // the first cell carries the row's drill-down link, when the table gives one
  const first = (row: CellValue[]) => {
    const href = links.get(row);
    return href ? <a href={href}>{cellText(row[0] ?? null)}</a> : cellText(row[0] ?? null);
  };
  return (
    <Table
      caption={table.title}
      rows={table.rows}
      empty={t('dashboards.noRows')}
      columns={indexes.map((i) => ({
        header: table.header[i] ?? '',
        numeric: i > 0 && table.rows.some((r) => typeof r[i] === 'number'),
        cell: (row: CellValue[]) => (i === 0 ? first(row) : cellText(row[i] ?? null)),
      }))}
    />
  );
}

function DataTableView(props: { page: DashboardPage; table: DataTable; exportable: boolean }): SafeHtml {
  const { table } = props;
  return (
    <section class="dashboard-table" id={`tabel-${table.name}`}>
      <h2>{table.title}</h2>
      <TableRows table={table} />
      {props.exportable ? (
        <p>
          <ButtonLink href={pageUrl(props.page, { tabel: table.name, format: 'csv' })}>
            {t('dashboards.downloadCsv')}
          </ButtonLink>{' '}
          <ButtonLink href={pageUrl(props.page, { tabel: table.name, format: 'xlsx' })}>
            {t('dashboards.downloadXlsx')}
          </ButtonLink>
        </p>
      ) : (
        ''
      )}
    </section>
  );
}

function Filters(props: { page: DashboardPage; errors?: Record<string, string> }): SafeHtml {
  const { page } = props;
  return (
    <Form action={page.path} method="get" class="filters">
      <TextField
        name="wilayah"
        label={t('dashboards.region')}
        value={page.query.wilayah ?? ''}
        width="medium"
        error={props.errors?.wilayah}
      />
      {page.period ? (
        <>
          <TextField
            name="dari"
            type="date"
            label={t('dashboards.from')}
            value={page.period.dari}
            error={props.errors?.dari}
          />
          <TextField
            name="sampai"
            type="date"
            label={t('dashboards.to')}
            value={page.period.sampai}
            error={props.errors?.sampai}
          />
        </>
      ) : (
        ''
      )}
      {page.query.bulan !== undefined ? (
        <TextField
          name="bulan"
          label={t('dashboards.month')}
          value={page.query.bulan}
          width="short"
          pattern="\d{4}-\d{2}"
        />
      ) : (
        ''
      )}
      <button type="submit" class="button button-secondary">
        {t('dashboards.show')}
      </button>
    </Form>
  );
}

/** Links between the four staff dashboards, keeping the region. */
function PageNav(props: { page: DashboardPage }): SafeHtml {
  const wilayah = props.page.query.wilayah;
  return (
    <nav aria-label={t('dashboards.nav.label')} class="sub-nav">
      <ul>
        {STAFF_PAGES.map((p) => (
          <li>
            {p.path === props.page.path ? (
              <strong aria-current="page">{t(p.label)}</strong>
            ) : (
              <a href={wilayah ? `${p.path}?wilayah=${encodeURIComponent(wilayah)}` : p.path}>{t(p.label)}</a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A dashboard page: headline counts, definitions, charts (server-drawn SVG) and their tables. */
export function DashboardView(props: {
  page: DashboardPage;
  charts: Array<{ title: string; svg: string }>;
  staff: boolean;
}): SafeHtml {
  const { page } = props;
  return (
    <Layout title={page.title} wide>
      <h1>{page.title}</h1>
      {props.staff ? <PageNav page={page} /> : ''}
      {props.staff ? <Filters page={page} /> : ''}
      <p class="hint">{freshness(page)}</p>
      {page.headline.length > 0 ? <SummaryList rows={page.headline} /> : ''}
      {page.notes.map((note) => (
        <p class="hint">{note}</p>
      ))}
      {props.charts.map((chart) => (
        <figure class="chart-figure">
          {raw(chart.svg)}
          <figcaption>{chart.title}</figcaption>
        </figure>
      ))}
      {page.tables.map((table) => (
        <DataTableView page={page} table={table} exportable={props.staff} />
      ))}
      {page.definitions.length > 0 ? (
        <section>
          <h2>{t('dashboards.definitions')}</h2>
          <dl class="definitions">
            {page.definitions.map(([term, text]) => (
              <>
                <dt>{term}</dt>
                <dd>{text}</dd>
              </>
            ))}
          </dl>
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}
