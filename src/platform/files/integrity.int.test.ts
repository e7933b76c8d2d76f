import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StaffActor } from '../auth/roles.ts';
import { fixedClock } from '../context.ts';
import { Forbidden } from '../http/errors.ts';
import { runJobOnce } from '../jobs/index.ts';
import { createTestDatabase, type TestContext } from '../testing.ts';
import { saveFile } from './index.ts';
import { checkStoredFiles, fileIntegrityJob, listFileFindings, runIntegrityCheck } from './integrity.ts';

let test: TestContext;
let logged: Array<Record<string, unknown>>;
beforeEach(async () => {
  test = await createTestDatabase();
  logged = [];
  const lines = new Writable({
    write(chunk, _encoding, done) {
      logged.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  test.ctx.log = pino({ level: 'info' }, lines);
});
afterEach(() => test.close());

const onDisk = (sha256: string) => path.join(test.config.dataDir, 'files', sha256.slice(0, 2), sha256);

function staff(role: StaffActor['role'], code: string): StaffActor {
  return {
    kind: 'staff',
    id: randomUUID(),
    name: 'Petugas',
    email: 'p@uji.id',
    role,
    scope: { type: 'region', code },
  };
}

function save(text: string, name: string) {
  return saveFile(test.ctx, { bytes: Buffer.from(text), contentType: 'application/pdf', name });
}

describe('the stored files integrity job', () => {
  it('reports a file whose bytes were changed on disk and one whose bytes are gone, with a log line each', async () => {
    await save('%PDF-1.7 surat pengantar', 'pengantar.pdf');
    const tampered = await save('%PDF-1.7 akta kelahiran', 'akta.pdf');
    const lost = await save('%PDF-1.7 kartu keluarga', 'kk.pdf');
    fs.writeFileSync(onDisk(tampered.sha256), '%PDF-1.7 akta kelahiran (diubah)');
    fs.rmSync(onDisk(lost.sha256));

    expect(await runJobOnce(test.ctx, fileIntegrityJob)).toBe(true);

    const admin = staff('admin_kabupaten', '36.04');
    const findings = await listFileFindings({ ...test.ctx, actor: admin });
    expect(findings.map((f) => [f.names, f.problem, f.sha256]).sort()).toEqual([
      [['akta.pdf'], 'changed', tampered.sha256],
      [['kk.pdf'], 'missing', lost.sha256],
    ]);
    const warnings = logged.filter((line) => line.msg === 'stored file does not match its hash');
    expect(warnings.map((line) => line.name).sort()).toEqual(['akta.pdf', 'kk.pdf']);
    expect(logged.find((line) => line.msg === 'stored files checked against their hashes')).toMatchObject({
      checked: 3,
      changed: 1,
      missing: 1,
    });
  });

  it('walks every file a page at a time and forgets a finding once the bytes are right again', async () => {
    const saved = [];
    for (let i = 0; i < 5; i++) saved.push(await save(`%PDF-1.7 lampiran ${i}`, `lampiran-${i}.pdf`));
    const broken = saved[3]!;
    fs.writeFileSync(onDisk(broken.sha256), 'rusak');
    expect(await checkStoredFiles(test.ctx, { batch: 2 })).toEqual({
      checked: 5,
      changed: 1,
      missing: 0,
      complete: true,
    });
    const first = await test.ctx.db.selectFrom('file_findings').selectAll().executeTakeFirstOrThrow();
    expect(first).toMatchObject({ sha256: broken.sha256, problem: 'changed' });

    fs.writeFileSync(onDisk(broken.sha256), '%PDF-1.7 lampiran 3');
    expect(await checkStoredFiles(test.ctx, { batch: 2 })).toEqual({
      checked: 5,
      changed: 0,
      missing: 0,
      complete: true,
    });
    expect(await test.ctx.db.selectFrom('file_findings').selectAll().execute()).toEqual([]);
  });

  it('counts identical uploads once and shows their findings only to the regency administrator', async () => {
    const one = await save('%PDF-1.7 sama', 'satu.pdf');
    await save('%PDF-1.7 sama', 'dua.pdf');
    fs.rmSync(onDisk(one.sha256));
    expect(await checkStoredFiles(test.ctx)).toEqual({ checked: 1, changed: 0, missing: 1, complete: true });
    const admin = staff('admin_kabupaten', '36.04');
    const [finding] = await listFileFindings({ ...test.ctx, actor: admin });
    expect(finding).toMatchObject({ names: ['dua.pdf', 'satu.pdf'], records: 2, problem: 'missing' });
    const operator = staff('operator_desa', '36.04.05.2001');
    await expect(listFileFindings({ ...test.ctx, actor: operator })).rejects.toBeInstanceOf(Forbidden);
  });

  /** Five files, in the hash order the check walks them. */
  async function fiveFiles() {
    const saved = [];
    for (let i = 0; i < 5; i++) saved.push(await save(`%PDF-1.7 lampiran ${i}`, `lampiran-${i}.pdf`));
    return saved.sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1));
  }
  const foundHashes = async () =>
    (await test.ctx.db.selectFrom('file_findings').select('sha256').orderBy('sha256').execute()).map(
      (r) => r.sha256,
    );

  it('checks a bounded batch a run, so two short runs cover every file once and still find a tampered one', async () => {
    const files = await fiveFiles();
    fs.writeFileSync(onDisk(files[1]!.sha256), 'diubah');
    fs.writeFileSync(onDisk(files[4]!.sha256), 'diubah juga');

    const first = await checkStoredFiles(test.ctx, { batch: 2, maxFiles: 3 });
    expect(first).toEqual({ checked: 3, changed: 1, missing: 0, complete: false });
    expect(await foundHashes()).toEqual([files[1]!.sha256]);
    const second = await checkStoredFiles(test.ctx, { batch: 2, maxFiles: 3 });
    expect(second).toEqual({ checked: 2, changed: 1, missing: 0, complete: true });
    expect(await foundHashes()).toEqual([files[1]!.sha256, files[4]!.sha256]);
    // the round is over: the next run starts again from the first file
    expect(await checkStoredFiles(test.ctx, { batch: 2, maxFiles: 3 })).toMatchObject({ checked: 3 });
  });

  it('resumes a run that was cut short after the last page it finished, not from the first file', async () => {
    const files = await fiveFiles();
    // the third file cannot be read: the run dies in its second page, after the first was saved
    const third = onDisk(files[2]!.sha256);
    fs.rmSync(third);
    fs.mkdirSync(third);
    await expect(checkStoredFiles(test.ctx, { batch: 2 })).rejects.toThrow();
    fs.rmdirSync(third);
    fs.writeFileSync(third, '%PDF-1.7 diubah saat pemeriksaan terputus');

    const resumed = await checkStoredFiles(test.ctx, { batch: 2 });
    expect(resumed).toEqual({ checked: 3, changed: 1, missing: 0, complete: true });
    expect(await foundHashes()).toEqual([files[2]!.sha256]);
  });

  it('goes on with a round under way at each run, and starts a new round only a day after the last began', async () => {
    const clock = fixedClock('2026-12-03T01:00:00Z');
    const ctx = { ...test.ctx, clock };
    await fiveFiles();
    expect(await runIntegrityCheck(ctx)).toMatchObject({ checked: 5, complete: true });
    clock.advance(3_600_000);
    expect(await runIntegrityCheck(ctx)).toBeNull();
    clock.advance(23 * 3_600_000);
    expect(await runIntegrityCheck(ctx)).toMatchObject({ checked: 5, complete: true });
  });
});
