import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestContext } from '../testing.ts';
import {
  codeFingerprint,
  fingerprintInputs,
  seedFingerprint,
  seedIfChanged,
  writeCodeFingerprint,
} from './seed-state.ts';

let test: TestContext | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await test?.close();
  test = undefined;
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function inputFolder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-seed-input-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('reference seeds keyed on the content of their inputs', () => {
  it('gives the same fingerprint for the same bytes and a new one for a changed, added or removed file', () => {
    const a = inputFolder({ 'catalog/one.json': '{"slug":"one"}', 'codes.csv': 'kode,nama\n1,Islam\n' });
    const b = inputFolder({ 'catalog/one.json': '{"slug":"one"}', 'codes.csv': 'kode,nama\n1,Islam\n' });
    const first = fingerprintInputs([a], ['regency 36.04']);
    expect(fingerprintInputs([b], ['regency 36.04'])).toBe(first);
    expect(fingerprintInputs([a], ['regency 36.03'])).not.toBe(first);

    fs.writeFileSync(path.join(a, 'codes.csv'), 'kode,nama\n1,Islam\n2,Kristen\n');
    const changed = fingerprintInputs([a], ['regency 36.04']);
    expect(changed).not.toBe(first);
    fs.writeFileSync(path.join(a, 'catalog/two.json'), '{"slug":"two"}');
    const added = fingerprintInputs([a], ['regency 36.04']);
    expect(added).not.toBe(changed);
    fs.rmSync(path.join(a, 'catalog/two.json'));
    expect(fingerprintInputs([a], ['regency 36.04'])).toBe(changed);
    // a test file beside the code changes nothing a seed writes
    fs.writeFileSync(path.join(a, 'catalog/seed.test.ts'), 'it()');
    expect(fingerprintInputs([a], ['regency 36.04'])).toBe(changed);
  });

  it("takes a compiled tree's fingerprint from its build while no file changed, and hashes it again once one did", () => {
    const dist = inputFolder({ 'main.js': 'serve()', 'catalog/one.json': '{"slug":"one"}' });
    const built = fingerprintInputs([dist]);
    writeCodeFingerprint(dist);
    expect(fingerprintInputs([dist]), 'the written record is not an input').toBe(built);
    // the record is used as it is: a wrong one shows it was not recomputed
    const recordFile = path.join(dist, '.code-fingerprint');
    const record = JSON.parse(fs.readFileSync(recordFile, 'utf8'));
    fs.writeFileSync(recordFile, JSON.stringify({ ...record, fingerprint: 'from-the-build' }));
    expect(codeFingerprint(dist)).toBe('from-the-build');

    fs.writeFileSync(path.join(dist, 'catalog/two.json'), '{"slug":"two"}');
    expect(codeFingerprint(dist)).toBe(fingerprintInputs([dist]));
    expect(codeFingerprint(dist)).not.toBe(built);
    // a source tree has no record: hashed every time
    expect(codeFingerprint(inputFolder({ 'a.ts': 'x' }))).toBe(
      fingerprintInputs([inputFolder({ 'a.ts': 'x' })]),
    );
  });

  it('runs a seed on the first start, skips it while its input is unchanged and applies a changed input', async () => {
    test = await createTestDatabase();
    const { db } = test.ctx;
    await sql`CREATE TABLE seeded_codes (code text PRIMARY KEY)`.execute(db);
    const input = inputFolder({ 'codes.txt': 'A\nB\n' });
    let runs = 0;
    const start = () =>
      seedIfChanged(db, 'codes', fingerprintInputs([input]), async () => {
        runs++;
        for (const code of fs.readFileSync(path.join(input, 'codes.txt'), 'utf8').split('\n').filter(Boolean))
          await sql`INSERT INTO seeded_codes VALUES (${code}) ON CONFLICT DO NOTHING`.execute(db);
      });
    const codes = async () =>
      (await sql<{ code: string }>`SELECT code FROM seeded_codes ORDER BY code`.execute(db)).rows.map(
        (r) => r.code,
      );

    expect(await start()).toBe(true);
    expect(await codes()).toEqual(['A', 'B']);
    expect(await seedFingerprint(db, 'codes')).toBe(fingerprintInputs([input]));

    expect(await start()).toBe(false);
    expect(runs).toBe(1);

    fs.writeFileSync(path.join(input, 'codes.txt'), 'A\nB\nC\n');
    expect(await start()).toBe(true);
    expect(runs).toBe(2);
    expect(await codes()).toEqual(['A', 'B', 'C']);
    expect(await start()).toBe(false);
  });

  it('runs a seed again after a start that failed half-way, and whenever forced', async () => {
    test = await createTestDatabase();
    const { db } = test.ctx;
    let runs = 0;
    await expect(
      seedIfChanged(db, 'flaky', 'f1', async () => {
        runs++;
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(await seedFingerprint(db, 'flaky')).toBeNull();
    expect(await seedIfChanged(db, 'flaky', 'f1', async () => void runs++)).toBe(true);
    expect(await seedIfChanged(db, 'flaky', 'f1', async () => void runs++, { force: true })).toBe(true);
    expect(runs).toBe(3);
  });
});
