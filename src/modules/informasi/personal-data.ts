import type { Ctx } from '../../platform/context.ts';
import type { ErasureOutcome, PersonalDataProvider } from '../../platform/personal-data/index.ts';
import * as repo from './repo.ts';

/**
 * The requests filed with this NIK as the requester's ID. On erasure the requester's identity
 * (name, ID number, address, phone, e-mail) goes while the request, its answer and its history
 * stay: they are the body's record of its public information service, which UU 14/2008 pasal 7
 * and the annual report it requires (Perki 1/2021 pasal 36, Perki 1/2018) keep it accountable for.
 */
export const informasiPersonalData: PersonalDataProvider = {
  label: 'informasi.personalData.section',
  async export(ctx: Ctx, nik: string) {
    const rows = await repo.selectRequestsByIdNumber(ctx.db, nik);
    if (rows.length === 0) return null;
    return {
      data: rows.map((r) => ({
        number: r.number,
        body: r.body_code,
        name: r.name,
        idNumber: r.id_number,
        address: r.address,
        phone: r.phone,
        email: r.email,
        information: r.information,
        purpose: r.purpose,
        delivery: r.delivery,
        copyMethod: r.copy_method,
        receivedAt: r.received_at.toISOString(),
        state: r.state,
        decidedAt: r.decided_at?.toISOString() ?? null,
        answer: r.answer_note,
      })),
      records: rows.map((r) => ({ entity: 'informasi_request', id: r.id })),
    };
  },
  async erase(ctx: Ctx, nik: string): Promise<ErasureOutcome> {
    const rows = await repo.selectRequestsByIdNumber(ctx.db, nik);
    for (const row of rows)
      await repo.updateRequest(ctx.db, row.id, {
        name: '—',
        id_kind: 'lain',
        id_number: null,
        address: null,
        phone: null,
        email: null,
      });
    return {
      erased: [],
      anonymised: rows.length > 0 ? [{ what: 'informasi.personalData.requesters', count: rows.length }] : [],
      kept:
        rows.length > 0
          ? [
              {
                what: 'informasi.personalData.requests',
                count: rows.length,
                why: 'informasi.personalData.whyKept',
              },
            ]
          : [],
    };
  },
};
