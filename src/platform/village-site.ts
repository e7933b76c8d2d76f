import type { Ctx } from './context.ts';

/**
 * A part of every village's website that a module serves itself under `/desa/{code}/{path}`
 * (APBDes, public information, UMKM): the sites module lists them in the site's menu without
 * importing the module that owns them.
 */
export interface VillageSiteSection {
  /** the path under `/desa/{code}/`, without slashes (e.g. `apbdes`) */
  path: string;
  /** i18n key of the menu label */
  label: string;
  /** position in the site's menu: lower comes first */
  order: number;
}

/**
 * One step of a new village operator's first-day checklist (profile, officials, office contact,
 * first news item, services on offer), published by the module that owns the thing to fill in.
 */
export interface OnboardingStep {
  /** `module.what`, stable */
  key: string;
  /** i18n key of the step's label */
  label: string;
  order: number;
  /** the staff page where the operator does it */
  href(villageCode: string): string;
  isDone(ctx: Ctx, villageCode: string): Promise<boolean>;
  /**
   * The same question for many villages at once, in one grouped query: the codes among
   * `villageCodes` for which the step is done. A step without it is asked `isDone` per village.
   */
  doneIn?(ctx: Ctx, villageCodes: string[]): Promise<Set<string>>;
}

let sections: VillageSiteSection[] = [];
let steps: OnboardingStep[] = [];

/** The app hands every module's sections over when it starts; the platform imports no module. */
export function registerVillageSiteSections(list: VillageSiteSection[]): void {
  sections = [...list].sort((a, b) => a.order - b.order);
}

export function villageSiteSections(): VillageSiteSection[] {
  return sections;
}

export function registerOnboardingSteps(list: OnboardingStep[]): void {
  steps = [...list].sort((a, b) => a.order - b.order);
}

export function onboardingSteps(): OnboardingStep[] {
  return steps;
}

export interface ChecklistStep {
  key: string;
  /** i18n key */
  label: string;
  href: string;
  done: boolean;
}

/** A village's checklist as it stands: every published step, asked whether it is done. */
export async function onboardingChecklist(
  ctx: Ctx,
  villageCode: string,
): Promise<{ steps: ChecklistStep[]; done: number; total: number }> {
  const done = await Promise.all(steps.map((s) => s.isDone(ctx, villageCode)));
  const list = steps.map((s, i) => ({
    key: s.key,
    label: s.label,
    href: s.href(villageCode),
    done: done[i]!,
  }));
  return { steps: list, done: list.filter((s) => s.done).length, total: list.length };
}

/**
 * How many steps each village has done, for a table of many villages (the camat's kecamatan, the
 * regency): one grouped question per step that has `doneIn`, not one per step and village.
 */
export async function onboardingProgress(
  ctx: Ctx,
  villageCodes: string[],
): Promise<{ done: Map<string, number>; total: number }> {
  const done = new Map(villageCodes.map((code) => [code, 0]));
  if (villageCodes.length > 0) {
    const doneSets = await Promise.all(
      steps.map(async (step) => {
        if (step.doneIn) return step.doneIn(ctx, villageCodes);
        const answers = await Promise.all(villageCodes.map((code) => step.isDone(ctx, code)));
        return new Set(villageCodes.filter((_, i) => answers[i]));
      }),
    );
    for (const set of doneSets)
      for (const code of set) if (done.has(code)) done.set(code, done.get(code)! + 1);
  }
  return { done, total: steps.length };
}

/** A published news item or announcement as the portal and a village's home page list it. */
export interface SiteNewsItem {
  villageCode: string;
  title: string;
  summary: string;
  /** the item's public page, a path (`/desa/36.04.05.2001/berita/…`) */
  url: string;
  publishedAt: Date;
  image?: { src: string; srcset: string; width: number; height: number; alt: string };
}

export interface SiteNewsQuery {
  villageCode?: string;
  kecamatanCode?: string;
  limit: number;
}

export type SiteNewsSource = (ctx: Ctx, query: SiteNewsQuery) => Promise<SiteNewsItem[]>;

/** One public page for `/sitemap.xml`: a path and when it last changed. */
export interface SitemapEntry {
  path: string;
  lastModified?: Date;
}

export type SitemapSource = (ctx: Ctx) => Promise<SitemapEntry[]>;

let newsSources: SiteNewsSource[] = [];
let sitemapSources: SitemapSource[] = [];

export function registerSiteNewsSources(list: SiteNewsSource[]): void {
  newsSources = list;
}

/** The newest published items of every module that publishes news, newest first. */
export async function latestSiteNews(ctx: Ctx, query: SiteNewsQuery): Promise<SiteNewsItem[]> {
  const lists = await Promise.all(newsSources.map((source) => source(ctx, query)));
  return lists
    .flat()
    .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime())
    .slice(0, query.limit);
}

export function registerSitemapSources(list: SitemapSource[]): void {
  sitemapSources = list;
}

export async function sitemapEntries(ctx: Ctx): Promise<SitemapEntry[]> {
  const lists = await Promise.all(sitemapSources.map((source) => source(ctx)));
  return lists.flat();
}
