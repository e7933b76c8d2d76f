import { execFile } from 'node:child_process';
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
import { SYSTEM } from './platform/auth/roles.ts';
import { type Clock, systemClock } from './platform/context.ts';
import { startJobs } from './platform/jobs/index.ts';
import {
  createTestDatabase,
  type PrepareDatabase,
  type TestContext,
  testDatabaseKind,
} from './platform/testing.ts';
import { allJobs, migrate } from './setup.ts';

// The app-level harness: every module's tables, the regions, the whole app. The database-only
// helpers (test databases, staff, the browser-like Visitor) are the platform's and are re-exported.
export * from './platform/testing.ts';

/** Every migration of the platform and the modules, then the regions and agencies. */
export const prepareAppDatabase: PrepareDatabase = async (db, config) => {
  await migrate(db);
  const ctx = { db, actor: SYSTEM, clock: systemClock, config, log: pino({ level: 'silent' }) };
  await seedRegions(ctx, config.regencyCode);
  await seedAgencies(ctx);
};

/** A fresh database with every migration and the regions: PGlite in memory, or a new PostgreSQL database. */
export function createTestContext(options: { clock?: Clock; config?: Config } = {}): Promise<TestContext> {
  return createTestDatabase({ ...options, prepare: prepareAppDatabase });
}

export interface TestApp extends TestContext {
  app: FastifyInstance;
  /** every route the app registered (HEAD twins left out), with its schema when it has one */
  routes: Array<{ method: string; url: string; schema: FastifySchema | undefined }>;
}

export async function buildTestApp(options: { clock?: Clock; config?: Config } = {}): Promise<TestApp> {
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
