import { audit } from '../audit/service.ts';
import { canOnItem } from '../auth/policy.ts';
import type { Ctx } from '../context.ts';
import { Forbidden, Invalid, NotFound } from '../http/errors.ts';
import { t } from '../i18n/index.ts';

/** The regency's agencies (OPD) that receive complaints and own services. Data, not code: admin may add more. */
export const DEFAULT_AGENCIES = [
  {
    code: 'DPUPR',
    short_name: 'DPUPR',
    name: 'Dinas Pekerjaan Umum dan Penataan Ruang',
    field: 'jalan, jembatan, drainase',
  },
  { code: 'DINSOS', short_name: 'Dinsos', name: 'Dinas Sosial', field: 'bantuan sosial' },
  { code: 'DINKES', short_name: 'Dinkes', name: 'Dinas Kesehatan', field: 'kesehatan, posyandu' },
  {
    code: 'DISDUKCAPIL',
    short_name: 'Disdukcapil',
    name: 'Dinas Kependudukan dan Pencatatan Sipil',
    field: 'dokumen kependudukan',
  },
  {
    code: 'DPMD',
    short_name: 'DPMD',
    name: 'Dinas Pemberdayaan Masyarakat dan Desa',
    field: 'pemerintahan desa',
  },
  { code: 'DISNAKER', short_name: 'Disnaker', name: 'Dinas Tenaga Kerja', field: 'ketenagakerjaan' },
  {
    code: 'DISKOMINFOSATIK',
    short_name: 'Diskominfosatik',
    name: 'Dinas Komunikasi, Informatika, Persandian dan Statistik',
    field: 'informasi publik',
  },
  { code: 'DLH', short_name: 'DLH', name: 'Dinas Lingkungan Hidup', field: 'sampah, lingkungan' },
  { code: 'DISHUB', short_name: 'Dishub', name: 'Dinas Perhubungan', field: 'lalu lintas, penerangan jalan' },
  {
    code: 'BAPPEDA',
    short_name: 'Bappeda',
    name: 'Badan Perencanaan Pembangunan Daerah',
    field: 'perencanaan',
  },
  {
    code: 'DISKOPERINDAG',
    short_name: 'Diskoperindag',
    name: 'Dinas Koperasi, Usaha Kecil dan Menengah, Perindustrian dan Perdagangan',
    field: 'koperasi, UMKM, industri, perdagangan',
  },
];

export async function seedAgencies(ctx: Ctx): Promise<void> {
  await ctx.db
    .insertInto('agencies')
    .values(DEFAULT_AGENCIES)
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

export async function listAgencies(ctx: Ctx) {
  return ctx.db.selectFrom('agencies').selectAll().orderBy('short_name').execute();
}

/**
 * Sets the e-mail of an agency's head (kepala dinas), where overdue complaints are escalated;
 * admin kabupaten only.
 */
export async function setAgencyHeadEmail(ctx: Ctx, code: string, email: string): Promise<void> {
  if (!canOnItem(ctx.actor, 'manage')) throw new Forbidden(t('agencies.onlyAdmin'));
  const value = email.trim();
  if (value && !/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(value))
    throw new Invalid({ [`head_${code}`]: t('agencies.emailInvalid') });
  const result = await ctx.db
    .updateTable('agencies')
    .set({ head_email: value || null })
    .where('code', '=', code)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new NotFound(t('agencies.notFound'));
  await audit(ctx, {
    action: 'agency_head_email',
    entity: 'agency',
    entityId: code,
    detail: { email: value || null },
  });
}
