import type { Ctx } from '../../platform/context.ts';
import type { ErasureOutcome, PersonalDataProvider } from '../../platform/personal-data/index.ts';
import { dateString, eventsOf, residentByNik, toResident } from './repo.ts';

/**
 * The population registry is kept by law: the village keeps its residents' civil registration
 * data as Adminduk (UU 23/2006 as amended by UU 24/2013) requires, and UU 27/2022 lets data kept
 * under a legal duty stay. So nothing here is erased: the person's record, their family card
 * entry and the registry events are exported and kept, with that reason. Family members are
 * their own people: the export names the family card, never the other members.
 */
export const residentPersonalData: PersonalDataProvider = {
  label: 'residents.personalData.section',
  async export(ctx, nik) {
    const row = await residentByNik(ctx.db, nik);
    if (!row) return null;
    const resident = toResident(row);
    const family = await ctx.db
      .selectFrom('families')
      .select(['family_number', 'village_code', 'dusun', 'rw', 'rt', 'address', 'head_resident_id'])
      .where('family_number', '=', resident.familyNumber)
      .executeTakeFirst();
    const events = await eventsOf(ctx.db, resident.id);
    return {
      data: {
        resident,
        family: family
          ? {
              familyNumber: family.family_number,
              villageCode: family.village_code,
              dusun: family.dusun,
              rw: family.rw,
              rt: family.rt,
              address: family.address,
              isHead: family.head_resident_id === resident.id,
            }
          : null,
        // who recorded an event is an officer's id: the officer's data, not the resident's
        events: events.map((e) => ({
          kind: e.kind,
          date: dateString(e.event_date),
          detail: e.detail,
          recordedAt: e.recorded_at,
        })),
      },
      records: [{ entity: 'resident', id: resident.id }],
    };
  },
  async erase(ctx: Ctx, nik): Promise<ErasureOutcome> {
    const row = await residentByNik(ctx.db, nik);
    if (!row) return { erased: [], anonymised: [], kept: [] };
    const events = await eventsOf(ctx.db, row.id);
    return {
      erased: [],
      anonymised: [],
      kept: [
        { what: 'residents.personalData.record', count: 1, why: 'residents.personalData.keptWhy' },
        ...(events.length > 0
          ? [
              {
                what: 'residents.personalData.events',
                count: events.length,
                why: 'residents.personalData.keptWhy',
              },
            ]
          : []),
      ],
    };
  },
};
