import { requestContext } from '../http/request-context.ts';
import { formatNumber, t } from '../i18n/index.ts';
import { asset } from './assets.ts';
import { BackLink, Flash } from './components.tsx';
import { type Child, raw, type SafeHtml } from './jsx-runtime.ts';
import { navigationFor } from './navigation.ts';

/** Facts about this installation that every page shows; set once at start. */
export const site = { regencyName: 'Kabupaten', demo: false };

export function setSiteInfo(info: { regencyName: string; demo: boolean }): void {
  Object.assign(site, info);
}

function LanguageSwitch(props: { path: string; locale: 'id' | 'en' }): SafeHtml {
  const other = props.locale === 'id' ? 'en' : 'id';
  return (
    <a
      class="lang"
      href={`/bahasa/${other}?kembali=${encodeURIComponent(props.path)}`}
      lang={other}
      hreflang={other}
    >
      {other === 'en' ? 'English' : 'Bahasa Indonesia'}
    </a>
  );
}

function AccountBox(): SafeHtml {
  const { actor } = requestContext();
  if (!actor) {
    return (
      <a class="account" href="/masuk">
        {t('ui.login')}
      </a>
    );
  }
  const scope =
    actor.kind === 'staff' ? `${t(`role.${actor.role}`)} · ${actor.scope.code}` : t('ui.resident');
  return (
    <div class="account">
      <span class="account-name">
        {actor.name} <small class="account-scope">({scope})</small>
      </span>
      <form action="/keluar" method="post" class="inline">
        <input type="hidden" name="_csrf" value={requestContext().csrfToken} />
        <button type="submit" class="link-button">
          {t('ui.logout')}
        </button>
      </form>
    </div>
  );
}

/**
 * What a public page tells search engines and link previews (WhatsApp, Facebook): a description,
 * its one canonical absolute address, and Open Graph's type and image.
 */
export interface PageMeta {
  description: string;
  /** absolute URL of the page's canonical address */
  canonical: string;
  /** Open Graph type: `website` by default, `article` for a news item */
  type?: string;
  /** absolute URL of a picture for link previews */
  image?: string;
}

function MetaTags(props: { title: string; meta: PageMeta }): SafeHtml {
  const { meta } = props;
  return (
    <>
      <meta name="description" content={meta.description} />
      <link rel="canonical" href={meta.canonical} />
      <meta property="og:title" content={props.title} />
      <meta property="og:description" content={meta.description} />
      <meta property="og:url" content={meta.canonical} />
      <meta property="og:type" content={meta.type ?? 'website'} />
      <meta property="og:site_name" content={`Simpul ${site.regencyName}`} />
      {meta.image ? <meta property="og:image" content={meta.image} /> : ''}
    </>
  );
}

/** How many wait behind a menu entry, and how many of them are late; nothing when none wait. */
function NavBadge(props: { badge: { count: number; overdue: number } | undefined }): SafeHtml {
  const badge = props.badge;
  if (!badge || badge.count === 0) return raw('');
  return (
    <>
      {' '}
      <span class="nav-badge" data-count={String(badge.count)}>
        {formatNumber(badge.count)}
        <span class="visually-hidden"> {t('ui.navBadgeWaiting')}</span>
      </span>
      {badge.overdue > 0 ? (
        <span class="nav-badge nav-badge-overdue" data-overdue={String(badge.overdue)}>
          {t('ui.navBadgeOverdue', { n: formatNumber(badge.overdue) })}
        </span>
      ) : (
        ''
      )}
    </>
  );
}

/** The one page frame: header with the regency's name, menu by role, DEMO banner, flash, footer. */
export function Layout(props: {
  title: string;
  children: Child;
  wide?: boolean;
  head?: Child;
  meta?: PageMeta;
}): SafeHtml {
  const context = requestContext();
  const nav = navigationFor(context.actor);
  return (
    <html lang={context.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} — Simpul ${site.regencyName}`}</title>
        <link rel="stylesheet" href={asset('simpul.css')} />
        {props.meta ? <MetaTags title={props.title} meta={props.meta} /> : ''}
        {props.head ?? ''}
      </head>
      <body>
        <a href="#main" class="skip-link">
          {t('ui.skipToContent')}
        </a>
        <header class="site-header">
          {/* inside the header's landmark, so a screen reader meets it with the page's frame and axe's `region` rule holds */}
          {site.demo ? (
            <div class="demo-banner" role="note">
              <strong>DEMO</strong> <span class="demo-long">{t('ui.demoBanner')}</span>
              <span class="demo-short">{t('ui.demoBannerShort')}</span>
            </div>
          ) : (
            ''
          )}
          <div class="container header-row">
            <a class="brand" href="/">
              <span class="brand-mark" aria-hidden="true">
                ◎
              </span>{' '}
              Simpul <span class="brand-sub">{site.regencyName}</span>
            </a>
            <AccountBox />
          </div>
          {nav.length > 0 ? (
            // on a phone the menu is one row that scrolls sideways (CSS), so the header stays short
            <nav class="container main-nav" aria-label={t('ui.mainNav')}>
              <ul>
                {nav.map((item) => (
                  <li>
                    <a
                      href={item.href}
                      aria-current={
                        context.path === item.href || context.path.startsWith(`${item.href}/`)
                          ? 'page'
                          : undefined
                      }
                    >
                      {t(item.label)}
                      <NavBadge badge={context.navBadges?.[item.href]} />
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : (
            ''
          )}
        </header>
        <main id="main" class={props.wide ? 'container wide' : 'container'}>
          <Flash message={context.flash} />
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="container">
            <p>{t('ui.footer', { regency: site.regencyName })}</p>
            <p>
              <LanguageSwitch path={context.path} locale={context.locale} /> ·{' '}
              <a href="/verifikasi">{t('ui.verifyLetter')}</a>
              {/* the API reference weighs 2 MB: a link for officers and developers, not for a resident on a phone */}
              {context.actor?.kind === 'staff' ? (
                <>
                  {' '}
                  · <a href="/api/docs">{t('ui.apiDocs')}</a>
                </>
              ) : (
                ''
              )}
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/**
 * A page that starts as most do: a back link (when there is a page above it), then the heading,
 * which is the title unless `heading` says otherwise.
 */
export function Page(props: {
  title: string;
  heading?: Child;
  back?: { href: string; label: Child };
  children: Child;
  wide?: boolean;
  head?: Child;
  meta?: PageMeta;
}): SafeHtml {
  const { back } = props;
  return (
    <Layout title={props.title} wide={props.wide} head={props.head} meta={props.meta}>
      {back ? <BackLink href={back.href}>{back.label}</BackLink> : ''}
      <h1>{props.heading ?? props.title}</h1>
      {props.children}
    </Layout>
  );
}
