import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedComplaintReference } from '../modules/complaints/service.ts';
import { jpegWithGps } from '../modules/complaints/test-photos.ts';
import {
  makeVillageOffice,
  prepareServices,
  requestsAwaitingSignature,
} from '../modules/services/test-builders.ts';
import { createTestContext, makeStaff, type TestContext, testDatabaseKind, Visitor } from '../testing.ts';

// Two app servers on one PostgreSQL behind Debian's nginx, round-robin (#18 §2): what a visitor
// does through nginx lands on either server, and must behave as on one. PostgreSQL pass only.
const nginxMissing = spawnSync('nginx', ['-v']).error
  ? 'nginx is not installed (apt-get install nginx)'
  : null;
const unavailable = testDatabaseKind() !== 'postgres' ? 'runs in the PostgreSQL pass' : nginxMissing;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function startServer(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const server = spawn(process.execPath, ['bin/simpul.js', 'serve'], {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"msg":"ready"')) resolve(server);
    });
    server.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output.slice(-2000)}`)));
  });
}

function nginxConfig(root: string, port: number, upstreams: number[]): string {
  return `worker_processes 1;
pid ${root}/nginx.pid;
error_log ${root}/error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${root}/body;
  proxy_temp_path ${root}/proxy;
  fastcgi_temp_path ${root}/fastcgi;
  uwsgi_temp_path ${root}/uwsgi;
  scgi_temp_path ${root}/scgi;
  client_max_body_size 20m;
  upstream simpul { ${upstreams.map((p) => `server 127.0.0.1:${p};`).join(' ')} }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://simpul;
      proxy_set_header Host $host:$server_port;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`;
}

interface HttpResponse {
  statusCode: number;
  body: string;
  rawPayload: Buffer;
  headers: Record<string, string>;
  cookies: Array<{ name: string; value: string }>;
  json(): unknown;
}

/**
 * What the tests' `Visitor` needs of an app (`inject`), answered by real HTTP through nginx: the
 * same visitor code (cookies, CSRF tokens, forms) then browses the load-balanced servers.
 */
function throughHttp(base: string): FastifyInstance {
  const inject = async (options: {
    method: string;
    url: string;
    headers?: Record<string, string>;
    payload?: string | Buffer;
  }): Promise<HttpResponse> => {
    const response = await fetch(base + options.url, {
      method: options.method,
      headers: options.headers ?? {},
      ...(options.payload !== undefined ? { body: new Uint8Array(Buffer.from(options.payload)) } : {}),
      redirect: 'manual',
      signal: AbortSignal.timeout(30_000),
    });
    const rawPayload = Buffer.from(await response.arrayBuffer());
    const body = rawPayload.toString('utf8');
    const cookies = response.headers.getSetCookie().map((line) => {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      return { name: pair.slice(0, at).trim(), value: pair.slice(at + 1).trim() };
    });
    return {
      statusCode: response.status,
      body,
      rawPayload,
      headers: Object.fromEntries(response.headers.entries()),
      cookies,
      json: () => JSON.parse(body),
    };
  };
  return { inject } as unknown as FastifyInstance;
}

describe.skipIf(unavailable !== null)('two app servers on one PostgreSQL behind nginx', () => {
  let test: TestContext;
  let root: string;
  let base: string;
  const processes: ChildProcess[] = [];

  beforeAll(async () => {
    test = await createTestContext();
    await seedComplaintReference(test.ctx);
    await prepareServices(test.ctx);
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-servers-'));
    fs.chmodSync(root, 0o777);
    const env = {
      DATABASE_URL: test.databaseUrl!,
      DATA_DIR: path.join(root, 'data'),
      SIMPUL_DEMO: '0',
      TRUST_PROXY: '1',
      PUBLIC_PAGE_CACHE_SECONDS: '0',
    };
    const ports = [await freePort(), await freePort()];
    // one after the other, as a rolling start does: the first applies what the second then finds done
    for (const port of ports) processes.push(await startServer(env, port));
    const nginxPort = await freePort();
    fs.writeFileSync(path.join(root, 'nginx.conf'), nginxConfig(root, nginxPort, ports));
    const nginx = spawn('nginx', ['-p', root, '-c', path.join(root, 'nginx.conf'), '-g', 'daemon off;'], {
      stdio: 'ignore',
    });
    processes.push(nginx);
    base = `http://127.0.0.1:${nginxPort}`;
    for (let i = 0; i < 100; i++) {
      const up = await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 240_000);

  afterAll(async () => {
    // nginx's master is asked to stop (SIGTERM), so it takes its worker along; the app servers are killed
    for (const child of processes.reverse()) {
      if (child.exitCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(child.spawnfile === 'nginx' ? 'SIGTERM' : 'SIGKILL');
      await exited;
    }
    await test?.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('spreads requests over both servers', async () => {
    const upstreams = new Set<string>();
    for (let i = 0; i < 6; i++)
      upstreams.add((await fetch(`${base}/healthz`)).headers.get('x-upstream') ?? '');
    expect(upstreams.size).toBe(2);
  });

  it('keeps a login, its session and its CSRF token good on whichever server answers', async () => {
    const office = await makeVillageOffice(test.ctx);
    const visitor = new Visitor(throughHttp(base));
    // the login page comes from one server and the form is posted to the other
    await visitor.login(office.operator.email);
    const served = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const page = await visitor.get('/kelola');
      expect(page.statusCode).toBe(200);
      served.add(String(page.headers['x-upstream']));
    }
    expect(served.size).toBe(2);
    // a form token from one server is accepted by the other; a forged one by neither
    const token = await visitor.csrfToken('/kelola/akun');
    const forged = await visitor.postWithToken('/keluar', {}, `${token.slice(0, -2)}xx`);
    expect(forged.statusCode).toBe(403);
    const out = await visitor.postWithToken('/keluar', {}, token);
    expect(out.statusCode).toBe(303);
    expect((await visitor.get('/kelola')).statusCode).not.toBe(200);
  });

  it('counts failed logins across both servers, so alternating servers does not escape the lock-out', async () => {
    const office = await makeVillageOffice(test.ctx, '36.04.05.2002');
    const visitor = new Visitor(throughHttp(base));
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const attempt = await visitor.post('/masuk', { email: office.operator.email, password: `salah-${i}` });
      statuses.push(attempt.statusCode);
    }
    // five free failures from one address, then a wait, whichever server counted them
    expect(statuses.slice(0, 5).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it('numbers letters signed at the same moment through both servers without a gap or a repeat', async () => {
    const office = await makeVillageOffice(test.ctx, '36.04.16.2001');
    const ids = await requestsAwaitingSignature(test.ctx, office, 6);
    const kades = new Visitor(throughHttp(base));
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
    const visitor = new Visitor(throughHttp(base));
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
    const officer = new Visitor(throughHttp(base));
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
