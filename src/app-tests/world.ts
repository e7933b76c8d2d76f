import { seedComplaintReference } from '../modules/complaints/service.ts';
import {
  KRAMATWATU,
  makeVillageOffice,
  prepareServices,
  type VillageOffice,
} from '../modules/services/test-builders.ts';
import type { Ctx } from '../platform/context.ts';

/**
 * The reference data a test across modules starts from: the letter templates and service
 * catalogue, the complaint categories, and one village office (operator and kepala desa).
 */
export async function prepareWorld(ctx: Ctx, village = KRAMATWATU): Promise<VillageOffice> {
  await prepareServices(ctx);
  await seedComplaintReference(ctx);
  return makeVillageOffice(ctx, village);
}
