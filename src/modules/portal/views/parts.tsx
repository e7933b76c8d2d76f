import { formatDate, formatNumber, t } from '../../../platform/i18n/index.ts';
import type { SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import type { SiteNewsItem } from '../../../platform/village-site.ts';
import { titleCase } from '../../regions/service.ts';
import type { VillageWithStatus } from '../service.ts';

/** The latest news items, or a plain sentence when nothing has been published. */
export function NewsList(props: { items: SiteNewsItem[]; empty: string; headingLevel?: 2 | 3 }): SafeHtml {
  if (props.items.length === 0) return <p class="hint">{props.empty}</p>;
  return (
    <ul class="news-list">
      {props.items.map((item) => (
        <li>
          {item.image ? (
            <img
              src={item.image.src}
              srcset={item.image.srcset}
              sizes="(max-width: 40em) 100vw, 20em"
              width={item.image.width}
              height={item.image.height}
              alt={item.image.alt}
              loading="lazy"
            />
          ) : (
            ''
          )}
          <a href={item.url}>{item.title}</a>{' '}
          <small class="hint">
            <time datetime={item.publishedAt.toISOString()}>{formatDate(item.publishedAt)}</time>
          </small>
          <p>{item.summary}</p>
        </li>
      ))}
    </ul>
  );
}

/** Villages with what the portal knows of each: a card per village, its status in words. */
export function VillageCards(props: { villages: VillageWithStatus[]; showKecamatan?: boolean }): SafeHtml {
  return (
    <ul class="cards village-cards">
      {props.villages.map((v) => (
        <li>
          <a href={`/desa/${v.code}`}>{titleCase(v.name)}</a>
          {props.showKecamatan ? (
            <>
              {' '}
              <small>{t('portal.inKecamatan', { name: titleCase(v.kecamatanName) })}</small>
            </>
          ) : (
            ''
          )}
          <br />
          <small class="hint">
            {v.status.officeFilled ? t('portal.status.officeFilled') : t('portal.status.officeEmpty')}
            {' · '}
            {t('portal.status.complaints', {
              open: formatNumber(v.status.openComplaints),
              finished: formatNumber(v.status.finishedComplaints),
            })}
          </small>
        </li>
      ))}
    </ul>
  );
}
