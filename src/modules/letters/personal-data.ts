import type { ErasureOutcome, PersonalDataProvider } from '../../platform/personal-data/index.ts';
import './schema.ts';

/**
 * Letters issued about the person. An issued letter is an official record of the village or
 * agency that issued it: its register is an archive kept under UU 43/2009 (Kearsipan) and anyone
 * holding the letter may check it at /verifikasi, so the letter, its number and its PDF are kept.
 */
export const letterPersonalData: PersonalDataProvider = {
  label: 'letters.personalData.section',
  async export(ctx, nik) {
    const letters = await ctx.db
      .selectFrom('letters')
      .select([
        'id',
        'number',
        'title',
        'service_slug',
        'issuer',
        'village_code',
        'subject_name',
        'subject_nik',
        'issued_at',
        'valid_until',
        'verification_code',
      ])
      .where('subject_nik', '=', nik)
      .orderBy('issued_at')
      .execute();
    if (letters.length === 0) return null;
    return {
      data: {
        letters: letters.map((l) => ({
          number: l.number,
          title: l.title,
          service: l.service_slug,
          issuer: l.issuer,
          villageCode: l.village_code,
          subjectName: l.subject_name,
          subjectNik: l.subject_nik,
          issuedAt: l.issued_at,
          validUntil: l.valid_until,
          verificationCode: l.verification_code,
        })),
      },
      records: letters.map((l) => ({ entity: 'letter', id: l.id })),
    };
  },
  async erase(ctx, nik): Promise<ErasureOutcome> {
    const row = await ctx.db
      .selectFrom('letters')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('subject_nik', '=', nik)
      .executeTakeFirstOrThrow();
    const count = Number(row.n);
    return {
      erased: [],
      anonymised: [],
      kept:
        count > 0
          ? [{ what: 'letters.personalData.letters', count, why: 'letters.personalData.keptWhy' }]
          : [],
    };
  },
};
