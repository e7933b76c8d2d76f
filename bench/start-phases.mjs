// Where a start's time goes, phase by phase, in one process: module loading, opening the database,
// migrations, each seed, each module's onStart, building the app. Same steps as `simpul serve`.
// Run: node bench/start-phases.mjs [DATA_DIR] [--serial] (compiled dist/: npm run build first), or
//      node --import tsx bench/start-phases.mjs --src [DATA_DIR]  (DATABASE_URL for a server)
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const t0 = performance.now();
const marks = [];
let last = t0;
let lastCpu = process.cpuUsage();
const mark = (name) => {
  const now = performance.now();
  const cpu = process.cpuUsage(lastCpu);
  marks.push([name, now - last, (cpu.user + cpu.system) / 1000]);
  last = now;
  lastCpu = process.cpuUsage();
};
const dist = !process.argv.includes('--src');
const dataDir = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? null;
const base = pathToFileURL(path.resolve(dist ? 'dist' : 'src')).href;
const ext = dist ? 'js' : 'ts';
const load = (file) => import(`${base}/${file}.${ext}`);

const { loadConfig } = await load('config');
const { openDatabase } = await load('platform/db/index');
const { SYSTEM } = await load('platform/auth/roles');
const { systemClock } = await load('platform/context');
const pino = (await import('pino')).default;
mark('import config, db');
const config = loadConfig({ ...process.env, ...(dataDir ? { DATA_DIR: dataDir } : {}) });
const log = pino({ level: 'warn' });
// as `simpul serve` does: the database opens while the rest of the code loads (--serial: one after the other)
const serial = process.argv.includes('--serial');
const open = async () => {
  const handle = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    regencyCode: config.regencyCode,
  });
  await handle.db.selectNoFrom((eb) => [eb.lit(1).as('one')]).execute();
  return handle;
};
const opening = serial ? null : open();
const setup = await load('setup');
const { modules } = await load('modules/index');
const { buildApp } = await load('app');
mark(serial ? 'import setup, modules, app' : 'import setup, modules, app (database opening meanwhile)');
const handle = await (opening ?? open());
mark(serial ? `open database (${handle.kind})` : `open database (${handle.kind}): the rest of its wait`);
let queries = 0;
const counted = handle.db.withPlugin({
  transformQuery: (args) => {
    queries++;
    return args.node;
  },
  transformResult: async (args) => args.result,
});
const ctx = { db: counted, actor: SYSTEM, clock: systemClock, config, log };
const applied = await setup.migrate(counted);
mark(`migrate (${applied.length} applied, ${queries} statements)`);
queries = 0;
// each module's seeds (reference, then demo) timed on their own; what runs before the first too
let first = true;
for (const module of modules) {
  for (const hook of ['seed', 'seedDemo']) {
    const seed = module[hook];
    if (!seed) continue;
    module[hook] = async (...args) => {
      if (first) mark(`  ${hook === 'seed' ? 'regions, agencies' : 'demo staff'} (${queries} statements)`);
      first = false;
      queries = 0;
      const result = await seed(...args);
      mark(`  ${hook} ${module.name} (${queries} statements)`);
      queries = 0;
      return result;
    };
  }
}
const { seededReference } = await setup.seed(ctx, { demo: config.demo });
if (!seededReference) mark(`seed: reference inputs unchanged, skipped (${queries} statements)`);
for (const module of modules) {
  await module.onStart?.(ctx);
}
mark('onStart');
const app = await buildApp({ config, db: handle.db, logger: false });
await app.ready();
mark('buildApp + ready');
await app.close();
await handle.close();
console.log('   wall      cpu (this process, all threads)');
for (const [name, ms, cpu] of marks)
  console.log(`${ms.toFixed(0).padStart(7)} ms ${cpu.toFixed(0).padStart(6)} ms  ${name}`);
const all = process.cpuUsage();
console.log(
  `${(performance.now() - t0).toFixed(0).padStart(7)} ms ${((all.user + all.system) / 1000).toFixed(0).padStart(6)} ms  total (cpu since process start)`,
);
const m = process.memoryUsage();
console.log(
  `rss ${(m.rss / 2 ** 20).toFixed(0)} MB, heapUsed ${(m.heapUsed / 2 ** 20).toFixed(0)} MB, external ${(m.external / 2 ** 20).toFixed(0)} MB, arrayBuffers ${(m.arrayBuffers / 2 ** 20).toFixed(0)} MB`,
);
