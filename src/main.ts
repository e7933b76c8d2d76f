import { parseArgs } from 'node:util';
import pino from 'pino';
import { buildApp } from './app.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { modules } from './modules/index.ts';
import { SYSTEM } from './platform/auth/roles.ts';
import { randomToken } from './platform/auth/sessions.ts';
import {
  createApiToken,
  createStaffUser,
  findStaffByEmail,
  parseScope,
  TOKEN_DEFAULT_DAYS,
} from './platform/auth/users.ts';
import type { Ctx } from './platform/context.ts';
import { systemClock } from './platform/context.ts';
import { backupDatabase, restoreDatabase } from './platform/db/backup.ts';
import { type DatabaseHandle, openDatabase } from './platform/db/index.ts';
import { Invalid } from './platform/http/errors.ts';
import { recoverImportsAtStart } from './platform/imports/index.ts';
import { startJobs } from './platform/jobs/index.ts';
import type { DemoLogin } from './platform/module.ts';
import { allJobs, DEMO_PASSWORD, DEMO_STAFF, migrate, seed } from './setup.ts';

const USAGE = `Pemakaian: npx simpul <perintah>
  serve                                   jalankan server (bawaan)
  migrate                                 terapkan migrasi basis data
  seed                                    isi data wilayah (dan data demo bila SIMPUL_DEMO=1)
  user create --role R --scope S --email E [--name N] [--password P]
  token create --email E --name N [--days N]  buat token API (berlaku N hari, bawaan 90, paling lama 365)
  backup FILE                             cadangkan seluruh basis data ke FILE
  restore FILE                            pulihkan basis data kosong dari FILE
  generate residents --count N --out FILE [--villages CODE,…] [--seed S]
  import residents FILE --village CODE
  person export NIK [--out FILE]          ekspor semua data tentang satu NIK (UU 27/2022)
  person erase NIK                        hapus atau samarkan data satu NIK yang boleh dihapus
  search reindex [--village CODE]         bangun ulang indeks pencarian (semua modul)`;

function systemCtx(config: Config, handle: DatabaseHandle, log: pino.Logger): Ctx {
  return { db: handle.db, actor: SYSTEM, clock: systemClock, config, log };
}

function printLogins(config: Config, logins: DemoLogin[]): void {
  const rows =
    logins.length > 0
      ? logins
      : DEMO_STAFF.map((s) => ({ role: s.role, login: s.email, secret: DEMO_PASSWORD, scope: s.scope }));
  console.log(`\nSimpul berjalan di ${config.publicUrl}  (DEMO: data contoh, bukan data resmi)`);
  console.log('Akun demo:');
  for (const l of rows)
    console.log(`  ${l.role.padEnd(16)} ${l.login.padEnd(40)} ${l.secret.padEnd(18)} ${l.scope}`);
  console.log('');
}

async function serve(config: Config): Promise<void> {
  const log = pino({ level: config.logLevel });
  const started = performance.now();
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const ctx = systemCtx(config, handle, log);
  const applied = await migrate(handle.db);
  if (applied.length > 0) log.info({ applied }, 'migrations applied');
  const { demoLogins } = await seed(ctx, { demo: config.demo });
  for (const module of modules) await module.onStart?.(ctx);
  await recoverImportsAtStart(ctx);
  const app = await buildApp({ config, db: handle.db, logger: log });
  const jobs = startJobs(ctx, allJobs());
  await app.listen({ port: config.port, host: config.host });
  log.info({ ms: Math.round(performance.now() - started), database: handle.kind }, 'ready');
  if (config.demo && (await findStaffByEmail(ctx, DEMO_STAFF[0]!.email))) printLogins(config, demoLogins);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    jobs.stop();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

async function withDatabase<T>(
  config: Config,
  fn: (ctx: Ctx, handle: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const log = pino({ level: 'warn' });
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(handle.db);
    return await fn(systemCtx(config, handle, log), handle);
  } finally {
    await handle.close();
  }
}

async function userCreate(config: Config, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      role: { type: 'string' },
      scope: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
    },
  });
  const password = values.password ?? randomToken(12);
  await withDatabase(config, async (ctx) => {
    await seed(ctx, { demo: false });
    const user = await createStaffUser(ctx, {
      email: values.email ?? '',
      name: values.name ?? values.email?.split('@')[0] ?? '',
      role: values.role ?? '',
      scope: values.scope ?? '',
      password,
    });
    console.log(
      `Akun dibuat: ${user.email} (${user.role}, cakupan ${parseScope(user.role, user.scope.code).code})`,
    );
    if (!values.password) console.log(`Kata sandi awal: ${password}`);
  });
}

async function tokenCreate(config: Config, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, name: { type: 'string' }, days: { type: 'string' } },
  });
  await withDatabase(config, async (ctx) => {
    const user = await findStaffByEmail(ctx, values.email ?? '');
    if (!user) throw new CliError(`Tidak ada akun dengan email ${values.email ?? '(kosong)'}`);
    const days = values.days === undefined ? TOKEN_DEFAULT_DAYS : Number(values.days);
    try {
      console.log(await createApiToken(ctx, user.id, values.name ?? 'integrasi', days));
    } catch (error) {
      if (error instanceof Invalid) throw new CliError(Object.values(error.fields).join(' '));
      throw error;
    }
  });
}

class CliError extends Error {}

async function run(argv: string[]): Promise<void> {
  const config = loadConfig();
  const [command = 'serve', sub, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve(config);
    case 'migrate':
      return withDatabase(config, async (_ctx, handle) =>
        console.log(`Migrasi terbaru sudah diterapkan (${handle.kind}).`),
      );
    case 'seed':
      return withDatabase(config, async (ctx) => {
        const result = await seed(ctx, { demo: config.demo });
        console.log(
          result.seededDemo ? 'Data wilayah dan data demo sudah diisi.' : 'Data wilayah sudah diisi.',
        );
      });
    case 'user':
      if (sub !== 'create') throw new CliError(USAGE);
      return userCreate(config, rest);
    case 'token':
      if (sub !== 'create') throw new CliError(USAGE);
      return tokenCreate(config, rest);
    case 'backup':
      if (!sub) throw new CliError('Pemakaian: npx simpul backup FILE');
      return withDatabase(config, async (ctx) => {
        const summary = await backupDatabase(ctx.db, sub);
        console.log(`Cadangan ditulis ke ${sub}: ${summary.tables} tabel, ${summary.rows} baris.`);
      });
    case 'restore':
      if (!sub) throw new CliError('Pemakaian: npx simpul restore FILE');
      return withDatabase(config, async (ctx) => {
        const summary = await restoreDatabase(ctx.db, sub);
        console.log(`Dipulihkan dari ${sub}: ${summary.tables} tabel, ${summary.rows} baris.`);
      });
    case 'generate':
    case 'import': {
      if (sub !== 'residents') throw new CliError(USAGE);
      const { runResidentsCli } = await import('./modules/residents/cli.ts');
      return withDatabase(config, async (ctx) => {
        await seed(ctx, { demo: false });
        await runResidentsCli(ctx, [command, sub, ...rest]);
      });
    }
    case 'person': {
      if ((sub !== 'export' && sub !== 'erase') || !rest[0]) throw new CliError(USAGE);
      const { runPersonCli } = await import('./platform/personal-data/cli.ts');
      return withDatabase(config, async (ctx) => {
        await runPersonCli(ctx, modules, [sub, ...rest]);
      });
    }
    case 'search': {
      if (sub !== 'reindex') throw new CliError(USAGE);
      const { values } = parseArgs({ args: rest, options: { village: { type: 'string' } } });
      return withDatabase(config, async (ctx) => {
        for (const module of modules) {
          if (!module.search) continue;
          const written = await module.search.reindex(ctx, values.village);
          console.log(`Indeks pencarian ${module.name}: ${written} dokumen.`);
        }
      });
    }
    case 'help':
    case '--help':
      console.log(USAGE);
      return;
    default:
      throw new CliError(USAGE);
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof CliError) console.error(error.message);
  else if (error instanceof Error && 'fields' in error) {
    console.error(
      `${error.message}\n${Object.entries(error.fields as Record<string, string>)
        .map(([k, v]) => `  ${k}: ${v}`)
        .join('\n')}`,
    );
  } else console.error(error);
  process.exit(1);
});
