import type { Ctx } from './context.ts';
import { handedOver } from './handed-over.ts';

/** What the platform needs to know of a resident to log them in and act as them. */
export interface ResidentEntry {
  id: string;
  nik: string;
  name: string;
  villageCode: string;
  familyNumber: string;
  /** still a living resident of the regency (status `hidup`): only they may log in or get a PIN */
  active: boolean;
}

/**
 * The population registry seen from the platform (resident login, PINs), handed to it by the
 * residents module when that module loads, like the region directory: the platform imports no module.
 */
export interface ResidentDirectory {
  findByNik(ctx: Ctx, nik: string): Promise<ResidentEntry | null>;
}

const handed = handedOver<ResidentDirectory>('resident directory', 'residents');
export const setResidentDirectory = handed.set;
export const residentDirectory = handed.get;
