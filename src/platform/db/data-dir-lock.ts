import fs from 'node:fs';
import path from 'node:path';

/**
 * The embedded database is one PostgreSQL running inside one process: a second process opening the
 * same directory (a CLI command while the server runs) would write the same files with its own
 * buffers and corrupt them. Whoever opens it first holds `pg.lock` beside it, naming its pid; a
 * lock whose process is gone (killed, the machine restarted) is taken over.
 */
export class DataDirInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `Basis data tertanam di ${dataDir} sedang dipakai proses lain (pid ${pid}). Hanya satu proses boleh ` +
        'membukanya: hentikan server dulu lalu ulangi perintah ini, atau pakai PostgreSQL (DATABASE_URL) ' +
        `bila server dan perintah harus berjalan bersamaan. Bila proses itu sudah tidak ada, hapus ${lockPath(dataDir)}.`,
    );
  }
}

export function lockPath(dataDir: string): string {
  return `${dataDir}.lock`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holder(file: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Takes the directory's lock or throws DataDirInUse; the function returned gives it back. */
export function lockDataDir(dataDir: string): () => void {
  const file = lockPath(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return () => {
        if (holder(file) === process.pid) fs.rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = holder(file);
      if (pid !== null && alive(pid)) throw new DataDirInUse(dataDir, pid);
      // an empty lock is either being written this instant or left by a process that died writing it
      if (pid === null && Date.now() - fs.statSync(file).mtimeMs < 5_000) throw new DataDirInUse(dataDir, 0);
      fs.rmSync(file, { force: true });
    }
  }
  throw new DataDirInUse(dataDir, holder(file) ?? 0);
}
