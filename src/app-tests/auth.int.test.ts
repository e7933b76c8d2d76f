import { describe, expect, it } from 'vitest';
import { LOCK_AFTER_FAILURES } from '../platform/auth/users.ts';
import { fixedClock } from '../platform/context.ts';
import {
  buildTestApp,
  eachTest,
  loginAs,
  loginAsNewStaff,
  makeStaff,
  TEST_PASSWORD,
  Visitor,
} from '../testing.ts';

const clock = fixedClock('2026-11-20T08:00:00+07:00');

const t = eachTest(() => buildTestApp({ clock }));

describe('staff login', () => {
  it('starts a server-side session with an HttpOnly SameSite cookie and shows the dashboard with the scope', async () => {
    const operator = await makeStaff(t.ctx, { role: 'operator_desa', scope: '36.04.05.2001' });
    const visitor = new Visitor(t.app);
    const response = await visitor.login(operator.email);
    const cookie = response.cookies.find((c) => c.name === 'simpul_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const sessions = await t.ctx.db.selectFrom('sessions').selectAll().execute();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.id).not.toBe(cookie?.value);
    const dashboard = await visitor.get('/kelola');
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.body).toContain('36.04.05.2001');
    expect(dashboard.body).toContain('Kramatwatu');
  });

  it('says which fields are missing and keeps the typed email', async () => {
    const visitor = new Visitor(t.app);
    const response = await visitor.post('/masuk', { email: 'orang@contoh.id', password: '' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Kata sandi wajib diisi.');
    expect(response.body).toContain('value="orang@contoh.id"');
  });

  it('locks the account after repeated wrong passwords, even for the right password, until the lock expires', async () => {
    const camat = await makeStaff(t.ctx, { role: 'camat', scope: '36.04.05' });
    const visitor = new Visitor(t.app);
    for (let i = 0; i < LOCK_AFTER_FAILURES; i++) {
      const wrong = await visitor.post('/masuk', { email: camat.email, password: 'salah-salah-salah' });
      expect(wrong.statusCode).toBe(422);
    }
    const locked = await visitor.post('/masuk', { email: camat.email, password: TEST_PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain('dikunci');
    clock.advance(16 * 60_000);
    const after = await visitor.post('/masuk', { email: camat.email, password: TEST_PASSWORD });
    expect(after.statusCode).toBe(303);
  });

  it('refuses a form post without the CSRF token', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/masuk',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a%40b.id&password=x',
    });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('kedaluwarsa');
  });

  it('ends every session of the person on "log out everywhere"', async () => {
    const kades = await makeStaff(t.ctx, { role: 'kepala_desa', scope: '36.04.05.2001' });
    const phone = await loginAs(t.app, kades);
    const laptop = await loginAs(t.app, kades);
    expect((await laptop.get('/kelola')).statusCode).toBe(200);
    await phone.post('/keluar-semua', {}, { csrfFrom: '/kelola' });
    const again = await laptop.get('/kelola');
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toContain('/masuk');
  });
});

describe('roles and scope in pages', () => {
  it('lets only admin kabupaten open user administration and the audit log', async () => {
    const admin = await makeStaff(t.ctx, { role: 'admin_kabupaten', scope: '36.04' });
    const operator = await makeStaff(t.ctx, { role: 'operator_desa', scope: '36.04.05.2001' });
    const adminVisitor = await loginAs(t.app, admin);
    const operatorVisitor = await loginAs(t.app, operator);
    expect((await adminVisitor.get('/kelola/pengguna')).statusCode).toBe(200);
    expect((await adminVisitor.get('/kelola/audit')).body).toContain('login');
    expect((await operatorVisitor.get('/kelola/pengguna')).statusCode).toBe(403);
    expect((await operatorVisitor.get('/kelola/audit')).statusCode).toBe(403);
    const nav = (await operatorVisitor.get('/kelola')).body;
    expect(nav).not.toContain('href="/kelola/pengguna"');
  });

  it('creates a staff account from the admin form and reports each bad field', async () => {
    const visitor = await loginAsNewStaff(t, { role: 'admin_kabupaten', scope: '36.04' });
    const bad = await visitor.post(
      '/kelola/pengguna/baru',
      { name: '', email: 'bukan-email', role: 'camat', scope: '36.04.05.2001', password: 'pendek' },
      { csrfFrom: '/kelola/pengguna/baru' },
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Nama wajib diisi.');
    expect(bad.body).toContain('Masukkan alamat email yang benar');
    expect(bad.body).toContain('Cakupan camat harus kode kecamatan');
    expect(bad.body).toContain('Kata sandi minimal 10 karakter.');
    const good = await visitor.post(
      '/kelola/pengguna/baru',
      {
        name: 'Camat Kibin',
        email: 'camat.kibin@serangkab.go.id',
        role: 'camat',
        scope: '36.04.16',
        password: 'kata-sandi-panjang',
      },
      { csrfFrom: '/kelola/pengguna/baru' },
    );
    expect(good.statusCode).toBe(303);
    const created = await t.ctx.db
      .selectFrom('staff_users')
      .selectAll()
      .where('email', '=', 'camat.kibin@serangkab.go.id')
      .executeTakeFirstOrThrow();
    expect(created.scope_code).toBe('36.04.16');
    expect(created.password_hash).toMatch(/^\$argon2id\$/);
  });
});
