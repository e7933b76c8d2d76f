import { mayReadFigures, scopeLevel } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { type FigureDefinition, homeRegion } from '../../platform/figures/index.ts';
import { Forbidden, Invalid } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { listVillages } from '../regions/service.ts';
import { isPeriod } from './registry.ts';
import * as repo from './repo.ts';
import { STATUSES } from './service.ts';

const regionOrAll = (ctx: Ctx, region: string) => (region === ctx.config.regencyCode ? null : region);

export const aidFigures: FigureDefinition[] = [
  {
    name: 'aid.recipientFamilies',
    label: 'aid.figures.recipientFamilies',
    unit: 'family',
    details: '/kelola/bansos/angka',
    async compute(ctx, region) {
      return { value: await repo.recipientFamilies(ctx.db, regionOrAll(ctx, region)), asOf: ctx.clock.now() };
    },
  },
  {
    name: 'aid.applicationsOpen',
    label: 'aid.figures.applicationsOpen',
    unit: 'request',
    details: '/kelola/bansos/angka',
    async compute(ctx, region) {
      return { value: await repo.openApplications(ctx.db, regionOrAll(ctx, region)), asOf: ctx.clock.now() };
    },
  },
];

export interface FiguresRow {
  code: string;
  name: string;
  recipients: Record<string, number>;
  applications: Record<string, number>;
}

/**
 * Recipients by programme and applications by status, one row per village of a kecamatan or per
 * kecamatan of the regency. No person is in it: whoever reads the region's figures may read it.
 */
export async function figuresTable(ctx: Ctx, input: { region?: string; period?: string }) {
  const actor = ctx.actor;
  const home = homeRegion(ctx);
  const region = input.region || home;
  const level = scopeLevel(region);
  if (!level) throw new Invalid({ wilayah: t('aid.error.region') });
  if (!mayReadFigures(actor, region)) throw new Forbidden(t('aid.error.figuresOutOfScope'));
  const period = input.period && isPeriod(input.period) ? input.period : null;
  const villages = (await listVillages(ctx)).filter(
    (v) => v.code === region || v.code.startsWith(`${region}.`),
  );
  const byKecamatan = level === 'regency';
  const groupOf = (code: string) => (byKecamatan ? code.split('.').slice(0, 3).join('.') : code);
  const names = new Map<string, string>();
  for (const v of villages)
    names.set(byKecamatan ? v.kecamatanCode : v.code, byKecamatan ? `Kec. ${v.kecamatanName}` : v.name);
  const [recipients, applications, programmes] = await Promise.all([
    repo.recipientsByVillage(ctx.db, regionOrAll(ctx, region), period),
    repo.applicationsByVillage(ctx.db, regionOrAll(ctx, region)),
    repo.programmesFor(ctx.db, null),
  ]);
  const rows = new Map<string, FiguresRow>();
  const rowOf = (code: string) => {
    const key = groupOf(code);
    let row = rows.get(key);
    if (!row) {
      row = { code: key, name: names.get(key) ?? key, recipients: {}, applications: {} };
      rows.set(key, row);
    }
    return row;
  };
  for (const r of recipients) {
    const row = rowOf(r.village_code);
    row.recipients[r.programme_code] = (row.recipients[r.programme_code] ?? 0) + Number(r.n);
  }
  for (const a of applications) {
    const row = rowOf(a.village_code);
    row.applications[a.status] = (row.applications[a.status] ?? 0) + Number(a.n);
  }
  const codes = [...new Set(programmes.map((p) => p.code))].filter((c) =>
    [...rows.values()].some((r) => r.recipients[c]),
  );
  return {
    region,
    period,
    programmeCodes: codes,
    statuses: STATUSES,
    rows: [...rows.values()].sort((a, b) => a.code.localeCompare(b.code)),
  };
}

export type FiguresTable = Awaited<ReturnType<typeof figuresTable>>;

export function tableHeader(table: FiguresTable): string[] {
  return [
    t('aid.figures.region'),
    ...table.programmeCodes,
    ...table.statuses.map((s) => t(`aid.status.${s}`)),
  ];
}

export function tableCells(table: FiguresTable, row: FiguresRow): Array<string | number> {
  return [
    row.name,
    ...table.programmeCodes.map((c) => row.recipients[c] ?? 0),
    ...table.statuses.map((s) => row.applications[s] ?? 0),
  ];
}
