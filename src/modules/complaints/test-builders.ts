import type { Ctx } from '../../platform/context.ts';
import { type ReportInput, submitReport } from './service.ts';

export const KRAMATWATU = '36.04.05.2001';
export const MARGASANA = '36.04.05.2002';
export const KIBIN = '36.04.16.2001';

let ipCounter = 0;

/** A valid damaged-road report; each call comes from its own IP address unless told otherwise. */
export function roadReport(overrides: Partial<ReportInput> = {}): ReportInput {
  ipCounter++;
  return {
    source: 'web',
    categoryCode: 'JALAN_RUSAK',
    villageCode: KRAMATWATU,
    title: 'Jalan berlubang di depan pasar',
    description: 'Lubang besar sedalam 30 cm, sudah dua motor jatuh minggu ini.',
    details: { panjang_km: '0,4', lebar_m: '6', status_jalan: 'kabupaten' },
    lat: -6.0581,
    lng: 106.1106,
    ip: `10.0.${Math.floor(ipCounter / 250)}.${ipCounter % 250}`,
    ...overrides,
  };
}

export function fileRoadReport(ctx: Ctx, overrides: Partial<ReportInput> = {}) {
  return submitReport(ctx, roadReport(overrides));
}
