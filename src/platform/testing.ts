import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { type Config, loadConfig, type S3Settings } from '../config.ts';
import { seedAgencies } from './agencies/service.ts';
import { type Role, type StaffActor, SYSTEM } from './auth/roles.ts';
import { createStaffUser } from './auth/users.ts';
import { type Clock, type Ctx, systemClock } from './context.ts';
import type { Database } from './db/database.ts';
import { type DatabaseKind, type Db, fromPGlite, openPGlite, postgresPool } from './db/index.ts';
import { collectMigrations, migrateToLatest } from './db/migrate.ts';
import { importMigrations } from './imports/schema.ts';
import { jobMigrations } from './jobs/schema.ts';
import { platformMigrations } from './migrations.ts';

export interface TestContext {
  ctx: Ctx;
  kind: DatabaseKind;
  config: Config;
  /** connection string of the per-test database (PostgreSQL runs only) */
  databaseUrl: string | null;
  close(): Promise<void>;
}

/** What a test opens and must close again: a test app or a test context. */
interface Closable {
  close(): Promise<void>;
}

type Hook = (fn: () => Promise<void>, timeout?: number) => void;

function openAround<T extends Closable>(
  before: Hook,
  after: Hook,
  open: () => Promise<T>,
  timeout?: number,
): T {
  const current = {} as T;
  before(async () => {
    Object.assign(current, await open());
  }, timeout);
  after(async () => {
    await current.close?.();
  });
  return current;
}

/**
 * Opens a fresh test app (or test context) before each test of the file and closes it after, as a
 * `let` set in `beforeEach` would: the object returned is filled in again before every test, so the
 * tests read `test.app`, `test.ctx` from it.
 */
export function eachTest<T extends Closable>(open: () => Promise<T>, timeout?: number): T {
  return openAround(beforeEach, afterEach, open, timeout);
}

/** Opens one test app (or test context) for all the tests of the file, closed after the last. */
export function allTests<T extends Closable>(open: () => Promise<T>, timeout?: number): T {
  return openAround(beforeAll, afterAll, open, timeout);
}

export function testDatabaseKind(): DatabaseKind {
  return process.env.SIMPUL_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-test-'));
  return loadConfig({
    DATA_DIR: dataDir,
    SIMPUL_DEMO: '0',
    // a test reads what it has just written through a service, not through a request
    PUBLIC_PAGE_CACHE_SECONDS: '0',
    LOG_LEVEL: 'silent',
    REGENCY_CODE: '36.04',
    // SIMPUL_PARTITION_BY_REGENCY=1 with SIMPUL_TEST_DB=postgres runs a test file on residents
    // partitioned by regency
    SIMPUL_PARTITION_BY_REGENCY: process.env.SIMPUL_PARTITION_BY_REGENCY ?? '0',
    ...overrides,
  });
}

const silentLog = pino({ level: 'silent' });

/** Brings an empty test database to the state the tests expect (migrations, reference data). */
export type PrepareDatabase = (db: Db, config: Config) => Promise<void>;

/** The platform's own tables (no module's) and the agencies: enough for tests of the platform alone. */
export const preparePlatformDatabase: PrepareDatabase = async (db, config) => {
  await migrateToLatest(db, collectMigrations([platformMigrations, jobMigrations, importMigrations]));
  await seedAgencies({ db, actor: SYSTEM, clock: systemClock, config, log: silentLog });
};

// Opening PGlite and migrating takes seconds; each test gets a clone of one prepared instance
// (one per way of preparing it).
const templates = new Map<PrepareDatabase, Promise<PGlite>>();

async function pgliteTemplate(config: Config, prepare: PrepareDatabase): Promise<PGlite> {
  let template = templates.get(prepare);
  if (!template) {
    template = (async () => {
      const pglite = await openPGlite(null);
      const handle = fromPGlite(pglite);
      await prepare(handle.db, config);
      return pglite;
    })();
    templates.set(prepare, template);
  }
  return template;
}

/**
 * A fresh database prepared by `prepare` (the platform's tables by default): PGlite in memory, or a
 * new PostgreSQL database when SIMPUL_TEST_DB=postgres. The app's tests use `createTestContext` in
 * src/testing.ts, which prepares every module's tables.
 */
export async function createTestDatabase(
  options: { clock?: Clock; config?: Config; prepare?: PrepareDatabase; keptDatabase?: string } = {},
): Promise<TestContext> {
  const config = options.config ?? testConfig();
  const clock = options.clock ?? systemClock;
  const prepare = options.prepare ?? preparePlatformDatabase;
  if (testDatabaseKind() === 'postgres') {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) throw new Error('SIMPUL_TEST_DB=postgres needs TEST_DATABASE_URL');
    // keptDatabase (benchmarks only): a named database made once and kept, so that a large data set
    // loads once and later runs only measure
    const kept = options.keptDatabase;
    if (kept && !/^[a-z_][a-z0-9_]*$/.test(kept)) throw new Error(`not a database name: ${kept}`);
    const name = kept ?? `simpul_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    const exists =
      kept && (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [kept])).rowCount;
    if (!exists) await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    // as in production, the configuration names the database the code talks to (the importer's
    // COPY opens its own connection from it)
    const serverConfig = { ...config, databaseUrl: url.toString() };
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: postgresPool(url.toString()) }) });
    await prepare(db, serverConfig);
    return {
      ctx: { db, actor: SYSTEM, clock, config: serverConfig, log: silentLog },
      kind: 'postgres',
      config: serverConfig,
      databaseUrl: url.toString(),
      async close() {
        await db.destroy();
        if (kept) return;
        const cleanup = new pg.Client({ connectionString: adminUrl });
        await cleanup.connect();
        // the pool's sockets may still be closing; dropping WITH (FORCE) then kills them and their
        // client reports an unhandled 57P01, so wait (briefly) until the server has let them go
        for (let i = 0; i < 50; i++) {
          const open = await cleanup.query(
            'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
            [name],
          );
          if (open.rows[0].n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await cleanup.end();
      },
    };
  }
  const pglite = (await (await pgliteTemplate(config, prepare)).clone()) as PGlite;
  const handle = fromPGlite(pglite);
  return {
    ctx: { db: handle.db, actor: SYSTEM, clock, config, log: silentLog },
    kind: 'pglite',
    config,
    databaseUrl: null,
    close: () => handle.close(),
  };
}

/** A TCP port on 127.0.0.1 that nothing listens on at this moment. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export const TEST_PASSWORD = 'kata-sandi-uji-123';
let counter = 0;

export async function makeStaff(
  ctx: Ctx,
  input: { role: Role; scope: string; email?: string; name?: string },
): Promise<StaffActor> {
  counter++;
  return createStaffUser(ctx, {
    email: input.email ?? `${input.role}.${counter}.${randomBytes(3).toString('hex')}@uji.simpul.id`,
    name: input.name ?? `Petugas Uji ${counter}`,
    role: input.role,
    scope: input.scope,
    password: TEST_PASSWORD,
  });
}

function cookiesFrom(response: LightMyRequestResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of response.cookies as Array<{ name: string; value: string }>) out[c.name] = c.value;
  return out;
}

export function cookieHeader(cookies: Record<string, string>): string {
  return Object.entries(cookies)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
}

const CSRF_FIELD = /name="_csrf" value="([^"]+)"/;

/** A browser-like visitor: keeps cookies, finds the CSRF token in pages, posts forms. */
export class Visitor {
  cookies: Record<string, string> = {};
  /** the token of the forms on the last page this visitor was shown, as a browser holds it */
  lastCsrfToken: string | null = null;
  /** the visitor's IP address (a second office, another town), 127.0.0.1 unless given */
  constructor(
    readonly app: FastifyInstance,
    readonly address?: string,
  ) {}

  private keep(response: LightMyRequestResponse) {
    Object.assign(this.cookies, cookiesFrom(response));
    const token = CSRF_FIELD.exec(response.body)?.[1];
    if (token) this.lastCsrfToken = token;
    return response;
  }

  async get(url: string, headers: Record<string, string> = {}) {
    const response = await this.app.inject({
      method: 'GET',
      url,
      headers: { cookie: cookieHeader(this.cookies), ...headers },
      ...(this.address ? { remoteAddress: this.address } : {}),
    });
    return this.keep(response);
  }

  async csrfToken(page = '/masuk'): Promise<string> {
    let response = await this.get(page);
    if (response.statusCode >= 300 && response.statusCode < 400) response = await this.get('/');
    const match = CSRF_FIELD.exec(response.body);
    if (!match) throw new Error(`no CSRF token on ${page}`);
    return match[1]!;
  }

  async post(url: string, fields: Record<string, string>, options: { csrfFrom?: string } = {}) {
    const token = await this.csrfToken(options.csrfFrom);
    return this.postWithToken(url, fields, token);
  }

  /** Posts a url-encoded form with the token given (an old one, a stolen one, none). */
  async postWithToken(url: string, fields: Record<string, string>, token: string | null) {
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: cookieHeader(this.cookies), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(token === null ? fields : { ...fields, _csrf: token }).toString(),
      ...(this.address ? { remoteAddress: this.address } : {}),
    });
    return this.keep(response);
  }

  /**
   * Posts fields and files as multipart/form-data, as a browser submits the form of the last page
   * it showed: the CSRF token first, then the fields, then the files.
   */
  async postMultipart(url: string, fields: Record<string, string>, files: Upload[] = []) {
    const token = this.lastCsrfToken;
    const body = multipartBody(token ? { _csrf: token, ...fields } : fields, files);
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: cookieHeader(this.cookies), 'content-type': body.contentType },
      payload: body.payload,
      ...(this.address ? { remoteAddress: this.address } : {}),
    });
    return this.keep(response);
  }

  /** Opens a page, then submits its multipart form with these fields and files. */
  async submitMultipart(pageUrl: string, fields: Record<string, string>, files: Upload[] = []) {
    const page = await this.get(pageUrl);
    if (page.statusCode >= 500) throw new Error(`GET ${pageUrl} answered ${page.statusCode}`);
    return this.postMultipart(multipartAction(page.body), fields, files);
  }

  async login(email: string, password = TEST_PASSWORD) {
    const response = await this.post('/masuk', { email, password });
    if (response.statusCode !== 303) throw new Error(`login failed for ${email}: ${response.statusCode}`);
    return response;
  }
}

/** The action of a page's multipart form, as a browser reads it. */
export function multipartAction(html: string): string {
  const match = /<form action="([^"]+)" method="post" enctype="multipart\/form-data"/.exec(html);
  if (!match) throw new Error('no multipart form on the page');
  return match[1]!.replaceAll('&amp;', '&');
}

/** Logs a staff member in through the real login form; returns a visitor holding the session. */
export async function loginAs(
  app: FastifyInstance,
  user: { email: string },
  address?: string,
): Promise<Visitor> {
  const visitor = new Visitor(app, address);
  await visitor.login(user.email);
  return visitor;
}

export interface Upload {
  name: string;
  filename: string;
  type: string;
  bytes: Buffer;
}

/** A multipart body as a browser sends it: text fields and files. */
export function multipartBody(fields: Record<string, string>, files: Upload[] = []) {
  const boundary = `----simpul${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  for (const file of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
    );
    chunks.push(file.bytes, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

// s3rver's list continuation tokens use DES, which Node's OpenSSL 3 offers only with the legacy
// provider: the server runs in a child process started with it (as a separate server would).
const S3_SERVER = `
const S3rver = require(process.argv[1]);
const buckets = JSON.parse(process.argv[3]).map((name) => ({ name, configs: [] }));
new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: process.argv[2], configureBuckets: buckets })
  .run()
  .then(({ port }) => console.log(port));
`;

/**
 * An S3-protocol server (s3rver: it checks the access key, not the SigV4 signature) on a free port,
 * with its data in a temporary folder (objects are `directory/BUCKET/KEY._S3rver_object`) and the
 * named buckets created; `settings(bucket)` is what FILES_S3_* or BACKUP_S3_* would say.
 */
export async function startS3Server(buckets: string[]) {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-s3-'));
  const module = createRequire(import.meta.url).resolve('s3rver');
  const child = spawn(
    process.execPath,
    ['--openssl-legacy-provider', '-e', S3_SERVER, module, directory, JSON.stringify(buckets)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`s3rver exited with ${code}`)));
    child.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    directory,
    settings: (bucket: string): S3Settings => ({
      endpoint,
      bucket,
      accessKey: 'S3RVER',
      secretKey: 'S3RVER',
      region: 'us-east-1',
    }),
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

export { sql };
