import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Config } from '../../config.ts';

/**
 * Where file bytes live, by key (`ab/ab12…` for a stored upload). Local disk under DATA_DIR is the
 * default; an off-site store (the archive's) implements the same five calls and is chosen by config.
 */
export interface FileStore {
  readonly kind: string;
  /** Writes (or replaces) the bytes under the key; a reader never sees a half-written file. */
  put(key: string, content: Buffer | Readable): Promise<void>;
  /** The bytes, or null when nothing is stored under the key. */
  get(key: string): Promise<Buffer | null>;
  /** The bytes as a stream (for large files), or null when nothing is stored under the key. */
  stream(key: string): Promise<Readable | null>;
  exists(key: string): Promise<boolean>;
  /** Removes the bytes; removing a key that holds nothing is not an error. */
  delete(key: string): Promise<void>;
}

// keys are relative paths of plain segments: no "..", no absolute path, no backslash
const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

function checkedKey(key: string): string {
  if (!KEY.test(key) || key.split('/').some((segment) => segment === '..' || segment === '.'))
    throw new Error(`invalid file key: ${JSON.stringify(key)}`);
  return key;
}

function missing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** Files on this machine's disk under `root`, written to a temporary name and renamed into place. */
export function localDiskStore(root: string): FileStore {
  const at = (key: string) => path.join(root, ...checkedKey(key).split('/'));
  return {
    kind: 'local',
    async put(key, content) {
      const target = at(key);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        if (Buffer.isBuffer(content)) await fsp.writeFile(temporary, content, { flag: 'wx' });
        else await pipeline(content, fs.createWriteStream(temporary, { flags: 'wx' }));
        await fsp.rename(temporary, target);
      } catch (error) {
        await fsp.rm(temporary, { force: true });
        throw error;
      }
    },
    async get(key) {
      try {
        return await fsp.readFile(at(key));
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
    },
    async stream(key) {
      try {
        const handle = await fsp.open(at(key), 'r');
        return handle.createReadStream();
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
    },
    async exists(key) {
      try {
        return (await fsp.stat(at(key))).isFile();
      } catch (error) {
        if (missing(error)) return false;
        throw error;
      }
    },
    async delete(key) {
      await fsp.rm(at(key), { force: true });
    },
  };
}

const stores = new Map<string, FileStore>();

/** The store the configuration names (FILE_STORE, `local` by default), one per data directory. */
export function fileStore(config: Pick<Config, 'dataDir' | 'fileStore'>): FileStore {
  const root = path.join(config.dataDir, 'files');
  const id = `${config.fileStore}:${root}`;
  let store = stores.get(id);
  if (!store) {
    store = localDiskStore(root);
    stores.set(id, store);
  }
  return store;
}
