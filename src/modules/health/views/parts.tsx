import { formatDate, formatNumber, t } from '../../../platform/i18n/index.ts';
import {
  ErrorSummary,
  type FieldErrors,
  Form,
  Panel,
  StatusTag,
  Table,
} from '../../../platform/ui/components.tsx';
import { type Child, raw, type SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import type { ChildRecord, MeasurementView } from '../service.ts';

export const BASE = '/kelola/kesehatan';
export const posyanduUrl = (id: string) => `${BASE}/posyandu/${id}`;
export const sessionUrl = (id: string, day?: string) =>
  `${BASE}/posyandu/${id}/penimbangan${day ? `?tanggal=${day}` : ''}`;
export const childUrl = (id: string) => `${BASE}/anak/${id}`;

/** A panel holding one form: its title, the problems with what was sent, the form. */
export function FormPanel(props: {
  title: string;
  action: string;
  errors?: FieldErrors;
  children: Child;
}): SafeHtml {
  return (
    <Panel title={props.title}>
      <ErrorSummary errors={props.errors} />
      <Form action={props.action}>{props.children}</Form>
    </Panel>
  );
}

export function decimal(value: number | null, digits = 1): string {
  return value === null ? '–' : formatNumber(Number(value.toFixed(digits)));
}

export function ageText(ageDays: number): string {
  const months = Math.floor(ageDays / 30.4375);
  return t('health.ageMonths', { months });
}

export function CategoryTag(props: { indicator: 'hfa' | 'wfa' | 'wfh'; category: string | null }): SafeHtml {
  if (!props.category) return raw('–');
  const tone = BAD.has(props.category) ? 'bad' : 'good';
  return <StatusTag tone={tone}>{t(`health.growth.${props.indicator}.${props.category}`)}</StatusTag>;
}

const BAD = new Set([
  'sangat_pendek',
  'pendek',
  'sangat_kurang',
  'kurang',
  'gizi_buruk',
  'gizi_kurang',
  'gizi_lebih',
  'obesitas',
]);

export function HistoryTable(props: { measurements: MeasurementView[] }): SafeHtml {
  return (
    <Table
      caption={t('health.history')}
      rows={[...props.measurements].reverse()}
      empty={t('health.noMeasurements')}
      columns={[
        { header: t('health.col.date'), cell: (m) => formatDate(m.measuredOn) },
        { header: t('health.col.age'), cell: (m) => ageText(m.ageDays) },
        { header: t('health.col.weight'), cell: (m) => decimal(m.weightKg, 2), numeric: true },
        { header: t('health.col.height'), cell: (m) => decimal(m.heightCm), numeric: true },
        { header: t('health.col.haz'), cell: (m) => decimal(m.haz, 2), numeric: true },
        { header: t('health.col.waz'), cell: (m) => decimal(m.waz, 2), numeric: true },
        { header: t('health.col.whz'), cell: (m) => decimal(m.whz, 2), numeric: true },
        {
          header: t('health.col.status'),
          cell: (m) => (
            <>
              <CategoryTag indicator="hfa" category={m.heightForAge} />{' '}
              <CategoryTag indicator="wfh" category={m.weightForHeight} />
            </>
          ),
        },
        {
          header: t('health.col.gain'),
          cell: (m) =>
            m.twoT
              ? t('health.growth.gain.twoT')
              : m.weightGain
                ? t(`health.growth.gain.${m.weightGain}`)
                : '–',
        },
      ]}
    />
  );
}

/** The KMS charts and the history: the same on the staff page and in the parent's account. */
export function ChildBody(props: { child: ChildRecord }): SafeHtml {
  const c = props.child;
  return (
    <>
      <p>
        {t(c.sex === 1 ? 'health.sex.1' : 'health.sex.2')} ·{' '}
        {t('health.bornOn', { date: formatDate(c.birthDate) })}
        {c.motherName ? ` · ${t('health.motherIs', { name: c.motherName })}` : ''}
      </p>
      <nav class="growth-chart-tabs" aria-label={t('health.charts')}>
        <ul>
          {c.charts.map((chart) => (
            <li>
              <a href={`#grafik-${chart.indicator}`}>
                {t(`health.growth.chart.indicator.${chart.indicator}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {c.charts.map((chart) => (
        <section id={`grafik-${chart.indicator}`} class="growth-chart">
          <h2>{t(`health.growth.chart.indicator.${chart.indicator}`)}</h2>
          {raw(chart.svg)}
        </section>
      ))}
      <HistoryTable measurements={c.measurements} />
    </>
  );
}

export const PRINT_CSS = raw(
  '<style>@media print{.site-header,.site-footer,nav,.no-print,form{display:none!important}.growth-chart{break-inside:avoid}.growth-chart svg{max-width:100%;height:auto}}.growth-chart svg{max-width:100%;height:auto}</style>',
);
