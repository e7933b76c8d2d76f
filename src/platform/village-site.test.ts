import { afterEach, describe, expect, it } from 'vitest';
import type { Ctx } from './context.ts';
import {
  latestSiteNews,
  registerSitemapSources,
  registerSiteNewsSources,
  registerVillageSiteSections,
  sitemapEntries,
  villageSiteSections,
} from './village-site.ts';

const ctx = {} as Ctx;
const item = (villageCode: string, title: string, day: number) => ({
  villageCode,
  title,
  summary: '',
  url: `/desa/${villageCode}/berita/${title}`,
  publishedAt: new Date(Date.UTC(2026, 0, day)),
});

afterEach(() => {
  registerVillageSiteSections([]);
  registerSiteNewsSources([]);
  registerSitemapSources([]);
});

describe('village site registries', () => {
  it('lists sections in menu order whatever order modules hand them over', () => {
    registerVillageSiteSections([
      { path: 'apbdes', label: 'a', order: 30 },
      { path: 'profil', label: 'b', order: 10 },
    ]);
    expect(villageSiteSections().map((s) => s.path)).toEqual(['profil', 'apbdes']);
  });

  it('merges every source of news newest first and keeps only the limit', async () => {
    registerSiteNewsSources([
      async () => [item('36.04.05.2001', 'a', 1), item('36.04.05.2001', 'c', 3)],
      async (_ctx, query) => [item('36.04.05.2002', 'b', 2)].slice(0, query.limit),
    ]);
    const news = await latestSiteNews(ctx, { limit: 2 });
    expect(news.map((n) => n.title)).toEqual(['c', 'b']);
  });

  it('answers empty lists when no module publishes anything', async () => {
    expect(await latestSiteNews(ctx, { limit: 5 })).toEqual([]);
    expect(await sitemapEntries(ctx)).toEqual([]);
  });

  it('joins the sitemap entries of every source', async () => {
    registerSitemapSources([async () => [{ path: '/a' }], async () => [{ path: '/b' }]]);
    expect((await sitemapEntries(ctx)).map((e) => e.path)).toEqual(['/a', '/b']);
  });
});
