import { formatNumber, t } from '../../../platform/i18n/index.ts';
import { Button, ErrorSummary, Form, Panel, Table, TextField } from '../../../platform/ui/components.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Page } from '../../../platform/ui/layout.tsx';
import {
  ENTERED,
  fieldOf,
  PAUD_TARGET_FIELD,
  quarterKey,
  type Scorecard,
  type ScorecardLine,
} from '../scorecard.ts';
import { percentText, SCORECARD_URL } from './figures.tsx';

export function scorecardUrl(village: string, quarter: string, suffix = ''): string {
  return `${SCORECARD_URL}${suffix}?desa=${encodeURIComponent(village)}&triwulan=${encodeURIComponent(quarter)}`;
}

function GroupTable(props: { lines: ScorecardLine[]; group: ScorecardLine['group'] }): SafeHtml {
  return (
    <Table
      caption={t(`health.scorecard.group.${props.group}`)}
      rows={props.lines.filter((l) => l.group === props.group)}
      columns={[
        { header: t('health.scorecard.indicator'), cell: (l) => t(`health.scorecard.ind.${l.code}`) },
        {
          header: t('health.scorecard.achieved'),
          numeric: true,
          cell: (l) => (l.achieved === null ? t('health.scorecard.notReported') : formatNumber(l.achieved)),
        },
        { header: t('health.scorecard.target'), numeric: true, cell: (l) => formatNumber(l.target) },
        { header: t('health.scorecard.percent'), numeric: true, cell: (l) => percentText(l.percent) },
        { header: t('health.scorecard.source'), cell: (l) => t(`health.scorecard.source.${l.source}`) },
      ]}
    />
  );
}

export function ScorecardPage(props: {
  card: Scorecard;
  values?: Record<string, string | undefined>;
  errors?: Record<string, string>;
}): SafeHtml {
  const c = props.card;
  const key = quarterKey(c.quarter);
  const errors = props.errors ?? {};
  const byCode = new Map(c.lines.map((l) => [l.code, l]));
  const values =
    props.values ??
    Object.fromEntries([
      ...ENTERED.map((d) => [fieldOf(d.code), byCode.get(d.code)?.achieved?.toString() ?? '']),
      [PAUD_TARGET_FIELD, c.targets.paud > 0 ? String(c.targets.paud) : ''],
    ]);
  const labels = Object.fromEntries([
    ...ENTERED.map((d) => [fieldOf(d.code), t(`health.scorecard.ind.${d.code}`)]),
    [PAUD_TARGET_FIELD, t('health.scorecard.paudTarget')],
  ]);
  const title = t('health.scorecard.title', { village: c.village.name });
  const conv = c.convergence;
  return (
    <Page title={title} wide>
      <Form action={SCORECARD_URL} method="get" class="filters">
        <TextField name="desa" label={t('health.scorecard.village')} value={c.village.code} width="medium" />
        <TextField name="triwulan" label={t('health.scorecard.quarter')} value={key} width="short" />
        <button type="submit" class="button button-secondary">
          {t('health.figures.show')}
        </button>
      </Form>
      <p>
        {t('health.scorecard.quarterName', {
          quarter: String(c.quarter.quarter),
          year: String(c.quarter.year),
        })}
      </p>
      <ErrorSummary errors={errors} labels={labels} />
      <GroupTable lines={c.lines} group="ibu_hamil" />
      <GroupTable lines={c.lines} group="anak" />
      <GroupTable lines={c.lines} group="paud" />
      <Table
        caption={t('health.scorecard.convergence')}
        rows={[
          { name: t('health.scorecard.group.ibu_hamil'), ...conv.ibu_hamil },
          { name: t('health.scorecard.group.anak'), ...conv.anak },
          { name: t('health.scorecard.total'), ...conv.total },
        ]}
        columns={[
          { header: t('health.scorecard.indicator'), cell: (r) => r.name },
          { header: t('health.scorecard.received'), numeric: true, cell: (r) => formatNumber(r.received) },
          { header: t('health.scorecard.due'), numeric: true, cell: (r) => formatNumber(r.due) },
          { header: t('health.scorecard.percent'), numeric: true, cell: (r) => percentText(r.percent) },
        ]}
      />
      {c.mayKeep ? (
        <Panel title={t('health.scorecard.formTitle')}>
          <p class="hint">{t('health.scorecard.formHint')}</p>
          <Form action={scorecardUrl(c.village.code, key)}>
            {ENTERED.map((d) => (
              <TextField
                name={fieldOf(d.code)}
                label={t(`health.scorecard.ind.${d.code}`)}
                hint={`${t('health.scorecard.target')}: ${d.target === 'paud' ? '—' : formatNumber(c.targets[d.target])}`}
                value={values[fieldOf(d.code)]}
                error={errors[fieldOf(d.code)]}
                inputmode="numeric"
                width="short"
              />
            ))}
            <TextField
              name={PAUD_TARGET_FIELD}
              label={t('health.scorecard.paudTarget')}
              value={values[PAUD_TARGET_FIELD]}
              error={errors[PAUD_TARGET_FIELD]}
              inputmode="numeric"
              width="short"
            />
            <Button>{t('health.scorecard.save')}</Button>
          </Form>
        </Panel>
      ) : (
        ''
      )}
    </Page>
  );
}
