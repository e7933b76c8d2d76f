// Platform figures: cold start (empty embedded database: migrate + seed), warm start (existing
// database), resident memory at idle, and page weight of the home page. Prints medians of 3 runs.
// Run: node --import tsx bench/platform.ts
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { median } from './figures.ts';

const RUNS = Number(process.env.RUNS ?? 3);

async function startOnce(dataDir: string, port: number) {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const startMs = performance.now() - started;
  const home = await (await fetch(`${url}/`)).text();
  await new Promise((r) => setTimeout(r, 5000));
  const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return {
    startMs,
    rssMb: rssKb / 1024,
    homeBytes: Buffer.byteLength(home),
    homeGzip: gzipSync(home).length,
  };
}

const cold: number[] = [];
const warm: number[] = [];
const rss: number[] = [];
let page = { homeBytes: 0, homeGzip: 0 };
for (let i = 0; i < RUNS; i++) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-bench-'));
  const first = await startOnce(dataDir, 3900 + i);
  const second = await startOnce(dataDir, 3950 + i);
  cold.push(first.startMs);
  warm.push(second.startMs);
  rss.push(second.rssMb);
  page = { homeBytes: first.homeBytes, homeGzip: first.homeGzip };
  fs.rmSync(dataDir, { recursive: true, force: true });
}
console.log(
  `cold start (empty PGlite: migrate + seed regions + demo): median ${median(cold).toFixed(0)} ms  [${cold.map((v) => v.toFixed(0)).join(', ')}]`,
);
console.log(
  `warm start (existing PGlite data):                    median ${median(warm).toFixed(0)} ms  [${warm.map((v) => v.toFixed(0)).join(', ')}]`,
);
console.log(`resident memory at idle (5 s after start):            median ${median(rss).toFixed(0)} MB`);
console.log(
  `home page: ${(page.homeBytes / 1024).toFixed(1)} KB, ${(page.homeGzip / 1024).toFixed(1)} KB gzip`,
);
