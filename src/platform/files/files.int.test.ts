import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestContext } from '../testing.ts';
import { readFile, saveFile } from './index.ts';

let test: TestContext;
beforeEach(async () => {
  test = await createTestDatabase();
});
afterEach(() => test.close());

describe('stored files', () => {
  it('go through the file store to DATA_DIR/files by content hash and come back with their type', async () => {
    const bytes = Buffer.from('%PDF-1.7 surat');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const saved = await saveFile(test.ctx, { bytes, contentType: 'application/pdf', name: 'surat.pdf' });
    expect(saved.sha256).toBe(sha256);
    const onDisk = path.join(test.config.dataDir, 'files', sha256.slice(0, 2), sha256);
    expect(fs.readFileSync(onDisk)).toEqual(bytes);
    const read = await readFile(test.ctx, saved.id);
    expect(read).toMatchObject({ contentType: 'application/pdf', name: 'surat.pdf', sha256 });
    expect(read.bytes).toEqual(bytes);
  });
});
