import { describe, expect, it } from 'vitest';
import { THROTTLE } from '../platform/auth/throttle.ts';
import {
  buildTestApp,
  cookieHeader,
  eachTestOnClock,
  loginAs,
  loginAsNewStaff,
  makeStaff,
  multipartBody,
  TEST_PASSWORD,
  Visitor,
} from '../testing.ts';

const { clock, test: t } = eachTestOnClock('2026-11-20T08:00:00+07:00', buildTestApp);

const OFFICE = '10.20.30.40';
const ATTACKER = '203.0.113.66';

function bearer(token: string) {
  return t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
}

async function tokenFromPage(visitor: Visitor, name: string, days = '90'): Promise<string> {
  const response = await visitor.post(
    '/kelola/akun/token',
    { name, days },
    { csrfFrom: '/kelola/akun/token' },
  );
  expect(response.statusCode).toBe(200);
  const token = /<code>(smp_[^<]+)<\/code>/.exec(response.body)?.[1];
  if (!token) throw new Error('no token on the page');
  return token;
}

describe('API tokens', () => {
  it('stops a token on the expiry chosen at creation, and refuses more than a year', async () => {
    const visitor = await loginAsNewStaff(t, { role: 'opd', scope: 'DINSOS' });
    const token = await tokenFromPage(visitor, 'SIKS-NG', '30');
    const tooLong = await visitor.post(
      '/kelola/akun/token',
      { name: 'selamanya', days: '3650' },
      { csrfFrom: '/kelola/akun/token' },
    );
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.body).toContain('Masa berlaku token 1 sampai 365 hari.');
    expect((await bearer(token)).statusCode).toBe(200);
    clock.advance(29 * 86_400_000);
    expect((await bearer(token)).statusCode).toBe(200);
    clock.advance(2 * 86_400_000);
    expect((await bearer(token)).statusCode).toBe(401);
  });

  it('refuses to create a token from a post without the CSRF token', async () => {
    const visitor = await loginAsNewStaff(t, { role: 'opd', scope: 'DINSOS' });
    const forged = await visitor.postWithToken('/kelola/akun/token', { name: 'dicuri', days: '365' }, null);
    expect(forged.statusCode).toBe(403);
    expect(await t.ctx.db.selectFrom('api_tokens').selectAll().execute()).toHaveLength(0);
  });

  it('lists the owner’s tokens with their dates and revokes one, which is refused from then on', async () => {
    const visitor = await loginAsNewStaff(t, { role: 'opd', scope: 'DINSOS' });
    const token = await tokenFromPage(visitor, 'Dasbor Dinsos');
    await bearer(token);
    const list = await visitor.get('/kelola/akun/token');
    expect(list.body).toContain('Dasbor Dinsos');
    expect(list.body).toContain('Terakhir dipakai');
    expect(list.body).toContain('Berlaku sampai');
    expect(list.body).not.toContain(token);
    const row = await t.ctx.db.selectFrom('api_tokens').select('id').executeTakeFirstOrThrow();
    const revoked = await visitor.post(
      `/kelola/token/${row.id}/cabut`,
      {},
      { csrfFrom: '/kelola/akun/token' },
    );
    expect(revoked.statusCode).toBe(303);
    expect((await bearer(token)).statusCode).toBe(401);
    expect((await visitor.get('/kelola/akun/token')).body).toContain('Dicabut');
  });

  it('lets nobody but the owner and the admin kabupaten see or revoke a token', async () => {
    const owner = await makeStaff(t.ctx, { role: 'operator_desa', scope: '36.04.05.2001' });
    const colleague = await makeStaff(t.ctx, { role: 'kepala_desa', scope: '36.04.05.2001' });
    const admin = await makeStaff(t.ctx, { role: 'admin_kabupaten', scope: '36.04' });
    const token = await tokenFromPage(await loginAs(t.app, owner), 'laporan');
    const row = await t.ctx.db.selectFrom('api_tokens').select('id').executeTakeFirstOrThrow();

    const other = await loginAs(t.app, colleague);
    expect((await other.get(`/kelola/pengguna/${owner.id}/token`)).statusCode).toBe(403);
    const refused = await other.post(`/kelola/token/${row.id}/cabut`, {}, { csrfFrom: '/kelola/akun' });
    expect(refused.statusCode).toBe(403);
    expect((await bearer(token)).statusCode).toBe(200);

    const regency = await loginAs(t.app, admin);
    const adminList = await regency.get(`/kelola/pengguna/${owner.id}/token`);
    expect(adminList.statusCode).toBe(200);
    expect(adminList.body).toContain('laporan');
    const byAdmin = await regency.post(`/kelola/token/${row.id}/cabut`, {}, { csrfFrom: '/kelola/akun' });
    expect(byAdmin.headers.location).toBe(`/kelola/pengguna/${owner.id}/token`);
    expect((await bearer(token)).statusCode).toBe(401);
  });

  it('acts with the owner’s current role, so a demoted or deactivated owner’s token loses its powers', async () => {
    const admin = await makeStaff(t.ctx, { role: 'admin_kabupaten', scope: '36.04' });
    const token = await tokenFromPage(await loginAs(t.app, admin), 'sinkron');
    const users = () => t.app.inject({ url: '/api/v1/users', headers: { authorization: `Bearer ${token}` } });
    expect((await users()).statusCode).toBe(200);
    await t.ctx.db
      .updateTable('staff_users')
      .set({ role: 'operator_desa', scope_code: '36.04.05.2001' })
      .where('id', '=', admin.id)
      .execute();
    expect((await users()).statusCode).toBe(403);
    await t.ctx.db.updateTable('staff_users').set({ active: false }).where('id', '=', admin.id).execute();
    expect((await bearer(token)).statusCode).toBe(401);
  });

  it('ends the owner’s tokens on "log out everywhere"', async () => {
    const visitor = await loginAsNewStaff(t, { role: 'camat', scope: '36.04.05' });
    const token = await tokenFromPage(visitor, 'rekap');
    await visitor.post('/keluar-semua', {}, { csrfFrom: '/kelola' });
    expect((await bearer(token)).statusCode).toBe(401);
  });
});

describe('changing a password', () => {
  it('ends every other session and every API token of the account and keeps the one that changed it', async () => {
    const kades = await makeStaff(t.ctx, { role: 'kepala_desa', scope: '36.04.05.2001' });
    const thief = await loginAs(t.app, kades, ATTACKER);
    const token = await tokenFromPage(thief, 'pintu belakang');
    const owner = await loginAs(t.app, kades, OFFICE);
    const changed = await owner.post(
      '/kelola/akun/kata-sandi',
      { current: TEST_PASSWORD, password: 'kata-sandi-baru-sekali' },
      { csrfFrom: '/kelola/akun' },
    );
    expect(changed.statusCode).toBe(303);
    expect((await owner.get('/kelola')).statusCode).toBe(200);
    const kicked = await thief.get('/kelola');
    expect(kicked.statusCode).toBe(303);
    expect(kicked.headers.location).toContain('/masuk');
    expect((await bearer(token)).statusCode).toBe(401);
  });
});

describe('return paths', () => {
  it.each([
    '/%09/other.site',
    '/%0a/other.site',
    '/%5Cother.site',
    '/a/..//other.site',
    'https://other.site/',
  ])('keeps the language switch on this site for kembali=%s', async (kembali) => {
    const response = await new Visitor(t.app).get(`/bahasa/en?kembali=${kembali}`);
    // a control character is refused outright by the input guard; anything else goes home
    if (/%0[0-9a-f]/i.test(kembali)) expect(response.statusCode).toBe(400);
    else {
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/');
    }
  });

  it('keeps a logged-in staff member on this site when /masuk is opened with a foreign return path', async () => {
    const operator = await makeStaff(t.ctx, { role: 'operator_desa', scope: '36.04.05.2001' });
    const visitor = await loginAs(t.app, operator);
    const response = await visitor.get('/masuk?kembali=/%5Cother.site');
    expect(response.headers.location).toBe('/kelola');
    expect((await visitor.get('/masuk?kembali=/%09/other.site')).statusCode).toBe(400);
    const login = new Visitor(t.app);
    const posted = await login.post('/masuk?kembali=/a/..//other.site', {
      email: operator.email,
      password: TEST_PASSWORD,
    });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe('/kelola');
  });
});

describe('failed logins', () => {
  it('makes the guesser’s address wait, with waits that double, while the owner still gets in from the office', async () => {
    const camat = await makeStaff(t.ctx, { role: 'camat', scope: '36.04.05' });
    const attacker = new Visitor(t.app, ATTACKER);
    for (let i = 0; i < THROTTLE.pairFailures; i++) {
      const wrong = await attacker.post('/masuk', { email: camat.email, password: `tebakan-${i}` });
      expect(wrong.statusCode).toBe(422);
    }
    const waiting = await attacker.post('/masuk', { email: camat.email, password: TEST_PASSWORD });
    expect(waiting.statusCode).toBe(429);
    expect(waiting.body).toContain('Coba lagi dalam 1 menit');
    // hammering during the wait is refused without counting, so it does not lengthen the wait
    for (let i = 0; i < 5; i++) await attacker.post('/masuk', { email: camat.email, password: 'x' });

    const owner = new Visitor(t.app, OFFICE);
    expect((await owner.login(camat.email)).headers.location).toBe('/kelola');

    clock.advance(61_000);
    expect((await attacker.post('/masuk', { email: camat.email, password: 'lagi-salah' })).statusCode).toBe(
      422,
    );
    const longer = await attacker.post('/masuk', { email: camat.email, password: TEST_PASSWORD });
    expect(longer.statusCode).toBe(429);
    expect(longer.body).toContain('Coba lagi dalam 2 menit');
  });

  it('answers an unknown e-mail exactly like a known one with a wrong password, before and after the waits start', async () => {
    const known = await makeStaff(t.ctx, { role: 'camat', scope: '36.04.05' });
    const visitor = new Visitor(t.app, ATTACKER);
    const answers = async (email: string) => {
      const out: Array<[number, string | undefined]> = [];
      for (let i = 0; i <= THROTTLE.pairFailures; i++) {
        const response = await visitor.post('/masuk', { email, password: 'bukan-sandinya' });
        out.push([
          response.statusCode,
          /<main[\s\S]*<\/main>/.exec(response.body)?.[0].replace(/value="[^"]*"/g, ''),
        ]);
      }
      return out;
    };
    const knownAnswers = await answers(known.email);
    const unknownAnswers = await answers('tidak.ada@serangkab.go.id');
    expect(knownAnswers.map((a) => a[0])).toEqual([422, 422, 422, 422, 422, 429]);
    expect(unknownAnswers).toEqual(knownAnswers);
  });

  it('does not shut a shared village office out when one machine there fails many times', async () => {
    const operator = await makeStaff(t.ctx, { role: 'operator_desa', scope: '36.04.05.2001' });
    const kades = await makeStaff(t.ctx, { role: 'kepala_desa', scope: '36.04.05.2001' });
    await new Visitor(t.app, OFFICE).login(operator.email);
    const prankster = new Visitor(t.app, OFFICE);
    for (let i = 0; i < 25; i++)
      await prankster.post('/masuk', { email: `orang${i}@serangkab.go.id`, password: 'asal-asalan' });
    expect((await new Visitor(t.app, OFFICE).login(operator.email)).statusCode).toBe(303);
    expect((await new Visitor(t.app, OFFICE).login(kades.email)).statusCode).toBe(303);
  });

  it('slows a flood from many addresses for new addresses only, never beyond 15 minutes, and never at the owner’s office', async () => {
    const admin = await makeStaff(t.ctx, { role: 'admin_kabupaten', scope: '36.04' });
    await new Visitor(t.app, OFFICE).login(admin.email);
    for (let i = 0; i < THROTTLE.accountFailures; i++)
      await new Visitor(t.app, `198.51.100.${i + 1}`).post('/masuk', {
        email: admin.email,
        password: 'tebak',
      });
    const fresh = await new Visitor(t.app, '192.0.2.7').post('/masuk', {
      email: admin.email,
      password: TEST_PASSWORD,
    });
    expect(fresh.statusCode).toBe(429);
    const minutes = Number(/Coba lagi dalam (\d+) menit/.exec(fresh.body)?.[1]);
    expect(minutes).toBeGreaterThan(0);
    expect(minutes).toBeLessThanOrEqual(15);
    expect((await new Visitor(t.app, OFFICE).login(admin.email)).statusCode).toBe(303);
    clock.advance(15 * 60_000 + 1000);
    expect((await new Visitor(t.app, '192.0.2.7').login(admin.email)).statusCode).toBe(303);
  });
});

describe('CSRF', () => {
  it('refuses a token taken before the login once someone has logged in', async () => {
    const operator = await makeStaff(t.ctx, { role: 'operator_desa', scope: '36.04.05.2001' });
    const visitor = new Visitor(t.app);
    const before = await visitor.csrfToken('/masuk');
    await visitor.login(operator.email);
    const stale = await visitor.postWithToken('/keluar-semua', {}, before);
    expect(stale.statusCode).toBe(403);
    expect((await visitor.get('/kelola')).statusCode).toBe(200);
  });

  it('refuses a multipart post whose token is in the URL, or comes after a file, and takes one whose token comes first', async () => {
    const visitor = await loginAsNewStaff(t, { role: 'operator_desa', scope: '36.04.05.2001' });
    const token = await visitor.csrfToken('/kelola');
    const send = (url: string, body: ReturnType<typeof multipartBody>) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: cookieHeader(visitor.cookies), 'content-type': body.contentType },
        payload: body.payload,
      });
    const file = { name: 'berkas', filename: 'a.txt', type: 'text/plain', bytes: Buffer.from('isi') };
    const inUrl = await send(`/keluar-semua?_csrf=${encodeURIComponent(token)}`, multipartBody({}, [file]));
    expect(inUrl.statusCode).toBe(403);
    const boundary = 'simpulujibatas';
    const fileThenToken = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="berkas"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nisi\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n--${boundary}--\r\n`,
    );
    const afterFile = await send('/keluar-semua', {
      payload: fileThenToken,
      contentType: `multipart/form-data; boundary=${boundary}`,
    });
    expect(afterFile.statusCode).toBe(403);
    expect((await visitor.get('/kelola')).statusCode).toBe(200);
    const first = await send('/keluar-semua', multipartBody({ _csrf: token }, [file]));
    expect(first.statusCode).toBe(303);
    expect((await visitor.get('/kelola')).statusCode).toBe(303);
  });

  it('puts the token of a multipart form in its body, not in its address', async () => {
    const visitor = await loginAsNewStaff(t, { role: 'operator_desa', scope: '36.04.05.2001' });
    const page = await visitor.get('/kelola/layanan/desa');
    expect(page.statusCode).toBe(200);
    const form =
      /<form action="([^"]+)" method="post" enctype="multipart\/form-data"[^>]*>\s*<input type="hidden" name="_csrf"/.exec(
        page.body,
      );
    expect(form?.[1]).toBe('/kelola/layanan/desa/logo');
  });
});
