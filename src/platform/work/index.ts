import { isStaff } from '../auth/roles.ts';
import type { Ctx } from '../context.ts';
import { median } from '../figures/index.ts';
import { fileIntegrityWork } from '../files/integrity.ts';
import { Invalid } from '../http/errors.ts';
import { t } from '../i18n/index.ts';
import { importKindLabel } from '../imports/index.ts';
import type { SimpulModule, WorkCount, WorkDoneRow, WorkItem, WorkQueueItem } from '../module.ts';
import { regionDirectory } from '../region-directory.ts';
import { jakartaYearMonth, startOfJakartaDay } from '../time.ts';

/** How many items one module may put on the page (the menu counts them all, through `workCount`). */
export const WORK_ITEM_LIMIT = 200;

/** A failed import stays on its starter's queue this long, then the import page alone keeps it. */
const FAILED_IMPORT_DAYS = 14;
const DAY_MS = 86_400_000;

export interface WorkList {
  items: WorkItem[];
  /** what modules without item lists count (`workQueue` lines), shown as they are */
  summaries: WorkQueueItem[];
  total: number;
  overdue: number;
  /** true when a module had more items than the page shows */
  capped: boolean;
}

/** Most urgent first: overdue before the rest, then the nearest due time, items without one last. */
export function byUrgency(a: WorkItem, b: WorkItem): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  const due =
    (a.dueAt?.getTime() ?? Number.POSITIVE_INFINITY) - (b.dueAt?.getTime() ?? Number.POSITIVE_INFINITY);
  if (due !== 0 && !Number.isNaN(due)) return due;
  return a.receivedAt.getTime() - b.receivedAt.getTime();
}

/**
 * Imports this officer started that failed in the last two weeks: what they must start again.
 * Each links to its module's import page (the admin's background work page when it has none).
 */
export async function failedImportItems(ctx: Ctx, modules: readonly SimpulModule[]): Promise<WorkItem[]> {
  if (!isStaff(ctx.actor)) return [];
  const since = new Date(ctx.clock.now().getTime() - FAILED_IMPORT_DAYS * DAY_MS);
  const rows = await ctx.db
    .selectFrom('import_jobs')
    .select(['id', 'kind', 'file_name', 'created_at', 'finished_at'])
    .where('created_by', '=', ctx.actor.id)
    .where('state', '=', 'gagal')
    .where('created_at', '>=', since)
    .orderBy('created_at', 'desc')
    .limit(WORK_ITEM_LIMIT)
    .execute();
  const pages = new Map(
    modules.flatMap((m) => m.imports ?? []).flatMap((d) => (d.page ? [[d.kind, d.page] as const] : [])),
  );
  return rows.map((r) => ({
    kind: 'imports.failed',
    title: t('work.importFailed', { what: importKindLabel(r.kind), file: r.file_name }),
    href: pages.get(r.kind)?.(r.id) ?? '/kelola/tugas',
    dueAt: null,
    receivedAt: r.finished_at ?? r.created_at,
    // a failed import waits on nobody's deadline, but it is already late: nothing was imported
    overdue: true,
  }));
}

/**
 * Everything waiting for the acting officer, item by item, from each module's `workItems` (within
 * the actor's scope as that module's policy decides), the platform's own failed imports and stored
 * files found changed; a module that lists no items contributes its `workQueue` count lines instead.
 */
export async function readWorkList(ctx: Ctx, modules: readonly SimpulModule[]): Promise<WorkList> {
  if (!isStaff(ctx.actor)) return { items: [], summaries: [], total: 0, overdue: 0, capped: false };
  const limit = WORK_ITEM_LIMIT;
  const parts = await Promise.all([
    failedImportItems(ctx, modules).then((items) => ({ items, summaries: [] as WorkQueueItem[] })),
    fileIntegrityWork(ctx).then((summaries) => ({ items: [] as WorkItem[], summaries })),
    ...modules.map(async (module) => {
      if (module.workItems) return { items: await module.workItems(ctx, { limit }), summaries: [] };
      if (module.workQueue) return { items: [] as WorkItem[], summaries: await module.workQueue(ctx) };
      return { items: [] as WorkItem[], summaries: [] };
    }),
  ]);
  const items = parts.flatMap((p) => p.items).sort(byUrgency);
  const summaries = parts.flatMap((p) => p.summaries);
  return {
    items,
    summaries,
    total: items.length + summaries.reduce((n, s) => n + s.count, 0),
    overdue: items.filter((i) => i.overdue).length + summaries.reduce((n, s) => n + s.overdue, 0),
    capped: parts.some((p) => p.items.length >= limit),
  };
}

// ---- performance ----------------------------------------------------------------------------

export interface PerformanceLine {
  key: string;
  name: string;
  handled: number;
  /** median days from receipt to done; null when nothing was handled */
  medianDays: number | null;
  /** share finished within target, 0–100; null when nothing was handled */
  withinTargetPercent: number | null;
}

export interface Performance {
  month: string;
  byKind: PerformanceLine[];
  byOfficer: PerformanceLine[];
  byUnit: PerformanceLine[];
}

/** `YYYY-MM` of a month, or the current one in Serang when none is asked for; 422 on anything else. */
export function parseMonth(value: string | undefined, now: Date): string {
  if (value === undefined || value === '') {
    const { year, month } = jakartaYearMonth(now);
    return `${year}-${String(month).padStart(2, '0')}`;
  }
  const match = /^(\d{4})-(\d{2})$/.exec(value.trim());
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  if (!match || year < 2000 || year > 2100 || month < 1 || month > 12)
    throw new Invalid({ bulan: t('work.performance.monthInvalid') }, t('work.performance.monthSummary'));
  return `${match[1]}-${match[2]}`;
}

/** The instants a calendar month starts and ends in Serang. */
export function monthPeriod(month: string): { from: Date; to: Date } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
  return { from: startOfJakartaDay(`${month}-01`), to: startOfJakartaDay(`${next}-01`) };
}

function lineOf(key: string, name: string, rows: WorkDoneRow[]): PerformanceLine {
  const days = rows.map((r) => (r.doneAt.getTime() - r.receivedAt.getTime()) / DAY_MS);
  const within = rows.filter((r) => r.withinTarget).length;
  const med = median(days);
  return {
    key,
    name,
    handled: rows.length,
    medianDays: med === null ? null : Math.round(med * 10) / 10,
    withinTargetPercent: rows.length === 0 ? null : Math.round((within / rows.length) * 1000) / 10,
  };
}

function groupBy<K>(rows: WorkDoneRow[], keyOf: (r: WorkDoneRow) => K): Map<K, WorkDoneRow[]> {
  const groups = new Map<K, WorkDoneRow[]>();
  for (const row of rows) {
    const key = keyOf(row);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return groups;
}

async function unitName(ctx: Ctx, unit: WorkDoneRow['unit']): Promise<string> {
  if (unit.type === 'region') return regionDirectory().name(ctx, unit.code);
  const agency = await ctx.db
    .selectFrom('agencies')
    .select(['short_name', 'name'])
    .where('code', '=', unit.code)
    .executeTakeFirst();
  return agency ? (agency.short_name ?? agency.name) : unit.code;
}

/**
 * Work finished in a month within the officer's scope, from each module's `workDone` (their own
 * history tables, scoped by their policies): per kind of work, per officer and per unit.
 */
export async function readPerformance(
  ctx: Ctx,
  modules: readonly SimpulModule[],
  month: string,
): Promise<Performance> {
  const period = monthPeriod(month);
  const rows = (
    await Promise.all(modules.map((m) => (m.workDone ? m.workDone(ctx, period) : Promise.resolve([]))))
  ).flat();
  const byKind = [...groupBy(rows, (r) => r.kind)].map(([kind, group]) =>
    lineOf(kind, t(`work.kind.${kind}`), group),
  );
  const byOfficer = [...groupBy(rows, (r) => r.officerId ?? `?${r.officerName}`)]
    .map(([key, group]) => lineOf(key, (group[0] as WorkDoneRow).officerName, group))
    .sort((a, b) => b.handled - a.handled || a.name.localeCompare(b.name));
  const units = [...groupBy(rows, (r) => `${r.unit.type}:${r.unit.code}`)];
  const byUnit = (
    await Promise.all(
      units.map(async ([key, group]) =>
        lineOf(key, await unitName(ctx, (group[0] as WorkDoneRow).unit), group),
      ),
    )
  ).sort((a, b) => b.handled - a.handled || a.name.localeCompare(b.name));
  return { month, byKind, byOfficer, byUnit };
}

// ---- the navigation's count ---------------------------------------------------------------------

export const WORK_PATH = '/kelola/kerja';

const lists = new WeakMap<object, Promise<WorkList>>();

/** The request's work list, read once however many parts of the page ask (the badge, the queue page). */
export function workListOf(request: { ctx: Ctx }, modules: readonly SimpulModule[]): Promise<WorkList> {
  let list = lists.get(request);
  if (!list) {
    list = readWorkList(request.ctx, modules);
    lists.set(request, list);
  }
  return list;
}

const NOTHING: WorkCount = { waiting: 0, late: 0 };

function countOfItems(items: readonly WorkItem[]): WorkCount {
  return { waiting: items.length, late: items.filter((i) => i.overdue).length };
}

function countOfLines(lines: readonly WorkQueueItem[]): WorkCount {
  return lines.reduce((n, l) => ({ waiting: n.waiting + l.count, late: n.late + l.overdue }), NOTHING);
}

/** One module's share of the count: its count query, else its items counted, else its queue lines. */
export function moduleWorkCount(ctx: Ctx, module: SimpulModule): Promise<WorkCount> {
  if (module.workCount) return module.workCount(ctx);
  if (module.workItems) return module.workItems(ctx, { limit: WORK_ITEM_LIMIT }).then(countOfItems);
  if (module.workQueue) return module.workQueue(ctx).then(countOfLines);
  return Promise.resolve(NOTHING);
}

/**
 * What waits for the acting officer and how much of it is late, without building the list: each
 * module's `workCount` (see `moduleWorkCount`), the failed imports and the changed stored files.
 */
export async function readWorkCount(ctx: Ctx, modules: readonly SimpulModule[]): Promise<WorkCount> {
  if (!isStaff(ctx.actor)) return NOTHING;
  const parts = await Promise.all([
    failedImportItems(ctx, modules).then(countOfItems),
    fileIntegrityWork(ctx).then(countOfLines),
    ...modules.map((module) => moduleWorkCount(ctx, module)),
  ]);
  return parts.reduce((n, p) => ({ waiting: n.waiting + p.waiting, late: n.late + p.late }), NOTHING);
}

/** Staff pages (not their downloads) carry the "Kerja saya" count in the menu. */
function showsBadge(request: { method: string; ctx: Ctx; view: { path: string } }): boolean {
  const path = request.view.path;
  return (
    request.method === 'GET' &&
    isStaff(request.ctx.actor) &&
    (path === '/kelola' || path.startsWith('/kelola/')) &&
    !/\.[a-z0-9]+$/i.test(path)
  );
}

/** The queue page reads its list anyway, so its menu counts that list; every other page asks the counts. */
async function badgeCount(
  request: { ctx: Ctx; view: { path: string } },
  modules: readonly SimpulModule[],
): Promise<WorkCount> {
  if (request.view.path !== WORK_PATH) return readWorkCount(request.ctx, modules);
  const list = await workListOf(request, modules);
  return { waiting: list.total, late: list.overdue };
}

/**
 * A preHandler for the whole app: puts the number waiting (and overdue) for the signed-in officer
 * beside "Kerja saya" in the menu, before the page is drawn (views render synchronously).
 */
export function workBadgeHook(modules: readonly SimpulModule[]) {
  return async (request: {
    method: string;
    ctx: Ctx;
    view: { path: string; navBadges?: Record<string, { count: number; overdue: number }> };
  }) => {
    if (!showsBadge(request)) return;
    const { waiting, late } = await badgeCount(request, modules);
    request.view.navBadges = { ...request.view.navBadges, [WORK_PATH]: { count: waiting, overdue: late } };
  };
}
