import { canOnItem, type Item, scopeLevel } from '../../platform/auth/policy.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { Forbidden } from '../../platform/http/errors.ts';
import type { ServiceDefinition, StepDefinition } from './definition.ts';

/**
 * Who may do what with service requests. A request is a record of the applicant's village,
 * routed to the village office for village letters and to the owning agency for agency services
 * (so that agency sees those requests in full, and no others); the applicant sees their own.
 */
type RequestRef = { village_code: string; resident_id?: string | null };

export function requestItem(request: RequestRef, definition: ServiceDefinition): Item {
  return {
    villageCode: request.village_code,
    handler:
      definition.owner.type === 'agency'
        ? { kind: 'agency', code: definition.owner.code }
        : { kind: 'village', code: request.village_code },
    subject: request.resident_id ? { residentId: request.resident_id } : null,
  };
}

export function isApplicant(actor: Actor | null, request: { resident_id?: string | null }): boolean {
  return actor?.kind === 'resident' && actor.id === request.resident_id;
}

/**
 * The village office processes its residents' requests. Admin kabupaten keeps the catalog and
 * reads every request, but does not step into a village's (or an agency's) handling of one.
 */
function villageOffice(actor: Actor | null, villageCode: string): boolean {
  return actor?.kind !== 'staff' || actor.role !== 'admin_kabupaten'
    ? canOnItem(actor, 'edit', { villageCode })
    : false;
}

/** The request is within the actor's reach at all (its region, its agency, its applicant). */
export function mayReadRequest(
  actor: Actor | null,
  request: RequestRef,
  definition: ServiceDefinition,
): boolean {
  return canOnItem(actor, 'view_record', requestItem(request, definition));
}

/** A draft is its applicant's, and the village office's when it files for a resident. */
export function mayViewRequest(
  actor: Actor | null,
  request: RequestRef & { state: string },
  definition: ServiceDefinition,
): boolean {
  if (!mayReadRequest(actor, request, definition)) return false;
  return (
    request.state !== 'draf' || isApplicant(actor, request) || villageOffice(actor, request.village_code)
  );
}

/** NIK, KK, phone, attachments and the letter PDF: the applicant, the village office, the owning agency, admin. */
export function seesInFull(actor: Actor | null, request: RequestRef, definition: ServiceDefinition): boolean {
  return canOnItem(actor, 'view_personal', requestItem(request, definition));
}

/** Change the form, cancel: the applicant while it is open to them, or the village office. */
export function mayEditRequest(actor: Actor | null, request: RequestRef) {
  return isApplicant(actor, request) || villageOffice(actor, request.village_code);
}

export function mayActOnStep(
  actor: Actor | null,
  step: StepDefinition,
  request: RequestRef,
  definition: ServiceDefinition,
): boolean {
  if (actor?.kind === 'staff' && actor.role === 'admin_kabupaten') return false;
  switch (step.actor) {
    case 'village_staff':
      return villageOffice(actor, request.village_code);
    case 'village_signatory':
      return canOnItem(actor, 'sign', { villageCode: request.village_code });
    case 'agency':
      return (
        definition.owner.type === 'agency' && canOnItem(actor, 'handle', requestItem(request, definition))
      );
  }
}

/**
 * "Your turn" in the queue: the current step is the viewer's own duty. The operator's check is
 * the office staff's turn, not the signatory's (who may step in, but is not waiting for it).
 */
export function isTurnOf(
  actor: Actor | null,
  step: StepDefinition,
  request: RequestRef,
  definition: ServiceDefinition,
): boolean {
  if (!mayActOnStep(actor, step, request, definition)) return false;
  if (step.actor === 'village_staff') return !canOnItem(actor, 'sign', { villageCode: request.village_code });
  return true;
}

/** Marking a letter collected at the counter: the village office. */
export function mayHandOver(actor: Actor | null, request: RequestRef): boolean {
  return villageOffice(actor, request.village_code);
}

/** Staff filing for a resident, keeping the village's services: the village office (PINs: platform policy). */
export function mayServeVillage(actor: Actor | null, villageCode: string): boolean {
  return villageOffice(actor, villageCode);
}

export function mayManageCatalog(actor: Actor | null): boolean {
  return canOnItem(actor, 'manage');
}

/** Which requests a queue holds: an agency's own services, or a region's (null: every village). */
export type QueueScope = { agency: string } | { region: string | null };

/** Which requests a staff member's queue holds. */
export function queueScope(actor: Actor | null): QueueScope {
  if (actor?.kind === 'system') return { region: null };
  if (actor?.kind !== 'staff') throw new Forbidden();
  if (actor.scope.type === 'agency') return { agency: actor.scope.code };
  return { region: actor.scope.code };
}

/** The service pages' menu: village settings for a village office, the catalog for admin kabupaten. */
export function menuRights(actor: Actor | null): { villageSettings: boolean; catalog: boolean } {
  const village =
    actor?.kind === 'staff' && actor.scope.type === 'region' && scopeLevel(actor.scope.code) === 'village';
  return {
    villageSettings: village && mayServeVillage(actor, actor.scope.code),
    catalog: mayManageCatalog(actor),
  };
}
