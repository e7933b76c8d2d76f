// The main resident pages on a cheap phone's weak signal (issue #12): Chromium at 360 px with the
// DevTools network emulation at 400 kbps down and up and 400 ms latency, JavaScript on and off.
// For each page: bytes on the wire (compressed, every request of the page) and the time until the
// load event, medians of RUNS (3) first visits in a fresh browser context (empty cache); then
// the same page again in that context (warm: hashed assets come from the cache); and, for
// comparison, a first visit that asks for no compression (`x-no-compression`).
// Run: node --import tsx bench/slow-network.ts   (starts its own server with demo data; or
//   BENCH_URL=http://127.0.0.1:PORT for one already started with SIMPUL_DEMO=1, on a busy machine)
import type { BrowserContext } from 'playwright-core';
import { launchBrowser, phone, startServer } from '../test/e2e/harness.ts';
import { median } from './figures.ts';

const RUNS = Number(process.env.RUNS ?? 3);
const KBPS = 400;
const LATENCY_MS = 400;

interface Load {
  bytes: number;
  ms: number;
}

async function load(context: BrowserContext, url: string): Promise<Load> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: LATENCY_MS,
    downloadThroughput: (KBPS * 1000) / 8,
    uploadThroughput: (KBPS * 1000) / 8,
  });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
    bytes += event.encodedDataLength;
  });
  const started = performance.now();
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  const ms = performance.now() - started;
  await page.close();
  return { bytes, ms };
}

const server = process.env.BENCH_URL
  ? { url: process.env.BENCH_URL, stop: async () => {} }
  : await startServer();
const browser = await launchBrowser();
try {
  const list = await (await fetch(`${server.url}/pengaduan`)).text();
  const ticket = /href="(\/pengaduan\/PGD-[A-Z0-9]{4}-[A-Z0-9]{4})"/.exec(list)?.[1] ?? '/pengaduan';
  const pages = [
    '/',
    '/layanan',
    '/pengaduan',
    ticket,
    '/desa/36.04.05.2001',
    '/verifikasi',
    '/cari?q=jalan',
  ];
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const s = (n: number) => `${(n / 1000).toFixed(2)} s`;
  console.log(`${KBPS} kbps down/up, ${LATENCY_MS} ms latency, 360×740, medians of ${RUNS}`);
  console.log(
    '| page | JavaScript | first visit: bytes | first visit: load | again (cached) | uncompressed: bytes | uncompressed: load |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const path of pages) {
    for (const javaScript of [false, true]) {
      const first: Load[] = [];
      const again: Load[] = [];
      const plain: Load[] = [];
      for (let run = 0; run < RUNS; run++) {
        const context = await phone(browser, { javaScript });
        first.push(await load(context, server.url + path));
        again.push(await load(context, server.url + path));
        await context.close();
        const uncompressed = await phone(browser, { javaScript });
        await uncompressed.setExtraHTTPHeaders({ 'x-no-compression': '1' });
        plain.push(await load(uncompressed, server.url + path));
        await uncompressed.close();
      }
      const m = (loads: Load[], key: keyof Load) => median(loads.map((l) => l[key]));
      console.log(
        `| ${path.replace(/PGD-[A-Z0-9-]+/, '{tiket}')} | ${javaScript ? 'on' : 'off'} | ${kb(m(first, 'bytes'))} | ${s(m(first, 'ms'))} | ${kb(m(again, 'bytes'))}, ${s(m(again, 'ms'))} | ${kb(m(plain, 'bytes'))} | ${s(m(plain, 'ms'))} |`,
      );
    }
  }
  console.log(
    `load average ${(await import('node:os'))
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')}`,
  );
} finally {
  await browser.close();
  await server.stop();
}
