import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUse, lockDataDir, lockPath } from './data-dir-lock.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-lock-'));
  dirs.push(dir);
  return path.join(dir, 'pg');
}

/** The pid of a process that has ended. */
function endedPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('the embedded database directory is opened by one process at a time', () => {
  it('refuses a second opener while the first holds it, and lets one in once it is given back', () => {
    const dir = dataDir();
    const unlock = lockDataDir(dir);
    expect(fs.readFileSync(lockPath(dir), 'utf8').trim()).toBe(String(process.pid));
    let refused: unknown;
    try {
      lockDataDir(dir);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DataDirInUse);
    expect((refused as DataDirInUse).pid).toBe(process.pid);
    expect((refused as Error).message).toContain('sedang dipakai proses lain');
    unlock();
    expect(fs.existsSync(lockPath(dir))).toBe(false);
    lockDataDir(dir)();
  });

  it('takes over a lock left by a process that was killed', () => {
    const dir = dataDir();
    fs.writeFileSync(lockPath(dir), `${endedPid()}\n`);
    const unlock = lockDataDir(dir);
    expect(fs.readFileSync(lockPath(dir), 'utf8').trim()).toBe(String(process.pid));
    unlock();
  });

  it('takes over an empty lock only once it is old: a new one is being written this instant', () => {
    const dir = dataDir();
    fs.writeFileSync(lockPath(dir), '');
    expect(() => lockDataDir(dir)).toThrow(DataDirInUse);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lockPath(dir), old, old);
    lockDataDir(dir)();
  });
});
