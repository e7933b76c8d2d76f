import type { IncomingInput, OutgoingInput } from './service.ts';

export { KIBIN, KRAMATWATU } from '../residents/test-builders.ts';

/** The first bytes of a real PDF, enough for the content check. */
export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** A letter from the kecamatan received today (2 December 2026 in the tests' clock). */
export function incomingInput(overrides: Partial<IncomingInput> = {}): IncomingInput {
  return {
    receivedOn: '2026-12-02',
    letterNumber: '400.10.2.2/118/Kec.Kramatwatu/2026',
    letterDate: '2026-11-30',
    sender: 'Camat Kramatwatu',
    subject: 'Undangan rapat koordinasi pendataan penduduk rentan',
    classificationCode: '400.12.2.4',
    ...overrides,
  };
}

export function outgoingInput(overrides: Partial<OutgoingInput> = {}): OutgoingInput {
  return {
    letterNumber: '400.10.2.3/007/Ds-Kramatwatu/XII/2026',
    letterDate: '2026-12-01',
    recipient: 'Ketua BPD Kramatwatu',
    subject: 'Undangan musyawarah desa',
    classificationCode: '400.10.2.3',
    ...overrides,
  };
}
