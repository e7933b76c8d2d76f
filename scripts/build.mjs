#!/usr/bin/env node
// `npm run build`: compiles src/ to dist/ (JavaScript for `npm start`; tsx stays for development and
// tests). tsc emits with --noCheck: the type check is `npm run typecheck` (and a step of `npm test`),
// so a build takes seconds, not a full check. Every file under src/ that is not TypeScript (CSS,
// scripts, JSON data read relative to import.meta.url) is copied to the same place, and dist/ gets
// a package.json that maps `#jsx/jsx-runtime` to the compiled runtime. The build also keeps an
// initialised empty PGlite cluster for first starts (src/platform/db/pglite-template.ts).
//   node scripts/build.mjs [--out DIR]   (DIR must sit directly in the repository: code reads
//                                          ../../../reference and ../../../node_modules from its own file)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = '.build-stamp';
/** Besides src/, these decide what the build emits. */
const INPUTS = ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs'];

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (!/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  // a deleted or renamed file changes its directory's mtime
  return Math.max(newest, fs.statSync(dir).mtimeMs);
}

/** True when DIR holds a finished build that is newer than every source file. */
export function isFresh(outDir = path.join(root, 'dist')) {
  let built;
  try {
    built = fs.statSync(path.join(outDir, STAMP)).mtimeMs;
  } catch {
    return false;
  }
  const sources = Math.max(
    newestMtime(path.join(root, 'src')),
    ...INPUTS.map((file) => fs.statSync(path.join(root, file)).mtimeMs),
  );
  return built >= sources;
}

function copyAssets(from, to) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copyAssets(source, target);
    else if (!/\.(tsx?|md)$/.test(entry.name)) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(source, target);
    }
  }
}

/** Compiles into a sibling staging directory, then swaps it in, so a failed build leaves the old one. */
export async function build(outDir = path.join(root, 'dist'), { quiet = false } = {}) {
  const started = Date.now();
  const staging = `${outDir}.building-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(
    process.execPath,
    [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--noCheck', '--outDir', staging],
    { stdio: 'inherit', cwd: root },
  );
  if (result.status !== 0) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new Error(`tsc failed (exit ${result.status ?? result.signal})`);
  }
  copyAssets(path.join(root, 'src'), staging);
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const imports = Object.fromEntries(
    Object.entries(pkg.imports ?? {}).map(([name, target]) => [
      name,
      String(target)
        .replace(/^\.\/src\//, './')
        .replace(/\.tsx?$/, '.js'),
    ]),
  );
  fs.writeFileSync(
    path.join(staging, 'package.json'),
    `${JSON.stringify({ name: 'simpul-dist', private: true, type: 'module', imports }, null, 2)}\n`,
  );
  await bundleEntry(staging);
  // the code's share of the reference seeds' fingerprint, so that a start need not hash the tree
  const seedState = await import(pathToFileURL(path.join(staging, 'platform/db/seed-state.js')).href);
  seedState.writeCodeFingerprint(staging);
  // stamped with the time the build began: a file saved while tsc ran makes the build stale
  fs.writeFileSync(path.join(staging, STAMP), `${new Date(started).toISOString()}\n`);
  fs.utimesSync(path.join(staging, STAMP), new Date(started), new Date(started));
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.renameSync(staging, outDir);
  // the empty embedded cluster a first start unpacks instead of running initdb (see pglite-template.ts)
  try {
    const template = await import(pathToFileURL(path.join(outDir, 'platform/db/pglite-template.js')).href);
    await template.ensurePGliteTemplate();
    await keepMigratedTemplate(outDir, template.schemaTemplateName);
  } catch (error) {
    // only a first start's speed depends on it: it then runs initdb as without the template
    console.warn(`no initialised PGlite cluster kept: ${error instanceof Error ? error.message : error}`);
  }
  try {
    await keepSeededDemo(outDir);
  } catch (error) {
    // likewise: a first demo start then seeds its demo itself
    console.warn(`no seeded demo kept: ${error instanceof Error ? error.message : error}`);
  }
  if (!quiet) console.log(`built ${path.relative(root, outDir)}/ in ${Date.now() - started} ms`);
}

/**
 * Packages left outside the bundle: native or WebAssembly code, files read beside their own module
 * (fonts, static pages, workers), or heavy ones loaded only when a request needs them.
 */
const UNBUNDLED = [
  '@electric-sql/pglite',
  '@fastify/swagger-ui',
  '@node-rs/argon2',
  'echarts',
  'exceljs',
  'idn-area-data',
  'pdfkit',
  'pg-native',
  'pino',
  'qrcode',
  'sharp',
];

/**
 * Replaces the compiled `main.js` with one file holding it, every module it imports and most
 * packages: Node then loads one file instead of some 800, which was half a second of each start.
 * The other compiled files stay (the build itself imports them, and `bench/start-phases.mjs`).
 */
async function bundleEntry(staging) {
  const esbuild = await import('esbuild');
  const entry = path.join(staging, 'main.js');
  await esbuild.build({
    entryPoints: [entry],
    outfile: path.join(staging, 'main.bundle.js'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: UNBUNDLED,
    logLevel: 'error',
    // the packages in the bundle are CommonJS: give them `require` for Node's own modules
    banner: {
      js: "import { createRequire as simpulRequire } from 'node:module'; const require = simpulRequire(import.meta.url);",
    },
  });
  fs.renameSync(path.join(staging, 'main.bundle.js'), entry);
}

/**
 * Runs `work` on a new embedded database of the compiled tree, closed after it, then `after` on its
 * data directory (removed last). The configuration is a plain `npm start`'s: the default regency and
 * public address, whatever the build machine's environment says. `fromSchema`: the directory starts
 * from the migrated cluster kept below, not from an empty one.
 */
async function onCompiledDatabase(outDir, { fromSchema }, work, after = async () => {}) {
  const load = (file) => import(pathToFileURL(path.join(outDir, file)).href);
  const [{ openDatabase }, { loadConfig }, { SYSTEM }, { systemClock }] = await Promise.all(
    ['platform/db/index.js', 'config.js', 'platform/auth/roles.js', 'platform/context.js'].map(load),
  );
  const pino = (await import('pino')).default;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-build-'));
  const config = loadConfig({ DATA_DIR: dataDir });
  try {
    const regency = fromSchema ? { regencyCode: config.regencyCode } : {};
    const handle = await openDatabase({ databaseUrl: null, dataDir, ...regency });
    let result;
    try {
      const ctx = { db: handle.db, actor: SYSTEM, clock: systemClock, config, log: pino({ level: 'warn' }) };
      result = await work(ctx, handle, load);
    } finally {
      await handle.close();
    }
    await after({ dataDir, config, result, load });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** That empty cluster with this build's migrations and the country's area lists, kept for first starts. */
function keepMigratedTemplate(outDir, templateName) {
  return onCompiledDatabase(outDir, { fromSchema: false }, async (ctx, handle, load) => {
    const { prepareTemplate } = await load('setup.js');
    await prepareTemplate(ctx);
    const dump = await handle.pglite.dumpDataDir('gzip');
    fs.writeFileSync(
      path.join(outDir, templateName(ctx.config.regencyCode)),
      Buffer.from(await dump.arrayBuffer()),
    );
  });
}

/**
 * The default regency's demo, seeded now into a data directory started from the cluster above and
 * kept (database and files) for a first demo start to unpack (src/demo-template.ts).
 */
function keepSeededDemo(outDir) {
  const seededAt = new Date().toISOString();
  return onCompiledDatabase(
    outDir,
    { fromSchema: true },
    async (ctx, _handle, load) => (await (await load('setup.js')).seed(ctx, { demo: true })).demoLogins,
    async ({ dataDir, config, result: logins, load }) => {
      const { demoTemplateFiles } = await load('demo-template.js');
      const files = demoTemplateFiles(config.regencyCode, outDir);
      const parts = ['pg', 'files'].filter((dir) => fs.existsSync(path.join(dataDir, dir)));
      const tar = spawnSync('tar', ['-czf', files.archive, '-C', dataDir, ...parts], { stdio: 'inherit' });
      if (tar.status !== 0) throw new Error(`tar failed (exit ${tar.status ?? tar.signal})`);
      const meta = { seededAt, regencyCode: config.regencyCode, publicUrl: config.publicUrl, logins };
      fs.writeFileSync(files.meta, `${JSON.stringify(meta, null, 2)}\n`);
    },
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  await build(at > 0 ? path.resolve(process.argv[at + 1]) : undefined);
}
