import { canOnItem, type Item, scopeLevel } from '../../platform/auth/policy.ts';
import type { Actor } from '../../platform/auth/roles.ts';

/**
 * Who may read what of issued letters. A letter is a record of its village, issued by the village
 * office or an agency; its PDF carries the full NIK, so it is for those who see personal data:
 * the issuer, the village office, admin kabupaten, and the applicant. Whichever route serves the
 * PDF asks this one question.
 */
export function letterItem(
  letter: { village_code: string; issuer: string },
  applicantId?: string | null,
): Item {
  return {
    villageCode: letter.village_code,
    handler: scopeLevel(letter.issuer)
      ? { kind: 'village', code: letter.issuer }
      : { kind: 'agency', code: letter.issuer },
    subject: applicantId ? { residentId: applicantId } : null,
  };
}

export function mayReadLetterPdf(actor: Actor | null, item: Item): boolean {
  return canOnItem(actor, 'view_personal', item);
}

/** The outgoing register: records of the village, names and NIK in full for those who see personal data. */
export function mayReadRegister(actor: Actor | null, villageCode: string): boolean {
  return canOnItem(actor, 'view_record', { villageCode });
}

export function seesRegisterInFull(actor: Actor | null, villageCode: string): boolean {
  return canOnItem(actor, 'view_personal', { villageCode });
}

/** Letterhead, signatory and numbering of the village: its office. */
export function mayConfigureLetters(actor: Actor | null, villageCode: string): boolean {
  return canOnItem(actor, 'edit', { villageCode });
}
