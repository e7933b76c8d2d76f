import type { FastifyPluginAsync } from 'fastify';
import type { Migration } from 'kysely';
import type { Role } from './auth/roles.ts';
import type { Ctx } from './context.ts';
import type { FigureDefinition } from './figures/index.ts';
import type { Messages } from './i18n/index.ts';
import type { ImportDefinition } from './imports/index.ts';
import type { PersonalDataProvider } from './personal-data/index.ts';
import type { SearchProvider } from './search/service.ts';
import type { OnboardingStep, SitemapSource, SiteNewsSource, VillageSiteSection } from './village-site.ts';

export interface NavItem {
  href: string;
  /** i18n key of the label */
  label: string;
  /** who sees it: staff roles, 'resident', or 'public' */
  for: ReadonlyArray<Role | 'resident' | 'public'>;
}

/** One line of a staff member's work queue on `/kelola`: what waits for them, linking to the filtered list. */
export interface WorkQueueItem {
  /** stable name of the kind of work, `module.what` (e.g. `services.check`) */
  kind: string;
  /** how many wait for this actor */
  count: number;
  /** how many of those are past their deadline */
  overdue: number;
  /** the list that shows exactly these (filtered) */
  href: string;
  /** the sentence shown, already translated, with the count in it */
  label: string;
}

export interface DemoLogin {
  role: string;
  login: string;
  secret: string;
  scope: string;
}

/**
 * A command a module adds to `npx simpul <words…>`: run as the system, on the migrated database.
 * It prints what it did (at least a one-line summary); bad arguments throw `Invalid` (field → message).
 */
export interface CliCommand {
  /** the two words that call it, e.g. ['health', 'rollup'] */
  words: [string, string];
  /** its options, for the usage text (e.g. `[--village CODE]`), and what it does */
  usage: string;
  run(ctx: Ctx, args: string[], print: (line: string) => void): Promise<void>;
}

/** What a domain module hands the platform: its tables, routes, texts, seed and menu entries. */
export interface SimpulModule {
  name: string;
  migrations?: Record<string, Migration>;
  routes?: FastifyPluginAsync;
  messages?: { id: Messages; en: Messages };
  navigation?: NavItem[];
  /**
   * Reference data (code lists, catalogs, categories): idempotent, run again only when its inputs
   * change (setup.ts fingerprints them), and kept in the compiled server's embedded template.
   */
  seed?: (ctx: Ctx) => Promise<void>;
  /** Demo data, into a fresh demo database only (no staff yet), after every reference seed. Returns logins to print. */
  seedDemo?: (ctx: Ctx, options: { demoVillages: string[] }) => Promise<DemoLogin[] | undefined>;
  /** Runs once when a server starts, after migrations and seed: repairs what a dead process left behind. */
  onStart?: (ctx: Ctx) => Promise<void>;
  jobs?: Array<{ name: string; everyMs: number; run: (ctx: Ctx) => Promise<void> }>;
  /** Files the module can import (CSV/XLSX), run by the platform's import job runner (platform/imports). */
  imports?: ImportDefinition[];
  /** named aggregates about a region that `/kelola`, `/api/v1/figures` and dashboards read (platform/figures) */
  figures?: FigureDefinition[];
  /** what the module holds about one NIK, to export and erase (platform/personal-data) */
  personalData?: PersonalDataProvider;
  /** what it feeds the platform's search index (`search_documents`) and how to rebuild that part */
  search?: SearchProvider;
  /**
   * What waits for the acting staff member in this module, within their scope as the module's policy
   * decides (an empty list when nothing does, or when the actor may not do this work).
   */
  workQueue?: (ctx: Ctx) => Promise<WorkQueueItem[]>;
  /** parts of every village's website this module serves under `/desa/{code}/{path}` (platform/village-site) */
  villageSite?: VillageSiteSection[];
  /** steps of a new village operator's checklist that this module's pages complete (platform/village-site) */
  onboarding?: OnboardingStep[];
  /** its published news and announcements, for the portal and village home pages (platform/village-site) */
  siteNews?: SiteNewsSource;
  /** its public pages for `/sitemap.xml` (platform/village-site) */
  sitemap?: SitemapSource;
  /** commands it adds to `npx simpul` (src/main.ts) */
  cli?: CliCommand[];
}
