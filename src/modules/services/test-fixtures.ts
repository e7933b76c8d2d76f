import { expect } from 'vitest';
import type { ResidentActor } from '../../platform/auth/roles.ts';
import { type Ctx, withActor } from '../../platform/context.ts';
import { approveStep, startRequest } from './service.ts';
import { makeApplicant, makeVillageOffice, requestInput, type VillageOffice } from './test-builders.ts';

// The letter requests and village desks that the tests of the queues, the dashboards and the
// letters set up alike (the builders they are made of are in test-builders.ts).

/** A village office and one resident of the village who applies, registered by its operator. */
export interface Desk {
  office: VillageOffice;
  applicant: ResidentActor;
}

/** A desk in each of `villages`, made in that order. */
export async function villageDesks(ctx: Ctx, villages: readonly string[]): Promise<Record<string, Desk>> {
  const desks: Record<string, Desk> = {};
  for (const village of villages) {
    const office = await makeVillageOffice(ctx, village);
    desks[village] = { office, applicant: await makeApplicant(ctx, office.operator) };
  }
  return desks;
}

/** A certificate of domicile filed by `applicant` with both attachments: its id, at the operator's check. */
export async function fileDomicileRequest(ctx: Ctx, applicant: ResidentActor): Promise<string> {
  const outcome = await startRequest(
    withActor(ctx, applicant),
    'keterangan-domisili',
    await requestInput({ keperluan: 'Membuka rekening bank' }, { attachments: ['foto_ktp', 'pengantar_rt'] }),
  );
  expect(outcome.problems).toEqual({});
  return outcome.id;
}

/**
 * A certificate of domicile filed at the desk now, checked by the operator at once and signed by the
 * kepala desa `days` later (the clock is moved on that far): its id.
 */
export async function signedAfter(
  ctx: Ctx,
  clock: { advance(ms: number): void },
  desk: Desk,
  days: number,
): Promise<string> {
  const id = await fileDomicileRequest(ctx, desk.applicant);
  await approveStep(withActor(ctx, desk.office.operator), id);
  clock.advance(days * 86_400_000);
  await approveStep(withActor(ctx, desk.office.kades), id);
  return id;
}
