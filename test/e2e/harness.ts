/// <reference lib="dom" />
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface RunningServer {
  url: string;
  dataDir: string;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts the real server (npm start's command) on a free port with its own embedded database and demo data. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-e2e-'));
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    env: {
      ...process.env,
      // a journey reads back what it changed a moment before, some of it written outside a request
      PUBLIC_PAGE_CACHE_SECONDS: '0',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SIMPUL_DEMO: '1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok && output.includes('Akun demo')) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    dataDir,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
  });
}

/** A phone-sized browser context (360 px wide), with or without JavaScript. */
export function phone(browser: Browser, options: { javaScript?: boolean } = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 360, height: 740 },
    javaScriptEnabled: options.javaScript ?? true,
    locale: 'id-ID',
  });
}

export const DEMO_PASSWORD = 'simpul-demo-2026';

/** Signs a demo staff account in through the staff form of `/masuk` and waits for its dashboard. */
export async function signInAsStaff(page: Page, serverUrl: string, email: string): Promise<void> {
  await page.goto(`${serverUrl}/masuk`);
  await page.fill('#field-email', email);
  await page.fill('#field-password', DEMO_PASSWORD);
  await page.click('form[action^="/masuk?"] button[type=submit]');
  await page.waitForURL(`${serverUrl}/kelola`);
}
