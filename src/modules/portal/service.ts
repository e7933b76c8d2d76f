import type { Ctx } from '../../platform/context.ts';
import { NotFound } from '../../platform/http/errors.ts';
import { currentLocale, t } from '../../platform/i18n/index.ts';
import {
  latestSiteNews,
  type SiteNewsItem,
  sitemapEntries,
  type VillageSiteSection,
  villageSiteSections,
} from '../../platform/village-site.ts';
import { publicComplaintCounts } from '../complaints/service.ts';
import { publicLetterCounts } from '../letters/service.ts';
import { type Kecamatan, listKecamatan, listVillages, type Village } from '../regions/service.ts';
import { publicPopulationCounts } from '../residents/service.ts';
import { listCatalog } from '../services/service.ts';
import './messages.ts';

/**
 * The portal reads only what is public: region names and office contacts, anonymised counts that
 * other modules publish for public pages, the catalog, and the news every module publishes. Nothing
 * here reads a person, so nothing is audited and nothing depends on who asks.
 */

/** What the portal can say about a village even before anyone has filled in its site. */
export interface VillageStatus {
  /** the office address is filled in (the first thing a resident needs) */
  officeFilled: boolean;
  openComplaints: number;
  finishedComplaints: number;
}

export interface VillageWithStatus extends Village {
  status: VillageStatus;
}

export interface OfferedService {
  slug: string;
  name: string;
  description: string;
}

export interface VillageHome {
  village: Village;
  population: number;
  families: number;
  services: OfferedService[];
  openComplaints: number;
  finishedComplaints: number;
  lettersThisYear: number;
  news: SiteNewsItem[];
  sections: VillageSiteSection[];
  neighbours: Village[];
}

export const HOME_NEWS = 5;
export const PORTAL_NEWS = 6;

/** Everything the village's home page shows, from the modules' public surfaces. */
export async function villageHome(ctx: Ctx, village: Village): Promise<VillageHome> {
  const locale = currentLocale();
  const [population, complaints, letters, catalog, news, neighbours] = await Promise.all([
    publicPopulationCounts(ctx, village.code),
    publicComplaintCounts(ctx, village.code),
    publicLetterCounts(ctx, village.code),
    listCatalog(ctx, { villageCode: village.code }),
    latestSiteNews(ctx, { villageCode: village.code, limit: HOME_NEWS }),
    listVillages(ctx, { kecamatanCode: village.kecamatanCode }),
  ]);
  const people = population.find((p) => p.villageCode === village.code);
  const reports = complaints.find((c) => c.villageCode === village.code);
  return {
    village,
    population: people?.population ?? 0,
    families: people?.families ?? 0,
    services: catalog
      .filter((s) => s.enabledInVillage)
      .map((s) => ({
        slug: s.slug,
        name: s.definition.name[locale],
        description: s.definition.description[locale],
      })),
    openComplaints: reports?.open ?? 0,
    finishedComplaints: reports?.finished ?? 0,
    lettersThisYear: letters.find((l) => l.villageCode === village.code)?.issued ?? 0,
    news,
    sections: villageSiteSections(),
    neighbours: neighbours.filter((v) => v.code !== village.code),
  };
}

/** Villages of a region (the regency, or one kecamatan) with what the portal knows of each. */
async function villagesWithStatus(
  ctx: Ctx,
  region: string,
  filter: { kecamatanCode?: string; search?: string },
): Promise<VillageWithStatus[]> {
  const [villages, complaints] = await Promise.all([
    listVillages(ctx, filter),
    publicComplaintCounts(ctx, region),
  ]);
  const reports = new Map(complaints.map((c) => [c.villageCode, c]));
  return villages.map((v) => ({
    ...v,
    status: {
      officeFilled: Boolean(v.address),
      openComplaints: reports.get(v.code)?.open ?? 0,
      finishedComplaints: reports.get(v.code)?.finished ?? 0,
    },
  }));
}

export interface Portal {
  kecamatan: Kecamatan[];
  villages: VillageWithStatus[];
  news: SiteNewsItem[];
  search: string;
}

/** The regency portal: every kecamatan with its villages (or those a search finds) and the latest news. */
export async function portal(ctx: Ctx, search: string): Promise<Portal> {
  const [kecamatan, villages, news] = await Promise.all([
    listKecamatan(ctx),
    villagesWithStatus(ctx, ctx.config.regencyCode, { search: search || undefined }),
    // a search shows the villages that match, not other villages' news beside them
    search ? Promise.resolve([]) : latestSiteNews(ctx, { limit: PORTAL_NEWS }),
  ]);
  return { kecamatan, villages, news, search };
}

export interface KecamatanPage {
  kecamatan: Kecamatan;
  villages: VillageWithStatus[];
  population: number;
  families: number;
  news: SiteNewsItem[];
}

const KECAMATAN_CODE = /^\d{2}\.\d{2}\.\d{2}$/;

/** One kecamatan of the regency: its villages with their status, its population, its latest news. */
export async function kecamatanPage(ctx: Ctx, code: string): Promise<KecamatanPage> {
  const kecamatan = KECAMATAN_CODE.test(code)
    ? (await listKecamatan(ctx)).find((k) => k.code === code)
    : undefined;
  if (!kecamatan) throw new NotFound(t('portal.error.kecamatanNotFound'));
  const [villages, population, news] = await Promise.all([
    villagesWithStatus(ctx, code, { kecamatanCode: code }),
    publicPopulationCounts(ctx, code),
    latestSiteNews(ctx, { kecamatanCode: code, limit: PORTAL_NEWS }),
  ]);
  return {
    kecamatan,
    villages,
    population: population.reduce((n, p) => n + p.population, 0),
    families: population.reduce((n, p) => n + p.families, 0),
    news,
  };
}

/** The public pages that are always there, whatever the modules publish. */
export const STATIC_PUBLIC_PAGES = ['/', '/layanan', '/pengaduan', '/verifikasi'] as const;

export interface SitemapLine {
  path: string;
  lastModified?: Date;
}

/**
 * Every public page for `/sitemap.xml`: the static pages, each kecamatan, each village's site and
 * every page the modules publish (`sitemapEntries`), each path once.
 */
export async function sitemap(ctx: Ctx): Promise<SitemapLine[]> {
  const [kecamatan, villages, published] = await Promise.all([
    listKecamatan(ctx),
    listVillages(ctx),
    sitemapEntries(ctx),
  ]);
  const lines = new Map<string, SitemapLine>();
  const add = (line: SitemapLine) => {
    const known = lines.get(line.path);
    if (!known || (line.lastModified && (!known.lastModified || line.lastModified > known.lastModified)))
      lines.set(line.path, line);
  };
  for (const path of STATIC_PUBLIC_PAGES) add({ path });
  for (const k of kecamatan) add({ path: `/kecamatan/${k.code}` });
  for (const v of villages) add({ path: `/desa/${v.code}` });
  for (const entry of published) add(entry);
  return [...lines.values()];
}
