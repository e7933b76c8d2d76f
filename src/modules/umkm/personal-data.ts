import type { Ctx } from '../../platform/context.ts';
import type { ErasureOutcome, PersonalDataProvider } from '../../platform/personal-data/index.ts';
import * as repo from './repo.ts';
import { indexEnterprise } from './search.ts';

/**
 * The enterprises a person owns (by their NIK). Erasure anonymises the owner (name, NIK, contact,
 * address; off the showcase): the enterprise itself stays counted in the village's figures, which
 * hold no person.
 */
export const umkmPersonalData: PersonalDataProvider = {
  label: 'umkm.personal.label',
  async export(ctx: Ctx, nik: string) {
    const rows = await repo.byOwnerNik(ctx.db, nik);
    if (rows.length === 0) return null;
    return {
      data: {
        enterprises: rows.map((r) => ({
          villageCode: r.village_code,
          name: r.name,
          status: r.status,
          sector: r.kbli_category,
          kbli: r.kbli_code,
          products: r.products,
          nib: r.nib,
          turnoverBand: r.turnover_band,
          address: r.address,
          phone: r.phone,
          email: r.email,
          publish: r.publish,
        })),
      },
      records: rows.map((r) => ({ entity: 'umkm_enterprise', id: r.id })),
    };
  },
  async erase(ctx: Ctx, nik: string): Promise<ErasureOutcome> {
    const rows = await repo.byOwnerNik(ctx.db, nik);
    for (const r of rows) {
      await repo.anonymiseOwner(ctx.db, r.id, ctx.clock.now());
      await indexEnterprise(ctx, r.id);
    }
    return {
      erased: [],
      anonymised: rows.length > 0 ? [{ what: 'umkm.personal.enterprises', count: rows.length }] : [],
      kept: [],
    };
  },
};
