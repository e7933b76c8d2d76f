/** Reference data: categories, who handles each in which area, and the option lists of the admin forms. */
import { audit } from '../../platform/audit/service.ts';
import { saveHoliday } from '../../platform/calendar.ts';
import { type Ctx, inTransaction } from '../../platform/context.ts';
import { Invalid, NotFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { requireManage, text } from './common.ts';
import { DEFAULT_CATEGORIES, DEFAULT_HOLIDAYS_2026, DEFAULT_TEMPLATES } from './defaults.ts';
import type { CategoryField } from './fields.ts';
import * as repo from './repo.ts';

export interface Category {
  code: string;
  name: string;
  nameEn: string;
  group: string;
  description: string;
  fields: CategoryField[];
  sla: { verify: number; response: number; resolve: number };
  confidentialDefault: boolean;
  anonymousAllowed: boolean;
  publicReopen: boolean;
  reopenDays: number;
  active: boolean;
}

export function toCategory(row: Awaited<ReturnType<typeof repo.selectCategories>>[number]): Category {
  return {
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    group: row.group_name,
    description: row.description,
    fields: row.fields,
    sla: { verify: row.sla_verify_days, response: row.sla_response_days, resolve: row.sla_resolve_days },
    confidentialDefault: row.confidential_default,
    anonymousAllowed: row.anonymous_allowed,
    publicReopen: row.public_reopen,
    reopenDays: row.reopen_days,
    active: row.active,
  };
}

export async function listCategories(ctx: Ctx, options: { activeOnly?: boolean } = {}): Promise<Category[]> {
  return (await repo.selectCategories(ctx.db, options.activeOnly ?? true)).map(toCategory);
}

export async function getCategory(ctx: Ctx, code: string): Promise<Category> {
  const row = await repo.selectCategory(ctx.db, code);
  if (!row) throw new NotFound(t('complaints.errors.categoryNotFound'));
  return toCategory(row);
}

/** Categories, default routing (regency-wide) and this year's holidays; safe to run on every start. */
export async function seedComplaintReference(ctx: Ctx): Promise<void> {
  let sort = 0;
  for (const category of DEFAULT_CATEGORIES) {
    sort += 10;
    await repo.insertCategoryIfMissing(ctx.db, {
      code: category.code,
      name: category.name,
      name_en: category.nameEn,
      group_name: category.group,
      description: category.description,
      fields: category.fields ?? [],
      sla_verify_days: category.sla.verify,
      sla_response_days: category.sla.response,
      sla_resolve_days: category.sla.resolve,
      confidential_default: category.confidentialDefault ?? false,
      sort,
    });
    await repo.insertRouteIfMissing(ctx.db, {
      category_code: category.code,
      region_code: ctx.config.regencyCode,
      handler_kind: category.handler === 'VILLAGE' ? 'village' : 'agency',
      agency_code: category.handler === 'VILLAGE' ? null : category.handler,
    });
  }
  for (const holiday of DEFAULT_HOLIDAYS_2026) await saveHoliday(ctx, holiday, false);
  for (const template of DEFAULT_TEMPLATES) await repo.insertTemplateIfNone(ctx.db, template);
}

export interface CategoryInput {
  name: string;
  nameEn: string;
  description: string;
  slaVerify: string;
  slaResponse: string;
  slaResolve: string;
  reopenDays: string;
  confidentialDefault: boolean;
  anonymousAllowed: boolean;
  publicReopen: boolean;
  active: boolean;
}

/** Checks a category form; returns the row to write and a message per wrong field. */
function checkCategoryInput(input: CategoryInput) {
  const problems: Record<string, string> = {};
  const days = (key: string, value: string, max: number) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n > max)
      problems[key] = t('complaints.errors.wholeWorkingDays', { max });
    return n;
  };
  if (!input.name.trim()) problems.name = t('complaints.errors.categoryNameRequired');
  if (!input.nameEn.trim()) problems.nameEn = t('complaints.errors.categoryNameEnRequired');
  const verify = days('slaVerify', input.slaVerify, 90);
  const response = days('slaResponse', input.slaResponse, 90);
  const resolve = days('slaResolve', input.slaResolve, 365);
  const reopen = days('reopenDays', input.reopenDays, 90);
  if (!problems.slaResponse && !problems.slaVerify && response < verify)
    problems.slaResponse = t('complaints.errors.responseBeforeVerify');
  if (!problems.slaResolve && !problems.slaResponse && resolve < response)
    problems.slaResolve = t('complaints.errors.resolveBeforeResponse');
  const settings: repo.CategorySettings = {
    name: input.name.trim(),
    name_en: input.nameEn.trim(),
    description: input.description.trim(),
    sla_verify_days: verify,
    sla_response_days: response,
    sla_resolve_days: resolve,
    confidential_default: input.confidentialDefault,
    anonymous_allowed: input.anonymousAllowed,
    public_reopen: input.publicReopen,
    reopen_days: reopen,
    active: input.active,
  };
  return { problems, settings };
}

export async function updateCategory(ctx: Ctx, code: string, input: CategoryInput): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => updateCategory(tx, code, input));
  const actor = requireManage(ctx);
  await getCategory(ctx, code);
  const { problems, settings } = checkCategoryInput(input);
  if (Object.keys(problems).length) throw new Invalid(problems);
  await repo.updateCategoryRow(ctx.db, code, settings);
  await audit(ctx, {
    action: 'complaint_category_update',
    entity: 'complaint_category',
    entityId: code,
    detail: { by: actor.id },
  });
}

/** A new category, with the regency-wide rule that routes it (an agency, or the village itself). */
export async function createCategory(
  ctx: Ctx,
  input: CategoryInput & { code: string; group: string; handler: string },
): Promise<string> {
  requireManage(ctx);
  const code = input.code.trim().toUpperCase();
  const { problems, settings } = checkCategoryInput(input);
  if (!/^[A-Z0-9_]{2,40}$/.test(code)) problems.code = t('complaints.errors.categoryCodeShape');
  else if (await repo.selectCategory(ctx.db, code)) problems.code = t('complaints.errors.categoryCodeTaken');
  if (!input.group.trim()) problems.group = t('complaints.errors.groupRequired');
  const village = input.handler === 'VILLAGE';
  if (!village && !(await repo.selectAgency(ctx.db, input.handler)))
    problems.handler = t('complaints.errors.chooseHandler');
  if (Object.keys(problems).length) throw new Invalid(problems);
  const categories = await repo.selectCategories(ctx.db, false);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertCategoryIfMissing(trx, {
      ...settings,
      code,
      group_name: input.group.trim(),
      fields: [],
      sort: Math.max(0, ...categories.map((c) => c.sort)) + 10,
    });
    await repo.updateCategoryRow(trx, code, settings);
    await repo.upsertRoute(trx, {
      category_code: code,
      region_code: ctx.config.regencyCode,
      handler_kind: village ? 'village' : 'agency',
      agency_code: village ? null : input.handler,
    });
  });
  await audit(ctx, { action: 'complaint_category_create', entity: 'complaint_category', entityId: code });
  return code;
}

export async function listRoutes(ctx: Ctx) {
  return repo.selectRoutes(ctx.db);
}

/** Admin kabupaten sets who handles a category in an area (regency, kecamatan or village). */
export async function saveRoute(
  ctx: Ctx,
  input: { categoryCode: string; regionCode: string; handler: string },
): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => saveRoute(tx, input));
  requireManage(ctx);
  const problems: Record<string, string> = {};
  if (!(await repo.selectCategory(ctx.db, input.categoryCode)))
    problems.categoryCode = t('complaints.errors.chooseCategory');
  const region = input.regionCode.trim();
  const regency = ctx.config.regencyCode;
  const level = region.split('.').length;
  const known =
    region === regency ||
    (region.startsWith(`${regency}.`) &&
      (level === 3
        ? (await repo.selectKecamatanOptions(ctx.db, regency)).some((k) => k.code === region)
        : level === 4 && Boolean(await repo.selectVillage(ctx.db, region))));
  if (!known) problems.regionCode = t('complaints.errors.routeRegion');
  const village = input.handler === 'VILLAGE';
  if (!village && !(await repo.selectAgency(ctx.db, input.handler)))
    problems.handler = t('complaints.errors.chooseHandler');
  if (Object.keys(problems).length) throw new Invalid(problems);
  await repo.upsertRoute(ctx.db, {
    category_code: input.categoryCode,
    region_code: region,
    handler_kind: village ? 'village' : 'agency',
    agency_code: village ? null : input.handler,
  });
  await audit(ctx, {
    action: 'complaint_route_save',
    entity: 'complaint_route',
    entityId: `${input.categoryCode}@${region}`,
    detail: { handler: input.handler },
  });
}

export async function removeRoute(ctx: Ctx, id: string): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => removeRoute(tx, id));
  requireManage(ctx);
  const routes = await repo.selectRoutes(ctx.db);
  const route = routes.find((r) => r.id === id);
  if (!route) throw new NotFound(t('complaints.errors.routeNotFound'));
  if (route.region_code === ctx.config.regencyCode)
    throw new Invalid({
      route: t('complaints.errors.regencyRouteKept'),
    });
  await repo.deleteRoute(ctx.db, id);
  await audit(ctx, { action: 'complaint_route_delete', entity: 'complaint_route', entityId: id });
}

/** Who handles a category in a village: the village's own rule, else its kecamatan's, else the regency's. */
export async function resolveHandler(
  ctx: Ctx,
  categoryCode: string,
  villageCode: string,
): Promise<{ kind: 'agency' | 'village'; code: string }> {
  const parts = villageCode.split('.');
  const chain = [parts.slice(0, 2).join('.'), parts.slice(0, 3).join('.'), villageCode];
  const rules = await repo.selectRoutesFor(ctx.db, categoryCode, chain);
  const rule = [...rules].sort((a, b) => b.region_code.length - a.region_code.length)[0];
  if (!rule) return { kind: 'agency', code: 'DISKOMINFOSATIK' };
  return rule.handler_kind === 'village'
    ? { kind: 'village', code: villageCode }
    : { kind: 'agency', code: rule.agency_code! };
}

/**
 * The road's owner overrides the category's rule: a village road goes to the village, whatever
 * DPUPR's rule says; a provincial or national road stays with the regency's handler, who passes it
 * on, and the public history says who owns the road (the regency cannot mend it itself).
 */
export function routeByRoadStatus(
  handler: { kind: 'agency' | 'village'; code: string },
  villageCode: string,
  status: unknown,
): { handler: { kind: 'agency' | 'village'; code: string }; ownerNote: string | null } {
  if (status === 'desa') return { handler: { kind: 'village', code: villageCode }, ownerNote: null };
  if (status === 'provinsi' || status === 'nasional')
    return { handler, ownerNote: text(`complaints.roadOwner.${status}`) };
  return { handler, ownerNote: null };
}

export async function villageOptions(ctx: Ctx) {
  return repo.selectVillageOptions(ctx.db, ctx.config.regencyCode);
}

export async function kecamatanOptions(ctx: Ctx) {
  return repo.selectKecamatanOptions(ctx.db, ctx.config.regencyCode);
}

export async function agencyOptions(ctx: Ctx) {
  return repo.selectAgencies(ctx.db);
}
