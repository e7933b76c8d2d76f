// Load on the main pages (#18 §4): one and then two app servers (compiled, `bin/simpul.js serve`)
// on one PostgreSQL database with the demo data, behind Debian's nginx (round-robin), driven by
// Debian's wrk: throughput and latency percentiles of the portal, a village site, a letter check,
// the complaint list, an officer's queue (/kelola/kerja, logged in) and the Open311 POST.
// Run: node --import tsx bench/load.ts [--seconds 10] [--connections 16] [--servers 1,2] [--soak 600]
//   --soak N: afterwards N seconds of mixed load on both servers, sampling every 10 s each server's
//   resident memory and open file descriptors and the database's connections, with their trend.
// Needs: apt-get install nginx wrk; BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test)
// names the server on which a throwaway database is created and dropped.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { cookieHeader, overHttp, startNginx, startSimpulServer, Visitor } from '../src/testing.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    servers: { type: 'string', default: '1,2' },
    soak: { type: 'string', default: '0' },
  },
});
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-load-'));
fs.chmodSync(root, 0o777);
const children: ChildProcess[] = [];

interface WrkFigures {
  requestsPerSecond: number;
  p50: string;
  p99: string;
  errors: number;
}

function wrk(url: string, headers: string[], script?: string): WrkFigures {
  const args = ['-t', '2', '-c', values.connections!, '-d', `${values.seconds}s`, '--latency'];
  for (const h of headers) args.push('-H', h);
  if (script) args.push('-s', script);
  const out = execFileSync('wrk', [...args, url], { encoding: 'utf8' });
  const pick = (pattern: RegExp) => pattern.exec(out)?.[1] ?? '?';
  return {
    requestsPerSecond: Number(pick(/Requests\/sec:\s+([\d.]+)/)),
    p50: pick(/\s50%\s+(\S+)/),
    p99: pick(/\s99%\s+(\S+)/),
    errors: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
  };
}

const name = `simpul_load_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const env = {
  DATABASE_URL: url.toString(),
  DATA_DIR: path.join(root, 'data'),
  SIMPUL_DEMO: '1',
  TRUST_PROXY: '1',
};

try {
  const started = performance.now();
  const first = await startSimpulServer(env);
  children.push(first.server);
  console.log(
    `first server ready with the demo data in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const second = await startSimpulServer(env);
  children.push(second.server);
  const servers = [first.server, second.server];
  const ports = [first.port, second.port];

  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  const code = (await db.query('SELECT verification_code FROM letters LIMIT 1')).rows[0]?.verification_code;
  await db.end();
  const { createOpen311Client } = await import('../src/modules/complaints/open311-clients.ts');
  const { openDatabase } = await import('../src/platform/db/index.ts');
  const { loadConfig } = await import('../src/config.ts');
  const pino = (await import('pino')).default;
  const { SYSTEM } = await import('../src/platform/auth/roles.ts');
  const { systemClock, withActor } = await import('../src/platform/context.ts');
  const { makeStaff } = await import('../src/platform/testing.ts');
  await import('../src/modules/index.ts'); // the regions module sets the region directory staff scopes are checked against
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: null });
  const ctx = {
    db: handle.db,
    actor: SYSTEM,
    clock: systemClock,
    config: loadConfig(env),
    log: pino({ level: 'silent' }),
  };
  const regencyAdmin = await makeStaff(ctx, { role: 'admin_kabupaten', scope: '36.04' });
  // an Open311 client may file 300 reports in 10 minutes (complaints' LIMITS): the load spreads
  // over 100 clients, so what is measured is accepted intake, not the refusal
  const apiKeys: string[] = [];
  for (let i = 0; i < 100; i++)
    apiKeys.push(await createOpen311Client(withActor(ctx, regencyAdmin), `uji beban ${i}`));
  await handle.close();
  const script = path.join(root, 'open311.lua');
  fs.writeFileSync(
    script,
    `local n = 0
local keys = { ${apiKeys.map((k) => `"${k}"`).join(', ')} }
request = function()
  n = n + 1
  local body = "service_code=JALAN_RUSAK&lat=-6.0581&long=106.1106&address_id=36.04.05.2001" ..
    "&description=Jalan+berlubang+di+depan+balai+desa+nomor+" .. n ..
    "&attribute%5Bpanjang_km%5D=0.5&attribute%5Bstatus_jalan%5D=kabupaten&api_key=" .. keys[n % #keys + 1]
  local address = "10." .. math.random(0, 250) .. "." .. math.random(0, 250) .. "." .. math.random(1, 250)
  return wrk.format("POST", "/open311/v2/requests.json",
    { ["Content-Type"] = "application/x-www-form-urlencoded", ["X-Forwarded-For"] = address }, body)
end
`,
  );

  for (const count of values.servers!.split(',').map(Number)) {
    const nginx = await startNginx(ports.slice(0, count));
    const base = nginx.base;
    const operator = new Visitor(overHttp(base));
    await operator.login('operator.kramatwatu@demo.simpul.id', 'simpul-demo-2026');
    const cookie = cookieHeader(operator.cookies);
    console.log(
      `\n${count} app server(s) behind nginx, wrk -t2 -c${values.connections} -d${values.seconds}s, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`,
    );
    const pages: Array<[string, string, string[], string?]> = [
      ['portal /', '/', []],
      ['village site /desa/36.04.05.2001', '/desa/36.04.05.2001', []],
      ['letter check /verifikasi/{code}', `/verifikasi/${code}`, []],
      ['complaint list /pengaduan', '/pengaduan', []],
      ["officer's queue /kelola/kerja", '/kelola/kerja', [`Cookie: ${cookie}`]],
      ['Open311 POST requests.json', '/open311/v2/requests.json', [], script],
    ];
    for (const [label, pagePath, headers, lua] of pages) {
      const f = wrk(base + pagePath, headers, lua);
      console.log(
        `${label.padEnd(36)} ${f.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${f.p50.padStart(8)}  p99 ${f.p99.padStart(8)}${f.errors ? `  non-2xx/3xx ${f.errors}` : ''}`,
      );
    }
    await nginx.stop();
  }
  if (Number(values.soak) > 0)
    await soak(Number(values.soak), { ports, servers, code, dbUrl: url.toString(), writes: script });
} finally {
  for (const child of children.reverse()) if (child.exitCode === null) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1000));
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  fs.rmSync(root, { recursive: true, force: true });
}

/** Least-squares slope of `values` per sample. */
function slope(values: number[]): number {
  const n = values.length;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  return den === 0 ? 0 : num / den;
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

function startWrk(args: string[]): { report: () => string; done: Promise<unknown>; process: ChildProcess } {
  const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'ignore'] });
  let report = '';
  child.stdout.on('data', (chunk: Buffer) => {
    report += chunk.toString();
  });
  return { report: () => report, done: new Promise((r) => child.once('exit', r)), process: child };
}

function wrkSummary(label: string, report: string): string {
  return `${label}: ${/Requests\/sec:\s+([\d.]+)/.exec(report)?.[1]} req/s, ${/Non-2xx or 3xx responses: (\d+)/.exec(report)?.[1] ?? 0} non-2xx/3xx`;
}

/**
 * N seconds of mixed GETs (16 connections) and, beside them, one connection filing Open311 reports
 * without pause (each a complaint, its search document, audit row and routing), on both servers.
 */
async function soak(
  seconds: number,
  run: { ports: number[]; servers: ChildProcess[]; code: string; dbUrl: string; writes: string },
) {
  const { ports, servers, code, dbUrl } = run;
  const nginx = await startNginx(ports);
  const mix = path.join(root, 'mix.lua');
  fs.writeFileSync(
    mix,
    `local paths = { "/", "/desa/36.04.05.2001", "/verifikasi/${code}", "/pengaduan", "/layanan", "/informasi-publik" }
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[n % #paths + 1])
end
`,
  );
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  const complaints = async () =>
    Number((await db.query('SELECT count(*)::int AS n FROM complaints')).rows[0].n);
  const complaintsBefore = await complaints();
  const reads = startWrk([
    '-t',
    '2',
    '-c',
    values.connections!,
    '-d',
    `${seconds}s`,
    '-s',
    mix,
    `${nginx.base}/`,
  ]);
  const writes = startWrk(['-t', '1', '-c', '1', '-d', `${seconds}s`, '-s', run.writes, `${nginx.base}/`]);
  const load = reads.process;
  const done = Promise.all([reads.done, writes.done]);
  const samples: Array<{ t: number; rss: number[]; fds: number[]; connections: number }> = [];
  console.log(
    `\nsoak: ${seconds} s of mixed GETs and Open311 POSTs on 2 servers behind nginx, a sample every 10 s`,
  );
  console.log('   t   rss A MB  rss B MB  fds A  fds B  db connections');
  const t0 = performance.now();
  while (load.exitCode === null && performance.now() - t0 < (seconds + 5) * 1000) {
    const rss = servers.map((s) => rssMb(s.pid!));
    const fds = servers.map((s) => fs.readdirSync(`/proc/${s.pid}/fd`).length);
    const row = await db.query(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()',
    );
    const sample = {
      t: Math.round((performance.now() - t0) / 1000),
      rss,
      fds,
      connections: row.rows[0].n as number,
    };
    samples.push(sample);
    console.log(
      `${String(sample.t).padStart(4)}  ${rss.map((r) => r.toFixed(0).padStart(8)).join('  ')}  ${fds.map((f) => String(f).padStart(5)).join('  ')}  ${String(sample.connections).padStart(14)}`,
    );
    await Promise.race([new Promise((r) => setTimeout(r, 10_000)), done]);
  }
  await done;
  const filed = (await complaints()) - complaintsBefore;
  await db.end();
  await nginx.stop();
  // the first minute is warm-up (caches, JIT, pools filling); the trend is read after it
  const steady = samples.filter((s) => s.t >= 60);
  const perMinute = (values: number[]) => slope(values) * 6;
  for (const [i, name] of ['A', 'B'].entries())
    console.log(
      `server ${name}: rss ${steady[0]?.rss[i]?.toFixed(0)} → ${steady.at(-1)?.rss[i]?.toFixed(0)} MB, trend ${perMinute(steady.map((s) => s.rss[i]!)).toFixed(2)} MB/min; fds trend ${perMinute(steady.map((s) => s.fds[i]!)).toFixed(2)}/min`,
    );
  console.log(`db connections trend ${perMinute(steady.map((s) => s.connections)).toFixed(2)}/min`);
  console.log(wrkSummary('reads (wrk)', reads.report()));
  console.log(wrkSummary('writes (wrk)', writes.report()));
  console.log(`complaints filed during the soak: ${filed}`);
}
