import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { audit } from '../platform/audit/service.ts';
import { createSession } from '../platform/auth/sessions.ts';
import { createApiToken } from '../platform/auth/users.ts';
import { backupDatabase, restoreDatabase } from '../platform/db/backup.ts';
import { readFile, saveFile } from '../platform/files/index.ts';
import { removeExpiredSessions, runJobOnce } from '../platform/jobs/index.ts';
import {
  deliverPendingNotifications,
  enqueueNotification,
  type NotificationSender,
} from '../platform/outbox/index.ts';
import {
  buildTestApp,
  cookieHeader,
  createTestContext,
  eachTest,
  loginAs,
  loginAsNewStaff,
  makeStaff,
  Visitor,
} from '../testing.ts';

const t = eachTest(() => buildTestApp());

describe('public pages', () => {
  it('lists the 29 kecamatan and 326 villages of Kabupaten Serang on the home page, under 50 KB compressed', async () => {
    const home = await new Visitor(t.app).get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Kabupaten Serang');
    expect(home.body).toContain('29 kecamatan, 326 desa');
    expect(home.body).toContain('href="/desa/36.04.05.2001"');
    expect(gzipSync(home.body).length).toBeLessThan(50 * 1024);
  });

  it('switches to English and back with the language link', async () => {
    const visitor = new Visitor(t.app);
    const switched = await visitor.get('/bahasa/en?kembali=/');
    expect(switched.headers.location).toBe('/');
    const home = await visitor.get('/');
    expect(home.body).toContain('<html lang="en">');
    expect(home.body).toContain('Government services of Kabupaten Serang');
  });

  it('does not follow a language switch back to another site', async () => {
    const response = await new Visitor(t.app).get('/bahasa/en?kembali=//evil.example/');
    expect(response.headers.location).toBe('/');
  });

  it('redirects a readable village slug to the village code and 404s an unknown village', async () => {
    const visitor = new Visitor(t.app);
    const slug = await visitor.get('/desa/margasana');
    expect(slug.statusCode).toBe(301);
    expect(slug.headers.location).toBe('/desa/36.04.05.2002');
    expect((await visitor.get('/desa/36.04.05.9999')).statusCode).toBe(404);
  });

  it('sets no CSRF cookie on JSON API responses', async () => {
    const response = await t.app.inject('/api/v1/regions/kecamatan');
    expect(response.cookies.map((c) => c.name)).not.toContain('simpul_csrf');
  });

  it('answers health and readiness', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject('/readyz')).json()).toEqual({ status: 'ok' });
  });
});

describe('village office profile and scope', () => {
  it('lets village staff edit their own village, refuses another village, and reports bad fields', async () => {
    const visitor = await loginAsNewStaff(t, { role: 'operator_desa', scope: '36.04.05.2001' });
    expect((await visitor.get('/kelola/desa/36.04.16.2001')).statusCode).toBe(403);
    const bad = await visitor.post(
      '/kelola/desa/36.04.05.2001',
      { address: 'Jl', phone: 'telepon', email: 'x' },
      { csrfFrom: '/kelola/desa/36.04.05.2001' },
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Alamat kantor desa wajib diisi');
    expect(bad.body).toContain('Nomor telepon hanya boleh berisi angka');
    const good = await visitor.post(
      '/kelola/desa/36.04.05.2001',
      { address: 'Jl. Raya Serang–Cilegon Km 9, Kramatwatu', phone: '(0254) 123456', email: '' },
      { csrfFrom: '/kelola/desa/36.04.05.2001' },
    );
    expect(good.statusCode).toBe(303);
    expect((await visitor.get('/desa/36.04.05.2001')).body).toContain('Jl. Raya Serang–Cilegon Km 9');
    const other = await visitor.post(
      '/kelola/desa/36.04.16.2001',
      { address: 'Jl. Kibin', phone: '', email: '' },
      { csrfFrom: '/kelola/desa/36.04.05.2001' },
    );
    expect(other.statusCode).toBe(403);
  });
});

describe('JSON API', () => {
  it('publishes an OpenAPI 3 document and a reference UI', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/me', '/api/v1/users', '/api/v1/regions/villages']),
    );
    expect((await t.app.inject('/api/docs/')).statusCode).toBe(200);
  });

  it('answers problem+json for unauthenticated, forbidden, invalid and unknown requests', async () => {
    const anonymous = await t.app.inject('/api/v1/users');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    const operator = await makeStaff(t.ctx, { role: 'operator_desa', scope: '36.04.05.2001' });
    const operatorToken = await createApiToken(t.ctx, operator.id, 'uji');
    const forbidden = await t.app.inject({
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${operatorToken}` },
    });
    expect(forbidden.statusCode).toBe(403);
    const invalid = await t.app.inject('/api/v1/regions/villages?kecamatan=bukan-kode');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().errors).toHaveProperty('kecamatan');
    expect((await t.app.inject('/api/v1/tidak-ada')).json()).toMatchObject({
      status: 404,
      title: 'Tidak ditemukan',
    });
  });

  it('accepts a per-user API token, stored only as a hash, and creates users field-checked', async () => {
    const admin = await makeStaff(t.ctx, { role: 'admin_kabupaten', scope: '36.04' });
    const token = await createApiToken({ ...t.ctx, actor: admin }, admin.id, 'integrasi');
    const stored = await t.ctx.db.selectFrom('api_tokens').select('token_hash').executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    const headers = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ url: '/api/v1/me', headers })).json()).toMatchObject({
      kind: 'staff',
      role: 'admin_kabupaten',
    });
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers,
      payload: { email: 'x', name: 'A', role: 'opd', scope: 'TIDAKADA', password: 'panjang-sekali' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toMatchObject({ email: expect.any(String), scope: 'Kode OPD tidak dikenal.' });
    const good = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers,
      payload: {
        email: 'dlh@serangkab.go.id',
        name: 'Petugas DLH',
        role: 'opd',
        scope: 'DLH',
        password: 'panjang-sekali',
      },
    });
    expect(good.statusCode).toBe(201);
    expect(good.json().scope).toEqual({ type: 'agency', code: 'DLH' });
  });

  it('refuses a JSON call made with a session cookie but without the CSRF header', async () => {
    const visitor = await loginAsNewStaff(t, { role: 'admin_kabupaten', scope: '36.04' });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: {
        cookie: cookieHeader(visitor.cookies),
      },
      payload: { email: 'a@b.id', name: 'A', role: 'opd', scope: 'DLH', password: 'panjang-sekali' },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('audit log', () => {
  it('is append-only: the database refuses to change or delete an entry', async () => {
    await audit(t.ctx, {
      action: 'read_personal',
      entity: 'resident',
      entityId: 'x',
      villageCode: '36.04.05.2001',
    });
    await expect(sql`UPDATE audit_log SET action = 'diubah'`.execute(t.ctx.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM audit_log`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
  });

  it('is filterable by action and region on the admin page and the API', async () => {
    const admin = await makeStaff(t.ctx, { role: 'admin_kabupaten', scope: '36.04' });
    await audit(t.ctx, {
      action: 'read_personal',
      entity: 'resident',
      entityId: 'r-kramatwatu',
      villageCode: '36.04.05.2001',
    });
    await audit(t.ctx, {
      action: 'read_personal',
      entity: 'resident',
      entityId: 'r-kibin',
      villageCode: '36.04.16.2001',
    });
    const visitor = await loginAs(t.app, admin);
    const page = await visitor.get('/kelola/audit?action=read_personal&villageCode=36.04.16');
    expect(page.body).toContain('r-kibin');
    expect(page.body).not.toContain('r-kramatwatu');
    const token = await createApiToken({ ...t.ctx, actor: admin }, admin.id, 'audit');
    const api = await t.app.inject({
      url: '/api/v1/audit?action=read_personal',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.json().total).toBe(2);
  });
});

describe('outbox, jobs and files', () => {
  it('delivers queued notifications through the configured sender and retries failures later', async () => {
    await enqueueNotification(t.ctx, {
      channel: 'sms',
      recipient: '081234567890',
      body: 'Surat Anda siap diambil.',
    });
    const delivered: string[] = [];
    const flaky: NotificationSender = {
      async send(message) {
        if (delivered.length === 0 && message.channel === 'sms') {
          delivered.push('fail');
          throw new Error('gateway down');
        }
        delivered.push(message.recipient);
      },
    };
    expect(await deliverPendingNotifications(t.ctx, flaky)).toEqual({ sent: 0, attempted: 1 });
    const later = { ...t.ctx, clock: { now: () => new Date(Date.now() + 10 * 60_000) } };
    expect(await deliverPendingNotifications(later, flaky)).toEqual({ sent: 1, attempted: 1 });
    const row = await t.ctx.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('runs a job under a lease', async () => {
    let runs = 0;
    expect(await runJobOnce(t.ctx, { name: 'uji', everyMs: 1000, run: async () => void runs++ })).toBe(true);
    expect(runs).toBe(1);
  });

  it('runs a job on one server at a time while other queries go on, and records its outcome', async () => {
    let finish!: () => void;
    const held = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const slow = { name: 'lambat', everyMs: 1000, run: () => held };
    const first = runJobOnce(t.ctx, slow);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // a second server finds the job taken; the database still answers while the job waits
    expect(await runJobOnce(t.ctx, slow)).toBe(false);
    expect(await t.ctx.db.selectFrom('villages').select('code').limit(1).execute()).toHaveLength(1);
    finish();
    expect(await first).toBe(true);
    const failing = { name: 'gagal', everyMs: 1000, run: async () => Promise.reject(new Error('rusak')) };
    await expect(runJobOnce(t.ctx, failing)).rejects.toThrow('rusak');
    const rows = await t.ctx.db
      .selectFrom('jobs')
      .selectAll()
      .where('name', 'in', ['lambat', 'gagal'])
      .execute();
    expect(
      Object.fromEntries(rows.map((r) => [r.name, [r.last_outcome, r.last_error, r.locked_until]])),
    ).toEqual({
      lambat: ['ok', null, null],
      gagal: ['failed', 'rusak', null],
    });
  });

  it('removes expired sessions and keeps live ones', async () => {
    const admin = await makeStaff(t.ctx, { role: 'admin_kabupaten', scope: '36.04' });
    const past = { ...t.ctx, clock: { now: () => new Date(Date.now() - 30 * 86_400_000) } };
    await createSession(past, { kind: 'staff', id: admin.id });
    await createSession(t.ctx, { kind: 'staff', id: admin.id });
    await removeExpiredSessions(t.ctx);
    expect(await t.ctx.db.selectFrom('sessions').select('id').execute()).toHaveLength(1);
  });

  it('stores uploaded files by content hash and reads them back', async () => {
    const saved = await saveFile(t.ctx, {
      bytes: Buffer.from('%PDF-1.7 uji'),
      contentType: 'application/pdf',
      name: 'surat.pdf',
    });
    const read = await readFile(t.ctx, saved.id);
    expect(read.bytes.toString()).toBe('%PDF-1.7 uji');
    expect(read.sha256).toBe(saved.sha256);
  });
});

describe('backup and restore', () => {
  it('round-trips every table into a fresh database, keeping the audit log and continuing its ids', async () => {
    const admin = await makeStaff(t.ctx, { role: 'admin_kabupaten', scope: '36.04' });
    await audit(
      { ...t.ctx, actor: admin },
      { action: 'create_user', entity: 'staff_user', entityId: admin.id },
    );
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-backup-')), 'cadangan.jsonl.gz');
    const summary = await backupDatabase(t.ctx.db, file);
    expect(summary.rows).toBeGreaterThan(7000);
    const target = await createTestContext();
    try {
      await sql`DELETE FROM villages`.execute(target.ctx.db);
      const restored = await restoreDatabase(target.ctx.db, file);
      expect(restored.rows).toBe(summary.rows);
      const count = async (
        db: typeof t.ctx.db,
        table: 'villages' | 'staff_users' | 'audit_log' | 'kecamatan',
      ) =>
        Number(
          (
            await db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      for (const table of ['villages', 'staff_users', 'audit_log', 'kecamatan'] as const) {
        expect(await count(target.ctx.db, table)).toBe(await count(t.ctx.db, table));
      }
      const user = await target.ctx.db
        .selectFrom('staff_users')
        .selectAll()
        .where('id', '=', admin.id)
        .executeTakeFirstOrThrow();
      expect(user.email).toBe(admin.email);
      await audit(target.ctx, { action: 'after_restore', entity: 'system' });
      const ids = await target.ctx.db.selectFrom('audit_log').select('id').orderBy('id').execute();
      expect(new Set(ids.map((r) => r.id)).size).toBe(ids.length);
      await expect(sql`DELETE FROM audit_log`.execute(target.ctx.db)).rejects.toThrow(/append-only/);
    } finally {
      await target.close();
    }
  });
});
