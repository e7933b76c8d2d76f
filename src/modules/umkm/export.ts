import type { Writable } from 'node:stream';
import { audit } from '../../platform/audit/service.ts';
import { mask } from '../../platform/auth/roles.ts';
import type { Ctx } from '../../platform/context.ts';
import { csvLine } from '../../platform/csv.ts';
import { t } from '../../platform/i18n/index.ts';
import { type Cell, xlsxWriter } from '../../platform/tabular/index.ts';
import { scaleOf, type TurnoverBand } from './domain.ts';
import { PERMIT_AND_SIZE_FIELDS } from './form.ts';
import { seesInFull } from './policy.ts';
import * as repo from './repo.ts';
import { type ListQuery, listFilter } from './service.ts';

export type ExportFormat = 'csv' | 'xlsx';

export const EXPORT_COLUMNS = [
  'kode_desa',
  'nama_usaha',
  'sektor',
  'kbli',
  'produk',
  'nama_pemilik',
  'nik_pemilik',
  ...PERMIT_AND_SIZE_FIELDS,
  'skala',
  'dusun',
  'telepon',
  'status',
] as const;

function cells(ctx: Ctx, row: repo.EnterpriseRow): Cell[] {
  const full = seesInFull(ctx.actor, {
    villageCode: row.village_code,
    ownerResidentId: row.owner_resident_id,
  });
  const band = row.turnover_band as TurnoverBand;
  return [
    row.village_code,
    row.name,
    row.kbli_category,
    row.kbli_code,
    row.products,
    row.owner_name,
    row.owner_nik ? (full ? row.owner_nik : mask(row.owner_nik)) : '',
    row.nib,
    row.pirt,
    row.halal,
    row.bpom,
    row.legal_form,
    row.institution,
    row.workers_male,
    row.workers_female,
    full ? t(`umkm.turnover.${band}`) : '',
    full ? t(`umkm.scale.${scaleOf(band)}`) : '',
    row.dusun,
    row.phone,
    row.status,
  ];
}

/**
 * The registry's list within the actor's scope (the same filter as the list page: `tanpa_nib=1`
 * gives the agency's "no NIB yet" list), decided and audited before the first byte is written.
 */
export async function prepareExport(ctx: Ctx, query: ListQuery) {
  const filter = listFilter(ctx, query);
  await audit(ctx, {
    action: 'read_personal',
    entity: 'umkm_export',
    entityId: filter.region ?? ctx.config.regencyCode,
    villageCode: filter.region ?? undefined,
    detail: { withoutNib: filter.withoutNib ?? false, sector: filter.sector ?? null },
  });
  const name = `umkm-${(filter.region ?? ctx.config.regencyCode).replaceAll('.', '')}${filter.withoutNib ? '-tanpa-nib' : ''}`;
  return {
    fileName: (format: ExportFormat) => `${name}.${format}`,
    async *rows(): AsyncGenerator<Cell[]> {
      for await (const row of repo.allEnterprises(ctx.db, filter)) yield cells(ctx, row);
    },
  };
}

export async function writeExport(
  prepared: Awaited<ReturnType<typeof prepareExport>>,
  format: ExportFormat,
  out: Writable,
): Promise<void> {
  if (format === 'xlsx') {
    const writer = await xlsxWriter(out, 'UMKM');
    await writer.row([...EXPORT_COLUMNS]);
    for await (const row of prepared.rows()) await writer.row(row);
    await writer.close();
    return;
  }
  out.write('\ufeff');
  out.write(csvLine([...EXPORT_COLUMNS]));
  for await (const row of prepared.rows()) out.write(csvLine(row));
  out.end();
}
