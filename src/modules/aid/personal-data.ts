import type { Ctx } from '../../platform/context.ts';
import type { ErasureOutcome, PersonalDataProvider } from '../../platform/personal-data/index.ts';
import * as repo from './repo.ts';
import { OPEN_STATUSES } from './service.ts';

/**
 * A person's applications (filed with their NIK) and registry entries under their NIK. Erasure
 * clears the phone and the written reasons of decided applications; the decisions, the entries and
 * their histories stay as the record of how state and village funds were spent (UU 17/2003,
 * Permensos 3/2021), and an application still in process stays whole: an office owes its answer.
 */
export const aidPersonalData: PersonalDataProvider = {
  label: 'aid.personal.label',
  async export(ctx: Ctx, nik: string) {
    const applications = await repo.applicationsByNik(ctx.db, nik);
    const entries = await repo.beneficiariesByNik(ctx.db, nik);
    if (applications.length === 0 && entries.length === 0) return null;
    const history = async (id: string) =>
      (await repo.applicationEvents(ctx.db, id)).map((e) => ({
        status: e.status,
        note: e.note,
        at: e.at,
        by: e.actor_kind,
      }));
    return {
      data: {
        applications: await Promise.all(
          applications.map(async (a) => ({
            code: a.code,
            programme: a.programme_name,
            status: a.status,
            reason: a.reason,
            phone: a.phone,
            submittedAt: a.submitted_at,
            disbursedOn: a.disbursed_on,
            amount: a.amount,
            goods: a.goods,
            history: await history(a.id),
          })),
        ),
        beneficiaries: await Promise.all(
          entries.map(async (b) => ({
            programme: b.programme_name,
            period: b.period,
            active: b.active,
            stoppedReason: b.stopped_reason,
            history: (await repo.beneficiaryEvents(ctx.db, b.id)).map((e) => ({
              kind: e.kind,
              onDate: e.on_date,
              amount: e.amount,
              goods: e.goods,
              at: e.at,
            })),
          })),
        ),
      },
      records: [
        ...applications.map((a) => ({ entity: 'aid_application', id: a.id })),
        ...entries.map((b) => ({ entity: 'aid_beneficiary', id: b.id })),
      ],
    };
  },
  async erase(ctx: Ctx, nik: string): Promise<ErasureOutcome> {
    const applications = await repo.applicationsByNik(ctx.db, nik);
    const decided = applications.filter((a) => !OPEN_STATUSES.includes(a.status));
    for (const a of decided) await repo.clearApplicationContact(ctx.db, a.id, ctx.clock.now());
    const entries = await repo.beneficiariesByNik(ctx.db, nik);
    const open = applications.length - decided.length;
    const kept = [];
    if (decided.length > 0)
      kept.push({
        what: 'aid.personal.decided',
        count: decided.length,
        why: 'aid.personal.whyAccountability',
      });
    if (open > 0) kept.push({ what: 'aid.personal.open', count: open, why: 'aid.personal.whyOpen' });
    if (entries.length > 0)
      kept.push({
        what: 'aid.personal.entries',
        count: entries.length,
        why: 'aid.personal.whyAccountability',
      });
    return {
      erased: [],
      anonymised: decided.length > 0 ? [{ what: 'aid.personal.contact', count: decided.length }] : [],
      kept,
    };
  },
};
