import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from './platform/testing.ts';

const servers: ChildProcess[] = [];

afterEach(() => {
  for (const server of servers.splice(0)) if (server.exitCode === null) server.kill('SIGKILL');
});

/** Starts `simpul serve` on a fresh embedded database and resolves once it logs "ready". */
async function startServer(): Promise<{ base: string; server: ChildProcess }> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-serve-'));
  const server = spawn(process.execPath, ['bin/simpul.js', 'serve'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  servers.push(server);
  await new Promise<void>((resolve, reject) => {
    let output = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"msg":"ready"')) resolve();
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return { base: `http://127.0.0.1:${port}`, server };
}

async function get(url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: await response.text() };
}

describe('simpul serve on the embedded database', () => {
  it('answers village searches made right after start, and stays responsive', async () => {
    const { base, server } = await startServer();
    const searches = await Promise.all(
      ['kramatwatu', 'kramatwatu', 'Kibin', 'kramatwtu', 'kramatwatu'].map((term) =>
        get(`${base}/?cari=${encodeURIComponent(term)}`),
      ),
    );
    for (const search of searches) expect(search.status).toBe(200);
    expect(searches[0]!.body).toContain('/desa/36.04.05.2001');
    expect(searches[2]!.body).toContain('/desa/36.04.16.2001');
    // a misspelling still finds the village (trigram similarity)
    expect(searches[3]!.body).toContain('/desa/36.04.05.2001');
    expect(searches[0]!.body).not.toContain('/desa/36.04.16.2001');

    expect((await get(`${base}/healthz`)).status).toBe(200);
    expect((await get(`${base}/readyz`)).status).toBe(200);

    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 120_000);
});
