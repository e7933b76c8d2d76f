import { type Action, assertOnItem, canOnItem, type Item, scopeLevel } from '../../platform/auth/policy.ts';
import type { Actor } from '../../platform/auth/roles.ts';

/**
 * Who may do what with the population registry. A person or a family card is a record of its
 * village (the person and their family see their own); statistics are figures of a region.
 * Agency officers read figures only: no record here is ever routed to an agency.
 */
export function residentItem(resident: { id: string; villageCode: string; familyNumber: string }): Item {
  return {
    villageCode: resident.villageCode,
    subject: { residentId: resident.id, familyNumber: resident.familyNumber },
  };
}

export function familyItem(family: { villageCode: string; familyNumber: string }): Item {
  return { villageCode: family.villageCode, subject: { familyNumber: family.familyNumber } };
}

const messages: Partial<Record<Action, string>> = {
  view_record: 'Data penduduk ini di luar cakupan Anda.',
  edit: 'Anda tidak dapat mengubah data penduduk desa ini.',
  view_figures: 'Wilayah ini di luar cakupan Anda.',
  view_personal: 'Ekspor data pribadi hanya untuk petugas desa yang bersangkutan.',
};

export function assertRegistry(actor: Actor | null, action: Action, item: Item): void {
  assertOnItem(actor, action, item, messages[action]);
}

/** NIK and No. KK in full: the village's own office, admin kabupaten, the person and their family. */
export function seesInFull(actor: Actor | null, item: Item): boolean {
  return canOnItem(actor, 'view_personal', item);
}

export function mayKeepRegistry(actor: Actor | null, villageCode: string): boolean {
  return canOnItem(actor, 'edit', { villageCode });
}

export function mayReadVillageRecords(actor: Actor | null, villageCode: string): boolean {
  return canOnItem(actor, 'view_record', { villageCode });
}

export function mayReadFigures(actor: Actor | null, regionCode: string): boolean {
  return canOnItem(actor, 'view_figures', { villageCode: regionCode });
}

/** A resident asks to correct their own record or a family member's: the records they may read. */
export function mayRequestCorrection(actor: Actor | null, item: Item): boolean {
  return actor?.kind === 'resident' && canOnItem(actor, 'view_record', item);
}

/** Correction requests are read by whoever reads the person's record (the camat masked). */
export function seesCorrectionOf(actor: Actor | null, item: Item): boolean {
  return actor?.kind === 'staff' && canOnItem(actor, 'view_record', item);
}

/** Applying or refusing one is keeping the village's registry. */
export function mayDecideCorrection(actor: Actor | null, villageCode: string): boolean {
  return actor?.kind === 'staff' && canOnItem(actor, 'edit', { villageCode });
}

/** The work queue counts them for the office of one village that keeps its registry. */
export function mayDecideCorrectionsOf(actor: Actor & { kind: 'staff' }): boolean {
  return (
    actor.scope.type === 'region' &&
    scopeLevel(actor.scope.code) === 'village' &&
    mayDecideCorrection(actor, actor.scope.code)
  );
}
