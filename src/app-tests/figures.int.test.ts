import { beforeEach, describe, expect, it } from 'vitest';
import * as complaints from '../modules/complaints/service.ts';
import { fileRoadReport } from '../modules/complaints/test-builders.ts';
import { modules } from '../modules/index.ts';
import { makeNik } from '../modules/residents/nik.ts';
import { getStatistics } from '../modules/residents/service.ts';
import { makeResident } from '../modules/residents/test-builders.ts';
import { approveStep, startRequest } from '../modules/services/service.ts';
import {
  KIBIN,
  KRAMATWATU,
  makeApplicant,
  requestInput,
  type VillageOffice,
} from '../modules/services/test-builders.ts';
import type { StaffActor } from '../platform/auth/roles.ts';
import { SYSTEM } from '../platform/auth/roles.ts';
import { type Ctx, withActor } from '../platform/context.ts';
import { readFigures } from '../platform/figures/index.ts';
import { Forbidden, Invalid, NotFound } from '../platform/http/errors.ts';
import { buildTestApp, eachTestOnClock, loginAs, makeStaff, Visitor } from '../testing.ts';
import { prepareWorld } from './world.ts';

const KECAMATAN = '36.04.05';
const { clock, test } = eachTestOnClock('2026-12-01T02:00:00Z', buildTestApp); // Tuesday 09:00 in Serang
let ctx: Ctx;
let office: VillageOffice;

beforeEach(async () => {
  ctx = test.ctx;
  office = await prepareWorld(ctx);
});

async function values(
  actor: StaffActor | typeof SYSTEM,
  region: string,
): Promise<Record<string, number | null>> {
  const { figures } = await readFigures(withActor(ctx, actor), modules, region);
  return Object.fromEntries(figures.map((f) => [f.name, f.value]));
}

describe('figures modules publish', () => {
  it('counts the living residents, men, women and families of a village, its kecamatan and the regency', async () => {
    const asOperator = withActor(ctx, office.operator);
    await makeResident(asOperator, KRAMATWATU, { no_kk: '3604050101269901' }); // a man
    await makeApplicant(ctx, office.operator); // a woman on a family card of her own
    await makeApplicant(ctx, office.operator);
    await makeResident(withActor(ctx, SYSTEM), KIBIN, {
      nik: makeNik('360416', '1990-04-12', 1, 7),
      no_kk: '3604160101269901',
    });

    const village = await values(office.operator, KRAMATWATU);
    expect(village['residents.population']).toBe(3);
    expect(village['residents.male']).toBe(1);
    expect(village['residents.female']).toBe(2);
    expect(village['residents.families']).toBe(3);
    // the same numbers the statistics page shows
    const stats = await getStatistics(asOperator, KRAMATWATU);
    expect([stats.total, stats.male, stats.female, stats.families]).toEqual([3, 1, 2, 3]);

    const admin = await makeStaff(ctx, { role: 'admin_kabupaten', scope: '36.04' });
    expect((await values(admin, KECAMATAN))['residents.population']).toBe(3);
    const regency = await values(admin, '36.04');
    expect(regency['residents.population']).toBe(4);
    expect(regency['regions.kecamatan']).toBe(29);
    expect(regency['regions.villages']).toBe(326);
    expect(village['regions.villages']).toBe(1);
    expect(village['regions.kecamatan']).toBe(1);
    // Kramatwatu's operator, kades and sekdes, and the admin's regency account
    expect(regency['platform.staff']).toBe(4);
  });

  it('counts open reports, the overdue among them, and those resolved in the last 30 days', async () => {
    const first = await fileRoadReport(ctx);
    await fileRoadReport(ctx);
    await fileRoadReport(ctx, { villageCode: KIBIN });
    let village = await values(office.operator, KRAMATWATU);
    expect(village['complaints.open']).toBe(2);
    expect(village['complaints.overdue']).toBe(0);
    expect(village['complaints.resolved30d']).toBe(0);

    const dpupr = withActor(ctx, await makeStaff(ctx, { role: 'opd', scope: 'DPUPR' }));
    await complaints.changeState(dpupr, first.ticket, { state: 'selesai', reason: 'Sudah ditambal' });
    clock.advance(10 * 86_400_000); // past every verification deadline
    village = await values(office.operator, KRAMATWATU);
    expect(village['complaints.open']).toBe(1);
    expect(village['complaints.overdue']).toBe(1);
    expect(village['complaints.resolved30d']).toBe(1);
    expect((await values(SYSTEM, '36.04'))['complaints.open']).toBe(2);

    clock.advance(25 * 86_400_000);
    expect((await values(office.operator, KRAMATWATU))['complaints.resolved30d']).toBe(0);
  });

  it('counts requests waiting on the office, letters issued this year and the median days to a decision', async () => {
    const applicant = await makeApplicant(ctx, office.operator);
    const file = async () => {
      const outcome = await startRequest(
        withActor(ctx, applicant),
        'keterangan-domisili',
        await requestInput(
          { keperluan: 'Membuka rekening bank' },
          { attachments: ['foto_ktp', 'pengantar_rt'] },
        ),
      );
      return outcome.id;
    };
    const signed = await file();
    await file();
    expect((await values(office.operator, KRAMATWATU))['services.requestsOpen']).toBe(2);
    expect((await values(office.operator, KRAMATWATU))['services.medianProcessingDays']).toBeNull();

    clock.advance(2 * 86_400_000);
    await approveStep(withActor(ctx, office.operator), signed);
    await approveStep(withActor(ctx, office.kades), signed);
    const village = await values(office.operator, KRAMATWATU);
    expect(village['services.requestsOpen']).toBe(1);
    expect(village['letters.issuedThisYear']).toBe(1);
    expect(village['services.medianProcessingDays']).toBe(2);
    expect((await values(SYSTEM, KIBIN))['letters.issuedThisYear']).toBe(0);
  });

  it('says how fresh each figure is', async () => {
    const { figures } = await readFigures(withActor(ctx, office.operator), modules, KRAMATWATU);
    expect(figures.length).toBeGreaterThanOrEqual(13);
    for (const f of figures) expect(f.asOf.toISOString()).toBe('2026-12-01T02:00:00.000Z');
  });
});

describe('who reads figures', () => {
  it('refuses figures of a region outside the actor’s scope, and says what is wrong with a bad code', async () => {
    const camat = await makeStaff(ctx, { role: 'camat', scope: KECAMATAN });
    const applicant = await makeApplicant(ctx, office.operator);
    await expect(values(office.operator, KIBIN)).rejects.toBeInstanceOf(Forbidden);
    await expect(values(office.operator, KECAMATAN)).rejects.toBeInstanceOf(Forbidden);
    await expect(values(camat, '36.04.16')).rejects.toBeInstanceOf(Forbidden);
    await expect(values(camat, '36.04')).rejects.toBeInstanceOf(Forbidden);
    await expect(readFigures(withActor(ctx, applicant), modules, KRAMATWATU)).rejects.toBeInstanceOf(
      Forbidden,
    );
    await expect(readFigures(withActor(ctx, null), modules, KRAMATWATU)).rejects.toBeInstanceOf(Forbidden);
    await expect(values(camat, 'Kramatwatu')).rejects.toBeInstanceOf(Invalid);
    await expect(values(SYSTEM, '31.71')).rejects.toBeInstanceOf(NotFound);
    expect((await values(camat, KRAMATWATU))['regions.villages']).toBe(1);
  });

  it('answers the API with the figures of the caller’s region, and problem+json outside it', async () => {
    await makeApplicant(ctx, office.operator);
    const operator = await loginAs(test.app, office.operator);
    const own = await operator.get('/api/v1/figures');
    expect(own.statusCode).toBe(200);
    const body = own.json() as {
      region: string;
      figures: Array<{ name: string; value: number; asOf: string }>;
    };
    expect(body.region).toBe(KRAMATWATU);
    expect(body.figures.find((f) => f.name === 'residents.population')?.value).toBe(1);
    expect(body.figures[0]?.asOf).toBe('2026-12-01T02:00:00.000Z');

    const named = (
      await operator.get(`/api/v1/figures?region=${KRAMATWATU}&name=residents.female,complaints.open`)
    ).json() as typeof body;
    expect(named.figures.map((f) => f.name)).toEqual(['residents.female', 'complaints.open']);

    const outside = await operator.get(`/api/v1/figures?region=${KIBIN}`);
    expect(outside.statusCode).toBe(403);
    expect(outside.headers['content-type']).toContain('application/problem+json');
    const bad = await operator.get('/api/v1/figures?region=kramatwatu');
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect((await new Visitor(test.app).get('/api/v1/figures')).statusCode).toBe(401);
  });

  it('shows the dashboard’s numbers from the published figures', async () => {
    await makeApplicant(ctx, office.operator);
    const operator = await loginAs(test.app, office.operator);
    const page = await operator.get('/kelola');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/data-figure="residents.population"><strong[^>]*>1<\/strong>/);
    expect(page.body).toMatch(/data-figure="regions.villages"><strong[^>]*>1<\/strong>/);
    expect(page.body).toContain('data-figure="complaints.open"');
  });
});
