import { parseArgs } from 'node:util';
import pino from 'pino';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { startFromDemoTemplate } from './demo-template.ts';
import { SYSTEM } from './platform/auth/roles.ts';
import type { Ctx } from './platform/context.ts';
import { systemClock } from './platform/context.ts';
import { DataDirInUse } from './platform/db/data-dir-lock.ts';
import { type DatabaseHandle, openDatabase } from './platform/db/index.ts';
import { openReplica } from './platform/db/replica.ts';
import type { FileStore } from './platform/files/store.ts';
import { Invalid } from './platform/http/errors.ts';
import type { CliCommand, DemoLogin } from './platform/module.ts';

// Only what opens the database is imported up front: the modules, the app and the CLI's helpers
// load while PGlite compiles its WASM and starts PostgreSQL (work V8 and libuv do partly off the
// main thread), so a start pays for the longer of the two instead of both.
const loadSetup = () => import('./setup.ts');
const loadUsers = () => import('./platform/auth/users.ts');

const USAGE = `Pemakaian: npx simpul <perintah>
  serve                                   jalankan server (bawaan)
  migrate                                 terapkan migrasi basis data
  seed                                    isi data wilayah (dan data demo bila SIMPUL_DEMO=1)
  user create --role R --scope S --email E [--name N] [--password P]
  token create --email E --name N [--days N]  buat token API (berlaku N hari, bawaan 90, paling lama 365)
  backup FILE [--offsite-dir DIR] [--offsite-s3]
                                          cadangkan basis data ke FILE dan semua berkas ke simpul-files/
                                          di sampingnya; salin ke folder lain dan/atau bucket BACKUP_S3_*
  restore FILE [--from-s3]                pulihkan basis data kosong dan semua berkas (hash diperiksa)
                                          dari FILE dan simpul-files/ di sampingnya, atau dari BACKUP_S3_*
  generate residents --count N --out FILE [--villages CODE,…] [--seed S]
  import residents FILE --village CODE
  person export NIK [--out FILE]          ekspor semua data tentang satu NIK (UU 27/2022)
  person erase NIK                        hapus atau samarkan data satu NIK yang boleh dihapus
  search reindex [--village CODE]         bangun ulang indeks pencarian (semua modul)`;

function systemCtx(config: Config, handle: DatabaseHandle, log: pino.Logger): Ctx {
  return { db: handle.db, actor: SYSTEM, clock: systemClock, config, log };
}

function printLogins(
  config: Config,
  logins: DemoLogin[],
  defaults: { DEMO_STAFF: Array<{ role: string; email: string; scope: string }>; DEMO_PASSWORD: string },
): void {
  const { DEMO_STAFF, DEMO_PASSWORD } = defaults;
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
  // a first demo start takes the demo the build seeded, when there is a fitting one (demo-template.ts)
  const keptDemo = startFromDemoTemplate(config);
  const opening = keptDemo.then(() =>
    openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      regencyCode: config.regencyCode,
    }),
  );
  // a failed open is reported once, by the await below, not also as an unhandled rejection
  opening.catch(() => {});
  const [setup, { buildApp }, { modules }, { recoverImportsAtStart }, { startJobs }, { findStaffByEmail }] =
    await Promise.all([
      loadSetup(),
      import('./app.ts'),
      import('./modules/index.ts'),
      import('./platform/imports/index.ts'),
      import('./platform/jobs/index.ts'),
      loadUsers(),
    ]);
  const handle = await opening;
  const ctx = systemCtx(config, handle, log);
  const applied = await setup.migrate(handle.db, config);
  if (applied.length > 0) log.info({ applied }, 'migrations applied');
  const { demoLogins, seededReference } = await setup.seed(ctx, { demo: config.demo });
  const demo = await keptDemo;
  if (demo) {
    log.info({ seededAt: demo.seededAt }, 'demo data unpacked from the build: demo seed skipped');
    demoLogins.push(...demo.logins);
  }
  if (!seededReference) log.info('reference data unchanged since it was last seeded: seeds skipped');
  for (const module of modules) await module.onStart?.(ctx);
  await recoverImportsAtStart(ctx);
  const replica = config.databaseReplicaUrl ? openReplica(config.databaseReplicaUrl) : undefined;
  const app = await buildApp({ config, db: handle.db, ...(replica ? { replica } : {}), logger: log });
  const jobs = startJobs(ctx, setup.allJobs());
  await app.listen({ port: config.port, host: config.host });
  log.info({ ms: Math.round(performance.now() - started), database: handle.kind }, 'ready');
  if (config.demo && (await findStaffByEmail(ctx, setup.DEMO_STAFF[0]!.email)))
    printLogins(config, demoLogins, setup);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    jobs.stop();
    await app.close();
    await replica?.close();
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
  const [handle, { migrate }] = await Promise.all([
    openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      regencyCode: config.regencyCode,
    }),
    loadSetup(),
  ]);
  try {
    await migrate(handle.db, config);
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
  const [{ seed }, { createStaffUser, parseScope }, { randomToken }] = await Promise.all([
    loadSetup(),
    loadUsers(),
    import('./platform/auth/sessions.ts'),
  ]);
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
  const { createApiToken, findStaffByEmail, TOKEN_DEFAULT_DAYS } = await loadUsers();
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

/** The commands the modules add through their descriptor's `cli`. */
async function moduleCommands(): Promise<CliCommand[]> {
  const { modules } = await import('./modules/index.ts');
  return modules.flatMap((m) => m.cli ?? []);
}

async function usage(): Promise<string> {
  const lines = (await moduleCommands()).map((c) => `  ${c.words.join(' ')} ${c.usage}`);
  return [USAGE, ...lines].join('\n');
}

/** A module's command, if one answers to these two words. */
async function runModuleCommand(config: Config, command: string, sub: string | undefined, rest: string[]) {
  const found = (await moduleCommands()).find((c) => c.words[0] === command && c.words[1] === sub);
  if (!found) throw new CliError(await usage());
  return withDatabase(config, (ctx) => found.run(ctx, rest, (line) => console.log(line)));
}

const BACKUP_USAGE = 'Pemakaian: npx simpul backup FILE [--offsite-dir DIR] [--offsite-s3]';
const RESTORE_USAGE = 'Pemakaian: npx simpul restore FILE [--from-s3]';

function mebibytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

/** Each file that could not be copied, by name, on stderr; a backup or restore with any exits non-zero. */
function reportFileProblems(
  problems: Array<{ name: string; key: string; problem: string }>,
  what: string,
): void {
  if (problems.length === 0) return;
  for (const p of problems)
    console.error(`  ${p.problem === 'missing' ? 'hilang' : 'hash berbeda'}: ${p.name} (${p.key})`);
  throw new CliError(`${problems.length} berkas tidak dapat ${what}.`);
}

function backupS3(config: Config) {
  if (!config.backupS3)
    throw new CliError(
      'BACKUP_S3_ENDPOINT, BACKUP_S3_BUCKET, BACKUP_S3_ACCESS_KEY dan BACKUP_S3_SECRET_KEY belum diisi',
    );
  return config.backupS3;
}

async function backup(config: Config, file: string, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { 'offsite-dir': { type: 'string' }, 'offsite-s3': { type: 'boolean' } },
  });
  const [{ backupWithFiles, dumpName }, { localDiskStore }, { s3Store }] = await Promise.all([
    import('./platform/files/backup.ts'),
    import('./platform/files/store.ts'),
    import('./platform/files/s3.ts'),
  ]);
  try {
    dumpName(file);
  } catch {
    throw new CliError('Nama berkas cadangan hanya boleh huruf, angka, titik, garis bawah dan tanda hubung');
  }
  const offsite: Array<{ where: string; store: FileStore }> = [];
  if (values['offsite-dir'])
    offsite.push({ where: values['offsite-dir'], store: localDiskStore(values['offsite-dir']) });
  if (values['offsite-s3']) {
    const s3 = backupS3(config);
    offsite.push({ where: `${s3.endpoint}/${s3.bucket}`, store: s3Store(s3) });
  }
  await withDatabase(config, async (ctx) => {
    const summary = await backupWithFiles(ctx, file, offsite);
    console.log(`Cadangan ditulis ke ${file}: ${summary.tables} tabel, ${summary.rows} baris.`);
    const files = summary.files;
    console.log(
      `Berkas: ${files.files} (${mebibytes(files.bytes)}), ${files.copied} baru disalin ke simpul-files/.`,
    );
    for (const copy of summary.offsite)
      console.log(`Salinan di ${copy.where}: ${copy.files.files} berkas, ${copy.files.copied} baru dikirim.`);
    reportFileProblems(
      [...files.problems, ...summary.offsite.flatMap((copy) => copy.files.problems)],
      'dicadangkan',
    );
  });
}

async function restore(config: Config, file: string, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { 'from-s3': { type: 'boolean' } } });
  const [{ restoreWithFiles }, { s3Store }] = await Promise.all([
    import('./platform/files/backup.ts'),
    import('./platform/files/s3.ts'),
  ]);
  const from = values['from-s3'] ? s3Store(backupS3(config)) : undefined;
  await withDatabase(config, async (ctx) => {
    const summary = await restoreWithFiles(ctx, file, from);
    console.log(`Dipulihkan dari ${file}: ${summary.tables} tabel, ${summary.rows} baris.`);
    console.log(
      `Berkas dipulihkan: ${summary.files.copied} dari ${summary.files.files} (${mebibytes(summary.files.bytes)}), hash SHA-256 diperiksa.`,
    );
    reportFileProblems(summary.files.problems, 'dipulihkan');
  });
}

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
    case 'seed': {
      const { seed } = await loadSetup();
      return withDatabase(config, async (ctx) => {
        const result = await seed(ctx, { demo: config.demo, force: true });
        console.log(
          result.seededDemo ? 'Data wilayah dan data demo sudah diisi.' : 'Data wilayah sudah diisi.',
        );
      });
    }
    case 'user':
      if (sub !== 'create') throw new CliError(USAGE);
      return userCreate(config, rest);
    case 'token':
      if (sub !== 'create') throw new CliError(USAGE);
      return tokenCreate(config, rest);
    case 'backup':
      if (!sub) throw new CliError(BACKUP_USAGE);
      return backup(config, sub, rest);
    case 'restore':
      if (!sub) throw new CliError(RESTORE_USAGE);
      return restore(config, sub, rest);
    case 'generate':
    case 'import': {
      if (sub !== 'residents') throw new CliError(USAGE);
      const [{ runResidentsCli }, { seed }] = await Promise.all([
        import('./modules/residents/cli.ts'),
        loadSetup(),
      ]);
      return withDatabase(config, async (ctx) => {
        await seed(ctx, { demo: false });
        await runResidentsCli(ctx, [command, sub, ...rest]);
      });
    }
    case 'person': {
      if ((sub !== 'export' && sub !== 'erase') || !rest[0]) throw new CliError(USAGE);
      const [{ runPersonCli }, { modules }] = await Promise.all([
        import('./platform/personal-data/cli.ts'),
        import('./modules/index.ts'),
      ]);
      return withDatabase(config, async (ctx) => {
        await runPersonCli(ctx, modules, [sub, ...rest]);
      });
    }
    case 'search': {
      if (sub !== 'reindex') throw new CliError(USAGE);
      const { values } = parseArgs({ args: rest, options: { village: { type: 'string' } } });
      const { modules } = await import('./modules/index.ts');
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
      console.log(await usage());
      return;
    default:
      return runModuleCommand(config, command, sub, rest);
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof CliError || error instanceof DataDirInUse)
    console.error(error.message);
  else if (error instanceof Error && 'fields' in error) {
    console.error(
      `${error.message}\n${Object.entries(error.fields as Record<string, string>)
        .map(([k, v]) => `  ${k}: ${v}`)
        .join('\n')}`,
    );
  } else console.error(error);
  process.exit(1);
});
