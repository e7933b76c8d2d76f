import { beforeAll, describe, expect, it } from 'vitest';
import { setVillageServices } from '../modules/services/service.ts';
import { KRAMATWATU, type makeVillageOffice } from '../modules/services/test-builders.ts';
import { fixedClock, withActor } from '../platform/context.ts';
import { pageNumber } from '../platform/http/input.ts';
import { allTests, buildTestApp, cookieHeader, loginAs, loginAsNewStaff, sql, Visitor } from '../testing.ts';
import { prepareWorld } from './world.ts';

let admin: Visitor;
let operator: Visitor;
let operatorActor: Awaited<ReturnType<typeof makeVillageOffice>>['operator'];

const count = async (table: 'audit_log' | 'village_services', where = sql`true`) =>
  (
    await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE ${where}`.execute(
      test.ctx.db,
    )
  ).rows[0]!.n;

const test = allTests(() => buildTestApp({ clock: fixedClock('2026-12-01T02:00:00Z') }), 60_000);
beforeAll(async () => {
  const office = await prepareWorld(test.ctx);
  operatorActor = office.operator;
  operator = await loginAs(test.app, office.operator);
  admin = await loginAsNewStaff(test, { role: 'admin_kabupaten', scope: '36.04' });
}, 60_000);

describe('malformed input from an attacker', () => {
  it('answers a NUL byte in a public path with 400, as a page or as problem+json', async () => {
    const visitor = new Visitor(test.app);
    for (const url of ['/pengaduan/%00', '/desa/%00', '/verifikasi/%00']) {
      const page = await visitor.get(url);
      expect(page.statusCode, url).toBe(400);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('karakter kendali');
    }
    const api = await visitor.get('/api/v1/complaints/%00');
    expect(api.statusCode).toBe(400);
    expect(api.headers['content-type']).toContain('application/problem+json');
    expect(api.json().errors).toEqual({ ticket: expect.stringContaining('karakter kendali') });
  });

  it('refuses a NUL byte in the login e-mail and an e-mail sent twice, naming the field', async () => {
    const visitor = new Visitor(test.app);
    const nul = await visitor.post('/masuk', { email: 'a\u0000@uji.id', password: 'x' });
    expect(nul.statusCode).toBe(400);
    expect(nul.body).toContain('karakter kendali');
    const token = await visitor.csrfToken('/masuk');
    const twice = await test.app.inject({
      method: 'POST',
      url: '/masuk',
      headers: {
        cookie: cookieHeader(visitor.cookies),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: `email=a%40uji.id&email=b%40uji.id&password=x&_csrf=${token}`,
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('dikirim lebih dari sekali');
  });

  it('switches no village service off and writes no audit line when the form carries a NUL byte', async () => {
    const auditBefore = await count('audit_log');
    const response = await operator.post(
      '/kelola/layanan/desa/layanan',
      { aktif: 'keterangan-domisili\u0000' },
      { csrfFrom: '/kelola/layanan/desa' },
    );
    expect(response.statusCode).toBe(400);
    expect(await count('village_services', sql`enabled = false`)).toBe(0);
    expect(await count('audit_log')).toBe(auditBefore);
  });

  it('rolls the village services back when their audit line cannot be written', async () => {
    const auditBefore = await count('audit_log');
    // a NUL byte that got past the HTTP guard: jsonb refuses it in the audit detail, after the updates
    await expect(
      setVillageServices(withActor(test.ctx, operatorActor), KRAMATWATU, ['\u0000']),
    ).rejects.toThrow();
    expect(await count('village_services')).toBe(0);
    expect(await count('audit_log')).toBe(auditBefore);
  });

  it('clamps a huge page number instead of overflowing OFFSET', async () => {
    expect(pageNumber('99999999999999999999')).toBe(10_000);
    expect(pageNumber('x')).toBe(1);
    expect(pageNumber('-3')).toBe(1);
    for (const url of [
      '/pengaduan?page=99999999999999999999',
      '/kelola/pengaduan?page=99999999999999999999',
      '/kelola/audit?page=99999999999999999999',
      '/kelola/pengguna?page=99999999999999999999',
    ])
      expect((await admin.get(url)).statusCode, url).toBe(200);
    const api = await admin.get('/api/v1/audit?page=99999999999999999999');
    expect(api.statusCode).toBe(400);
    expect(api.headers['content-type']).toContain('application/problem+json');
  });

  it('answers a date that does not exist with a field error', async () => {
    for (const query of ['from=2026-02-30', 'from=x', 'to=2026-13-01']) {
      const page = await admin.get(`/kelola/audit?${query}`);
      expect(page.statusCode, query).toBe(422);
      expect(page.body).toContain('tttt-bb-hh');
    }
  });

  it('refuses a latitude of 1e309 on the report form and the API, writing nothing', async () => {
    const visitor = new Visitor(test.app);
    const form = await visitor.post(
      '/pengaduan',
      {
        categoryCode: 'JALAN_RUSAK',
        villageCode: KRAMATWATU,
        title: 'Jalan rusak parah',
        description: 'Lubang besar di tengah jalan desa.',
        lat: '1e309',
        lng: '106.1',
      },
      { csrfFrom: '/pengaduan' },
    );
    expect(form.statusCode).toBe(422);
    expect(form.body).toContain('id="error-lat"');
    const api = await test.app.inject({
      method: 'POST',
      url: '/api/v1/complaints',
      headers: { 'content-type': 'application/json' },
      payload:
        '{"categoryCode":"JALAN_RUSAK","villageCode":"36.04.05.2001","title":"Jalan rusak parah","description":"Lubang besar di tengah jalan desa.","lat":1e309,"lng":106.1}',
    });
    expect(api.statusCode).toBeGreaterThanOrEqual(400);
    expect(api.statusCode).toBeLessThan(500);
    expect(api.headers['content-type']).toContain('application/problem+json');
    expect(
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM complaints`.execute(test.ctx.db)).rows[0]!.n,
    ).toBe(0);
  });

  it('answers a non-UUID id on an admin POST with 404, not a database error', async () => {
    for (const url of [
      '/kelola/pengguna/bukan-uuid/status',
      '/kelola/pengaduan/aturan/bukan-uuid/hapus',
      '/kelola/layanan/permohonan/bukan-uuid/tolak',
    ])
      expect(
        (await admin.post(url, { active: '0', reason: 'alasan yang cukup panjang' }, { csrfFrom: '/kelola' }))
          .statusCode,
        url,
      ).toBeLessThan(500);
  });
});
