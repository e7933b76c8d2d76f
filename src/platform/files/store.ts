import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Config } from '../../config.ts';
import { checkedKey } from './keys.ts';
import { s3Store } from './s3.ts';

/**
 * Where file bytes live, by key (`ab/ab12…` for a stored upload). Local disk under DATA_DIR is the
 * default; an S3-compatible bucket (`s3.ts`) implements the same calls and is chosen by config.
 * Backups and their off-site copies are stores too.
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
  /** Every key that starts with `prefix` (`''` for all), in no promised order. */
  list(prefix: string): AsyncIterable<string>;
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
    async *list(prefix) {
      // the folder that holds every key with this prefix; names below it are filtered by the prefix
      const folder = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
      let entries: fs.Dirent[];
      try {
        entries = await fsp.readdir(path.join(root, folder), { recursive: true, withFileTypes: true });
      } catch (error) {
        if (missing(error)) return;
        throw error;
      }
      for (const entry of entries) {
        if (!entry.isFile() || entry.name.endsWith('.tmp')) continue;
        const key = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
        if (key.startsWith(prefix)) yield key;
      }
    },
  };
}

const stores = new Map<string, FileStore>();

/**
 * The store the configuration names (FILE_STORE): `local` (DATA_DIR/files, the default) or `s3`
 * (the FILES_S3_* bucket), one per data directory or bucket.
 */
export function fileStore(config: Pick<Config, 'dataDir' | 'fileStore' | 'filesS3'>): FileStore {
  const s3 = config.fileStore === 's3' ? config.filesS3 : null;
  const root = path.join(config.dataDir, 'files');
  const id = s3 ? `s3:${s3.endpoint}/${s3.bucket}` : `local:${root}`;
  let store = stores.get(id);
  if (!store) {
    store = s3 ? s3Store(s3) : localDiskStore(root);
    stores.set(id, store);
  }
  return store;
}
