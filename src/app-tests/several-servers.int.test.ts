import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedComplaintReference } from '../modules/complaints/service.ts';
import { jpegWithGps } from '../modules/complaints/test-photos.ts';
import {
  makeVillageOffice,
  prepareServices,
  requestsAwaitingSignature,
} from '../modules/services/test-builders.ts';
import { enqueueNotification } from '../platform/outbox/index.ts';
import {
  createTestContext,
  freePort,
  makeStaff,
  nginxInstalled,
  overHttp,
  startNginx,
  startSimpulServer,
  type TestContext,
  testDatabaseKind,
  Visitor,
} from '../testing.ts';

// Three app servers on one PostgreSQL behind Debian's nginx, round-robin (#18 §2): what a visitor
// does through nginx lands on any server, and must behave as on one; the scheduled jobs run on all
// three and each piece of their work is done once. PostgreSQL pass only.
const nginxMissing = nginxInstalled() ? null : 'nginx is not installed (apt-get install nginx)';
const unavailable = testDatabaseKind() !== 'postgres' ? 'runs in the PostgreSQL pass' : nginxMissing;

const SERVERS = 3;

/** The SMS/WhatsApp gateway the servers post notifications to: it records each one it is sent, slowly. */
async function startGateway(): Promise<{ url: string; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      received.push((JSON.parse(body) as { id: string }).id);
      // a slow gateway keeps one server's delivery run going while the others' timers fire
      setTimeout(() => response.writeHead(200).end('{}'), 200);
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/kirim`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe.skipIf(unavailable !== null)('three app servers on one PostgreSQL behind nginx', () => {
  let test: TestContext;
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  let root: string;
  let base: string;
  const servers: ChildProcess[] = [];
  let nginx: Awaited<ReturnType<typeof startNginx>> | undefined;

  beforeAll(async () => {
    test = await createTestContext();
    await seedComplaintReference(test.ctx);
    await prepareServices(test.ctx);
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-servers-'));
    gateway = await startGateway();
    const env = {
      DATABASE_URL: test.databaseUrl!,
      DATA_DIR: path.join(root, 'data'),
      SIMPUL_DEMO: '0',
      TRUST_PROXY: '1',
      PUBLIC_PAGE_CACHE_SECONDS: '0',
      NOTIFY_SENDER: 'webhook',
      NOTIFY_WEBHOOK_URL: gateway.url,
    };
    // one after the other, as a rolling start does: the first applies what the others then find done
    const ports: number[] = [];
    for (let i = 0; i < SERVERS; i++) {
      const started = await startSimpulServer(env);
      servers.push(started.server);
      ports.push(started.port);
    }
    nginx = await startNginx(ports);
    base = nginx.base;
  }, 240_000);

  afterAll(async () => {
    await nginx?.stop();
    for (const server of servers) if (server.exitCode === null) server.kill('SIGKILL');
    await gateway?.close();
    await test?.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('spreads requests over every server', async () => {
    const upstreams = new Set<string>();
    for (let i = 0; i < 3 * SERVERS; i++)
      upstreams.add((await fetch(`${base}/healthz`)).headers.get('x-upstream') ?? '');
    expect(upstreams.size).toBe(SERVERS);
  });

  it('sends each queued notification once, though the outbox job runs on every server', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 40; i++)
      ids.push(
        await enqueueNotification(test.ctx, {
          channel: 'sms',
          recipient: `0812000000${String(i).padStart(2, '0')}`,
          body: `Surat Anda nomor ${i} sudah siap diambil.`,
        }),
      );
    const statuses = async () =>
      (
        await test.ctx.db
          .selectFrom('outbox')
          .select('status')
          .where('id', 'in', ids)
          .groupBy('status')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .execute()
      ).map((s) => [s.status, Number(s.n)]);
    // every server's timer looks at the outbox every 15 s; give them three looks each
    const deadline = Date.now() + 60_000;
    while (
      Date.now() < deadline &&
      JSON.stringify(await statuses()) !== JSON.stringify([['sent', ids.length]])
    )
      await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await statuses()).toEqual([['sent', ids.length]]);
    expect([...gateway.received].sort()).toEqual([...ids].sort());
    const job = await test.ctx.db
      .selectFrom('jobs')
      .select(['last_outcome', 'locked_by'])
      .where('name', '=', 'outbox')
      .executeTakeFirstOrThrow();
    expect(job.last_outcome).toBe('ok');
  }, 90_000);

  it('keeps a login, its session and its CSRF token good on whichever server answers', async () => {
    const office = await makeVillageOffice(test.ctx);
    const visitor = new Visitor(overHttp(base));
    // the login page comes from one server and the form is posted to the other
    await visitor.login(office.operator.email);
    const served = new Set<string>();
    for (let i = 0; i < 2 * SERVERS; i++) {
      const page = await visitor.get('/kelola');
      expect(page.statusCode).toBe(200);
      served.add(String(page.headers['x-upstream']));
    }
    expect(served.size).toBe(SERVERS);
    // a form token from one server is accepted by the other; a forged one by neither
    const token = await visitor.csrfToken('/kelola/akun');
    const forged = await visitor.postWithToken('/keluar', {}, `${token.slice(0, -2)}xx`);
    expect(forged.statusCode).toBe(403);
    const out = await visitor.postWithToken('/keluar', {}, token);
    expect(out.statusCode).toBe(303);
    expect((await visitor.get('/kelola')).statusCode).not.toBe(200);
  });

  it('counts failed logins across the servers, so alternating servers does not escape the lock-out', async () => {
    const office = await makeVillageOffice(test.ctx, '36.04.05.2002');
    const visitor = new Visitor(overHttp(base));
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const attempt = await visitor.post('/masuk', { email: office.operator.email, password: `salah-${i}` });
      statuses.push(attempt.statusCode);
    }
    // five free failures from one address, then a wait, whichever server counted them
    expect(statuses.slice(0, 5).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it('numbers letters signed at the same moment through every server without a gap or a repeat', async () => {
    const office = await makeVillageOffice(test.ctx, '36.04.16.2001');
    const ids = await requestsAwaitingSignature(test.ctx, office, 6);
    const kades = new Visitor(overHttp(base));
    await kades.login(office.kades.email);
    const token = await kades.csrfToken('/kelola');
    const signed = await Promise.all(
      ids.map((id) =>
        kades.postWithToken(`/kelola/layanan/permohonan/${id}/tandatangani`, { confirm: '1' }, token),
      ),
    );
    expect(signed.map((s) => s.statusCode)).toEqual(ids.map(() => 303));
    const rows = await test.ctx.db
      .selectFrom('letters')
      .select('number')
      .where('request_id', 'in', ids)
      .execute();
    const sequences = rows.map((r) => Number(r.number.split('/')[1])).sort((a, b) => a - b);
    expect(sequences).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('serves a photo uploaded through one server from the other (files on the shared store)', async () => {
    const visitor = new Visitor(overHttp(base));
    const filed = await visitor.submitMultipart(
      '/pengaduan',
      {
        kind: 'pengaduan',
        categoryCode: 'JALAN_RUSAK',
        detail_panjang_km: '1,2',
        detail_lebar_m: '5',
        detail_status_jalan: 'kabupaten',
        title: 'Jalan Raya Kibin rusak parah',
        description: 'Aspal terkelupas dan berlubang sepanjang satu kilometer lebih.',
        villageCode: '36.04.16.2001',
        lat: '-6.1581',
        lng: '106.1106',
        confidential: 'bawaan',
        website: '',
      },
      [{ name: 'photos', filename: 'jalan.jpg', type: 'image/jpeg', bytes: await jpegWithGps() }],
    );
    expect(filed.statusCode).toBe(303);
    // held for moderation, the photo is shown to the officer the report went to
    const ticket = /\/pengaduan\/([A-Z0-9-]+)\?/.exec(String(filed.headers.location))?.[1];
    const officer = new Visitor(overHttp(base));
    await officer.login((await makeStaff(test.ctx, { role: 'opd', scope: 'DPUPR' })).email);
    const detail = await officer.get(`/kelola/pengaduan/${ticket}`);
    expect(detail.statusCode).toBe(200);
    const photo = /\/pengaduan\/foto\/[0-9a-f-]+/.exec(detail.body)?.[0];
    expect(photo).toBeTruthy();
    const copies = [await officer.get(photo!), await officer.get(photo!)];
    expect(copies.map((c) => c.statusCode)).toEqual([200, 200]);
    expect(new Set(copies.map((c) => c.headers['x-upstream'])).size).toBe(2);
    expect(copies[0]!.rawPayload.equals(copies[1]!.rawPayload)).toBe(true);
  });
});
