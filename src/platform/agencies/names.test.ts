import { describe, expect, it } from 'vitest';
import { runWithRequestContext } from '../http/request-context.ts';
import { agencyLabel, agencyPlainName } from './names.ts';
import { DEFAULT_AGENCIES } from './service.ts';

function inEnglish<T>(work: () => T): T {
  let result: T | undefined;
  runWithRequestContext({ locale: 'en', actor: null, path: '/', flash: null, csrfToken: '' }, () => {
    result = work();
  });
  return result as T;
}

describe('agency names for residents', () => {
  it('gives every agency the regency starts with a plain name that is more than its acronym', () => {
    for (const agency of DEFAULT_AGENCIES) {
      const plain = agencyPlainName(agency);
      expect(plain, agency.code).not.toBe(agency.short_name);
      expect(plain.length, agency.code).toBeGreaterThan(agency.short_name.length + 5);
    }
  });

  it('renders the plain name with the acronym in brackets and then what the agency looks after, from the row or the code', () => {
    expect(agencyLabel('DPUPR')).toBe(
      'Dinas Pekerjaan Umum dan Penataan Ruang (DPUPR) — jalan, jembatan, saluran air',
    );
    expect(agencyLabel({ code: 'DLH', short_name: 'DLH', name: 'Dinas Lingkungan Hidup' })).toBe(
      'Dinas Lingkungan Hidup (DLH) — sampah, pencemaran',
    );
    expect(agencyLabel({ code: 'DINSOS', short_name: 'Dinsos' })).toBe(
      'Dinas Sosial (Dinsos) — bantuan sosial',
    );
  });

  it('speaks English on an English page', () => {
    expect(inEnglish(() => agencyLabel('DLH'))).toBe('Environment Office (DLH) — rubbish, pollution');
  });

  it('falls back to the official name of an agency an admin added later, and to its code without one', () => {
    expect(
      agencyLabel({ code: 'BPBD', short_name: 'BPBD', name: 'Badan Penanggulangan Bencana Daerah' }),
    ).toBe('Badan Penanggulangan Bencana Daerah (BPBD)');
    expect(agencyLabel('BPBD')).toBe('BPBD');
  });
});
