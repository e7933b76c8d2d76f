import { amountBarsSvg, progressBarsSvg } from '../../../platform/charts/index.ts';
import { t } from '../../../platform/i18n/index.ts';
import { type Child, raw, type SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { percentOf, rupiah, shortRupiah } from '../money.ts';
import type { Budget } from '../service.ts';
import type { Section } from '../structure.ts';
import type { Amounts, TreeNode } from '../totals.ts';

export const SECTION_TITLE: Record<Section, string> = {
  pendapatan: 'apbdes.section.pendapatan',
  belanja: 'apbdes.section.belanja',
  pembiayaan: 'apbdes.section.pembiayaan',
};

/** The infographic: pendapatan by source, belanja by bidang, realisation per semester. SVG from numbers only. */
export function Infographic(props: { budget: Budget }): SafeHtml {
  const totals = props.budget.totals;
  const bars = (items: Array<{ name: string; amounts: Amounts }>) =>
    items.map((i) => ({
      label: i.name,
      value: i.amounts.budget,
      text: shortRupiah(i.amounts.budget),
      detail: rupiah(i.amounts.budget),
    }));
  const progress = (label: string, a: Amounts) => [
    {
      label: `${label} — ${t('apbdes.semester1')}`,
      done: a.realisedS1,
      target: a.budget,
      text: shortRupiah(a.realisedS1),
    },
    {
      label: `${label} — ${t('apbdes.semester1and2')}`,
      done: a.realised,
      target: a.budget,
      text: shortRupiah(a.realised),
    },
  ];
  return (
    <div class="apbdes-infographic">
      <ul class="apbdes-headline">
        <li>
          <span>{t('apbdes.totalIncome')}</span>{' '}
          <strong data-total="pendapatan">{shortRupiah(totals.income.budget)}</strong>
        </li>
        <li>
          <span>{t('apbdes.totalSpending')}</span>{' '}
          <strong data-total="belanja">{shortRupiah(totals.spending.budget)}</strong>
        </li>
        <li>
          <span>{totals.surplus.budget < 0 ? t('apbdes.deficit') : t('apbdes.surplus')}</span>{' '}
          <strong data-total="surplus">{shortRupiah(Math.abs(totals.surplus.budget))}</strong>
        </li>
      </ul>
      <section class="panel" aria-labelledby="grafik-pendapatan">
        <h2 id="grafik-pendapatan">{t('apbdes.chart.incomeBySource')}</h2>
        {raw(amountBarsSvg(bars(totals.incomeBySource), { title: t('apbdes.chart.incomeBySource') }))}
      </section>
      <section class="panel" aria-labelledby="grafik-belanja">
        <h2 id="grafik-belanja">{t('apbdes.chart.spendingByField')}</h2>
        {raw(amountBarsSvg(bars(totals.spendingByField), { title: t('apbdes.chart.spendingByField') }))}
      </section>
      <section class="panel" aria-labelledby="grafik-realisasi">
        <h2 id="grafik-realisasi">{t('apbdes.chart.realisation')}</h2>
        {raw(
          progressBarsSvg(
            [
              ...progress(t('apbdes.section.pendapatan'), totals.income),
              ...progress(t('apbdes.section.belanja'), totals.spending),
            ],
            { title: t('apbdes.chart.realisation') },
          ),
        )}
      </section>
    </div>
  );
}

function AmountCells(props: { a: Amounts; strong?: boolean }): SafeHtml {
  const wrap = (value: string): Child => (props.strong ? <strong>{value}</strong> : value);
  return (
    <>
      <td class="num" data-label={t('apbdes.col.budget')}>
        {wrap(rupiah(props.a.budget))}
      </td>
      <td class="num" data-label={t('apbdes.col.realisedS1')}>
        {wrap(rupiah(props.a.realisedS1))}
      </td>
      <td class="num" data-label={t('apbdes.col.realisedS2')}>
        {wrap(rupiah(props.a.realisedS2))}
      </td>
      <td class="num" data-label={t('apbdes.col.percent')}>
        {wrap(`${percentOf(props.a.realised, props.a.budget).toLocaleString('id-ID')} %`)}
      </td>
    </>
  );
}

function nodeRows(node: TreeNode, lineActions?: (code: string) => Child): SafeHtml[] {
  const group = node.children.length > 0 || !node.line;
  const row = (
    <tr class={group ? `apbdes-group apbdes-depth-${node.depth}` : 'apbdes-line'} data-code={node.code}>
      <td data-label={t('apbdes.col.code')}>{node.code}</td>
      {group ? (
        <th scope="row" data-label={t('apbdes.col.name')}>
          {node.name}
        </th>
      ) : (
        <td data-label={t('apbdes.col.name')}>{node.name}</td>
      )}
      <AmountCells a={node.amounts} strong={group} />
      {lineActions ? (
        <td data-label={t('apbdes.col.actions')}>{node.line && !group ? lineActions(node.code) : ''}</td>
      ) : (
        ''
      )}
    </tr>
  );
  return [row, ...node.children.flatMap((child) => nodeRows(child, lineActions))];
}

/** The full table: section → group (bidang, sub-bidang) → line, each group with its total, then the results. */
export function BudgetTable(props: { budget: Budget; lineActions?: (code: string) => Child }): SafeHtml {
  const totals = props.budget.totals;
  const cols = props.lineActions ? 7 : 6;
  const resultRow = (label: string, a: Amounts, key: string) => (
    <tr class="apbdes-result" data-total={key}>
      <td data-label={t('apbdes.col.code')} />
      <th scope="row" data-label={t('apbdes.col.name')}>
        {label}
      </th>
      <AmountCells a={a} strong />
      {props.lineActions ? <td /> : ''}
    </tr>
  );
  const section = (s: Section, total: Amounts) => (
    <tbody>
      <tr class="apbdes-section">
        <th scope="rowgroup" colspan={String(cols)} id={`bagian-${s}`}>
          {t(SECTION_TITLE[s])}
        </th>
      </tr>
      {totals.trees[s].length === 0 ? (
        <tr>
          <td colspan={String(cols)}>{t('apbdes.noLines')}</td>
        </tr>
      ) : (
        totals.trees[s].flatMap((n) => nodeRows(n, props.lineActions))
      )}
      {resultRow(t(`apbdes.total.${s}`), total, s)}
    </tbody>
  );
  return (
    <section
      class="table-wrap stack apbdes-table"
      tabindex="0"
      aria-label={t('apbdes.tableTitle', { year: props.budget.year })}
    >
      <table>
        <caption>{t('apbdes.tableTitle', { year: props.budget.year })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('apbdes.col.code')}</th>
            <th scope="col">{t('apbdes.col.name')}</th>
            <th scope="col" class="num">
              {t('apbdes.col.budget')}
            </th>
            <th scope="col" class="num">
              {t('apbdes.col.realisedS1')}
            </th>
            <th scope="col" class="num">
              {t('apbdes.col.realisedS2')}
            </th>
            <th scope="col" class="num">
              {t('apbdes.col.percent')}
            </th>
            {props.lineActions ? <th scope="col">{t('apbdes.col.actions')}</th> : ''}
          </tr>
        </thead>
        {section('pendapatan', totals.income)}
        {section('belanja', totals.spending)}
        <tbody>
          {resultRow(
            totals.surplus.budget < 0 ? t('apbdes.deficit') : t('apbdes.surplus'),
            totals.surplus,
            'surplus',
          )}
        </tbody>
        {section('pembiayaan', totals.financingNet)}
        <tbody>
          {resultRow(t('apbdes.financingIn'), totals.financingIn, 'penerimaan')}
          {resultRow(t('apbdes.financingOut'), totals.financingOut, 'pengeluaran')}
          {resultRow(t('apbdes.silpa'), totals.silpa, 'silpa')}
        </tbody>
      </table>
    </section>
  );
}

export function YearLinks(props: {
  years: number[];
  current: number;
  href: (year: number) => string;
}): SafeHtml {
  if (props.years.length <= 1) return raw('');
  return (
    <nav aria-label={t('apbdes.otherYears')} class="apbdes-years">
      <p>
        {t('apbdes.otherYears')}:{' '}
        {props.years.map((y, i) => (
          <>
            {i > 0 ? ' · ' : ''}
            {y === props.current ? (
              <strong aria-current="page">{String(y)}</strong>
            ) : (
              <a href={props.href(y)}>{String(y)}</a>
            )}
          </>
        ))}
      </p>
    </nav>
  );
}
