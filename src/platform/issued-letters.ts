import type { Ctx } from './context.ts';
import { handedOver } from './handed-over.ts';

/** A letter numbered and issued through a service, as the outgoing register lists it. */
export interface IssuedLetter {
  id: string;
  number: string;
  title: string;
  issuedAt: Date;
  /** masked unless the reader may see the register in full */
  subjectName: string;
  verificationCode: string;
}

/**
 * The issued letters seen from another module (the archive's outgoing register), handed to the
 * platform by the letters module when it loads: the archive reads them without importing letters,
 * which itself reads the archive's classification list, so the arrows between them run one way.
 */
export interface IssuedLetterRegister {
  /** every letter of a region (a village or a kecamatan) issued in a year, scope checked and audited */
  ofYear(ctx: Ctx, region: string, year: number): Promise<IssuedLetter[]>;
}

const handed = handedOver<IssuedLetterRegister>('issued-letter register', 'letters');
export const setIssuedLetterRegister = handed.set;
export const issuedLetterRegister = handed.get;
