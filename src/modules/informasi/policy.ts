import { canOnItem, type Item, scopeLevel } from '../../platform/auth/policy.ts';
import type { Actor, StaffActor } from '../../platform/auth/roles.ts';
import { Forbidden } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import type { BodyKind } from './schema.ts';

/**
 * Who may do what in the PPID service. Every village and every agency is a public body; whoever
 * handles what is routed to that body acts as its PPID (village staff for their village, an `opd`
 * officer for their agency, admin kabupaten for all). A camat reads the requests of its villages,
 * masked, and acts on none. The requester's identity is personal data: in full only for those
 * with `view_personal` on the body.
 */
export interface BodyRef {
  kind: BodyKind;
  code: string;
}

function bodyItem(body: BodyRef): Item {
  return {
    villageCode: body.kind === 'village' ? body.code : null,
    handler: { kind: body.kind, code: body.code },
  };
}

/** Keeping the DIP and answering requests: the body's own PPID (or admin kabupaten). */
export function mayActAsPpid(actor: Actor | null, body: BodyRef): boolean {
  return canOnItem(actor, 'handle', bodyItem(body));
}

/** The PPID of the body, or the system (seeds, the console). */
export function assertPpid(actor: Actor | null, body: BodyRef): void {
  if (!mayActAsPpid(actor, body)) throw new Forbidden(t('informasi.error.notPpid'));
}

export function mayReadRequests(actor: Actor | null, body: BodyRef): boolean {
  return actor?.kind === 'staff' && canOnItem(actor, 'view_record', bodyItem(body));
}

export function seesRequesterInFull(actor: Actor | null, body: BodyRef): boolean {
  return canOnItem(actor, 'view_personal', bodyItem(body));
}

/**
 * The PPID's superior (atasan PPID) decides objections: for a village, its head or secretary (the
 * signers; the operator is the PPID desk), for an agency its officers (the platform knows no
 * separate head-of-agency role), and admin kabupaten for every body.
 */
export function mayDecideObjection(actor: Actor | null, body: BodyRef): boolean {
  if (actor?.kind === 'resident') return false;
  if (canOnItem(actor, 'manage')) return true;
  const item = bodyItem(body);
  return body.kind === 'village' ? canOnItem(actor, 'sign', item) : canOnItem(actor, 'handle', item);
}

/**
 * Which requests a staff member's list holds: their body's, their kecamatan's villages' (camat),
 * or every body's (admin kabupaten).
 */
export type RequestScope = { body: BodyRef } | { regionPrefix: string } | { all: true };

export function requestScopeFor(actor: StaffActor): RequestScope {
  if (actor.scope.type === 'agency') return { body: { kind: 'agency', code: actor.scope.code } };
  const level = scopeLevel(actor.scope.code);
  if (level === 'village') return { body: { kind: 'village', code: actor.scope.code } };
  if (level === 'regency' && canOnItem(actor, 'manage')) return { all: true };
  return { regionPrefix: actor.scope.code };
}

/** The body a staff member's DIP pages are about: their own, or the one admin kabupaten chose. */
export function ownBody(actor: StaffActor): BodyRef | null {
  if (actor.scope.type === 'agency') return { kind: 'agency', code: actor.scope.code };
  return scopeLevel(actor.scope.code) === 'village' ? { kind: 'village', code: actor.scope.code } : null;
}

export function mayChooseAnyBody(actor: Actor | null): boolean {
  return canOnItem(actor, 'manage');
}
