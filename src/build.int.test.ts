import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { demoTemplateFiles, startFromDemoTemplate } from './demo-template.ts';
import { openDatabase } from './platform/db/index.ts';
import { freePort, testDatabaseKind } from './platform/testing.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// beside src/ and dist/: the compiled code finds reference/ and node_modules/ relative to itself
const outDir = path.join(root, `dist-test-${randomBytes(4).toString('hex')}`);
const cleanups: Array<() => Promise<void> | void> = [
  () => fs.rmSync(outDir, { recursive: true, force: true }),
];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** An empty database: a new data directory for PGlite, or a new database on the test server. */
async function emptyDatabase(): Promise<string> {
  if (testDatabaseKind() !== 'postgres') return '';
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('SIMPUL_TEST_DB=postgres needs TEST_DATABASE_URL');
  const name = `simpul_build_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function get(url: string): Promise<{ status: number; type: string; body: string }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(20_000) });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    body: await response.text(),
  };
}

interface RunningServer {
  base: string;
  /** everything the server printed so far */
  output: () => string;
  stop: () => Promise<number | null>;
}

/** Starts the compiled server on a data directory and database; resolves once it logs "ready". */
async function startCompiled(
  dataDir: string,
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, [path.join(outDir, 'main.js'), 'serve'], {
    cwd: root,
    // no --import tsx: a .ts file reached at run time would fail to load
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => {
    if (server.exitCode === null) server.kill('SIGKILL');
  });
  const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const take = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"msg":"ready"')) resolve();
    };
    server.stdout!.on('data', take);
    server.stderr!.on('data', take);
    server.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: async () => {
      server.kill('SIGTERM');
      return exited;
    },
  };
}

function newDataDir(): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-build-'));
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  return dataDir;
}

describe('the compiled build (npm run build, what npm start runs)', () => {
  it('compiles src/ to JavaScript that serves pages on an empty database, without tsx', async () => {
    const build = spawnSync(process.execPath, ['scripts/build.mjs', '--out', outDir], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(build.status, build.stderr + build.stdout).toBe(0);
    expect(fs.existsSync(path.join(outDir, 'main.js'))).toBe(true);
    // one bundled file: it imports packages, never the compiled files beside it
    expect(fs.readFileSync(path.join(outDir, 'main.js'), 'utf8')).not.toMatch(/from ["']\.\/app\.js["']/);
    expect(fs.existsSync(path.join(outDir, 'platform/ui/static/simpul.css'))).toBe(true);
    // every JSON data file under src/ is copied beside the code that reads it
    const jsonIn = (dir: string): string[] =>
      fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));
    for (const file of jsonIn(path.join(root, 'src')))
      expect(fs.existsSync(path.join(outDir, file)), file).toBe(true);

    const server = await startCompiled(newDataDir(), await emptyDatabase());
    const { base } = server;
    expect((await get(`${base}/healthz`)).status).toBe(200);
    expect((await get(`${base}/readyz`)).status).toBe(200);
    const home = await get(`${base}/`);
    expect(home.status).toBe(200);
    expect(home.body).toContain('/desa/36.04.05.2001');
    const complaints = await get(`${base}/pengaduan`);
    expect(complaints.status).toBe(200);
    expect(complaints.body).toContain('<form');
    expect((await get(`${base}/static/simpul.css`)).type).toContain('text/css');
    expect((await get(`${base}/pengaduan/aset/pengaduan.css`)).type).toContain('text/css');
    // files found through the code's root, not beside the bundle: package assets, reference data
    const leaflet = complaints.body.match(/\/pengaduan\/aset\/leaflet\/leaflet\.[0-9a-f]+\.js/)?.[0];
    expect(leaflet, 'the map script on /pengaduan').toBeTruthy();
    expect((await get(`${base}${leaflet}`)).status).toBe(200);
    expect((await get(`${base}/api/docs/static/swagger-ui.css`)).type).toContain('text/css');
    expect(JSON.parse((await get(`${base}/api/openapi.json`)).body).paths).toHaveProperty(
      '/api/v1/health/zscore',
    );
    const zscore = await get(
      `${base}/api/v1/health/zscore?sex=1&ageDays=365&heightCm=75&weightKg=9.5&position=lying`,
    );
    expect(JSON.parse(zscore.body)).toMatchObject({ haz: -0.31, waz: -0.14 }); // WHO tables under reference/

    expect(await server.stop()).toBe(0);
  }, 600_000);

  // runs on the build the test above made
  it('skips the reference seeds at a start whose inputs are unchanged, and applies a changed catalog', async () => {
    expect(fs.existsSync(path.join(outDir, 'main.js')), 'the build of the test above').toBe(true);
    const dataDir = newDataDir();
    const databaseUrl = await emptyDatabase();
    const skipped = 'seeds skipped';
    const catalogPage = async (base: string) => (await get(`${base}/layanan`)).body;

    const first = await startCompiled(dataDir, databaseUrl);
    // an embedded first start unpacks the build's cluster, which holds the reference data already
    if (databaseUrl) expect(first.output()).not.toContain(skipped);
    else expect(first.output()).toContain(skipped);
    expect(await catalogPage(first.base)).toContain('Kartu Pencari Kerja');
    expect(await first.stop()).toBe(0);

    const unchanged = await startCompiled(dataDir, databaseUrl);
    expect(unchanged.output()).toContain(skipped);
    expect(await catalogPage(unchanged.base)).not.toContain('Layanan Uji Benih Berubah');
    expect(await unchanged.stop()).toBe(0);

    // a new catalog entry, as a release that adds a service brings it
    const catalogDir = path.join(outDir, 'modules/services/catalog');
    const entry = JSON.parse(fs.readFileSync(path.join(catalogDir, 'kartu-pencari-kerja.json'), 'utf8'));
    entry.slug = 'uji-benih-berubah';
    entry.name = { id: 'Layanan Uji Benih Berubah', en: 'Changed seed test service' };
    entry.letterCode = 'UJI/1';
    fs.writeFileSync(path.join(catalogDir, 'uji-benih-berubah.json'), JSON.stringify(entry, null, 2));

    const changed = await startCompiled(dataDir, databaseUrl);
    expect(changed.output()).not.toContain(skipped);
    expect(await catalogPage(changed.base)).toContain('Layanan Uji Benih Berubah');
    expect(await changed.stop()).toBe(0);

    const again = await startCompiled(dataDir, databaseUrl);
    expect(again.output()).toContain(skipped);
    expect(await catalogPage(again.base)).toContain('Layanan Uji Benih Berubah');
    expect(await again.stop()).toBe(0);
  }, 600_000);

  // runs on the build of the first test
  it.skipIf(testDatabaseKind() === 'postgres')(
    "starts a first demo from the build's seeded demo, with the same rows and files as a seeded one",
    async () => {
      const meta = JSON.parse(fs.readFileSync(demoTemplateFiles('36.04', outDir).meta, 'utf8'));
      expect(meta.publicUrl).toBe('http://127.0.0.1:3000');
      const unpackedLine = 'demo data unpacked from the build';

      const fromBuild = newDataDir();
      const first = await startCompiled(fromBuild, '', { PUBLIC_URL: meta.publicUrl });
      expect(first.output()).toContain(unpackedLine);
      // the demo logins are printed as after a seed, the resident's NIK and PIN among them
      expect(first.output()).toContain('warga (NIK + PIN)');
      expect((await get(`${first.base}/desa/36.04.05.2001`)).status).toBe(200);
      expect(await first.stop()).toBe(0);

      // another public address: the letter's QR code would be wrong, so the demo is seeded anew
      const seeded = newDataDir();
      const second = await startCompiled(seeded, '');
      expect(second.output()).not.toContain(unpackedLine);
      expect(second.output()).toContain('warga (NIK + PIN)');
      expect(await second.stop()).toBe(0);

      // a demo older than a day is not used either
      const stale = { ...meta, seededAt: new Date(Date.now() - 25 * 3600_000).toISOString() };
      const staleCode = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-demo-meta-'));
      cleanups.push(() => fs.rmSync(staleCode, { recursive: true, force: true }));
      fs.writeFileSync(demoTemplateFiles('36.04', staleCode).meta, JSON.stringify(stale));
      fs.copyFileSync(
        demoTemplateFiles('36.04', outDir).archive,
        demoTemplateFiles('36.04', staleCode).archive,
      );
      const config = loadConfig({ DATA_DIR: newDataDir(), PUBLIC_URL: meta.publicUrl });
      expect(await startFromDemoTemplate(config, { codeDir: staleCode })).toBeNull();
      expect(fs.existsSync(path.join(config.dataDir, 'pg'))).toBe(false);
      const fresh = await startFromDemoTemplate(config, { codeDir: outDir });
      expect(fresh?.logins).toEqual(meta.logins);

      const unpacked = await demoContents(fromBuild);
      expect(unpacked).toEqual(await demoContents(seeded));
      expect(unpacked.rows.service_requests).toBeGreaterThan(0);
      expect(unpacked.rows.files).toBeGreaterThan(0);
      expect(unpacked.intact).toBe(true);
    },
    600_000,
  );
});

/** Row counts of the demo's registries, and whether every stored file is on disk with its hash. */
async function demoContents(dataDir: string) {
  const handle = await openDatabase({ databaseUrl: null, dataDir });
  try {
    const rows: Record<string, number> = {};
    for (const table of DEMO_TABLES) {
      const result = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(
        handle.db,
      );
      rows[table] = result.rows[0]!.n;
    }
    const files = await handle.db.selectFrom('files').select('sha256').execute();
    const intact = files.every(({ sha256 }) => {
      const file = path.join(dataDir, 'files', sha256.slice(0, 2), sha256);
      return (
        fs.existsSync(file) && createHash('sha256').update(fs.readFileSync(file)).digest('hex') === sha256
      );
    });
    return { rows, intact };
  } finally {
    await handle.close();
  }
}

const DEMO_TABLES = [
  'staff_users',
  'residents',
  'families',
  'resident_pins',
  'service_requests',
  'letters',
  'complaints',
  'files',
  'health_children',
  'health_measurements',
  'umkm_enterprises',
  'aid_applications',
] as const;
