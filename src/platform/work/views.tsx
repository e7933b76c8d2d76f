import { formatDateTime, formatNumber, t } from '../i18n/index.ts';
import type { WorkItem } from '../module.ts';
import {
  Button,
  ErrorSummary,
  type FieldErrors,
  Form,
  StatusTag,
  Table,
  TextField,
} from '../ui/components.tsx';
import type { SafeHtml } from '../ui/jsx-runtime.ts';
import { Layout } from '../ui/layout.tsx';
import { type Performance, type PerformanceLine, WORK_PATH, type WorkList } from './index.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** A length of time in the largest whole unit an officer reads at a glance: days, hours or minutes. */
function spanText(ms: number): string {
  if (ms >= DAY_MS) return t('work.days', { n: formatNumber(Math.floor(ms / DAY_MS)) });
  if (ms >= HOUR_MS) return t('work.hours', { n: formatNumber(Math.floor(ms / HOUR_MS)) });
  return t('work.minutes', { n: formatNumber(Math.max(1, Math.floor(ms / MINUTE_MS))) });
}

function SlaClock(props: { item: WorkItem; now: Date }): SafeHtml {
  const { item, now } = props;
  // without a deadline, how long it has waited is what tells the officer which to take first
  if (!item.dueAt)
    return item.overdue ? (
      <StatusTag tone="bad">{t('work.noDue')}</StatusTag>
    ) : (
      <span data-waiting-ms={String(now.getTime() - item.receivedAt.getTime())}>
        {t('work.waitingFor', { time: spanText(now.getTime() - item.receivedAt.getTime()) })}
      </span>
    );
  const left = item.dueAt.getTime() - now.getTime();
  return item.overdue ? (
    <StatusTag tone="bad">{t('work.overdueBy', { time: spanText(-left) })}</StatusTag>
  ) : (
    <StatusTag tone={left < DAY_MS ? 'warn' : 'neutral'}>
      {t('work.dueIn', { time: spanText(left) })}
    </StatusTag>
  );
}

/** `/kelola/kerja`: every item waiting for the officer, most urgent first, each linking to its page. */
export function WorkPage(props: { list: WorkList; now: Date; limit: number }): SafeHtml {
  const { list, now } = props;
  return (
    <Layout title={t('work.title')} wide>
      <h1>{t('work.title')}</h1>
      <p class="lead">{t('work.lead')}</p>
      <p>
        <strong data-work-total={String(list.total)} data-work-overdue={String(list.overdue)}>
          {t('work.count', { n: formatNumber(list.total), overdue: formatNumber(list.overdue) })}
        </strong>{' '}
        · {t('work.asOf', { at: formatDateTime(now) })} · <a href={WORK_PATH}>{t('work.reload')}</a> ·{' '}
        <a href={`${WORK_PATH}/kinerja`}>{t('work.performanceLink')}</a>
      </p>
      {list.capped ? <p class="hint">{t('work.capped', { n: formatNumber(props.limit) })}</p> : ''}
      <Table
        label={t('work.title')}
        empty={t('work.empty')}
        rows={list.items}
        columns={[
          {
            header: t('work.item'),
            cell: (item) => (
              <a href={item.href} data-work-item={item.kind} data-overdue={item.overdue ? 'ya' : 'tidak'}>
                {item.title}
              </a>
            ),
          },
          { header: t('work.received'), cell: (item) => formatDateTime(item.receivedAt) },
          { header: t('work.due'), cell: (item) => (item.dueAt ? formatDateTime(item.dueAt) : '—') },
          { header: t('work.clock'), cell: (item) => <SlaClock item={item} now={now} /> },
        ]}
      />
      {list.summaries.length > 0 ? (
        <section class="panel work-queue" aria-labelledby="work-summaries-title">
          <h2 id="work-summaries-title">{t('work.summaries')}</h2>
          <ul class="work-list">
            {list.summaries.map((s) => (
              <li
                data-work={s.kind}
                data-count={String(s.count)}
                class={s.overdue > 0 ? 'has-overdue' : undefined}
              >
                <a href={s.href}>{s.label}</a>
                {s.overdue > 0 ? (
                  <>
                    {' '}
                    <span class="overdue">{t('dashboard.overdueOf', { n: s.overdue })}</span>
                  </>
                ) : (
                  ''
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}

function PerformanceTable(props: {
  caption: string;
  nameHeader: string;
  lines: PerformanceLine[];
}): SafeHtml {
  return (
    <Table
      caption={props.caption}
      empty={t('work.performance.empty')}
      rows={props.lines}
      columns={[
        { header: props.nameHeader, cell: (l) => <span data-line={l.key}>{l.name}</span> },
        { header: t('work.performance.handled'), numeric: true, cell: (l) => formatNumber(l.handled) },
        {
          header: t('work.performance.median'),
          numeric: true,
          cell: (l) => (l.medianDays === null ? '—' : formatNumber(l.medianDays)),
        },
        {
          header: t('work.performance.within'),
          numeric: true,
          cell: (l) => (l.withinTargetPercent === null ? '—' : `${formatNumber(l.withinTargetPercent)}%`),
        },
      ]}
    />
  );
}

/** `/kelola/kerja/kinerja`: what was finished in a month, per kind, officer and unit. */
export function PerformancePage(props: {
  month: string;
  performance: Performance | null;
  errors?: FieldErrors;
}): SafeHtml {
  const p = props.performance;
  return (
    <Layout title={t('work.performance.title')} wide>
      <p>
        <a href={WORK_PATH}>← {t('work.title')}</a>
      </p>
      <h1>{t('work.performance.title')}</h1>
      <p class="lead">{t('work.performance.lead')}</p>
      <ErrorSummary errors={props.errors} labels={{ bulan: t('work.performance.month') }} />
      <Form action={`${WORK_PATH}/kinerja`} method="get">
        <TextField
          name="bulan"
          label={t('work.performance.month')}
          hint={t('work.performance.monthHint')}
          value={props.month}
          error={props.errors?.bulan}
          width="short"
        />
        <Button variant="secondary">{t('work.performance.show')}</Button>
      </Form>
      {p ? (
        <>
          <PerformanceTable
            caption={t('work.performance.byKind')}
            nameHeader={t('work.performance.kind')}
            lines={p.byKind}
          />
          <PerformanceTable
            caption={t('work.performance.byOfficer')}
            nameHeader={t('work.performance.officer')}
            lines={p.byOfficer}
          />
          <PerformanceTable
            caption={t('work.performance.byUnit')}
            nameHeader={t('work.performance.unit')}
            lines={p.byUnit}
          />
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}
