import { formatDate, formatDateTime, formatNumber, t } from '../../../platform/i18n/index.ts';
import { BackLink, EmptyState, Pagination, SummaryList } from '../../../platform/ui/components.tsx';
import { raw, type SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import type { Village } from '../../regions/service.ts';
import { plainText, renderMarkdown } from '../markdown.ts';
import type { Official, Population, Profile, PublicArticle, SiteEvent, SiteImage } from '../service.ts';
import { PUBLIC_PAGE_SIZE } from '../service.ts';
import { ArticleBody, Picture, SiteFrame } from './parts.tsx';

interface Base {
  village: Village;
  publicUrl: string;
}

function OfficialCard(props: { official: Official; photo: SiteImage | undefined }): SafeHtml {
  return (
    <li class="site-official">
      {props.photo ? <Picture image={props.photo} sizes="160px" class="site-official-photo" /> : ''}
      <p class="site-official-name">{props.official.name}</p>
      <p class="hint">{props.official.position}</p>
    </li>
  );
}

export function ProfilePage(
  props: Base & { profile: Profile | null; population: Population; showMap: boolean },
): SafeHtml {
  const { village, profile, population } = props;
  const path = `/desa/${village.code}/profil`;
  const description = profile?.about
    ? plainText(profile.about)
    : t('sites.profile.description', { name: village.name, kecamatan: village.kecamatanName });
  const mapHere = profile?.lat != null && profile?.lng != null;
  return (
    <SiteFrame
      village={village}
      current="profil"
      meta={{ title: t('sites.profile.title'), description, path, publicUrl: props.publicUrl }}
    >
      <h1>{t('sites.profile.heading', { name: village.name })}</h1>
      {!profile ? <EmptyState message={t('sites.profile.empty')} /> : ''}
      {profile?.about ? <ArticleBody html={renderMarkdown(profile.about)} /> : ''}
      <h2>{t('sites.profile.figures')}</h2>
      <SummaryList
        rows={[
          [
            t('sites.profile.population'),
            population.population == null ? '–' : formatNumber(population.population),
          ],
          [t('sites.profile.male'), population.male == null ? '–' : formatNumber(population.male)],
          [t('sites.profile.female'), population.female == null ? '–' : formatNumber(population.female)],
          [
            t('sites.profile.families'),
            population.families == null ? '–' : formatNumber(population.families),
          ],
          [t('sites.profile.area'), profile?.areaKm2 != null ? `${formatNumber(profile.areaKm2)} km²` : '–'],
          [t('sites.profile.hamlets'), profile?.hamlets.length ? formatNumber(profile.hamlets.length) : '–'],
          [t('sites.profile.rw'), profile?.rwCount != null ? formatNumber(profile.rwCount) : '–'],
          [t('sites.profile.rt'), profile?.rtCount != null ? formatNumber(profile.rtCount) : '–'],
        ]}
      />
      <p class="hint">{t('sites.profile.figuresNote')}</p>
      {profile?.hamlets.length ? (
        <>
          <h2>{t('sites.profile.hamletList')}</h2>
          <ul>
            {profile.hamlets.map((h) => (
              <li>{h}</li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      {profile?.vision ? (
        <>
          <h2>{t('sites.profile.vision')}</h2>
          <ArticleBody html={renderMarkdown(profile.vision)} />
        </>
      ) : (
        ''
      )}
      {profile?.mission ? (
        <>
          <h2>{t('sites.profile.mission')}</h2>
          <ArticleBody html={renderMarkdown(profile.mission)} />
        </>
      ) : (
        ''
      )}
      {profile?.history ? (
        <>
          <h2>{t('sites.profile.history')}</h2>
          <ArticleBody html={renderMarkdown(profile.history)} />
        </>
      ) : (
        ''
      )}
      <h2>{t('sites.profile.location')}</h2>
      {mapHere ? (
        <>
          <SummaryList
            rows={[
              [t('sites.profile.place'), profile!.placeName || village.name],
              [t('sites.profile.coordinates'), `${profile!.lat!.toFixed(5)}, ${profile!.lng!.toFixed(5)}`],
            ]}
          />
          <p>
            <a
              href={`https://www.openstreetmap.org/?mlat=${profile!.lat}&mlon=${profile!.lng}#map=15/${profile!.lat}/${profile!.lng}`}
              rel="noopener"
            >
              {t('sites.profile.openMap')}
            </a>
          </p>
          {props.showMap ? (
            <iframe
              class="site-map"
              title={t('sites.profile.mapTitle', { name: village.name })}
              loading="lazy"
              width="600"
              height="360"
              src={`https://www.openstreetmap.org/export/embed.html?bbox=${profile!.lng! - 0.02},${profile!.lat! - 0.015},${profile!.lng! + 0.02},${profile!.lat! + 0.015}&layer=mapnik&marker=${profile!.lat},${profile!.lng}`}
            ></iframe>
          ) : (
            // the map costs a phone on a weak signal: it is loaded only when asked for
            <form method="get" action={`/desa/${village.code}/profil`}>
              <input type="hidden" name="peta" value="1" />
              <button type="submit" class="button button-secondary">
                {t('sites.profile.showMap')}
              </button>
            </form>
          )}
        </>
      ) : (
        <p>{t('sites.profile.noLocation')}</p>
      )}
    </SiteFrame>
  );
}

export function OfficialsPage(
  props: Base & { officials: Official[]; photos: Map<string, SiteImage> },
): SafeHtml {
  const { village } = props;
  const groups = [
    ['perangkat', t('sites.officials.perangkat')],
    ['bpd', t('sites.officials.bpd')],
  ] as const;
  return (
    <SiteFrame
      village={village}
      current="perangkat"
      meta={{
        title: t('sites.officials.title'),
        description: t('sites.officials.description', { name: village.name }),
        path: `/desa/${village.code}/perangkat`,
        publicUrl: props.publicUrl,
      }}
    >
      <h1>{t('sites.officials.heading', { name: village.name })}</h1>
      {props.officials.length === 0 ? <EmptyState message={t('sites.officials.empty')} /> : ''}
      {groups.map(([group, label]) => {
        const members = props.officials.filter((o) => o.group === group);
        return members.length === 0 ? (
          ''
        ) : (
          <section>
            <h2>{label}</h2>
            <ul class="site-officials">
              {members.map((o) => (
                <OfficialCard official={o} photo={o.photoId ? props.photos.get(o.photoId) : undefined} />
              ))}
            </ul>
          </section>
        );
      })}
    </SiteFrame>
  );
}

function kindLabel(kind: 'berita' | 'pengumuman'): string {
  return t(`sites.kind.${kind}`);
}

export function NewsListPage(
  props: Base & { items: PublicArticle[]; total: number; page: number },
): SafeHtml {
  const { village } = props;
  return (
    <SiteFrame
      village={village}
      current="berita"
      meta={{
        title: t('sites.news.title'),
        description: t('sites.news.description', { name: village.name }),
        path: `/desa/${village.code}/berita${props.page > 1 ? `?page=${props.page}` : ''}`,
        publicUrl: props.publicUrl,
      }}
    >
      <h1>{t('sites.news.heading', { name: village.name })}</h1>
      {props.items.length === 0 ? <EmptyState message={t('sites.news.empty')} /> : ''}
      <ul class="site-news-list">
        {props.items.map((a) => (
          <li class="site-news-item">
            {a.cover ? <Picture image={a.cover} sizes="(min-width: 40em) 200px, 100vw" /> : ''}
            <div>
              <p class="hint">
                {kindLabel(a.kind)} ·{' '}
                <time datetime={a.publishedAt!.toISOString()}>{formatDate(a.publishedAt!)}</time>
              </p>
              <h2>
                <a href={`/desa/${village.code}/berita/${a.slug}`}>{a.title}</a>
              </h2>
              <p>{a.summary || plainText(a.body)}</p>
            </div>
          </li>
        ))}
      </ul>
      <Pagination list={{ ...props, pageSize: PUBLIC_PAGE_SIZE }} baseUrl={`/desa/${village.code}/berita`} />
    </SiteFrame>
  );
}

export function ArticlePage(props: Base & { article: PublicArticle }): SafeHtml {
  const { village, article } = props;
  return (
    <SiteFrame
      village={village}
      current="berita"
      meta={{
        title: article.title,
        description: article.summary || plainText(article.body),
        path: `/desa/${village.code}/berita/${article.slug}`,
        publicUrl: props.publicUrl,
        image: article.cover,
        type: 'article',
      }}
    >
      <article class="site-article">
        <p class="hint">
          {kindLabel(article.kind)} ·{' '}
          <time datetime={article.publishedAt!.toISOString()}>{formatDate(article.publishedAt!)}</time>
        </p>
        <h1>{article.title}</h1>
        {article.summary ? <p class="lead">{article.summary}</p> : ''}
        {article.cover ? (
          <figure>
            <Picture image={article.cover} sizes="(min-width: 60em) 760px, 100vw" eager />
            {article.cover.caption ? <figcaption>{article.cover.caption}</figcaption> : ''}
          </figure>
        ) : (
          ''
        )}
        <ArticleBody html={renderMarkdown(article.body)} />
      </article>
      <BackLink href={`/desa/${village.code}/berita`}>{t('sites.news.back')}</BackLink>
    </SiteFrame>
  );
}

function EventItem(props: { event: SiteEvent }): SafeHtml {
  const e = props.event;
  return (
    <li class="site-event">
      <h3>{e.title}</h3>
      <p>
        <time datetime={e.startsAt.toISOString()}>{formatDateTime(e.startsAt)}</time>
        {e.endsAt ? (
          <>
            {' – '}
            <time datetime={e.endsAt.toISOString()}>{formatDateTime(e.endsAt)}</time>
          </>
        ) : (
          ''
        )}
        {e.place ? ` · ${e.place}` : ''}
      </p>
      {e.description ? <p>{e.description}</p> : ''}
    </li>
  );
}

export function AgendaPage(props: Base & { upcoming: SiteEvent[]; past: SiteEvent[] }): SafeHtml {
  const { village } = props;
  return (
    <SiteFrame
      village={village}
      current="agenda"
      meta={{
        title: t('sites.agenda.title'),
        description: t('sites.agenda.description', { name: village.name }),
        path: `/desa/${village.code}/agenda`,
        publicUrl: props.publicUrl,
      }}
    >
      <h1>{t('sites.agenda.heading', { name: village.name })}</h1>
      <h2>{t('sites.agenda.upcoming')}</h2>
      {props.upcoming.length === 0 ? <EmptyState message={t('sites.agenda.empty')} /> : ''}
      <ul class="site-events">
        {props.upcoming.map((e) => (
          <EventItem event={e} />
        ))}
      </ul>
      {props.past.length > 0 ? (
        <>
          <h2>{t('sites.agenda.past')}</h2>
          <ul class="site-events">
            {props.past.map((e) => (
              <EventItem event={e} />
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
    </SiteFrame>
  );
}

export function GalleryPage(props: Base & { images: SiteImage[] }): SafeHtml {
  const { village } = props;
  return (
    <SiteFrame
      village={village}
      current="galeri"
      meta={{
        title: t('sites.gallery.title'),
        description: t('sites.gallery.description', { name: village.name }),
        path: `/desa/${village.code}/galeri`,
        publicUrl: props.publicUrl,
        image: props.images[0] ?? null,
      }}
    >
      <h1>{t('sites.gallery.heading', { name: village.name })}</h1>
      {props.images.length === 0 ? <EmptyState message={t('sites.gallery.empty')} /> : ''}
      <ul class="site-gallery">
        {props.images.map((image) => (
          <li>
            <figure>
              <Picture image={image} sizes="(min-width: 40em) 320px, 100vw" />
              {image.caption ? <figcaption>{image.caption}</figcaption> : raw('')}
            </figure>
          </li>
        ))}
      </ul>
    </SiteFrame>
  );
}
