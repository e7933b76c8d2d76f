import { audit } from '../audit/service.ts';
import { canOnItem } from '../auth/policy.ts';
import type { Ctx } from '../context.ts';
import { Forbidden, Invalid, NotFound } from '../http/errors.ts';
import { t } from '../i18n/index.ts';

/** The regency's agencies (OPD) that receive complaints and own services. Data, not code: admin may add more. */
export const DEFAULT_AGENCIES = (
  [
    // code, short name, name, field (what its complaints are about)
    ['DPUPR', 'DPUPR', 'Dinas Pekerjaan Umum dan Penataan Ruang', 'jalan, jembatan, drainase'],
    ['DINSOS', 'Dinsos', 'Dinas Sosial', 'bantuan sosial'],
    ['DINKES', 'Dinkes', 'Dinas Kesehatan', 'kesehatan, posyandu'],
    ['DISDUKCAPIL', 'Disdukcapil', 'Dinas Kependudukan dan Pencatatan Sipil', 'dokumen kependudukan'],
    ['DPMD', 'DPMD', 'Dinas Pemberdayaan Masyarakat dan Desa', 'pemerintahan desa'],
    ['DISNAKER', 'Disnaker', 'Dinas Tenaga Kerja', 'ketenagakerjaan'],
    [
      'DISKOMINFOSATIK',
      'Diskominfosatik',
      'Dinas Komunikasi, Informatika, Persandian dan Statistik',
      'informasi publik',
    ],
    ['DLH', 'DLH', 'Dinas Lingkungan Hidup', 'sampah, lingkungan'],
    ['DISHUB', 'Dishub', 'Dinas Perhubungan', 'lalu lintas, penerangan jalan'],
    ['BAPPEDA', 'Bappeda', 'Badan Perencanaan Pembangunan Daerah', 'perencanaan'],
    [
      'DISKOPERINDAG',
      'Diskoperindag',
      'Dinas Koperasi, Usaha Kecil dan Menengah, Perindustrian dan Perdagangan',
      'koperasi, UMKM, industri, perdagangan',
    ],
  ] as const
).map(([code, short_name, name, field]) => ({ code, short_name, name, field }));

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
