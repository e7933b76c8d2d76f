import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FileStore } from './store.ts';

/** Bytes whose SHA-256 is not the one they are stored under. */
export class HashMismatch extends Error {
  constructor(readonly actual: string) {
    super(`SHA-256 ${actual} differs from the expected hash`);
  }
}

/** SHA-256 and length of a stream, read once, in constant memory. */
export async function hashOf(stream: Readable): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * The stream's bytes passed on unchanged; at its end it fails with HashMismatch when they are not
 * the bytes of `sha256`, so a store that writes to a temporary name never keeps them.
 */
function verified(source: Readable, sha256: string): Readable {
  return Readable.from(
    (async function* () {
      const hash = createHash('sha256');
      for await (const chunk of source) {
        hash.update(chunk as Buffer);
        yield chunk as Buffer;
      }
      const actual = hash.digest('hex');
      if (actual !== sha256) throw new HashMismatch(actual);
    })(),
    { objectMode: false },
  );
}

export type CopyOutcome = { state: 'copied' } | { state: 'missing' } | { state: 'changed'; actual: string };

/** Copies the bytes of `sha256` from one store's key to another's, checking them on the way. */
export async function copyVerified(
  from: { store: FileStore; key: string },
  to: { store: FileStore; key: string },
  sha256: string,
): Promise<CopyOutcome> {
  const source = await from.store.stream(from.key);
  if (!source) return { state: 'missing' };
  try {
    await to.store.put(to.key, verified(source, sha256));
    return { state: 'copied' };
  } catch (error) {
    if (error instanceof HashMismatch) return { state: 'changed', actual: error.actual };
    throw error;
  }
}

/** Runs `work` over the items, at most `limit` at a time (network stores gain from a few in flight). */
export async function eachLimited<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
