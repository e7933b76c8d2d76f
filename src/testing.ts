import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance, FastifySchema } from 'fastify';
import pino from 'pino';
import { afterEach } from 'vitest';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { seedRegions } from './modules/regions/service.ts';
import { seedAgencies } from './platform/agencies/service.ts';
import { issuePin } from './platform/auth/resident-login.ts';
import { type StaffActor, SYSTEM } from './platform/auth/roles.ts';
import { type Clock, type Ctx, fixedClock, systemClock, withActor } from './platform/context.ts';
import { startJobs } from './platform/jobs/index.ts';
import {
  createTestDatabase,
  eachTest,
  freePort,
  loginAs,
  makeStaff,
  type PrepareDatabase,
  type TestContext,
  testDatabaseKind,
  Visitor,
} from './platform/testing.ts';
import { allJobs, migrate } from './setup.ts';

// The app-level harness: every module's tables, the regions, the whole app. The database-only
// helpers (test databases, staff, the browser-like Visitor) are the platform's and are re-exported.
export * from './platform/files/test-photos.ts';
export * from './platform/testing.ts';

/** Every migration of the platform and the modules, then the regions and agencies. */
export const prepareAppDatabase: PrepareDatabase = async (db, config) => {
  await migrate(db, config);
  const ctx = { db, actor: SYSTEM, clock: systemClock, config, log: pino({ level: 'silent' }) };
  await seedRegions(ctx, config.regencyCode);
  await seedAgencies(ctx);
};

/**
 * A fixed clock, and for each test a fresh test app or context that `open` (buildTestApp,
 * createTestContext) makes on it, the clock set back to `start` first.
 */
export function eachTestOnClock<T extends { close(): Promise<void> }>(
  start: string,
  open: (options: { clock: Clock }) => Promise<T>,
  timeout?: number,
) {
  const clock = fixedClock(start);
  const test = eachTest(() => {
    clock.set(start);
    return open({ clock });
  }, timeout);
  return { clock, test };
}

/** A fresh database with every migration and the regions: PGlite in memory, or a new PostgreSQL database. */
export function createTestContext(
  options: { clock?: Clock; config?: Config; keptDatabase?: string } = {},
): Promise<TestContext> {
  return createTestDatabase({ ...options, prepare: prepareAppDatabase });
}

export interface TestApp extends TestContext {
  app: FastifyInstance;
  /** every route the app registered (HEAD twins left out), with its schema when it has one */
  routes: Array<{ method: string; url: string; schema: FastifySchema | undefined }>;
}

export async function buildTestApp(
  options: { clock?: Clock; config?: Config; keptDatabase?: string } = {},
): Promise<TestApp> {
  const context = await createTestContext(options);
  const routes: TestApp['routes'] = [];
  const app = await buildApp({
    config: context.config,
    db: context.ctx.db,
    clock: context.ctx.clock,
    logger: false,
    onRoute: (route) => {
      for (const method of [route.method].flat())
        if (method !== 'HEAD') routes.push({ method, url: route.url, schema: route.schema });
    },
  });
  // as on a server, work a request queues (an import) runs on the job runner's context; nothing
  // runs by itself on a timer, so a test decides when the other jobs run (runJobOnce)
  const jobs = startJobs(context.ctx, allJobs(), { timers: false });
  return {
    ...context,
    app,
    routes,
    async close() {
      await jobs.stop();
      await app.close();
      await context.close();
    },
  };
}

/** A new staff member with this role and scope, logged in through the real login form. */
export async function loginAsNewStaff(
  test: { app: FastifyInstance; ctx: Ctx },
  input: Parameters<typeof makeStaff>[1],
  address?: string,
): Promise<Visitor> {
  return loginAs(test.app, await makeStaff(test.ctx, input), address);
}

/**
 * Logs a resident in through the real form with a PIN `operator` issues them, and takes them past
 * the forced change to a PIN of their own; returns a visitor holding the resident's session.
 */
export async function loginResident(
  test: TestApp,
  resident: { nik: string },
  operator: StaffActor,
): Promise<Visitor> {
  const { pin } = await issuePin(withActor(test.ctx, operator), resident.nik);
  const visitor = new Visitor(test.app);
  const login = await visitor.post('/masuk/warga', { nik: resident.nik, pin }, { csrfFrom: '/masuk/warga' });
  if (login.statusCode !== 303) throw new Error(`resident login failed: ${login.statusCode}`);
  const next = '583920';
  const changed = await visitor.post(
    '/akun/pin',
    { current: pin, next, repeat: next },
    { csrfFrom: '/akun/pin' },
  );
  if (changed.statusCode !== 303) throw new Error(`PIN change failed: ${changed.statusCode}`);
  return visitor;
}

/**
 * For files whose tests open several databases, apps or runners each: registers an afterEach that
 * closes what a test handed to `onEnd`, the last first. Call it once, at the top of the file.
 */
export function closingAfterEach() {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const onEnd = (cleanup: () => Promise<void> | void) => {
    cleanups.push(cleanup);
  };
  return {
    onEnd,
    /** a fresh test context (createTestContext), closed when the test ends */
    async context(options: Parameters<typeof createTestContext>[0] = {}): Promise<TestContext> {
      const context = await createTestContext(options);
      onEnd(() => context.close());
      return context;
    },
  };
}

/** The error `work` fails with, or null when it succeeds: for checking what a refusal carries. */
export async function caught(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => null,
    (e: unknown) => e,
  );
}

const execFileAsync = promisify(execFile);

/** Runs `npx simpul …` as an operator would: bin/simpul.js in a child process, with this environment. */
export function simpulCli(env: Record<string, string>, ...args: string[]) {
  return execFileAsync(process.execPath, ['bin/simpul.js', ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', SIMPUL_DEMO: '0', ...env },
  });
}

/**
 * Where a CLI run keeps its data: a fresh data folder with the embedded database, or, on the
 * PostgreSQL pass, a fresh database on the server (opened through `closing`, so it is dropped when
 * the test ends; `prepare` may change it first).
 */
export async function cliTarget(
  closing: ReturnType<typeof closingAfterEach>,
  options: { dirPrefix: string; prepare?: (context: TestContext) => Promise<void> },
): Promise<Record<string, string>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), options.dirPrefix));
  if (testDatabaseKind() === 'postgres') {
    const context = await closing.context();
    await options.prepare?.(context);
    return { DATA_DIR: dataDir, DATABASE_URL: context.databaseUrl! };
  }
  return { DATA_DIR: dataDir, DATABASE_URL: '' };
}

/**
 * Starts `simpul serve` (bin/simpul.js: the compiled build when it is fresh) on a free port with
 * this environment, and resolves once it logs "ready"; the server's output is in the error if it
 * exits first. The caller stops it.
 */
export async function startSimpulServer(
  env: Record<string, string>,
): Promise<{ server: ChildProcess; port: number; base: string }> {
  const port = await freePort();
  const server = spawn(process.execPath, ['bin/simpul.js', 'serve'], {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"msg":"ready"')) resolve();
    });
    server.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output.slice(-2000)}`)));
  });
  return { server, port, base: `http://127.0.0.1:${port}` };
}

/** Whether Debian's nginx is installed (`apt-get install nginx`). */
export function nginxInstalled(): boolean {
  return !spawnSync('nginx', ['-v']).error;
}

/**
 * Debian's nginx on a free port in front of the app servers on `upstreams`, round-robin with
 * keep-alive, as a deployment puts it: it passes the client's address on (X-Forwarded-For) and
 * names the server that answered in `X-Upstream`. `stop` asks it to quit and waits.
 */
export async function startNginx(upstreams: number[]): Promise<{ base: string; stop(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-nginx-'));
  fs.chmodSync(dir, 0o777); // its worker runs as nobody and writes its temporary files here
  const port = await freePort();
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  client_max_body_size 20m;
  upstream simpul { ${upstreams.map((p) => `server 127.0.0.1:${p};`).join(' ')} keepalive 32; }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://simpul;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host:$server_port;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`,
  );
  // SIGTERM to the master (never SIGKILL): it takes its worker along
  const nginx = spawn('nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    async stop() {
      if (nginx.exitCode === null) {
        const exited = new Promise((resolve) => nginx.once('exit', resolve));
        nginx.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
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
 * What the tests' `Visitor` needs of an app (`inject`), answered by real HTTP to `base` (a server,
 * or nginx in front of several): the same visitor code (cookies, CSRF tokens, forms) then browses it.
 */
export function overHttp(base: string): FastifyInstance {
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
