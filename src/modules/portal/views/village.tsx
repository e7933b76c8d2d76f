import { formatNumber, t } from '../../../platform/i18n/index.ts';
import { ButtonLink, Panel, SummaryList } from '../../../platform/ui/components.tsx';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Layout, site } from '../../../platform/ui/layout.tsx';
import { titleCase } from '../../regions/service.ts';
import type { VillageHome } from '../service.ts';
import { NewsList } from './parts.tsx';

/**
 * A village's home page, dignified even when nobody has filled anything in: what the registries
 * already know (name, kecamatan, counts, the services on offer) and what the office has entered.
 */
export function VillagePage(props: { home: VillageHome; canonical: string; image?: string }): SafeHtml {
  const { village, services, news, sections } = props.home;
  const name = titleCase(village.name);
  const kecamatan = titleCase(village.kecamatanName);
  const title = t('portal.villageTitle', { name });
  const notSet = <span class="hint">{t('portal.notSet')}</span>;
  return (
    <Layout
      title={title}
      meta={{
        description: t('portal.villageDescription', { name, kecamatan, regency: site.regencyName }),
        canonical: props.canonical,
        image: props.image ?? news.find((n) => n.image)?.image?.src,
      }}
    >
      <h1>{title}</h1>
      <p>
        {t('portal.villageIn')}{' '}
        <a href={`/kecamatan/${village.kecamatanCode}`}>{t('portal.inKecamatan', { name: kecamatan })}</a>,{' '}
        {site.regencyName}.
      </p>
      {sections.length > 0 ? (
        <nav aria-label={t('portal.sectionsNav')} class="section-nav">
          <ul>
            {sections.map((s) => (
              <li>
                <a href={`/desa/${village.code}/${s.path}`}>{t(s.label)}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : (
        ''
      )}
      <Panel title={t('portal.atAGlance')}>
        <SummaryList
          rows={[
            [t('portal.population'), formatNumber(props.home.population)],
            [t('portal.families'), formatNumber(props.home.families)],
            [t('portal.lettersThisYear'), formatNumber(props.home.lettersThisYear)],
            [t('portal.complaintsOpen'), formatNumber(props.home.openComplaints)],
            [t('portal.complaintsFinished'), formatNumber(props.home.finishedComplaints)],
          ]}
        />
        <p class="hint">{t('portal.countsNote')}</p>
      </Panel>
      <h2>{t('portal.servicesTitle')}</h2>
      {services.length > 0 ? (
        <>
          <p>{t('portal.servicesIntro', { name })}</p>
          <ul class="service-links">
            {services.map((s) => (
              <li>
                <a href={`/layanan/${s.slug}`}>{s.name}</a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('portal.servicesNone')}</p>
      )}
      <p>
        <ButtonLink href={`/layanan?desa=${village.code}`} variant="primary">
          {t('portal.requestService')}
        </ButtonLink>
      </p>
      <h2>{t('portal.complaintsTitle')}</h2>
      <p>
        {t('portal.complaintsIntro')}{' '}
        <a href={`/pengaduan?desa=${village.code}`}>{t('portal.complaintsLink')}</a>
      </p>
      <h2>{t('portal.latestNews')}</h2>
      <NewsList items={news} empty={t('portal.noNewsVillage')} />
      <h2>{t('portal.contactTitle')}</h2>
      <SummaryList
        rows={[
          [t('portal.address'), village.address ?? notSet],
          [
            t('portal.phone'),
            village.phone ? (
              <a href={`tel:${village.phone.replace(/[^0-9+]/g, '')}`}>{village.phone}</a>
            ) : (
              notSet
            ),
          ],
          [
            t('portal.email'),
            village.email ? <a href={`mailto:${village.email}`}>{village.email}</a> : notSet,
          ],
          [t('portal.officeHours'), village.officeHours ?? notSet],
          [
            t('portal.code'),
            <>
              {village.code} <small class="hint">{t('portal.codeOfficial')}</small>
            </>,
          ],
        ]}
      />
      <h2>{t('portal.otherVillages', { name: kecamatan })}</h2>
      <ul class="cards">
        {props.home.neighbours.map((v) => (
          <li>
            <a href={`/desa/${v.code}`}>{titleCase(v.name)}</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
