import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StaffActor } from '../../platform/auth/roles.ts';
import { fixedClock, withActor } from '../../platform/context.ts';
import { buildTestApp, loginAs, makeStaff, type TestApp } from '../../testing.ts';
import { KIBIN, KRAMATWATU, MARGASANA } from '../residents/test-builders.ts';
import { approveStep, listQueue, serviceSpeed } from './service.ts';
import {
  type Desk,
  fileDomicileRequest,
  prepareServices,
  signedAfter,
  villageDesks,
} from './test-builders.ts';

const KECAMATAN_KRAMATWATU = '36.04.05';

let test: TestApp;
let desks: Record<string, Desk>;
let camat: StaffActor;
let clock: ReturnType<typeof fixedClock>;

beforeEach(async () => {
  clock = fixedClock('2026-12-01T02:00:00Z'); // Tuesday 09:00 in Serang
  test = await buildTestApp({ clock });
  await prepareServices(test.ctx);
  desks = await villageDesks(test.ctx, [KRAMATWATU, MARGASANA, KIBIN]);
  camat = await makeStaff(test.ctx, { role: 'camat', scope: KECAMATAN_KRAMATWATU, name: 'Camat Uji' });
});
afterEach(async () => {
  await test.close();
});

const as = (actor: Parameters<typeof withActor>[1]) => withActor(test.ctx, actor);
const desk = (village: string) => desks[village] as Desk;
const office = (village: string) => desk(village).office;

/** A certificate of domicile filed by the village's applicant: at the operator's check. */
const filed = (village: string) => fileDomicileRequest(test.ctx, desk(village).applicant);

async function codeOf(id: string): Promise<string> {
  const row = await test.ctx.db
    .selectFrom('service_requests')
    .select('code')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.code;
}

/** The queue page's row for a request, as the HTML has it. */
function rowOf(html: string, code: string): string {
  const start = html.indexOf(`>${code}</a>`);
  if (start < 0) throw new Error(`${code} is not in the queue`);
  return html.slice(start, html.indexOf('</tr>', start));
}

describe('"your turn" in the queue', () => {
  it('follows the current step and the viewer’s role: the operator’s while it is checked, the kepala desa’s at signing', async () => {
    const id = await filed(KRAMATWATU);
    const code = await codeOf(id);
    const { operator, kades, sekdes } = office(KRAMATWATU);
    const turn = async (who: StaffActor) =>
      (await listQueue(as(who), { state: 'aktif', page: 1 })).rows.find((r) => r.id === id)?.yourTurn;
    expect(await turn(operator)).toBe(true);
    expect(await turn(kades)).toBe(false);
    expect(await turn(sekdes)).toBe(false);
    const kadesPage = await (await loginAs(test.app, kades)).get('/kelola/layanan');
    expect(rowOf(kadesPage.body, code)).not.toContain('>ya<');

    await approveStep(as(operator), id);
    expect(await turn(operator)).toBe(false);
    expect(await turn(kades)).toBe(true);
    const signingPage = await (await loginAs(test.app, kades)).get('/kelola/layanan');
    expect(rowOf(signingPage.body, code)).toContain('>ya<');
    expect(await turn(camat)).toBe(false);
  });
});

describe('the work-queue line on /kelola', () => {
  it('links to the queue filtered on the officer’s own turns, with the filter shown and removable', async () => {
    const atCheck = await codeOf(await filed(KRAMATWATU));
    const toSignId = await filed(KRAMATWATU);
    const toSign = await codeOf(toSignId);
    const { operator, kades } = office(KRAMATWATU);
    await approveStep(as(operator), toSignId);

    const operatorVisitor = await loginAs(test.app, operator);
    const dashboard = await operatorVisitor.get('/kelola');
    const href = /href="(\/kelola\/layanan\?giliran=saya[^"]*)"[^>]*>\s*1 permohonan menunggu Anda/.exec(
      dashboard.body,
    )?.[1];
    expect(href).toBe('/kelola/layanan?giliran=saya&amp;status=diperiksa');
    const mine = await operatorVisitor.get((href as string).replaceAll('&amp;', '&'));
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain(`>${atCheck}</a>`);
    expect(mine.body).not.toContain(`>${toSign}</a>`);
    expect(mine.body).toContain('Hanya permohonan yang menunggu giliran Anda.');
    expect(mine.body).toMatch(
      /<input id="field-giliran" type="checkbox" name="giliran" value="saya" checked/,
    );
    const remove = /id="filter-mine">[^<]*<a href="([^"]+)">Tampilkan semua permohonan/.exec(mine.body)?.[1];
    expect(remove).toBe('/kelola/layanan?status=diperiksa');

    // the kepala desa's turn is the signature, not the operator's check
    const kadesVisitor = await loginAs(test.app, kades);
    const kadesDashboard = await kadesVisitor.get('/kelola');
    expect(kadesDashboard.body).toContain(
      'href="/kelola/layanan?giliran=saya&amp;status=menunggu_tanda_tangan"',
    );
    expect(kadesDashboard.body).not.toContain('permohonan menunggu Anda');
    const kadesMine = await kadesVisitor.get('/kelola/layanan?giliran=saya');
    expect(kadesMine.body).toContain(`>${toSign}</a>`);
    expect(kadesMine.body).not.toContain(`>${atCheck}</a>`);
    const kadesAll = await kadesVisitor.get('/kelola/layanan');
    expect(kadesAll.body).toContain(`>${atCheck}</a>`);
    expect(kadesAll.body).not.toContain('id="filter-mine"');
  });
});

describe('the camat’s request list', () => {
  it('names each request’s village and filters by village, within the kecamatan only', async () => {
    const kramatwatu = await codeOf(await filed(KRAMATWATU));
    const margasana = await codeOf(await filed(MARGASANA));
    const kibin = await codeOf(await filed(KIBIN));
    const visitor = await loginAs(test.app, camat);

    const all = await visitor.get('/kelola/layanan');
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('<th scope="col">Desa</th>');
    expect(rowOf(all.body, kramatwatu)).toMatch(/<td[^>]*>Kramatwatu<\/td>/);
    expect(rowOf(all.body, margasana)).toMatch(/<td[^>]*>Margasana<\/td>/);
    expect(all.body).not.toContain(kibin);
    expect(all.body).toContain(`<option value="${MARGASANA}">Margasana</option>`);
    expect(all.body).not.toContain(`<option value="${KIBIN}"`);

    const one = await visitor.get(`/kelola/layanan?desa=${MARGASANA}`);
    expect(one.statusCode).toBe(200);
    expect(one.body).toContain(margasana);
    expect(one.body).not.toContain(kramatwatu);
    expect(one.body).toContain(`<option value="${MARGASANA}" selected>Margasana</option>`);
    const outside = await visitor.get(`/kelola/layanan?desa=${KIBIN}`);
    expect(outside.body).not.toContain(kibin);

    const villagePage = await (await loginAs(test.app, office(KRAMATWATU).operator)).get('/kelola/layanan');
    expect(villagePage.body).not.toContain('<th scope="col">Desa</th>');
  });
});

describe('service speed per village', () => {
  it('counts finished requests, their median days and those overdue now, for the kecamatan’s villages only', async () => {
    // Kramatwatu: two letters, decided after 1 and 3 days; Margasana: one left waiting past its due date
    for (const days of [1, 3]) {
      clock.set('2026-12-01T02:00:00Z');
      await signedAfter(test.ctx, clock, desk(KRAMATWATU), days);
    }
    clock.set('2026-12-01T02:00:00Z');
    await filed(MARGASANA);
    await filed(KIBIN);
    clock.set('2026-12-20T02:00:00Z');

    const speed = await serviceSpeed(as(camat));
    expect(speed.year).toBe(2026);
    const codes = speed.villages.map((v) => v.code);
    expect(codes).toContain(KRAMATWATU);
    expect(codes).toContain(MARGASANA);
    expect(codes.every((c) => c.startsWith(`${KECAMATAN_KRAMATWATU}.`))).toBe(true);
    expect(codes).not.toContain(KIBIN);
    const byCode = new Map(speed.villages.map((v) => [v.code, v]));
    expect(byCode.get(KRAMATWATU)).toMatchObject({ finished: 2, medianDays: 2, overdue: 0, open: 0 });
    expect(byCode.get(MARGASANA)).toMatchObject({ finished: 0, medianDays: null, overdue: 1, open: 1 });

    const visitor = await loginAs(test.app, camat);
    const page = await visitor.get('/kelola/layanan/kinerja');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Kecepatan layanan surat');
    expect(page.body).toContain(`href="/kelola/layanan?desa=${MARGASANA}&amp;status=aktif">Margasana</a>`);
    expect(page.body).not.toContain('Kibin');
    const lastYear = await visitor.get('/kelola/layanan/kinerja?tahun=2025');
    expect(lastYear.body).toContain('tahun 2025');

    const dashboard = await visitor.get('/kelola');
    expect(dashboard.body).toContain('href="/kelola/layanan/kinerja"');
    const kibinOperator = await loginAs(test.app, office(KIBIN).operator);
    const own = await kibinOperator.get('/kelola/layanan/kinerja');
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain('Margasana');
  });
});

describe('the staff "residents" entry', () => {
  it('opens a camat’s resident list on a village that has residents, not the first village alphabetically', async () => {
    // beforeEach registered the applicants: Kramatwatu and Margasana have residents, the rest of the kecamatan none
    const visitor = await loginAs(test.app, camat);
    const page = await visitor.get('/kelola/penduduk');
    expect(page.statusCode).toBe(200);
    const opened = /<input type="hidden" name="desa" value="([\d.]+)"/.exec(page.body)?.[1];
    expect([KRAMATWATU, MARGASANA]).toContain(opened);
    expect(page.body).toContain(desk(opened as string).applicant.name);
    const first = await test.ctx.db
      .selectFrom('villages')
      .select('code')
      .where('kecamatan_code', '=', KECAMATAN_KRAMATWATU)
      .orderBy('name')
      .executeTakeFirstOrThrow();
    expect([KRAMATWATU, MARGASANA]).not.toContain(first.code);
  });
});
