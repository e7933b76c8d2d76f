import type { FastifyPluginAsync } from 'fastify';
import type { Migration } from 'kysely';
import type { Config } from '../config.ts';
import type { Role } from './auth/roles.ts';
import type { Ctx } from './context.ts';
import type { Db } from './db/index.ts';
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

/**
 * One thing waiting for the acting staff member on `/kelola/kerja` (a request at their step, a
 * complaint of their agency with its SLA clock…), linking to the item's own page.
 */
export interface WorkItem {
  /** stable name of the kind of work, `module.what` (e.g. `services.check`) */
  kind: string;
  /** what it is, already translated (the request's code and service, the complaint's ticket and title) */
  title: string;
  /** the item's own page */
  href: string;
  /** when it must be done (its SLA or legal deadline); null when no deadline applies */
  dueAt: Date | null;
  /** when it reached the current desk (submission, filing, disposition) */
  receivedAt: Date;
  overdue: boolean;
}

/** One piece of work finished in a period (`/kelola/kerja/kinerja`), from the module's own history. */
export interface WorkDoneRow {
  /** stable name of the kind of work, `module.what` */
  kind: string;
  /** the staff account that finished it (null when the system or an unknown actor did) */
  officerId: string | null;
  officerName: string;
  /** the desk that owns it: a village (region code) or an agency */
  unit: { type: 'region' | 'agency'; code: string };
  receivedAt: Date;
  doneAt: Date;
  /** finished within the module's target (the service's days, the SLA, the legal deadline) */
  withinTarget: boolean;
}

/** How much waits for the acting staff member in one module, and how much of it is late (the menu's count). */
export interface WorkCount {
  waiting: number;
  late: number;
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

/** What `afterMigrate` may read of the configuration. */
export type MigrateSettings = Pick<Config, 'databaseUrl' | 'partitionByRegency' | 'regencyCode'>;

/** What a domain module hands the platform: its tables, routes, texts, seed and menu entries. */
export interface SimpulModule {
  name: string;
  migrations?: Record<string, Migration>;
  routes?: FastifyPluginAsync;
  messages?: { id: Messages; en: Messages };
  navigation?: NavItem[];
  /**
   * Deployment steps on the migrated schema that its configuration asks for (the partitioned
   * residents of a PostgreSQL server), run after every migration; returns what it applied.
   */
  afterMigrate?: (db: Db, config: MigrateSettings) => Promise<string[]>;
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
  /**
   * The items behind `workQueue`, one by one (`/kelola/kerja`), within the actor's scope as the
   * module's policy decides; at most `limit`, most urgent first.
   */
  workItems?: (ctx: Ctx, options: { limit: number }) => Promise<WorkItem[]>;
  /**
   * How many `workItems` there are (uncapped) and how many are overdue, by a count query: what the
   * menu's "Kerja saya" count asks on every staff page. Without it the platform counts `workItems`.
   */
  workCount?: (ctx: Ctx) => Promise<WorkCount>;
  /** work finished in `[from, to)` within the actor's scope, for the performance page */
  workDone?: (ctx: Ctx, period: { from: Date; to: Date }) => Promise<WorkDoneRow[]>;
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
