// Platform figures: cold start (empty database: migrate + seed), warm start (existing database),
// resident memory at idle, and page weight of the home page. Prints medians of RUNS runs (3).
// Each start is timed from spawn until /readyz answers; "cpu" is the server's own CPU time
// (user + system, every thread) at that moment, a figure that drifts less than wall time when
// other work shares the machine. The load average is printed with each run.
// Run: node --import tsx bench/platform.ts [--db pglite|postgres] [--from dist|src] [--dist DIR]
//   dist (default): the compiled server `npm start` runs (npm run build first); src: through tsx.
//   postgres: a fresh database per run on BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { median } from './figures.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite' },
    from: { type: 'string', default: 'dist' },
    // another compiled tree beside dist/ (e.g. a build of the commit before a change, to compare)
    dist: { type: 'string', default: 'dist' },
  },
});
const RUNS = Number(process.env.RUNS ?? 3);
const PORT_BASE = Number(process.env.PORT_BASE ?? 3900);
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const command =
  values.from === 'src' ? ['--import', 'tsx', 'src/main.ts', 'serve'] : [`${values.dist}/main.js`, 'serve'];
if (values.from !== 'src' && !fs.existsSync(`${values.dist}/main.js`)) throw new Error('npm run build first');
const TICK_MS = 10; // USER_HZ = 100 on Linux

function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function startOnce(env: Record<string, string>, port: number) {
  const started = performance.now();
  const child = spawn(process.execPath, command, {
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const startMs = performance.now() - started;
  const startCpu = cpuMs(child.pid!);
  const home = await (await fetch(`${url}/`)).text();
  await new Promise((r) => setTimeout(r, 5000));
  const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return {
    startMs,
    startCpu,
    rssMb: rssKb / 1024,
    homeBytes: Buffer.byteLength(home),
    homeGzip: gzipSync(home).length,
  };
}

// The address a plain `npm start` serves (HOST and PORT unset): a first start then unpacks the demo
// the build seeded (src/demo-template.ts). The servers here listen on other ports only so that runs
// never collide; "seeded at start" is a first start for another address, which seeds its own demo.
const DEFAULT_PUBLIC_URL = 'http://127.0.0.1:3000';
const cold: number[] = [];
const coldSeeding: number[] = [];
const warm: number[] = [];
const coldCpu: number[] = [];
const warmCpu: number[] = [];
const rss: number[] = [];
const loads: number[] = [];
let page = { homeBytes: 0, homeGzip: 0 };
for (let i = 0; i < RUNS; i++) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-bench-'));
  let databaseUrl = '';
  let dbName = '';
  if (values.db === 'postgres') {
    dbName = `bench_start_${randomBytes(5).toString('hex')}`;
    await admin((c) => c.query(`CREATE DATABASE ${dbName}`));
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
  const env = { DATA_DIR: dataDir, DATABASE_URL: databaseUrl, PUBLIC_URL: DEFAULT_PUBLIC_URL };
  loads.push(os.loadavg()[0]!);
  const first = await startOnce(env, PORT_BASE + i);
  const second = await startOnce(env, PORT_BASE + 50 + i);
  if (values.db === 'pglite') {
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-bench-'));
    const port = PORT_BASE + 100 + i;
    const seeding = await startOnce({ DATA_DIR: otherDir, PUBLIC_URL: `http://127.0.0.1:${port}` }, port);
    coldSeeding.push(seeding.startMs);
    fs.rmSync(otherDir, { recursive: true, force: true });
  }
  cold.push(first.startMs);
  warm.push(second.startMs);
  coldCpu.push(first.startCpu);
  warmCpu.push(second.startCpu);
  rss.push(second.rssMb);
  page = { homeBytes: first.homeBytes, homeGzip: first.homeGzip };
  console.log(
    `run ${i + 1}: cold ${first.startMs.toFixed(0)} ms (cpu ${first.startCpu}), warm ${second.startMs.toFixed(0)} ms (cpu ${second.startCpu}), rss ${second.rssMb.toFixed(0)} MB, load ${loads.at(-1)!.toFixed(1)}`,
  );
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (dbName) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
}
const list = (v: number[]) => v.map((x) => x.toFixed(0)).join(', ');
console.log(`database ${values.db}, server from ${values.from}, load average ${list(loads)} (2 cores)`);
console.log(
  `cold start (empty database; the build's demo on PGlite):  median ${median(cold).toFixed(0)} ms  [${list(cold)}], cpu ${median(coldCpu).toFixed(0)} ms`,
);
if (coldSeeding.length > 0)
  console.log(
    `cold start, demo seeded at start (another PUBLIC_URL):    median ${median(coldSeeding).toFixed(0)} ms  [${list(coldSeeding)}]`,
  );
console.log(
  `warm start (existing data):                               median ${median(warm).toFixed(0)} ms  [${list(warm)}], cpu ${median(warmCpu).toFixed(0)} ms`,
);
console.log(`resident memory at idle (5 s after start):                median ${median(rss).toFixed(0)} MB`);
console.log(
  `home page: ${(page.homeBytes / 1024).toFixed(1)} KB, ${(page.homeGzip / 1024).toFixed(1)} KB gzip`,
);
