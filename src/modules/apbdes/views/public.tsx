import { amountBarsSvg } from '../../../platform/charts/index.ts';
import { formatDateTime, t } from '../../../platform/i18n/index.ts';
import { Table } from '../../../platform/ui/components.tsx';
import { raw, type SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { percentOf, rupiah, shortRupiah } from '../money.ts';
import type { Budget, RegencySummary } from '../service.ts';
import { BudgetTable, Infographic, YearLinks } from './parts.tsx';

function description(text: string): SafeHtml {
  return <meta name="description" content={text} />;
}

export function VillageBudgetPage(props: {
  villageCode: string;
  villageName: string;
  year: number;
  budget: Budget | null;
  years: number[];
}): SafeHtml {
  const title = t('apbdes.publicTitle', { village: props.villageName, year: props.year });
  const b = props.budget;
  return (
    <Layout
      title={title}
      wide
      head={description(
        b
          ? t('apbdes.metaVillage', {
              village: props.villageName,
              year: props.year,
              income: shortRupiah(b.totals.income.budget),
              spending: shortRupiah(b.totals.spending.budget),
            })
          : t('apbdes.metaVillageNone', { village: props.villageName, year: props.year }),
      )}
    >
      <p>
        <a href={`/desa/${props.villageCode}`}>
          ← {t('apbdes.backToVillage', { village: props.villageName })}
        </a>
      </p>
      <h1>{title}</h1>
      <YearLinks
        years={props.years}
        current={props.year}
        href={(y) => `/desa/${props.villageCode}/apbdes/${y}`}
      />
      {b ? (
        <>
          <p class="lead">{t('apbdes.publicLead')}</p>
          {b.publishedAt ? (
            <p class="hint">{t('apbdes.publishedAt', { at: formatDateTime(b.publishedAt) })}</p>
          ) : (
            ''
          )}
          <Infographic budget={b} />
          <h2>{t('apbdes.tableHeading')}</h2>
          <BudgetTable budget={b} />
        </>
      ) : (
        <div class="empty-state">
          <p>{t('apbdes.notPublished', { year: props.year })}</p>
        </div>
      )}
      <p>
        <a href={`/apbdes/${props.year}`}>{t('apbdes.regencyLink', { year: props.year })}</a>
      </p>
    </Layout>
  );
}

export function RegencyBudgetPage(props: {
  summary: RegencySummary;
  years: number[];
  regencyName: string;
}): SafeHtml {
  const s = props.summary;
  const title = t('apbdes.regencyTitle', { regency: props.regencyName, year: s.year });
  const bars = (items: Array<{ name: string; budget: number }>) =>
    items.map((i) => ({
      label: i.name,
      value: i.budget,
      text: shortRupiah(i.budget),
      detail: rupiah(i.budget),
    }));
  const kecamatanName = new Map(s.kecamatan.map((k) => [k.code, k.name]));
  return (
    <Layout
      title={title}
      wide
      head={description(
        t('apbdes.metaRegency', {
          regency: props.regencyName,
          year: s.year,
          published: s.publishedCount,
          villages: s.villageCount,
        }),
      )}
    >
      <h1>{title}</h1>
      <YearLinks years={props.years} current={s.year} href={(y) => `/apbdes/${y}`} />
      <ul class="apbdes-headline">
        <li>
          <span>{t('apbdes.villagesPublished')}</span>{' '}
          <strong data-total="desa">
            {t('apbdes.countOf', { count: s.publishedCount, total: s.villageCount })}
          </strong>
        </li>
        <li>
          <span>{t('apbdes.totalIncome')}</span>{' '}
          <strong data-total="pendapatan">{shortRupiah(s.income.budget)}</strong>
        </li>
        <li>
          <span>{t('apbdes.totalSpending')}</span>{' '}
          <strong data-total="belanja">{shortRupiah(s.spending.budget)}</strong>
        </li>
      </ul>
      {s.publishedCount === 0 ? (
        <div class="empty-state">
          <p>{t('apbdes.noneYet', { year: s.year })}</p>
        </div>
      ) : (
        <>
          <section class="panel" aria-labelledby="grafik-sumber">
            <h2 id="grafik-sumber">{t('apbdes.chart.incomeBySource')}</h2>
            {raw(amountBarsSvg(bars(s.incomeBySource), { title: t('apbdes.chart.incomeBySource') }))}
          </section>
          <section class="panel" aria-labelledby="grafik-bidang">
            <h2 id="grafik-bidang">{t('apbdes.chart.spendingByField')}</h2>
            {raw(amountBarsSvg(bars(s.spendingByField), { title: t('apbdes.chart.spendingByField') }))}
          </section>
          <Table
            caption={t('apbdes.bySourceCaption')}
            rows={s.incomeBySource}
            columns={[
              { header: t('apbdes.col.code'), cell: (r) => r.code },
              { header: t('apbdes.col.source'), cell: (r) => r.name },
              { header: t('apbdes.col.budget'), cell: (r) => rupiah(r.budget), numeric: true },
              { header: t('apbdes.col.realised'), cell: (r) => rupiah(r.realised), numeric: true },
            ]}
          />
          <Table
            caption={t('apbdes.byFieldCaption')}
            rows={s.spendingByField}
            columns={[
              { header: t('apbdes.col.code'), cell: (r) => r.code },
              { header: t('apbdes.col.field'), cell: (r) => r.name },
              { header: t('apbdes.col.budget'), cell: (r) => rupiah(r.budget), numeric: true },
              { header: t('apbdes.col.realised'), cell: (r) => rupiah(r.realised), numeric: true },
            ]}
          />
        </>
      )}
      <Table
        caption={t('apbdes.byKecamatanCaption')}
        rows={s.kecamatan}
        columns={[
          { header: t('apbdes.col.kecamatan'), cell: (r) => r.name },
          {
            header: t('apbdes.col.published'),
            cell: (r) => t('apbdes.countOf', { count: r.published, total: r.villages }),
            numeric: true,
          },
          { header: t('apbdes.col.income'), cell: (r) => rupiah(r.income.budget), numeric: true },
          { header: t('apbdes.col.spending'), cell: (r) => rupiah(r.spending.budget), numeric: true },
        ]}
      />
      <Table
        caption={t('apbdes.villagesCaption')}
        rows={s.villages.filter((v) => v.published)}
        empty={t('apbdes.noneYet', { year: s.year })}
        columns={[
          {
            header: t('apbdes.col.village'),
            cell: (r) => <a href={`/desa/${r.code}/apbdes/${s.year}`}>{r.name}</a>,
          },
          {
            header: t('apbdes.col.kecamatan'),
            cell: (r) => kecamatanName.get(r.kecamatanCode) ?? r.kecamatanCode,
          },
          { header: t('apbdes.col.income'), cell: (r) => rupiah(r.income.budget), numeric: true },
          { header: t('apbdes.col.spending'), cell: (r) => rupiah(r.spending.budget), numeric: true },
          {
            header: t('apbdes.col.percent'),
            cell: (r) => `${percentOf(r.spending.realised, r.spending.budget).toLocaleString('id-ID')} %`,
            numeric: true,
          },
        ]}
      />
      <p class="hint">{t('apbdes.regencyNote')}</p>
    </Layout>
  );
}
