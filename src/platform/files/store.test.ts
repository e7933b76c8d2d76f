import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileStore, localDiskStore } from './store.ts';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-store-'));
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString();
}

describe('the local disk file store', () => {
  it('keeps bytes under their key on disk, reads them back and removes them', async () => {
    const store = localDiskStore(root);
    expect(await store.exists('ab/abc')).toBe(false);
    expect(await store.get('ab/abc')).toBeNull();
    await store.put('ab/abc', Buffer.from('surat keterangan'));
    expect(fs.readFileSync(path.join(root, 'ab', 'abc'), 'utf8')).toBe('surat keterangan');
    expect(await store.exists('ab/abc')).toBe(true);
    expect((await store.get('ab/abc'))?.toString()).toBe('surat keterangan');
    await store.delete('ab/abc');
    expect(await store.exists('ab/abc')).toBe(false);
    // deleting what is not there is no error
    await store.delete('ab/abc');
  });

  it('writes a stream and reads one back, replacing what was there and leaving no temporary file', async () => {
    const store = localDiskStore(root);
    await store.put('ekspor/penduduk.csv', Buffer.from('lama'));
    await store.put('ekspor/penduduk.csv', Readable.from(['nik,nama\n', '3604050101900001,SITI\n']));
    const stream = await store.stream('ekspor/penduduk.csv');
    expect(stream).not.toBeNull();
    expect(await text(stream as Readable)).toBe('nik,nama\n3604050101900001,SITI\n');
    expect(fs.readdirSync(path.join(root, 'ekspor'))).toEqual(['penduduk.csv']);
    expect(await store.stream('ekspor/tidak-ada.csv')).toBeNull();
  });

  it('keeps the old bytes when a stream fails half-way', async () => {
    const store = localDiskStore(root);
    await store.put('a/b', Buffer.from('utuh'));
    const failing = new Readable({
      read() {
        this.push('setengah');
        this.destroy(new Error('koneksi putus'));
      },
    });
    await expect(store.put('a/b', failing)).rejects.toThrow('koneksi putus');
    expect((await store.get('a/b'))?.toString()).toBe('utuh');
    expect(fs.readdirSync(path.join(root, 'a'))).toEqual(['b']);
  });

  it('refuses a key that would leave its folder', async () => {
    const store = localDiskStore(root);
    for (const key of ['../luar', 'a/../../luar', '/etc/passwd', 'a\\b', '', 'a//b'])
      await expect(store.put(key, Buffer.from('x'))).rejects.toThrow('invalid file key');
    expect(fs.readdirSync(root)).toEqual([]);
  });

  it('is the store the configuration names: local disk under DATA_DIR/files by default', async () => {
    const store = fileStore({ dataDir: root, fileStore: 'local', filesS3: null });
    expect(store.kind).toBe('local');
    expect(fileStore({ dataDir: root, fileStore: 'local', filesS3: null })).toBe(store);
    await store.put('xy/z', Buffer.from('1'));
    expect(fs.existsSync(path.join(root, 'files', 'xy', 'z'))).toBe(true);
  });
});

describe('listing the local disk store', () => {
  it('names every key under a prefix and leaves out half-written temporary files', async () => {
    const store = localDiskStore(root);
    await store.put('simpul-files/ab/abc', Buffer.from('1'));
    await store.put('simpul-files/cd/cde', Buffer.from('2'));
    await store.put('cadangan.jsonl.gz', Buffer.from('3'));
    fs.writeFileSync(path.join(root, 'simpul-files', 'ab', 'abz.123.tmp'), 'setengah');
    const listed: string[] = [];
    for await (const key of store.list('simpul-files/')) listed.push(key);
    expect(listed.sort()).toEqual(['simpul-files/ab/abc', 'simpul-files/cd/cde']);
    const none: string[] = [];
    for await (const key of localDiskStore(path.join(root, 'tidak-ada')).list('')) none.push(key);
    expect(none).toEqual([]);
  });
});
