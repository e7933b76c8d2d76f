import type { Ctx } from '../../platform/context.ts';
import { type RequestInput, submitRequest } from './service.ts';

export const KRAMATWATU = '36.04.05.2001';
export const KIBIN = '36.04.16.2001';

/** A valid request from someone who left a phone number. */
export function requestInput(overrides: Partial<RequestInput> = {}): RequestInput {
  return {
    name: 'Ahmad Fauzi',
    idKind: 'nik',
    idNumber: '3604051203900007',
    address: 'Kp. Kramat RT 02/03, Kramatwatu',
    phone: '081234567890',
    information: 'Salinan APBDes tahun 2026 beserta rincian belanja bidang pembangunan.',
    purpose: 'Pengawasan penggunaan dana desa oleh karang taruna.',
    delivery: 'softcopy',
    copyMethod: 'ambil',
    ...overrides,
  };
}

export function fileRequest(ctx: Ctx, body = KRAMATWATU, overrides: Partial<RequestInput> = {}) {
  return submitRequest(ctx, body, requestInput(overrides));
}

/** The first bytes of a real PDF, enough for the content check. */
export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
