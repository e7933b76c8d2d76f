import { linesSvg } from '../../../platform/charts/index.ts';
import { currentLocale, formatDateTime, formatNumber, t } from '../../../platform/i18n/index.ts';
import {
  ButtonLink,
  Form,
  Panel,
  SelectField,
  SummaryList,
  Table,
  TextField,
} from '../../../platform/ui/components.tsx';
import { raw, type SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Page } from '../../../platform/ui/layout.tsx';
import type { FigureRow, FiguresPage, Prevalence, RegionSummary, TrendPoint } from '../figures.ts';

export const FIGURES_URL = '/kelola/kesehatan/angka';
export const SCORECARD_URL = '/kelola/kesehatan/scorecard';
export const EXPORT_URL = '/kelola/kesehatan/ekspor';

export function figuresUrl(region: string, month: string, suffix = ''): string {
  return `${FIGURES_URL}${suffix}?wilayah=${encodeURIComponent(region)}&bulan=${encodeURIComponent(month)}`;
}

/** "Mar 2026" in the page's language. */
export function monthName(month: string, style: 'short' | 'long' = 'long'): string {
  return new Intl.DateTimeFormat(currentLocale() === 'id' ? 'id-ID' : 'en-GB', {
    month: style,
    year: style === 'long' ? 'numeric' : '2-digit',
    timeZone: 'UTC',
  }).format(new Date(`${month}-01T00:00:00Z`));
}

export function percentText(value: number | null): string {
  return value === null
    ? t('health.figures.noData')
    : t('health.figures.percentOf', { percent: formatNumber(value) });
}

function PrevalenceText(props: { p: Prevalence }): SafeHtml {
  return (
    <>
      <strong>{percentText(props.p.percent)}</strong>
      <br />
      <span class="hint">
        {t('health.figures.countOf', {
          count: formatNumber(props.p.count),
          assessed: formatNumber(props.p.assessed),
        })}
      </span>
    </>
  );
}

function Summary(props: { s: RegionSummary }): SafeHtml {
  const s = props.s;
  return (
    <SummaryList
      rows={[
        [t('health.figures.registered'), formatNumber(s.registered)],
        [
          t('health.figures.measured'),
          <>
            {formatNumber(s.measured)} ({t('health.figures.coverageShort')} {percentText(s.coverage)})
          </>,
        ],
        [t('health.figures.stunting'), <PrevalenceText p={s.stunting} />],
        [t('health.figures.wasting'), <PrevalenceText p={s.wasting} />],
        [t('health.figures.underweightShort'), <PrevalenceText p={s.underweight} />],
      ]}
    />
  );
}

/** The trend as a line chart of the three prevalences, drawn on the server. */
export function trendChart(points: TrendPoint[]): string {
  return linesSvg(
    points.map((p) => monthName(p.month, 'short')),
    [
      {
        label: t('health.figures.stunting'),
        values: points.map((p) => p.stuntingPercent),
        text: (v) => `${formatNumber(v)} %`,
      },
      {
        label: t('health.figures.wasting'),
        values: points.map((p) => p.wastingPercent),
        text: (v) => `${formatNumber(v)} %`,
      },
      {
        label: t('health.figures.underweightShort'),
        values: points.map((p) => p.underweightPercent),
        text: (v) => `${formatNumber(v)} %`,
      },
    ],
    { title: t('health.figures.trendChart'), minTop: 10 },
  );
}

function rowsCaption(rowsAre: FiguresPage['rowsAre']): string {
  if (rowsAre === 'kecamatan') return t('health.figures.byKecamatan');
  if (rowsAre === 'village') return t('health.figures.byVillage');
  return t('health.figures.byPosyandu');
}

/** The columns of the breakdown table, shared by the page and its CSV. */
export function tableHeader(): string[] {
  return [
    t('health.figures.name'),
    t('health.figures.registered'),
    t('health.figures.measured'),
    `${t('health.figures.coverageShort')} (%)`,
    t('health.figures.stunted'),
    t('health.figures.heightAssessed'),
    `${t('health.figures.stunting')} (%)`,
    t('health.figures.wasted'),
    t('health.figures.weightForHeightAssessed'),
    `${t('health.figures.wasting')} (%)`,
    t('health.figures.underweight'),
    t('health.figures.weightForAgeAssessed'),
    `${t('health.figures.underweightShort')} (%)`,
  ];
}

export function tableCells(row: FigureRow): Array<string | number | null> {
  return [
    row.name,
    row.registered,
    row.measured,
    row.coverage,
    row.stunting.count,
    row.stunting.assessed,
    row.stunting.percent,
    row.wasting.count,
    row.wasting.assessed,
    row.wasting.percent,
    row.underweight.count,
    row.underweight.assessed,
    row.underweight.percent,
  ];
}

export function FiguresStaffPage(props: { page: FiguresPage; mayExport: boolean; month: string }): SafeHtml {
  const p = props.page;
  const trendRows = [...p.trend].reverse();
  return (
    <Page title={t('health.figures.title', { region: p.regionName })} wide>
      <Form action={FIGURES_URL} method="get" class="filters">
        <TextField name="wilayah" label={t('health.figures.region')} value={p.region} width="medium" />
        <TextField
          name="bulan"
          label={t('health.figures.month')}
          value={p.month}
          type="text"
          width="short"
          pattern="\d{4}-\d{2}"
        />
        <button type="submit" class="button button-secondary">
          {t('health.figures.show')}
        </button>
      </Form>
      <Panel title={monthName(p.month)}>
        <Summary s={p.summary} />
      </Panel>
      <p class="hint">{t('health.figures.note')}</p>
      <p class="hint">
        {p.asOf ? t('health.figures.asOf', { at: formatDateTime(p.asOf) }) : t('health.figures.asOfNone')}
      </p>
      <p>
        <ButtonLink href={figuresUrl(p.region, p.month, '.csv')}>
          {t('health.figures.downloadCsv')}
        </ButtonLink>{' '}
        {props.mayExport ? (
          <ButtonLink href={`${EXPORT_URL}?wilayah=${encodeURIComponent(p.region)}&bulan=${p.month}`}>
            {t('health.figures.exportLink')}
          </ButtonLink>
        ) : (
          ''
        )}{' '}
        {p.level === 'village' ? (
          <ButtonLink href={`${SCORECARD_URL}?desa=${encodeURIComponent(p.region)}`}>
            {t('health.figures.scorecardLink')}
          </ButtonLink>
        ) : (
          ''
        )}
      </p>
      <Table
        caption={rowsCaption(p.rowsAre)}
        rows={p.rows}
        columns={[
          {
            header: t('health.figures.name'),
            cell: (r) => (r.region ? <a href={figuresUrl(r.region, p.month)}>{r.name}</a> : r.name),
          },
          { header: t('health.figures.registered'), numeric: true, cell: (r) => formatNumber(r.registered) },
          {
            header: t('health.figures.measured'),
            numeric: true,
            cell: (r) => `${formatNumber(r.measured)} (${percentText(r.coverage)})`,
          },
          {
            header: t('health.figures.stunting'),
            numeric: true,
            cell: (r) => <PrevalenceText p={r.stunting} />,
          },
          {
            header: t('health.figures.wasting'),
            numeric: true,
            cell: (r) => <PrevalenceText p={r.wasting} />,
          },
          {
            header: t('health.figures.underweightShort'),
            numeric: true,
            cell: (r) => <PrevalenceText p={r.underweight} />,
          },
        ]}
      />
      <h2>{t('health.figures.trend')}</h2>
      <figure class="chart-figure">{raw(trendChart(p.trend))}</figure>
      <Table
        caption={t('health.figures.trend')}
        rows={trendRows}
        columns={[
          { header: t('health.figures.month'), cell: (r) => monthName(r.month) },
          { header: t('health.figures.measured'), numeric: true, cell: (r) => formatNumber(r.measured) },
          {
            header: t('health.figures.stunting'),
            numeric: true,
            cell: (r) => `${percentText(r.stuntingPercent)} (${formatNumber(r.stunted)})`,
          },
          {
            header: t('health.figures.wasting'),
            numeric: true,
            cell: (r) => `${percentText(r.wastingPercent)} (${formatNumber(r.wasted)})`,
          },
          {
            header: t('health.figures.underweightShort'),
            numeric: true,
            cell: (r) => `${percentText(r.underweightPercent)} (${formatNumber(r.underweight)})`,
          },
        ]}
      />
    </Page>
  );
}

export function ExportPage(props: {
  region: string;
  month: string;
  puskesmas: string;
  choices: Array<{ code: string; name: string }>;
}): SafeHtml {
  const area = props.puskesmas
    ? `puskesmas=${encodeURIComponent(props.puskesmas)}`
    : `wilayah=${encodeURIComponent(props.region)}`;
  const query = `${area}&bulan=${encodeURIComponent(props.month)}`;
  return (
    <Page title={t('health.export.title')}>
      <p>{t('health.export.intro')}</p>
      <Form action={EXPORT_URL} method="get" class="filters">
        <TextField name="wilayah" label={t('health.figures.region')} value={props.region} width="medium" />
        <SelectField
          name="puskesmas"
          label={t('health.export.puskesmas')}
          value={props.puskesmas}
          placeholder={t('health.export.anyPuskesmas')}
          options={props.choices.map((c) => ({ value: c.code, label: c.name }))}
        />
        <TextField name="bulan" label={t('health.figures.month')} value={props.month} width="short" />
        <button type="submit" class="button button-secondary">
          {t('health.figures.show')}
        </button>
      </Form>
      <p>
        <ButtonLink href={`${EXPORT_URL}.xlsx?${query}`} variant="primary">
          {t('health.export.xlsx')}
        </ButtonLink>{' '}
        <ButtonLink href={`${EXPORT_URL}.csv?${query}`}>{t('health.export.csv')}</ButtonLink>
      </p>
    </Page>
  );
}
