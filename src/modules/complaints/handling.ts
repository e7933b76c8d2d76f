/** Handling: the staff queue, one report as its officer sees it, state changes, hand-overs and replies. */
import { audit } from '../../platform/audit/service.ts';
import { isStaff, type StaffActor } from '../../platform/auth/roles.ts';
import type { Ctx } from '../../platform/context.ts';
import { Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { notifyFollowers, sha256, stateLabel, text, trackingUrl } from './common.ts';
import { processPhotos, storePhotos } from './intake.ts';
import { mayHandleReport, mayModerateReport, mayReadReport, queueScopeFor } from './policy.ts';
import { nearbyReports } from './reading.ts';
import * as repo from './repo.ts';
import { indexReport } from './search.ts';
import { CLOSED_STATES, isState, OPEN_STATES, transitionProblems } from './states.ts';
import { fillTemplate } from './templates.ts';

type Row = repo.ReportRow;

export interface QueueFilter {
  state?: string | undefined;
  category?: string | undefined;
  overdue?: boolean | undefined;
  flagged?: boolean | undefined;
  page?: number | undefined;
}

export const QUEUE_PAGE_SIZE = 30;

export async function listQueue(ctx: Ctx, filter: QueueFilter) {
  const actor = ctx.actor;
  if (!isStaff(actor)) throw new Forbidden();
  const page = Math.max(1, filter.page ?? 1);
  const result = await repo.selectQueue(
    ctx.db,
    queueScopeFor(actor),
    {
      state: isState(filter.state) ? filter.state : undefined,
      category: filter.category || undefined,
      overdueAt: filter.overdue ? ctx.clock.now() : undefined,
      flaggedOnly: Boolean(filter.flagged),
    },
    QUEUE_PAGE_SIZE,
    (page - 1) * QUEUE_PAGE_SIZE,
  );
  const now = ctx.clock.now();
  return {
    page,
    more: result.more,
    rows: result.rows.map((r) => ({
      ...r,
      overdue: OPEN_STATES.has(r.state) && new Date(r.current_due) < now,
    })),
  };
}

export interface StaffView {
  row: Row;
  mayHandle: boolean;
  mayModerate: boolean;
  reporter: { name: string | null; phone: string | null; email: string | null } | null;
  updates: Awaited<ReturnType<typeof repo.selectUpdates>>;
  photos: Awaited<ReturnType<typeof repo.selectPhotos>>;
  nearby: Awaited<ReturnType<typeof nearbyReports>>;
  duplicateOfTicket: string | null;
  currentDue: Date;
  overdue: boolean;
}

export async function getReportForStaff(ctx: Ctx, ticket: string): Promise<StaffView> {
  const row = await repo.selectReportByTicket(ctx.db, ticket);
  if (!row) throw new NotFound(t('complaints.errors.reportNotFound'));
  if (!mayReadReport(ctx.actor, row)) throw new Forbidden(t('complaints.errors.notYourUnit'));
  const mayHandle = mayHandleReport(ctx.actor, row);
  // the reporter's identity: only to whoever handles it, never when they chose to be anonymous
  let reporter: StaffView['reporter'] = null;
  const personal: string[] = [];
  if (mayHandle && !row.anonymous && (row.reporter_name || row.reporter_phone || row.reporter_email)) {
    reporter = { name: row.reporter_name, phone: row.reporter_phone, email: row.reporter_email };
    personal.push('reporter');
  }
  if (row.confidential) personal.push('confidential_report');
  if (personal.length)
    await audit(ctx, {
      action: 'read_personal',
      entity: 'complaint',
      entityId: row.id,
      villageCode: row.village_code,
      detail: { ticket: row.ticket, fields: personal },
    });
  const [updates, photos, original] = await Promise.all([
    repo.selectUpdates(ctx.db, row.id, false),
    repo.selectPhotos(ctx.db, row.id, true),
    row.duplicate_of ? repo.selectReportById(ctx.db, row.duplicate_of) : Promise.resolve(undefined),
  ]);
  const nearby =
    row.lat !== null && row.lng !== null
      ? await nearbyReports(ctx, {
          categoryCode: row.category_code,
          lat: row.lat,
          lng: row.lng,
          excludeId: row.id,
          radiusM: 200,
          includeConfidential: true,
        })
      : [];
  const currentDue = !row.verified_at
    ? row.verify_due_at
    : !row.first_response_at
      ? row.response_due_at
      : row.resolve_due_at;
  return {
    row,
    mayHandle,
    mayModerate: mayModerateReport(ctx.actor, row),
    reporter,
    updates,
    photos,
    nearby,
    duplicateOfTicket: original?.ticket ?? null,
    currentDue,
    overdue: OPEN_STATES.has(row.state) && currentDue < ctx.clock.now(),
  };
}

function staffLabel(actor: StaffActor, row: { handler_name: string }): string {
  if (actor.scope.type === 'agency') return row.handler_name;
  if (actor.role === 'admin_kabupaten') return 'Admin Kabupaten';
  return row.handler_name;
}

async function handledRow(ctx: Ctx, ticket: string): Promise<{ row: Row; actor: StaffActor }> {
  const row = await repo.selectReportByTicket(ctx.db, ticket);
  if (!row) throw new NotFound(t('complaints.errors.reportNotFound'));
  if (!isStaff(ctx.actor) || !mayHandleReport(ctx.actor, row))
    throw new Forbidden(t('complaints.errors.otherUnit'));
  return { row, actor: ctx.actor };
}

export interface StateChange {
  state: string;
  /** public explanation to the reporter (required for rejections and hand-overs) */
  reason?: string | null;
  duplicateOf?: string | null;
  handler?: string | null;
  scheduledFor?: string | null;
}

/** An officer moves a report on; every change and hand-over is kept in the history. */
export async function changeState(ctx: Ctx, ticket: string, input: StateChange): Promise<void> {
  const { row, actor } = await handledRow(ctx, ticket);
  if (!isState(input.state)) throw new Invalid({ state: t('complaints.errors.chooseState') });
  const to = input.state;
  const problems = transitionProblems(row.state, {
    to,
    reason: input.reason ?? null,
    duplicateOf: input.duplicateOf ?? null,
    agencyCode: input.handler ?? null,
    scheduledFor: input.scheduledFor ?? null,
  });
  let original: Row | undefined;
  if (to === 'duplikat' && !problems.duplicateOf) {
    original = await repo.selectReportByTicket(ctx.db, String(input.duplicateOf).trim().toUpperCase());
    if (!original || original.id === row.id) problems.duplicateOf = t('complaints.errors.originalNotFound');
  }
  let newHandler: { kind: 'agency' | 'village'; code: string } | null = null;
  if (to === 'diteruskan' && !problems.agencyCode) {
    if (input.handler === 'VILLAGE') newHandler = { kind: 'village', code: row.village_code };
    else if (input.handler && (await repo.selectAgency(ctx.db, input.handler)))
      newHandler = { kind: 'agency', code: input.handler };
    else problems.agencyCode = t('complaints.errors.unknownAgency');
    if (newHandler && newHandler.kind === row.handler_kind && newHandler.code === row.handler_code)
      problems.agencyCode = t('complaints.errors.sameHandler');
  }
  if (Object.keys(problems).length) throw new Invalid(problems);
  const now = ctx.clock.now();
  const reason = input.reason?.trim() || '';
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateComplaint(trx, row.id, {
      state: to,
      updated_at: now,
      verified_at: row.verified_at ?? now,
      first_response_at: row.first_response_at ?? (to === 'diverifikasi' ? null : now),
      resolved_at: CLOSED_STATES.has(to) ? now : null,
      ...(to === 'ditolak' ? { reject_reason: reason } : {}),
      ...(to === 'duplikat' && original ? { duplicate_of: original.id } : {}),
      ...(to === 'dijadwalkan' ? { scheduled_for: input.scheduledFor ?? null } : {}),
      ...(newHandler
        ? { handler_kind: newHandler.kind, handler_code: newHandler.code, escalation_level: 0 }
        : {}),
    });
    await repo.insertUpdate(trx, {
      complaint_id: row.id,
      at: now,
      kind: newHandler ? 'route' : 'state',
      public: true,
      from_state: row.state,
      to_state: to,
      from_handler: newHandler ? row.handler_code : null,
      to_handler: newHandler ? newHandler.code : null,
      body: to === 'duplikat' && original ? `${reason ? `${reason} ` : ''}(${original.ticket})` : reason,
      actor_kind: 'staff',
      actor_id: actor.id,
      actor_label: staffLabel(actor, row),
    });
    // a duplicate's supporters follow the original
    if (to === 'duplikat' && original)
      await repo.insertSupport(trx, original.id, sha256(`dup:${row.id}`), now);
    await notifyFollowers({ ...ctx, db: trx }, row, (ticket) =>
      text('complaints.notify.state', { ticket, state: stateLabel(to), url: trackingUrl(ctx, ticket) }),
    );
    await indexReport({ ...ctx, db: trx }, row.id);
  });
  await audit(ctx, {
    action: 'complaint_state',
    entity: 'complaint',
    entityId: row.id,
    villageCode: row.village_code,
    detail: { from: row.state, to, handler: newHandler?.code },
  });
}

/** A public reply (the reporter and everyone see it) or an internal note (staff only). */
export async function addReply(
  ctx: Ctx,
  ticket: string,
  input: { body: string; internal: boolean; templateId?: string | null },
): Promise<void> {
  const { row, actor } = await handledRow(ctx, ticket);
  let body = input.body.trim();
  if (!body && input.templateId) {
    const template = await repo.selectTemplate(ctx.db, input.templateId);
    if (!template || (template.category_code && template.category_code !== row.category_code))
      throw new Invalid({ templateId: t('complaints.errors.templateUnavailable') });
    body = fillTemplate(template.body, row);
  }
  if (body.length < 2) throw new Invalid({ body: t('complaints.errors.replyEmpty') });
  if (body.length > 4000) throw new Invalid({ body: t('complaints.errors.replyLong') });
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertUpdate(trx, {
      complaint_id: row.id,
      at: now,
      kind: input.internal ? 'note' : 'reply',
      public: !input.internal,
      from_state: null,
      to_state: null,
      from_handler: null,
      to_handler: null,
      body,
      actor_kind: 'staff',
      actor_id: actor.id,
      actor_label: staffLabel(actor, row),
    });
    if (!input.internal) {
      await repo.updateComplaint(trx, row.id, {
        updated_at: now,
        first_response_at: row.first_response_at ?? now,
        verified_at: row.verified_at ?? now,
      });
      await notifyFollowers({ ...ctx, db: trx }, row, (ticket) =>
        text('complaints.notify.reply', { ticket, url: trackingUrl(ctx, ticket) }),
      );
    }
  });
}

/**
 * The handler's photos of the fix. Like the resident's they stay private until an officer
 * publishes them (a passer-by's face, a house number), then show on the public page as "after".
 */
export async function addAfterPhotos(ctx: Ctx, ticket: string, photos: Buffer[]): Promise<number> {
  const { row, actor } = await handledRow(ctx, ticket);
  if (photos.length === 0) throw new Invalid({ photos: t('complaints.errors.chooseAfterPhoto') });
  const { processed, problem } = await processPhotos(photos);
  if (problem) throw new Invalid({ photos: problem });
  const existing = await repo.selectPhotos(ctx.db, row.id, true);
  const firstPosition = existing.reduce((max, p) => Math.max(max, p.position + 1), 0);
  await ctx.db.transaction().execute(async (trx) => {
    await storePhotos(
      { ...ctx, db: trx },
      { id: row.id, ticket: row.ticket, villageCode: row.village_code },
      processed,
      'sesudah',
      firstPosition,
    );
  });
  await audit(ctx, {
    action: 'complaint_after_photo',
    entity: 'complaint',
    entityId: row.id,
    villageCode: row.village_code,
    detail: { count: processed.length, by: actor.id },
  });
  return processed.length;
}
