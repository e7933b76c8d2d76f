import { audit } from '../../platform/audit/service.ts';
import { isStaff } from '../../platform/auth/roles.ts';
import { type Ctx, inTransaction } from '../../platform/context.ts';
import { Invalid, NotFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import {
  abandonImport,
  createSheetImport,
  findImport,
  type ImportDefinition,
  type ImportRecord,
  importErrorFileOf,
  listImportsOf,
  queueImport,
  type RejectedRow,
  writeRejectedRows,
} from '../../platform/imports/index.ts';
import { jakartaYearMonth } from '../../platform/time.ts';
import { getVillage, listKecamatan, listVillages } from '../regions/service.ts';
import { readBudgetFile } from './file.ts';
import { parseRupiah } from './money.ts';
import { assertMayKeepBudget, assertMayReadDraft, mayKeepBudget } from './policy.ts';
import * as repo from './repo.ts';
import type { BudgetStatus } from './schema.ts';
import {
  accountName,
  accounts,
  codeSortKey,
  exampleActivities,
  isGroupCode,
  leafAccounts,
  lineSection,
  normaliseCode,
} from './structure.ts';
import { type Line, type Totals, totalsOf } from './totals.ts';

export type { Line, Totals } from './totals.ts';

export const IMPORT_KIND = 'apbdes';

export interface Budget {
  villageCode: string;
  villageName: string;
  year: number;
  /** null: nothing entered for this year yet */
  status: BudgetStatus | null;
  publishedAt: Date | null;
  updatedAt: Date | null;
  lines: Line[];
  totals: Totals;
}

/** The budget year the calendar is in (Jakarta): the default year of every page. */
export function currentYear(ctx: Ctx): number {
  return jakartaYearMonth(ctx.clock.now()).year;
}

/** A year from a URL or a form: four digits, 2000–2100. */
export function parseYear(value: string | undefined): number {
  const year = Number(value);
  if (!value || !/^\d{4}$/.test(value) || year < 2000 || year > 2100)
    throw new NotFound(t('apbdes.error.badYear'));
  return year;
}

const toLine = (row: repo.LineRow): Line => ({
  section: row.section,
  code: row.code,
  name: row.name,
  budget: row.budget,
  realisedS1: row.realised_s1,
  realisedS2: row.realised_s2,
});

async function loadBudget(ctx: Ctx, villageCode: string, year: number): Promise<Budget> {
  const village = await getVillage(ctx, villageCode);
  const row = await repo.selectBudget(ctx.db, villageCode, year);
  const lines = row ? (await repo.selectLines(ctx.db, row.id)).map(toLine) : [];
  return {
    villageCode,
    villageName: village.name,
    year,
    status: row?.status ?? null,
    publishedAt: row?.published_at ?? null,
    updatedAt: row?.updated_at ?? null,
    lines,
    totals: totalsOf(lines),
  };
}

/** The APBDes as its village office (and the camat, admin) sees it: drafts included. */
export async function getBudgetForStaff(ctx: Ctx, villageCode: string, year: number): Promise<Budget> {
  assertMayReadDraft(ctx.actor, villageCode);
  return loadBudget(ctx, villageCode, year);
}

/** The APBDes as the public reads it: only once published (null before). */
export async function getPublishedBudget(
  ctx: Ctx,
  villageCode: string,
  year: number,
): Promise<Budget | null> {
  const budget = await loadBudget(ctx, villageCode, year);
  return budget.status === 'published' ? budget : null;
}

/** Years a village (or any village) has published, newest first. */
export function publishedYears(ctx: Ctx, villageCode?: string): Promise<number[]> {
  return repo.selectPublishedYears(ctx.db, villageCode);
}

export function mayKeep(ctx: Ctx, villageCode: string): boolean {
  return mayKeepBudget(ctx.actor, villageCode);
}

export interface LineInput {
  kode?: string | undefined;
  uraian?: string | undefined;
  anggaran?: unknown;
  realisasi_semester_1?: unknown;
  realisasi_semester_2?: unknown;
}

/**
 * One line checked against the structure: the code must be a line of it (an object of pendapatan or
 * pembiayaan, or a kegiatan of a known sub-bidang), the amounts whole rupiah ≥ 0. Returns the line
 * or the field → message map (Indonesian, in the request's language).
 */
export function checkLine(
  input: LineInput,
): { line: repo.NewLine; errors?: undefined } | { line?: undefined; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const code = normaliseCode(String(input.kode ?? ''));
  const section = code ? lineSection(code) : null;
  if (!code) errors.kode = t('apbdes.error.codeRequired');
  else if (!section)
    errors.kode = isGroupCode(code)
      ? t('apbdes.error.groupCode', { code })
      : t('apbdes.error.unknownCode', { code });
  const name = String(input.uraian ?? '').trim();
  if (name.length > 300) errors.uraian = t('apbdes.error.nameTooLong');
  if (section === 'belanja' && !name) errors.uraian = t('apbdes.error.nameRequired');
  const amount = (field: keyof LineInput): number => {
    const parsed = parseRupiah(input[field]);
    if (!parsed.ok) {
      errors[field] = parsed.message;
      return 0;
    }
    return parsed.value ?? 0;
  };
  const budget = amount('anggaran');
  const s1 = amount('realisasi_semester_1');
  const s2 = amount('realisasi_semester_2');
  if (Object.keys(errors).length > 0 || !section) return { errors };
  return {
    line: {
      section,
      code,
      name: name || accountName(section, code) || code,
      sort_key: codeSortKey(code),
      budget,
      realised_s1: s1,
      realised_s2: s2,
    },
  };
}

function by(ctx: Ctx): string | null {
  return isStaff(ctx.actor) ? ctx.actor.email : ctx.actor?.kind === 'system' ? 'sistem' : null;
}

/**
 * Adds or replaces one line (by its code). A change to a published APBDes takes it back to draft:
 * the public sees figures only once the village office has published them again.
 */
export async function saveLine(ctx: Ctx, villageCode: string, year: number, input: LineInput): Promise<Line> {
  assertMayKeepBudget(ctx.actor, villageCode);
  const checked = checkLine(input);
  if (checked.errors) throw new Invalid(checked.errors, t('form.summary'));
  await getVillage(ctx, villageCode);
  return inTransaction(ctx, async (tx) => {
    const budget = await repo.lockBudget(tx.db, villageCode, year, ctx.clock.now(), by(ctx));
    await repo.upsertLine(tx.db, budget.id, villageCode, checked.line);
    await repo.touchBudget(tx.db, budget.id, { now: ctx.clock.now(), by: by(ctx), status: 'draft' });
    await auditBudget(tx, 'apbdes_line_save', budget.id, villageCode, { year, code: checked.line.code });
    return toLine(checked.line);
  });
}

export async function removeLine(ctx: Ctx, villageCode: string, year: number, code: string): Promise<void> {
  assertMayKeepBudget(ctx.actor, villageCode);
  await inTransaction(ctx, async (tx) => {
    const row = await repo.selectBudget(tx.db, villageCode, year);
    if (!row || (await repo.deleteLine(tx.db, row.id, normaliseCode(code))) === 0)
      throw new NotFound(t('apbdes.error.lineNotFound'));
    await repo.touchBudget(tx.db, row.id, { now: ctx.clock.now(), by: by(ctx), status: 'draft' });
    await auditBudget(tx, 'apbdes_line_remove', row.id, villageCode, { year, code: normaliseCode(code) });
  });
}

/** Publishes (or withdraws) the year's APBDes; an empty one cannot be published. */
export async function setStatus(ctx: Ctx, villageCode: string, year: number, wanted: string): Promise<void> {
  assertMayKeepBudget(ctx.actor, villageCode);
  const status: BudgetStatus | null = wanted === 'published' || wanted === 'draft' ? wanted : null;
  if (!status) throw new Invalid({ status: t('form.choice') }, t('form.summary'));
  await inTransaction(ctx, async (tx) => {
    const row = await repo.selectBudget(tx.db, villageCode, year);
    const lines = row ? await repo.selectLines(tx.db, row.id) : [];
    if (!row || (status === 'published' && lines.length === 0))
      throw new Invalid({ status: t('apbdes.error.emptyBudget') }, t('apbdes.error.emptyBudget'));
    await repo.touchBudget(tx.db, row.id, { now: ctx.clock.now(), by: by(ctx), status });
    await auditBudget(
      tx,
      status === 'published' ? 'apbdes_publish' : 'apbdes_unpublish',
      row.id,
      villageCode,
      {
        year,
        from: row.status,
      },
    );
  });
}

/** Every change to a village's APBDes (its figures, its publication, an import) in the audit log. */
function auditBudget(
  ctx: Ctx,
  action: string,
  budgetId: string,
  villageCode: string,
  detail: Record<string, unknown>,
): Promise<void> {
  return audit(ctx, { action, entity: 'apbdes', entityId: budgetId, villageCode, detail });
}

// ---- the import template and the import ----

export const TEMPLATE_COLUMNS = [
  'kode',
  'uraian',
  'anggaran',
  'realisasi_semester_1',
  'realisasi_semester_2',
] as const;

/** Header names other spreadsheets use for the same columns (after headerKey: lower case, underscores). */
export const HEADER_ALIASES: Record<string, string> = {
  kode_rekening: 'kode',
  kd_rincian: 'kode',
  kode_kegiatan: 'kode',
  nama: 'uraian',
  nama_kegiatan: 'uraian',
  nama_rekening: 'uraian',
  jumlah: 'anggaran',
  pagu: 'anggaran',
  anggaran_rp: 'anggaran',
  realisasi_s1: 'realisasi_semester_1',
  realisasi_semester_i: 'realisasi_semester_1',
  realisasi_1: 'realisasi_semester_1',
  realisasi_s2: 'realisasi_semester_2',
  realisasi_semester_ii: 'realisasi_semester_2',
  realisasi_2: 'realisasi_semester_2',
};

/**
 * The published template: every object of pendapatan and pembiayaan, the group rows (totals, left
 * as they are by the import), and the common kegiatan of each bidang; amounts empty.
 */
export function templateRows(): string[][] {
  const rows: string[][] = [[...TEMPLATE_COLUMNS]];
  const blank = ['', '', ''];
  for (const a of accounts('pendapatan')) rows.push([a.code, a.name, ...blank]);
  const examples = exampleActivities();
  for (const a of accounts('belanja')) {
    rows.push([a.code, a.name, ...blank]);
    if (a.code.includes('.'))
      for (const e of examples.filter((x) => x.code.startsWith(`${a.code}.`)))
        rows.push([e.code, e.name, ...blank]);
  }
  for (const a of accounts('pembiayaan')) rows.push([a.code, a.name, ...blank]);
  return rows;
}

export interface ImportCheck {
  lines: repo.NewLine[];
  rejected: RejectedRow[];
  skipped: number;
  rowsTotal: number;
}

/**
 * Reads and checks a whole file (CSV or XLSX of the template's columns). Group rows and rows with
 * no amount are skipped; a code twice is refused at its second row.
 */
export async function checkBudgetFile(file: string, fileName: string): Promise<ImportCheck> {
  const out: ImportCheck = { lines: [], rejected: [], skipped: 0, rowsTotal: 0 };
  const seen = new Map<string, number>();
  for await (const { rowNumber, record } of readBudgetFile(file, fileName, HEADER_ALIASES)) {
    if (out.rowsTotal === 0 && !('kode' in record && 'anggaran' in record))
      throw new Invalid({ file: t('apbdes.error.columns', { columns: TEMPLATE_COLUMNS.join(', ') }) });
    out.rowsTotal++;
    const code = normaliseCode(String(record.kode ?? ''));
    const amounts = [record.anggaran, record.realisasi_semester_1, record.realisasi_semester_2];
    const empty = amounts.every((v) => v === undefined || v === null || String(v).trim() === '');
    if (code && isGroupCode(code) && empty) {
      out.skipped++;
      continue;
    }
    if (code && empty && lineSection(code)) {
      out.skipped++;
      continue;
    }
    const checked = checkLine({
      kode: code,
      uraian: String(record.uraian ?? ''),
      anggaran: record.anggaran,
      realisasi_semester_1: record.realisasi_semester_1,
      realisasi_semester_2: record.realisasi_semester_2,
    });
    if (checked.errors) {
      for (const [column, message] of Object.entries(checked.errors))
        out.rejected.push({ row: rowNumber, column, message });
      continue;
    }
    const first = seen.get(checked.line.code);
    if (first !== undefined) {
      out.rejected.push({
        row: rowNumber,
        column: 'kode',
        message: t('apbdes.error.duplicateCode', { code: checked.line.code, row: first }),
      });
      continue;
    }
    seen.set(checked.line.code, rowNumber);
    out.lines.push(checked.line);
  }
  return out;
}

/**
 * The `apbdes` import: the file is the whole APBDes of one year. Every row is checked first; one bad
 * row and nothing is written (the error file names each row), otherwise the year's lines are
 * replaced in one transaction and a published APBDes goes back to draft.
 */
export const apbdesImport: ImportDefinition = {
  kind: IMPORT_KIND,
  label: 'apbdes.importKind',
  page: (id) => `/kelola/apbdes/impor/${id}`,
  async run(ctx, job, file, progress) {
    const year = Number(job.options.year);
    if (!Number.isInteger(year)) throw new Invalid({ year: t('apbdes.error.badYear') });
    const checked = await checkBudgetFile(file, job.fileName);
    progress.report({ rowsDone: checked.rowsTotal, fraction: 1 });
    if (checked.rowsTotal === 0) throw new Invalid({ file: t('apbdes.error.emptyFile') });
    if (checked.rejected.length > 0) {
      const rows = await writeRejectedRows(job.errorFile, checked.rejected);
      return {
        inserted: 0,
        updated: 0,
        unchanged: 0,
        rejected: rows,
        rowsTotal: checked.rowsTotal,
        message: t('apbdes.importNothingApplied', { rows }),
      };
    }
    if (checked.lines.length === 0) throw new Invalid({ file: t('apbdes.error.noLines') });
    return inTransaction(ctx, async (tx) => {
      const budget = await repo.lockBudget(tx.db, job.regionCode, year, ctx.clock.now(), 'impor');
      const before = new Map((await repo.selectLines(tx.db, budget.id)).map((l) => [l.code, l]));
      let inserted = 0;
      let updated = 0;
      let unchanged = 0;
      for (const line of checked.lines) {
        const old = before.get(line.code);
        if (!old) inserted++;
        else if (
          old.name === line.name &&
          old.budget === line.budget &&
          old.realised_s1 === line.realised_s1 &&
          old.realised_s2 === line.realised_s2
        )
          unchanged++;
        else updated++;
      }
      const removed = [...before.keys()].filter((code) => !checked.lines.some((l) => l.code === code)).length;
      await repo.replaceLines(tx.db, budget.id, job.regionCode, checked.lines);
      await repo.touchBudget(tx.db, budget.id, { now: ctx.clock.now(), by: 'impor', status: 'draft' });
      await auditBudget(tx, 'apbdes_import_apply', budget.id, job.regionCode, {
        year,
        importId: job.id,
        fileName: job.fileName,
        inserted,
        updated,
        removed,
      });
      return {
        inserted,
        updated,
        unchanged: unchanged + checked.skipped,
        rejected: 0,
        rowsTotal: checked.rowsTotal,
        message: removed > 0 ? t('apbdes.importRemoved', { count: removed }) : null,
      };
    });
  },
};

/** Records an import of a village's year; the route streams the upload to `uploadPath`, then queues it. */
export async function createBudgetImport(
  ctx: Ctx,
  input: { villageCode: string; year: number; fileName: string },
): Promise<{ id: string; uploadPath: string }> {
  assertMayKeepBudget(ctx.actor, input.villageCode);
  const created = await createSheetImport(
    ctx,
    {
      kind: IMPORT_KIND,
      regionCode: input.villageCode,
      fileName: input.fileName,
      options: { year: input.year },
    },
    'apbdes.error.fileType',
  );
  await audit(ctx, {
    action: 'apbdes_import_upload',
    entity: 'import',
    entityId: created.id,
    villageCode: input.villageCode,
    detail: { year: input.year, fileName: input.fileName },
  });
  return created;
}

/** A form sent without a file: refused as the keeper's mistake, or Forbidden to anyone else. */
export function refuseMissingFile(ctx: Ctx, villageCode: string, problem: string): never {
  assertMayKeepBudget(ctx.actor, villageCode);
  throw new Invalid({ file: problem });
}

export async function getBudgetImport(ctx: Ctx, id: string): Promise<ImportRecord & { year: number }> {
  const record = await findImport(ctx, id, IMPORT_KIND);
  assertMayReadDraft(ctx.actor, record.region_code);
  return { ...record, year: Number(record.options.year) };
}

export async function queueBudgetImport(ctx: Ctx, id: string): Promise<void> {
  const record = await getBudgetImport(ctx, id);
  assertMayKeepBudget(ctx.actor, record.region_code);
  await queueImport(ctx, id);
}

export async function refuseBudgetImport(ctx: Ctx, id: string, message: string): Promise<void> {
  const record = await getBudgetImport(ctx, id);
  assertMayKeepBudget(ctx.actor, record.region_code);
  await abandonImport(ctx, id, message);
}

export async function budgetImportErrors(ctx: Ctx, id: string) {
  return importErrorFileOf(ctx, await getBudgetImport(ctx, id));
}

export async function listBudgetImports(
  ctx: Ctx,
  villageCode: string,
  year: number,
): Promise<ImportRecord[]> {
  assertMayReadDraft(ctx.actor, villageCode);
  const all = await listImportsOf(ctx, { kind: IMPORT_KIND, regionCode: villageCode }, 20);
  return all.filter((r) => Number(r.options.year) === year).slice(0, 5);
}

// ---- lists and the regency summary ----

export interface BudgetListItem {
  villageCode: string;
  villageName: string;
  kecamatanName: string;
  status: BudgetStatus | null;
  lines: number;
  updatedAt: Date | null;
}

/** The villages of the actor's region with the year's APBDes state (camat, admin kabupaten). */
export async function listBudgetsInScope(ctx: Ctx, year: number): Promise<BudgetListItem[]> {
  const scope = isStaff(ctx.actor) && ctx.actor.scope.type === 'region' ? ctx.actor.scope.code : null;
  if (!scope) return [];
  assertMayReadDraft(ctx.actor, scope);
  const villages = (await listVillages(ctx)).filter(
    (v) => v.code === scope || v.code.startsWith(`${scope}.`),
  );
  const rows = new Map(
    (await repo.selectBudgetsIn(ctx.db, scope))
      .filter((r) => r.year === year)
      .map((r) => [r.village_code, r]),
  );
  return villages.map((v) => {
    const row = rows.get(v.code);
    return {
      villageCode: v.code,
      villageName: v.name,
      kecamatanName: v.kecamatanName,
      status: row?.status ?? null,
      lines: row?.lines ?? 0,
      updatedAt: row?.updated_at ?? null,
    };
  });
}

export interface Figure {
  budget: number;
  realised: number;
}

export interface RegencySummary {
  year: number;
  villageCount: number;
  publishedCount: number;
  income: Figure;
  spending: Figure;
  incomeBySource: Array<{ code: string; name: string } & Figure>;
  spendingByField: Array<{ code: string; name: string } & Figure>;
  kecamatan: Array<{
    code: string;
    name: string;
    villages: number;
    published: number;
    income: Figure;
    spending: Figure;
  }>;
  villages: Array<{
    code: string;
    name: string;
    kecamatanCode: string;
    published: boolean;
    income: Figure;
    spending: Figure;
  }>;
}

const addFigure = (a: Figure, b: Figure): Figure => ({
  budget: a.budget + b.budget,
  realised: a.realised + b.realised,
});
const NONE: Figure = { budget: 0, realised: 0 };

/** Every published APBDes of a year, summed: by source, by bidang, by kecamatan, and per village. */
export async function regencySummary(ctx: Ctx, year: number): Promise<RegencySummary> {
  const [aggregates, villages, kecamatan] = await Promise.all([
    repo.selectPublishedAggregates(ctx.db, year),
    listVillages(ctx),
    listKecamatan(ctx),
  ]);
  const published = new Set(await repo.selectPublishedVillages(ctx.db, year));
  const perVillage = new Map<string, { income: Figure; spending: Figure }>();
  const sources = new Map<string, Figure>();
  const fields = new Map<string, Figure>();
  for (const a of aggregates) {
    const figure = { budget: a.budget, realised: a.realised };
    const v = perVillage.get(a.village_code) ?? { income: NONE, spending: NONE };
    if (a.section === 'pendapatan') {
      v.income = addFigure(v.income, figure);
      sources.set(a.group_code, addFigure(sources.get(a.group_code) ?? NONE, figure));
    } else if (a.section === 'belanja') {
      v.spending = addFigure(v.spending, figure);
      fields.set(a.group_code, addFigure(fields.get(a.group_code) ?? NONE, figure));
    }
    perVillage.set(a.village_code, v);
  }
  const villageRows = villages.map((v) => ({
    code: v.code,
    name: v.name,
    kecamatanCode: v.kecamatanCode,
    published: published.has(v.code),
    income: perVillage.get(v.code)?.income ?? NONE,
    spending: perVillage.get(v.code)?.spending ?? NONE,
  }));
  const total = (pick: 'income' | 'spending') =>
    villageRows.reduce((acc, v) => addFigure(acc, v[pick]), NONE);
  return {
    year,
    villageCount: villages.length,
    publishedCount: villageRows.filter((v) => v.published).length,
    income: total('income'),
    spending: total('spending'),
    incomeBySource: leafAccounts('pendapatan')
      .filter((a) => sources.has(a.code))
      .map((a) => ({ code: a.code, name: a.name, ...sources.get(a.code)! })),
    spendingByField: accounts('belanja')
      .filter((a) => !a.code.includes('.'))
      .map((a) => ({ code: a.code, name: a.name, ...(fields.get(a.code) ?? NONE) })),
    kecamatan: kecamatan.map((k) => {
      const mine = villageRows.filter((v) => v.kecamatanCode === k.code);
      return {
        code: k.code,
        name: k.name,
        villages: mine.length,
        published: mine.filter((v) => v.published).length,
        income: mine.reduce((acc, v) => addFigure(acc, v.income), NONE),
        spending: mine.reduce((acc, v) => addFigure(acc, v.spending), NONE),
      };
    }),
    villages: villageRows,
  };
}

/** The public pages for `/sitemap.xml`: each year's regency summary and every published village year. */
export async function apbdesSitemap(ctx: Ctx): Promise<Array<{ path: string; lastModified?: Date }>> {
  const rows = (await repo.selectBudgetsIn(ctx.db, ctx.config.regencyCode)).filter(
    (r) => r.status === 'published',
  );
  const years = [...new Set(rows.map((r) => r.year))];
  return [
    ...years.map((year) => ({ path: `/apbdes/${year}` })),
    ...rows.map((r) => ({
      path: `/desa/${r.village_code}/apbdes/${r.year}`,
      ...(r.published_at ? { lastModified: r.published_at } : {}),
    })),
  ];
}

// ---- demo data ----

/** A village's demo APBDes in the shape of Serang's 2025 budgets: Dana Desa ~Rp 1 M, ADD ~Rp 500 jt. */
export function demoLines(villageCode: string, realisedShare: { s1: number; s2: number }): LineInput[] {
  // a stable spread per village, so the demo villages differ but every start seeds the same figures
  const n = Number(villageCode.replace(/\D/g, '').slice(-4)) % 7;
  const dd = 980_000_000 + n * 23_500_000;
  const add = 455_000_000 + n * 17_250_000;
  const lines: Array<[string, string, number]> = [
    ['4.1.1', '', 25_000_000 + n * 1_000_000],
    ['4.1.2', '', 12_500_000],
    ['4.2.1', '', dd],
    ['4.2.2', '', 48_750_000 + n * 1_250_000],
    ['4.2.3', '', add],
    ['4.2.5', '', 100_000_000],
    ['4.3.5', '', 1_200_000],
    ['1.1.01', 'Penyediaan Penghasilan Tetap dan Tunjangan Kepala Desa', 54_000_000],
    ['1.1.02', 'Penyediaan Penghasilan Tetap dan Tunjangan Perangkat Desa', 216_000_000],
    ['1.1.04', 'Penyediaan Operasional Pemerintah Desa', 62_500_000],
    ['1.1.05', 'Penyediaan Tunjangan BPD', 36_000_000],
    ['1.2.01', 'Penyediaan Sarana (Aset Tetap) Perkantoran/Pemerintahan', 35_000_000],
    ['2.1.01', 'Penyelenggaraan PAUD/TK/TPA/TKA/TPQ/Madrasah Non-Formal Milik Desa', 42_000_000],
    [
      '2.2.01',
      'Penyelenggaraan Posyandu (Makanan Tambahan, Kelas Ibu Hamil, Kelas Lansia, Insentif Kader)',
      78_000_000,
    ],
    ['2.3.10', 'Pembangunan/Rehabilitasi/Peningkatan Jalan Desa', 385_000_000 + n * 20_000_000],
    ['2.4.03', 'Pembangunan/Rehabilitasi/Peningkatan Sanitasi Permukiman', 96_000_000],
    ['3.1.01', 'Pengadaan/Penyelenggaraan Pos Keamanan Desa', 18_000_000],
    ['3.4.01', 'Pembinaan Lembaga Kemasyarakatan Desa', 24_000_000],
    ['4.2.02', 'Peningkatan Produksi Tanaman Pangan', 45_000_000],
    ['4.3.01', 'Peningkatan Kapasitas Kepala Desa', 15_000_000],
    ['5.1.01', 'Penanggulangan Bencana', 20_000_000],
    ['5.3.01', 'Penanganan Keadaan Mendesak (Bantuan Langsung Tunai Dana Desa)', 108_000_000],
    ['6.1.1', '', 37_450_000],
    ['6.2.2', '', 50_000_000],
  ];
  return lines.map(([kode, uraian, budget]) => {
    const s1 = Math.round((budget * realisedShare.s1) / 1000) * 1000;
    const s2 = Math.round((budget * realisedShare.s2) / 1000) * 1000;
    return {
      kode,
      uraian,
      anggaran: budget,
      realisasi_semester_1: kode.startsWith('6.1') ? budget : s1,
      realisasi_semester_2: kode.startsWith('6.1') ? 0 : s2,
    };
  });
}

/** The demo villages' APBDes of the clock's year, published, with semester I realised. */
export async function seedDemoBudgets(ctx: Ctx, villages: string[]): Promise<void> {
  const year = currentYear(ctx);
  for (const code of villages) {
    if (await repo.selectBudget(ctx.db, code, year)) continue;
    const lines = demoLines(code, { s1: 0.42, s2: 0.38 }).map((input) => {
      const checked = checkLine(input);
      if (checked.errors) throw new Error(`demo APBDes line ${input.kode}: ${Object.values(checked.errors)}`);
      return checked.line;
    });
    // the whole year in one transaction, as an import writes it (a line at a time was 450 statements)
    await inTransaction(ctx, async (tx) => {
      const budget = await repo.lockBudget(tx.db, code, year, ctx.clock.now(), by(ctx));
      await repo.replaceLines(tx.db, budget.id, code, lines);
      await repo.touchBudget(tx.db, budget.id, { now: ctx.clock.now(), by: by(ctx), status: 'published' });
      await auditBudget(tx, 'apbdes_publish', budget.id, code, { year, from: 'draft' });
    });
  }
}
