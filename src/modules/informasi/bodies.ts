import { agencyPlainName } from '../../platform/agencies/names.ts';
import { listAgencies } from '../../platform/agencies/service.ts';
import type { Ctx } from '../../platform/context.ts';
import { NotFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { findVillage, listVillages } from '../regions/service.ts';
import type { BodyRef } from './policy.ts';

/** A public body (badan publik): a village or an agency of the regency. */
export interface Body extends BodyRef {
  name: string;
  /** the village code for a village, null for an agency */
  villageCode: string | null;
}

const VILLAGE_CODE = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;

/** The body a code in a URL names: a village code (36.04.05.2001) or an agency code (DPUPR). */
export async function findBody(ctx: Ctx, code: string): Promise<Body | null> {
  if (VILLAGE_CODE.test(code)) {
    const village = await findVillage(ctx, code);
    if (!village || village.code !== code) return null;
    return {
      kind: 'village',
      code,
      villageCode: code,
      name: t('informasi.body.village', { name: village.name, kecamatan: village.kecamatanName }),
    };
  }
  if (!/^[A-Z0-9_]{2,40}$/.test(code)) return null;
  const agency = (await listAgencies(ctx)).find((a) => a.code === code);
  return agency ? { kind: 'agency', code, villageCode: null, name: agencyPlainName(agency) } : null;
}

export async function getBody(ctx: Ctx, code: string): Promise<Body> {
  const body = await findBody(ctx, code);
  if (!body) throw new NotFound(t('informasi.error.noBody'));
  return body;
}

/** Every body, agencies first, for the filter of the public list. */
export async function listBodies(ctx: Ctx): Promise<Array<{ code: string; name: string }>> {
  const [agencies, villages] = await Promise.all([listAgencies(ctx), listVillages(ctx)]);
  return [
    ...agencies.map((a) => ({ code: a.code, name: agencyPlainName(a) })),
    ...villages.map((v) => ({
      code: v.code,
      name: t('informasi.body.village', { name: v.name, kecamatan: v.kecamatanName }),
    })),
  ];
}

/** The short form of a body's code in a registration number: 36.04.05.2001 → 3604052001. */
export function numberPart(body: BodyRef): string {
  return body.code.replaceAll('.', '');
}
