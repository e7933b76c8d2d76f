import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/context.ts';
import { formatDateTime } from '../../platform/i18n/index.ts';
import { buildTestApp, loginAsNewStaff, type TestApp, type Visitor } from '../../testing.ts';
import { refreshComplaintRollup, seedComplaintReference } from '../complaints/service.ts';
import { fileRoadReport } from '../complaints/test-builders.ts';
import { KRAMATWATU } from '../residents/test-builders.ts';
import { refreshSpeedRollup } from '../services/service.ts';

let test: TestApp;
let clock: ReturnType<typeof fixedClock>;
let admin: Visitor;

beforeAll(async () => {
  clock = fixedClock('2026-11-20T02:00:00Z');
  test = await buildTestApp({ clock });
  await seedComplaintReference(test.ctx);
  await fileRoadReport(test.ctx, { villageCode: KRAMATWATU });
  admin = await loginAsNewStaff(test, { role: 'admin_kabupaten', scope: '36.04' });
}, 120_000);
afterAll(() => test.close());

describe('how fresh the rollup-backed pages say they are', () => {
  it('says every figure is counted live before the first refresh', async () => {
    for (const page of ['layanan', 'pengaduan']) {
      const body = (await admin.get(`/kelola/statistik/${page}?dari=2026-11-01&sampai=2026-11-20`)).body;
      expect(body).toContain('Rekap harian belum dihitung');
    }
  });

  it('gives the time of the last refresh and counts the report filed after it', async () => {
    clock.set('2026-11-20T03:15:00Z');
    await refreshSpeedRollup(test.ctx);
    await refreshComplaintRollup(test.ctx);
    clock.set('2026-11-20T04:00:00Z');
    await fileRoadReport(test.ctx, { villageCode: KRAMATWATU });
    const at = formatDateTime(new Date('2026-11-20T03:15:00Z'));
    const layanan = (await admin.get('/kelola/statistik/layanan?dari=2026-11-01&sampai=2026-11-20')).body;
    expect(layanan).toContain(`Rekap harian dihitung ${at}`);
    const pengaduan = await admin.get(
      '/kelola/statistik/pengaduan?dari=2026-11-01&sampai=2026-11-20&format=csv&tabel=kecamatan',
    );
    const [, row] = pengaduan.body
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r?\n/);
    // received: both reports, the second one after the refresh
    expect(row?.split(',')[1]).toBe('2');
  });
});
