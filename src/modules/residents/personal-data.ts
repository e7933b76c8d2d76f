import type { Ctx } from '../../platform/context.ts';
import { deleteFile } from '../../platform/files/index.ts';
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
    const corrections = await correctionsAbout(ctx, resident.id);
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
        // the person's correction requests (asked by them or a family member), without the officer
        corrections: corrections.map((c) => ({
          state: c.state,
          items: c.items,
          note: c.note,
          hasPhoto: c.photo_file_id !== null,
          contactPhone: c.contact_phone,
          reason: c.reason,
          createdAt: c.created_at,
          decidedAt: c.decided_at,
        })),
      },
      records: [{ entity: 'resident', id: resident.id }],
    };
  },
  async erase(ctx: Ctx, nik): Promise<ErasureOutcome> {
    const row = await residentByNik(ctx.db, nik);
    if (!row) return { erased: [], anonymised: [], kept: [] };
    const events = await eventsOf(ctx.db, row.id);
    // a correction request is part of the registry's history; its photo and phone number are not
    const corrections = await correctionsAbout(ctx, row.id);
    const photos = corrections.filter((c) => c.photo_file_id !== null);
    for (const c of photos) await deleteFile(ctx, c.photo_file_id!);
    if (corrections.length > 0)
      await ctx.db
        .updateTable('resident_corrections')
        .set({ photo_file_id: null, contact_phone: null })
        .where('resident_id', '=', row.id)
        .execute();
    return {
      erased:
        photos.length > 0 ? [{ what: 'residents.personalData.correctionPhotos', count: photos.length }] : [],
      anonymised:
        corrections.length > 0
          ? [{ what: 'residents.personalData.corrections', count: corrections.length }]
          : [],
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

async function correctionsAbout(ctx: Ctx, residentId: string) {
  return ctx.db
    .selectFrom('resident_corrections')
    .select([
      'state',
      'items',
      'note',
      'photo_file_id',
      'contact_phone',
      'reason',
      'created_at',
      'decided_at',
    ])
    .where('resident_id', '=', residentId)
    .orderBy('created_at')
    .execute();
}
