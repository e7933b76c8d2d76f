import { formatNumber, t } from '../../../platform/i18n/index.ts';
import { Button, Form, Panel, TextField } from '../../../platform/ui/components.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Layout, Page, site } from '../../../platform/ui/layout.tsx';
import { titleCase, type Village } from '../../regions/service.ts';
import type { KecamatanPage, Portal, VillageWithStatus } from '../service.ts';
import { NewsList, VillageCards } from './parts.tsx';

export function VillageSearch(props: { value: string; variant?: 'primary' | 'secondary' }): SafeHtml {
  return (
    <Form action="/" method="get" class="filters">
      <TextField name="cari" type="search" label={t('portal.findVillage')} value={props.value} />
      <Button variant={props.variant ?? 'secondary'}>{t('portal.findVillage')}</Button>
    </Form>
  );
}

/** The regency's links every resident looks for first. */
function PublicLinks(): SafeHtml {
  return (
    <Panel title={t('portal.quickLinks')}>
      <ul>
        <li>
          <a href="/layanan">{t('portal.linkServices')}</a>
        </li>
        <li>
          <a href="/pengaduan">{t('portal.linkComplaint')}</a>
        </li>
        <li>
          <a href="/informasi-publik">{t('portal.linkPublicInfo')}</a>
        </li>
        <li>
          <a href="/apbdes">{t('portal.linkBudget')}</a>
        </li>
        <li>
          <a href="/verifikasi">{t('portal.linkVerify')}</a>
        </li>
      </ul>
    </Panel>
  );
}

export function HomePage(props: { portal: Portal; canonical: string }): SafeHtml {
  const { kecamatan, villages, news, search } = props.portal;
  const byKecamatan = new Map<string, VillageWithStatus[]>();
  for (const v of villages)
    byKecamatan.set(v.kecamatanCode, [...(byKecamatan.get(v.kecamatanCode) ?? []), v]);
  const villageTotal = kecamatan.reduce((n, k) => n + k.villageCount, 0);
  const title = t('portal.homeTitle', { regency: site.regencyName });
  return (
    <Layout
      title={title}
      meta={{
        description: t('portal.homeDescription', {
          regency: site.regencyName,
          villages: villageTotal,
          kecamatan: kecamatan.length,
        }),
        canonical: props.canonical,
      }}
    >
      <h1>{title}</h1>
      <p>{t('portal.homeIntro')}</p>
      <PublicLinks />
      <h2>{t('portal.kecamatanList', { kecamatan: kecamatan.length, villages: villageTotal })}</h2>
      <VillageSearch value={search} />
      {search ? (
        <p role="status">
          {villages.length > 0
            ? t('portal.searchResults', { n: villages.length, term: search })
            : t('portal.noResults', { term: search })}
        </p>
      ) : (
        ''
      )}
      {kecamatan
        .filter((k) => byKecamatan.has(k.code))
        .map((k) => (
          <details open={search ? true : undefined}>
            <summary>
              {titleCase(k.name)}{' '}
              <small>({t('portal.villageCount', { n: byKecamatan.get(k.code)?.length ?? 0 })})</small>
            </summary>
            <p>
              <a href={`/kecamatan/${k.code}`}>
                {t('portal.kecamatanPageLink', { name: titleCase(k.name) })}
              </a>
            </p>
            <VillageCards villages={byKecamatan.get(k.code) ?? []} />
          </details>
        ))}
      <h2>{t('portal.latestNews')}</h2>
      <NewsList items={news} empty={t('portal.noNews')} />
    </Layout>
  );
}

export function KecamatanView(props: { page: KecamatanPage; canonical: string }): SafeHtml {
  const { kecamatan, villages, news } = props.page;
  const name = titleCase(kecamatan.name);
  const title = t('portal.kecamatanTitle', { name });
  return (
    <Layout
      title={title}
      meta={{
        description: t('portal.kecamatanDescription', {
          name,
          regency: site.regencyName,
          villages: villages.length,
          population: formatNumber(props.page.population),
        }),
        canonical: props.canonical,
      }}
    >
      <h1>{title}</h1>
      <p>
        {t('portal.kecamatanIntro', { name, villages: villages.length })}{' '}
        {t('portal.kecamatanPeople', {
          population: formatNumber(props.page.population),
          families: formatNumber(props.page.families),
        })}
      </p>
      <h2>{t('portal.kecamatanVillages', { name })}</h2>
      <VillageCards villages={villages} />
      <h2>{t('portal.latestNews')}</h2>
      <NewsList items={news} empty={t('portal.noNews')} />
      <p>
        <a href="/">{t('portal.backToPortal')}</a>
      </p>
    </Layout>
  );
}

/** A village address nobody has: a 404 that helps, with the villages whose names come close and a search box. */
export function VillageNotFoundPage(props: {
  asked: string;
  term: string;
  suggestions: Village[];
}): SafeHtml {
  return (
    <Page title={t('portal.notFoundTitle')}>
      <p>{t('portal.notFoundIntro', { asked: props.asked })}</p>
      {props.suggestions.length > 0 ? (
        <>
          <h2>{t('portal.notFoundSuggestions')}</h2>
          <ul class="cards">
            {props.suggestions.map((v) => (
              <li>
                <a href={`/desa/${v.code}`}>{titleCase(v.name)}</a>{' '}
                <small>{t('portal.inKecamatan', { name: titleCase(v.kecamatanName) })}</small>
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      <VillageSearch value={props.term} variant="primary" />
      <p>
        <a href="/">{t('portal.allVillages')}</a>
      </p>
    </Page>
  );
}
