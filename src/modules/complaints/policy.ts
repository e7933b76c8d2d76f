import { canOnItem, type Item, scopeLevel } from '../../platform/auth/policy.ts';
import type { Actor, StaffActor } from '../../platform/auth/roles.ts';
import { Forbidden } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import type { QueueScope } from './repo.ts';

/**
 * Who may do what with reports. A report is a record of the village it is about, routed to a
 * handler (an agency or a village office). The handler acts on it; region staff (village, camat)
 * read the reports of their region but act on none they do not handle; a confidential report
 * (aid, health, village funds …) is for its handler and admin kabupaten only, since a report on a
 * village's funds must not reach that village's own staff.
 */
function reportItem(row: {
  handler_kind: string;
  handler_code: string;
  village_code: string;
  confidential: boolean;
}): Item {
  return {
    villageCode: row.village_code,
    handler: { kind: row.handler_kind === 'agency' ? 'agency' : 'village', code: row.handler_code },
    confidential: row.confidential,
  };
}

type ReportRef = Parameters<typeof reportItem>[0];

export function mayReadReport(actor: Actor | null, row: ReportRef): boolean {
  return actor?.kind === 'staff' && canOnItem(actor, 'view_record', reportItem(row));
}

export function mayHandleReport(actor: Actor | null, row: ReportRef): boolean {
  return actor?.kind === 'staff' && canOnItem(actor, 'handle', reportItem(row));
}

/** Taking a report or a photo out of public view: its handler and admin kabupaten, never a reader. */
export function mayModerateReport(actor: Actor | null, row: ReportRef): boolean {
  return actor?.kind === 'staff' && canOnItem(actor, 'moderate', reportItem(row));
}

/** Categories, routing rules, SLAs, holidays, templates, the moderation queue: admin kabupaten. */
export function requireComplaintsAdmin(actor: Actor | null): StaffActor {
  if (actor?.kind !== 'staff' || !canOnItem(actor, 'manage'))
    throw new Forbidden(t('complaints.errors.adminOnly'));
  return actor;
}

export function mayAdministerComplaints(actor: Actor | null): boolean {
  return canOnItem(actor, 'manage');
}

/** The queue an officer works from: their agency's reports, or every report in their region. */
export function queueScopeFor(actor: StaffActor): QueueScope {
  if (actor.scope.type === 'agency') return { handlerKind: 'agency', handlerCode: actor.scope.code };
  if (canOnItem(actor, 'manage')) return {};
  // region staff see confidential reports only when their own village handles them
  const village = scopeLevel(actor.scope.code) === 'village' ? actor.scope.code : '';
  return { regionPrefix: actor.scope.code, confidentialHandledBy: village };
}

/** The handler whose SLA figures are "own" for this officer: their agency or village office. */
export function ownHandler(actor: StaffActor): { kind: 'agency' | 'village'; code: string } | undefined {
  if (actor.scope.type === 'agency') return { kind: 'agency', code: actor.scope.code };
  return scopeLevel(actor.scope.code) === 'village' ? { kind: 'village', code: actor.scope.code } : undefined;
}

/**
 * What the SLA page counts for an officer: their own unit's reports (agency, village office), the
 * reports about their region (camat: every village of the kecamatan, whoever handles them), or
 * everything (admin kabupaten).
 */
export function complianceScopeFor(actor: StaffActor): {
  handler?: { kind: 'agency' | 'village'; code: string };
  regionPrefix?: string;
  kind: 'own' | 'region' | 'all';
} {
  const handler = ownHandler(actor);
  if (handler) return { handler, kind: 'own' };
  if (canOnItem(actor, 'manage')) return { kind: 'all' };
  return { regionPrefix: actor.scope.code, kind: 'region' };
}
