import { audit } from '../../platform/audit/service.ts';
import { actorId } from '../../platform/auth/roles.ts';
import { type Ctx, inTransaction } from '../../platform/context.ts';
import { Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { classificationName } from '../letters/service.ts';
import { DEFAULT_SERVICES } from './catalog.ts';
import { checkDefinition, type ServiceDefinition } from './definition.ts';
import { mayManageCatalog, mayServeVillage } from './policy.ts';
import * as repo from './repo.ts';
import './messages.ts';

export type { ServiceDefinition } from './definition.ts';
export type { ServiceRecord } from './repo.ts';
export * from './requests.ts';
export { refreshSpeedRollup } from './rollup.ts';
export { type SpeedReport, type SpeedRow, speedReport, speedReportWithClock } from './speed-report.ts';

/** Adds the default services that are missing; never overwrites what admin has changed. */
export async function seedCatalog(ctx: Ctx): Promise<void> {
  const existing = new Set((await ctx.db.selectFrom('services').select('slug').execute()).map((s) => s.slug));
  for (const definition of DEFAULT_SERVICES)
    if (!existing.has(definition.slug)) await repo.insertService(ctx.db, definition, null);
}

export interface CatalogEntry {
  id: string;
  slug: string;
  version: number;
  active: boolean;
  enabledInVillage: boolean;
  definition: ServiceDefinition;
}

/** The catalog; with a village, each entry says whether that village has it switched on. */
export async function listCatalog(
  ctx: Ctx,
  options: { villageCode?: string; includeInactive?: boolean } = {},
): Promise<CatalogEntry[]> {
  const [services, disabled] = await Promise.all([
    repo.allServices(ctx.db),
    options.villageCode
      ? repo.disabledServiceIds(ctx.db, options.villageCode)
      : Promise.resolve(new Set<string>()),
  ]);
  return services
    .filter((s) => options.includeInactive || s.active)
    .map((s) => ({ ...s, enabledInVillage: !disabled.has(s.id) }));
}

export async function getService(ctx: Ctx, slug: string): Promise<repo.ServiceRecord> {
  const service = await repo.serviceBySlug(ctx.db, slug);
  if (!service) throw new NotFound(t('services.error.serviceNotFound'));
  return service;
}

/** Where a service that another module runs starts (`handledBy.start`), or null for this engine's own. */
export async function handlerStart(ctx: Ctx, slug: string): Promise<string | null> {
  return (await repo.serviceBySlug(ctx.db, slug))?.definition.handledBy?.start ?? null;
}

async function referenceProblems(ctx: Ctx, definition: ServiceDefinition): Promise<Record<string, string>> {
  const problems: Record<string, string> = {};
  if (!(await classificationName(ctx, definition.classificationCode)))
    problems.classificationCode = `Kode klasifikasi ${definition.classificationCode} tidak ada dalam daftar klasifikasi surat.`;
  if (definition.owner.type === 'agency') {
    const agency = await ctx.db
      .selectFrom('agencies')
      .select('code')
      .where('code', '=', definition.owner.code)
      .executeTakeFirst();
    if (!agency) problems.owner = `OPD ${definition.owner.code} tidak dikenal.`;
  }
  return problems;
}

/**
 * Admin kabupaten saves a service definition (JSON). A known slug gets a new version; requests
 * already filed keep the version they were filed under.
 */
export async function saveServiceDefinition(
  ctx: Ctx,
  json: string,
  expectedSlug?: string,
): Promise<{ slug: string; version: number }> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => saveServiceDefinition(tx, json, expectedSlug));
  if (!mayManageCatalog(ctx.actor)) throw new Forbidden(t('services.error.catalogAdminOnly'));
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new Invalid({
      definition: t('services.error.definitionNotJson', { detail: (error as Error).message }),
    });
  }
  const problems = checkDefinition(parsed);
  if (Object.keys(problems).length > 0) throw new Invalid(problems, t('services.error.definitionInvalid'));
  const definition = parsed as ServiceDefinition;
  if (expectedSlug && definition.slug !== expectedSlug)
    throw new Invalid({
      slug: t('services.error.slugFixed'),
    });
  const references = await referenceProblems(ctx, definition);
  if (Object.keys(references).length > 0)
    throw new Invalid(references, t('services.error.definitionInvalid'));
  const existing = await repo.serviceBySlug(ctx.db, definition.slug);
  if (!existing && expectedSlug) throw new NotFound(t('services.error.serviceNotFound'));
  const version = existing
    ? await repo.insertServiceVersion(ctx.db, existing, definition, actorId(ctx.actor))
    : 1;
  if (!existing) await repo.insertService(ctx.db, definition, actorId(ctx.actor));
  await audit(ctx, {
    action: existing ? 'service_version' : 'service_create',
    entity: 'service',
    entityId: definition.slug,
    detail: { version },
  });
  return { slug: definition.slug, version };
}

export async function setServiceActive(ctx: Ctx, slug: string, active: boolean): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => setServiceActive(tx, slug, active));
  if (!mayManageCatalog(ctx.actor)) throw new Forbidden(t('services.error.catalogAdminOnly'));
  const service = await getService(ctx, slug);
  await ctx.db
    .updateTable('services')
    .set({ active, updated_at: ctx.clock.now() })
    .where('id', '=', service.id)
    .execute();
  await audit(ctx, {
    action: active ? 'service_activate' : 'service_deactivate',
    entity: 'service',
    entityId: slug,
  });
}

/** The village office has reviewed which letter services it offers (saved the choice at least once). */
export async function villageServicesReviewed(ctx: Ctx, villageCode: string): Promise<boolean> {
  return repo.villageServicesSaved(ctx.db, villageCode);
}

/** `villageServicesReviewed` for many villages at once: the codes of those that have reviewed. */
export async function villagesWithServicesReviewed(ctx: Ctx, villageCodes: string[]): Promise<Set<string>> {
  return new Set(await repo.villagesWithServicesSaved(ctx.db, villageCodes));
}

/** A village switches village letters on or off (agency services are the agency's to offer). */
export async function setVillageServices(
  ctx: Ctx,
  villageCode: string,
  enabledSlugs: string[],
): Promise<void> {
  if (!ctx.db.isTransaction)
    return inTransaction(ctx, (tx) => setVillageServices(tx, villageCode, enabledSlugs));
  if (!mayServeVillage(ctx.actor, villageCode))
    throw new Forbidden(t('services.error.villageServicesOutOfScope'));
  const wanted = new Set(enabledSlugs);
  const services = (await repo.allServices(ctx.db)).filter((s) => s.definition.owner.type === 'village');
  for (const service of services) {
    const enabled = wanted.has(service.slug);
    await ctx.db
      .insertInto('village_services')
      .values({ village_code: villageCode, service_id: service.id, enabled, updated_at: ctx.clock.now() })
      .onConflict((oc) =>
        oc.columns(['village_code', 'service_id']).doUpdateSet({ enabled, updated_at: ctx.clock.now() }),
      )
      .execute();
  }
  await audit(ctx, {
    action: 'village_services_update',
    entity: 'village',
    entityId: villageCode,
    villageCode,
    detail: { enabled: [...wanted] },
  });
}
