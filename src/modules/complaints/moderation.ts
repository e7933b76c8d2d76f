/** Moderation: out of public view, back in, or in with a redacted text; photos hidden one by one. */
import { audit } from '../../platform/audit/service.ts';
import { isStaff } from '../../platform/auth/roles.ts';
import { type Ctx, inTransaction } from '../../platform/context.ts';
import { Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { requireManage } from './common.ts';
import { mayModerateReport, mayReadReport } from './policy.ts';
import * as repo from './repo.ts';
import { indexReport } from './search.ts';

/** An officer sends a report to moderation (abusive, personal data, not a complaint): it leaves public view. */
export async function flagReport(ctx: Ctx, ticket: string, reason: string): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => flagReport(tx, ticket, reason));
  const row = await repo.selectReportByTicket(ctx.db, ticket);
  if (!row) throw new NotFound(t('complaints.errors.reportNotFound'));
  if (!isStaff(ctx.actor) || !mayModerateReport(ctx.actor, row))
    throw new Forbidden(t('complaints.errors.flagForbidden'));
  if (reason.trim().length < 5) throw new Invalid({ flagReason: t('complaints.errors.flagReason') });
  const now = ctx.clock.now();
  await repo.updateComplaint(ctx.db, row.id, { flagged: true, flag_reason: reason.trim(), updated_at: now });
  await indexReport(ctx, row.id);
  await repo.insertUpdate(ctx.db, {
    complaint_id: row.id,
    at: now,
    kind: 'flag',
    public: false,
    from_state: null,
    to_state: null,
    from_handler: null,
    to_handler: null,
    body: reason.trim(),
    actor_kind: 'staff',
    actor_id: ctx.actor.id,
    actor_label: ctx.actor.name,
  });
}

export async function moderationQueue(ctx: Ctx) {
  requireManage(ctx);
  return (await repo.selectQueue(ctx.db, {}, { flaggedOnly: true }, 100, 0)).rows;
}

/** Admin decides: publish again, hide for good, or publish with a redacted title/description. */
export async function moderate(
  ctx: Ctx,
  ticket: string,
  input: {
    action: 'approve' | 'hide' | 'redact';
    publicTitle?: string;
    publicDescription?: string;
    note?: string;
  },
): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => moderate(tx, ticket, input));
  const actor = requireManage(ctx);
  const row = await repo.selectReportByTicket(ctx.db, ticket);
  if (!row) throw new NotFound(t('complaints.errors.reportNotFound'));
  const now = ctx.clock.now();
  if (input.action === 'redact') {
    const problems: Record<string, string> = {};
    if ((input.publicTitle ?? '').trim().length < 5)
      problems.publicTitle = t('complaints.errors.publicTitleShort');
    if ((input.publicDescription ?? '').trim().length < 10)
      problems.publicDescription = t('complaints.errors.publicDescriptionShort');
    if (Object.keys(problems).length) throw new Invalid(problems);
  }
  await repo.updateComplaint(ctx.db, row.id, {
    flagged: false,
    hidden: input.action === 'hide',
    updated_at: now,
    ...(input.action === 'redact'
      ? { public_title: input.publicTitle!.trim(), public_description: input.publicDescription!.trim() }
      : {}),
  });
  await indexReport(ctx, row.id);
  await repo.insertUpdate(ctx.db, {
    complaint_id: row.id,
    at: now,
    kind: 'moderation',
    public: false,
    from_state: null,
    to_state: null,
    from_handler: null,
    to_handler: null,
    body: `${input.action}${input.note ? `: ${input.note}` : ''}`,
    actor_kind: 'staff',
    actor_id: actor.id,
    actor_label: actor.name,
  });
  await audit(ctx, {
    action: 'complaint_moderate',
    entity: 'complaint',
    entityId: row.id,
    villageCode: row.village_code,
    detail: { action: input.action },
  });
}

export async function setPhotoVisibility(ctx: Ctx, photoId: string, hidden: boolean): Promise<string> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => setPhotoVisibility(tx, photoId, hidden));
  const photo = await repo.selectPhoto(ctx.db, photoId);
  if (!photo) throw new NotFound(t('complaints.errors.photoNotFound'));
  if (!mayModerateReport(ctx.actor, photo)) throw new Forbidden();
  await repo.setPhotoHidden(ctx.db, photoId, hidden);
  await audit(ctx, {
    action: hidden ? 'complaint_photo_hide' : 'complaint_photo_show',
    entity: 'complaint_photo',
    entityId: photoId,
  });
  return photo.ticket;
}

/** Which stored file a viewer may fetch for a photo: hidden photos and confidential reports only for staff who see the report. */
export async function photoFileFor(ctx: Ctx, photoId: string, size: 'full' | 'thumb'): Promise<string> {
  const photo = await repo.selectPhoto(ctx.db, photoId);
  if (!photo) throw new NotFound(t('complaints.errors.photoNotFound'));
  const isPublic = !photo.hidden && !photo.confidential && !photo.report_hidden && !photo.flagged;
  if (!isPublic && !mayReadReport(ctx.actor, photo)) throw new NotFound(t('complaints.errors.photoNotFound'));
  return size === 'thumb' ? photo.thumb_file_id : photo.file_id;
}
