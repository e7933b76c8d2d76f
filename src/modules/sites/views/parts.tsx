import { t } from '../../../platform/i18n/index.ts';
import { type Child, raw, type SafeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { villageSiteSections } from '../../../platform/village-site.ts';
import type { Village } from '../../regions/service.ts';
import { srcsetOf, variantUrl } from '../images.ts';
import type { SiteImage } from '../service.ts';

/**
 * A picture at the width the screen needs: AVIF, then WebP, then JPEG for old phones, lazily
 * loaded, with its size stated so the page does not jump when it arrives.
 */
export function Picture(props: {
  image: SiteImage;
  sizes: string;
  eager?: boolean;
  class?: string;
}): SafeHtml {
  const { image } = props;
  const code = image.villageCode;
  const jpeg = image.variants.filter((v) => v.format === 'jpeg');
  const fallback = jpeg[Math.min(1, jpeg.length - 1)] ?? jpeg[0];
  if (!fallback) return raw('');
  return (
    <picture class={props.class}>
      <source type="image/avif" srcset={srcsetOf(code, image, 'avif')} sizes={props.sizes} />
      <source type="image/webp" srcset={srcsetOf(code, image, 'webp')} sizes={props.sizes} />
      <img
        src={variantUrl(code, image.id, fallback.width, 'jpeg')}
        srcset={srcsetOf(code, image, 'jpeg')}
        sizes={props.sizes}
        width={image.width}
        height={image.height}
        alt={image.alt}
        loading={props.eager ? undefined : 'lazy'}
        decoding="async"
      />
    </picture>
  );
}

export interface SiteMeta {
  title: string;
  description: string;
  /** path of the page, for og:url */
  path: string;
  publicUrl: string;
  image?: SiteImage | null;
  type?: 'website' | 'article';
}

function MetaTags(props: SiteMeta): SafeHtml {
  const jpeg = props.image?.variants.filter((v) => v.format === 'jpeg') ?? [];
  const largest = jpeg[jpeg.length - 1];
  return (
    <>
      <meta name="description" content={props.description} />
      <meta property="og:type" content={props.type ?? 'website'} />
      <meta property="og:title" content={props.title} />
      <meta property="og:description" content={props.description} />
      <meta property="og:url" content={`${props.publicUrl}${props.path}`} />
      <meta property="og:locale" content="id_ID" />
      {props.image && largest ? (
        <>
          <meta
            property="og:image"
            content={`${props.publicUrl}${variantUrl(props.image.villageCode, props.image.id, largest.width, 'jpeg')}`}
          />
          <meta property="og:image:width" content={String(largest.width)} />
          <meta property="og:image:height" content={String(largest.height)} />
          <meta property="og:image:alt" content={props.image.alt} />
        </>
      ) : (
        ''
      )}
      <link rel="canonical" href={`${props.publicUrl}${props.path}`} />
    </>
  );
}

/** The frame of every page of a village's site: its name, the site's menu (every module's sections), the page. */
export function SiteFrame(props: {
  village: Village;
  meta: SiteMeta;
  current: string;
  children: Child;
}): SafeHtml {
  const { village } = props;
  const base = `/desa/${village.code}`;
  return (
    <Layout
      title={`${props.meta.title} — ${t('sites.villageName', { name: village.name })}`}
      head={<MetaTags {...props.meta} />}
    >
      <p class="site-village">
        <a href={base}>{t('sites.villageName', { name: village.name })}</a>
        <span class="hint"> · {t('sites.inKecamatan', { name: village.kecamatanName })}</span>
      </p>
      <nav class="site-menu" aria-label={t('sites.menu')}>
        <ul>
          <li>
            <a href={base}>{t('sites.menu.home')}</a>
          </li>
          {villageSiteSections().map((section) => (
            <li>
              <a
                href={`${base}/${section.path}`}
                aria-current={props.current === section.path ? 'page' : undefined}
              >
                {t(section.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.children}
    </Layout>
  );
}

/** Sanitised article HTML (markdown.ts made it; nothing else goes through raw()). */
export function ArticleBody(props: { html: string }): SafeHtml {
  return <div class="site-article-body">{raw(props.html)}</div>;
}
