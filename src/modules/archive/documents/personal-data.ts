import type { PersonalDataProvider } from '../../../platform/personal-data/index.ts';
import * as repo from './repo.ts';

/**
 * Archive documents are about the village, not filed by person, but their text may name one: the
 * export lists the documents whose text holds the NIK; an erasure keeps them (archives are kept by
 * their retention schedule, UU 43/2009) and says so.
 */
export const archivePersonalData: PersonalDataProvider = {
  label: 'archiveDocuments.personal.label',
  async export(ctx, nik) {
    const rows = await repo.holdingText(ctx.db, nik);
    if (rows.length === 0) return null;
    return {
      data: rows.map((r) => ({
        title: r.title,
        number: r.number,
        date: r.document_date,
        village: r.village_code,
      })),
      records: rows.map((r) => ({ entity: 'archive_document', id: r.id })),
    };
  },
  async erase(ctx, nik) {
    const rows = await repo.holdingText(ctx.db, nik);
    return {
      erased: [],
      anonymised: [],
      kept:
        rows.length > 0
          ? [
              {
                what: 'archiveDocuments.personal.kept',
                count: rows.length,
                why: 'archiveDocuments.personal.keptWhy',
              },
            ]
          : [],
    };
  },
};
