import type { Ctx } from '../context.ts';
import { optionalDate, pageNumber } from '../http/input.ts';
import { endOfJakartaDay, startOfJakartaDay } from '../time.ts';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  villageCode?: string | null;
  detail?: Record<string, unknown>;
}

function actorLabel(ctx: Ctx): { kind: string; id: string | null; label: string } {
  const actor = ctx.actor;
  if (!actor) return { kind: 'anonymous', id: null, label: 'pengunjung' };
  if (actor.kind === 'system') return { kind: 'system', id: null, label: 'sistem' };
  if (actor.kind === 'staff') return { kind: 'staff', id: actor.id, label: `${actor.name} <${actor.email}>` };
  return { kind: 'resident', id: actor.id, label: `warga ${actor.name}` };
}

/** Appends one line to the append-only audit log. */
export async function audit(ctx: Ctx, entry: AuditEntry): Promise<void> {
  const who = actorLabel(ctx);
  await ctx.db
    .insertInto('audit_log')
    .values({
      at: ctx.clock.now(),
      actor_kind: who.kind,
      actor_id: who.id,
      actor_label: who.label,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId ?? null,
      village_code: entry.villageCode ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
      ip: ctx.ip ?? null,
    })
    .execute();
}

/**
 * A staff member's read of personal data (`read_personal`), audited; what a resident reads of their
 * own, and the system's reads, are not.
 */
export async function auditStaffRead(ctx: Ctx, entry: Omit<AuditEntry, 'action'>): Promise<void> {
  if (ctx.actor?.kind === 'staff') await audit(ctx, { action: 'read_personal', ...entry });
}

export interface AuditFilter {
  action?: string;
  entity?: string;
  actor?: string;
  villageCode?: string;
  from?: string;
  to?: string;
  page?: number;
}

export const AUDIT_PAGE_SIZE = 50;

export async function listAudit(ctx: Ctx, filter: AuditFilter) {
  let query = ctx.db.selectFrom('audit_log');
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.entity) query = query.where('entity', '=', filter.entity);
  if (filter.actor) query = query.where('actor_label', 'ilike', `%${filter.actor}%`);
  if (filter.villageCode) query = query.where('village_code', 'like', `${filter.villageCode}%`);
  const from = optionalDate('from', filter.from);
  const to = optionalDate('to', filter.to);
  if (from) query = query.where('at', '>=', startOfJakartaDay(from));
  if (to) query = query.where('at', '<=', endOfJakartaDay(to));
  const page = pageNumber(filter.page);
  const [rows, total] = await Promise.all([
    query
      .selectAll()
      .orderBy('id', 'desc')
      .limit(AUDIT_PAGE_SIZE)
      .offset((page - 1) * AUDIT_PAGE_SIZE)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n), page, pageSize: AUDIT_PAGE_SIZE };
}

export async function distinctAuditActions(ctx: Ctx): Promise<string[]> {
  const rows = await ctx.db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
  return rows.map((r) => r.action);
}
