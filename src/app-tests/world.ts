import { beforeEach } from 'vitest';
import { seedComplaintReference } from '../modules/complaints/service.ts';
import {
  type Desk,
  KRAMATWATU,
  makeApplicant,
  makeVillageOffice,
  prepareServices,
  type VillageOffice,
} from '../modules/services/test-builders.ts';
import type { Ctx } from '../platform/context.ts';
import { buildTestApp, eachTestOnClock } from '../testing.ts';

/**
 * The reference data a test across modules starts from: the letter templates and service
 * catalogue, the complaint categories, and one village office (operator and kepala desa).
 */
export async function prepareWorld(ctx: Ctx, village = KRAMATWATU): Promise<VillageOffice> {
  await prepareServices(ctx);
  await seedComplaintReference(ctx);
  return makeVillageOffice(ctx, village);
}

/**
 * A fixed clock and a test app per test on it (eachTestOnClock), each test then starting from
 * `prepareWorld` and one resident of Kramatwatu who applies: the desk's office and applicant,
 * filled in again before every test.
 */
export function eachTestInWorld(start: string) {
  const { clock, test } = eachTestOnClock(start, buildTestApp, 180_000);
  const desk = {} as Desk;
  beforeEach(async () => {
    desk.office = await prepareWorld(test.ctx);
    desk.applicant = await makeApplicant(test.ctx, desk.office.operator);
  }, 180_000);
  return { clock, test, desk };
}
