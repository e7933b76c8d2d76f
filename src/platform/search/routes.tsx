import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../auth/guards.ts';
import { OFFICE_ROLES } from '../auth/roles.ts';
import { pageNumber, searchTerm } from '../http/input.ts';
import { t } from '../i18n/index.ts';
import type { NavItem } from '../module.ts';
import { search, searchKinds } from './service.ts';
import { SearchPage } from './views.tsx';

export const searchNavigation: NavItem[] = [{ href: '/kelola/cari', label: 'search.nav', for: OFFICE_ROLES }];

type Query = Record<string, string | undefined>;

/** The words searched for, as typed (trimmed) and as searched, and whether they are too short to search. */
function readSearch(query: Query) {
  const raw = (typeof query.q === 'string' ? query.q : '').trim();
  const term = searchTerm(raw);
  return { query, raw, term, tooShort: raw !== '' && (!term || term.length < 2) };
}

/** One search page for staff (within their scope) and one for everyone (public documents only). */
export async function searchRoutes(app: FastifyInstance): Promise<void> {
  app.get('/kelola/cari', { preHandler: requireStaff(), schema: { hide: true } }, async (request, reply) => {
    const { query, raw, term, tooShort } = readSearch(request.query as Query);
    const kinds = searchKinds();
    const kind = kinds.some((k) => k.kind === query.jenis) ? query.jenis : undefined;
    const result = term
      ? await search(request.ctx, { term, kinds: kind ? [kind] : undefined, page: pageNumber(query.page) })
      : null;
    return reply.page(
      <SearchPage
        action="/kelola/cari"
        heading={t('search.title')}
        intro={t('search.intro')}
        term={raw}
        result={result}
        kinds={kinds}
        kind={kind}
        tooShort={tooShort}
      />,
    );
  });

  app.get('/cari', { schema: { hide: true } }, async (request, reply) => {
    const { query, raw, term, tooShort } = readSearch(request.query as Query);
    // whoever asks, this page shows what a visitor may see
    const result = term
      ? await search({ ...request.ctx, actor: null }, { term, page: pageNumber(query.page) })
      : null;
    return reply.page(
      <SearchPage
        action="/cari"
        heading={t('search.publicTitle')}
        intro={t('search.publicIntro')}
        term={raw}
        result={result}
        tooShort={tooShort}
      />,
    );
  });
}
