import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server } from '../testing.ts';
import { s3Store } from './s3.ts';
import { fileStore } from './store.ts';

let server: Awaited<ReturnType<typeof startS3Server>>;
beforeAll(async () => {
  server = await startS3Server(['simpul-berkas']);
});
afterAll(() => server.close());

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString();
}

async function keys(store: ReturnType<typeof s3Store>, prefix: string): Promise<string[]> {
  const found: string[] = [];
  for await (const key of store.list(prefix)) found.push(key);
  return found.sort();
}

describe('the S3-compatible file store', () => {
  it('keeps bytes under their key in the bucket, reads them back, lists and removes them', async () => {
    const store = s3Store(server.settings('simpul-berkas'));
    expect(store.kind).toBe('s3');
    expect(await store.exists('ab/abc')).toBe(false);
    expect(await store.get('ab/abc')).toBeNull();
    expect(await store.stream('ab/abc')).toBeNull();
    await store.put('ab/abc', Buffer.from('surat keterangan'));
    await store.put('ab/abd', Readable.from(['nik,nama\n', '3604050101900001,SITI\n']));
    await store.put('cd/cde', Buffer.from('lain'));
    expect(await store.exists('ab/abc')).toBe(true);
    expect((await store.get('ab/abc'))?.toString()).toBe('surat keterangan');
    expect(await text((await store.stream('ab/abd'))!)).toBe('nik,nama\n3604050101900001,SITI\n');
    expect(await keys(store, 'ab/')).toEqual(['ab/abc', 'ab/abd']);
    expect(await keys(store, '')).toEqual(['ab/abc', 'ab/abd', 'cd/cde']);
    await store.delete('ab/abc');
    await store.delete('ab/abc');
    expect(await store.exists('ab/abc')).toBe(false);
  });

  it('refuses a key that would leave its folder, and says why the server refused a request', async () => {
    const store = s3Store(server.settings('simpul-berkas'));
    await expect(store.put('../luar', Buffer.from('x'))).rejects.toThrow('invalid file key');
    // s3rver checks the access key (not SigV4 signatures, which it leaves unimplemented)
    const stranger = s3Store({ ...server.settings('simpul-berkas'), accessKey: 'ORANG-LAIN' });
    await expect(stranger.put('ab/x', Buffer.from('x'))).rejects.toThrow(/HTTP 403.*InvalidAccessKeyId/s);
    const elsewhere = s3Store(server.settings('tidak-ada'));
    await expect(elsewhere.put('ab/x', Buffer.from('x'))).rejects.toThrow(/HTTP 404.*NoSuchBucket/s);
  });

  it('lists a bucket page after page', async () => {
    const store = s3Store(server.settings('simpul-berkas'), { listPage: 2 });
    const written = ['hal/a1', 'hal/a2', 'hal/a3', 'hal/a4', 'hal/a5'];
    for (const key of written) await store.put(key, Buffer.from(key));
    expect(await keys(store, 'hal/')).toEqual(written);
  });

  it('is the primary store when the configuration says FILE_STORE=s3', async () => {
    const settings = server.settings('simpul-berkas');
    const store = fileStore({ dataDir: '/tidak-dipakai', fileStore: 's3', filesS3: settings });
    expect(store.kind).toBe('s3');
    await store.put('ef/efg', Buffer.from('arsip'));
    expect((await s3Store(settings).get('ef/efg'))?.toString()).toBe('arsip');
  });
});
