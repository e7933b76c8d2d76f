import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffActor } from '../../platform/auth/roles.ts';
import { fixedClock, withActor } from '../../platform/context.ts';
import { Forbidden, Invalid } from '../../platform/http/errors.ts';
import { onboardingChecklist } from '../../platform/village-site.ts';
import { buildTestApp, loginAs, loginAsNewStaff, makeStaff, type TestApp, Visitor } from '../../testing.ts';
import { updateVillageOffice } from '../regions/service.ts';
import { saveArticle, saveOfficial, saveProfile } from '../sites/service.ts';
import {
  checkOnboardingRows,
  createOnboardingAccounts,
  onboardFromFile,
  onboardingLetters,
  readOnboardingFile,
  redeemFirstLoginCode,
  reissueCode,
  villageProgress,
} from './service.ts';

const KRAMATWATU = '36.04.05.2001';
const MARGASANA = '36.04.05.2002';
const KIBIN = '36.04.16.2001';
const clock = fixedClock('2026-12-01T02:00:00Z');
let t: TestApp;
const dir = mkdtempSync(path.join(tmpdir(), 'onboarding-test-'));
let n = 0;

function csv(lines: string[]): string {
  const file = path.join(dir, `daftar-${++n}.csv`);
  writeFileSync(file, `kode_desa,nama,peran,telepon,email\n${lines.join('\n')}\n`);
  return file;
}
const unique = () => `${Date.now().toString(36)}${(++n).toString(36)}`;
/** These lines uploaded as daftar.csv, read into rows. */
const rowsOf = (lines: string[]) => readOnboardingFile(csv(lines), 'daftar.csv');
/** These lines uploaded as daftar.csv by `who`, checked and the accounts created at once. */
const onboard = (who: StaffActor, lines: string[]) =>
  onboardFromFile(withActor(t.ctx, who), { path: csv(lines), fileName: 'daftar.csv' });

beforeAll(async () => {
  t = await buildTestApp({ clock });
}, 300_000);
afterAll(async () => {
  await t.close();
});

describe('bulk onboarding from one CSV', () => {
  it('creates the good rows only and reports each bad row by line in Indonesian', async () => {
    const admin = await makeStaff(t.ctx, { role: 'admin_kabupaten', scope: '36.04' });
    const taken = await makeStaff(t.ctx, { role: 'operator_desa', scope: KIBIN });
    const u = unique();
    const result = await onboard(admin, [
      `${KRAMATWATU},Siti Aminah,operator_desa,0812-3456-7890,siti.${u}@desa.id`,
      `Margasana,Budi Santoso,sekretaris_desa,+6281298765432,budi.${u}@desa.id`,
      `99.99.99.9999,Tanpa Desa,operator_desa,081234567890,tanpa.${u}@desa.id`,
      `${KIBIN},Ani,lurah,081234567890,ani.${u}@desa.id`,
      `${KIBIN},Dedi,operator_desa,021555666,dedi.${u}@desa.id`,
      `${KIBIN},Eko,operator_desa,081234567891,bukan-email`,
      `${KIBIN},Fajar,kepala_desa,081234567892,SITI.${u}@desa.id`,
      `${KIBIN},Gita,operator_desa,081234567893,${taken.email}`,
    ]);
    expect(result.created.map((a) => a.email)).toEqual([`siti.${u}@desa.id`, `budi.${u}@desa.id`]);
    expect(result.created[0]!.phone).toBe('+6281234567890');
    expect(result.problems.map((p) => [p.line, p.column])).toEqual([
      [4, 'kode_desa'],
      [5, 'peran'],
      [6, 'telepon'],
      [7, 'email'],
      [8, 'email'],
      [9, 'email'],
    ]);
    expect(result.problems[0]!.message).toBe('Desa "99.99.99.9999" tidak ada di kabupaten ini.');
    expect(result.problems[4]!.message).toBe('E-mail ini sudah ada di baris 2 berkas ini.');
    expect(result.problems[5]!.message).toBe('E-mail ini sudah dipakai akun lain.');
    const made = await t.ctx.db
      .selectFrom('staff_users')
      .select(['email', 'role', 'scope_code'])
      .where('email', 'like', `%.${u}@desa.id`)
      .orderBy('email')
      .execute();
    expect(made).toEqual([
      { email: `budi.${u}@desa.id`, role: 'sekretaris_desa', scope_code: MARGASANA },
      { email: `siti.${u}@desa.id`, role: 'operator_desa', scope_code: KRAMATWATU },
    ]);
    const audits = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'first_login_code_issue')
      .where(
        'entity_id',
        'in',
        result.created.map((a) => a.userId),
      )
      .execute();
    expect(audits).toHaveLength(2);
  });

  it('keeps no account of the upload when the database refuses one of them half-way', async () => {
    const admin = await makeStaff(t.ctx, { role: 'admin_kabupaten', scope: '36.04' });
    const ctx = withActor(t.ctx, admin);
    const u = unique();
    const rows = await rowsOf([
      `${KRAMATWATU},Satu,operator_desa,081200000001,satu.${u}@desa.id`,
      `${KRAMATWATU},Dua,operator_desa,081200000002,dua.${u}@desa.id`,
      `${KRAMATWATU},Tiga,operator_desa,081200000003,tiga.${u}@desa.id`,
    ]);
    const plan = await checkOnboardingRows(ctx, rows, 'daftar.csv');
    expect(plan.accounts).toHaveLength(3);
    // someone else takes the second e-mail between the check and the creation
    await makeStaff(t.ctx, { role: 'operator_desa', scope: KIBIN, email: `dua.${u}@desa.id` });
    await expect(createOnboardingAccounts(ctx, plan)).rejects.toThrow(/Tidak ada akun yang dibuat/);
    const left = await t.ctx.db
      .selectFrom('staff_users')
      .select('email')
      .where('email', 'in', [`satu.${u}@desa.id`, `tiga.${u}@desa.id`])
      .execute();
    expect(left).toEqual([]);
    const batches = await t.ctx.db
      .selectFrom('onboarding_batches')
      .select('id')
      .where('created_by', '=', admin.id)
      .execute();
    expect(batches).toEqual([]);
  });

  it('lets a camat onboard only the villages of its own kecamatan', async () => {
    const camat = await makeStaff(t.ctx, { role: 'camat', scope: '36.04.05' });
    const ctx = withActor(t.ctx, camat);
    const u = unique();
    const rows = await rowsOf([
      `${KRAMATWATU},Dalam,operator_desa,081200000011,dalam.${u}@desa.id`,
      `${KIBIN},Luar,operator_desa,081200000012,luar.${u}@desa.id`,
    ]);
    const plan = await checkOnboardingRows(ctx, rows, 'daftar.csv');
    expect(plan.accounts.map((a) => a.village.code)).toEqual([KRAMATWATU]);
    expect(plan.problems).toEqual([
      { line: 3, column: 'kode_desa', message: expect.stringContaining('bukan wilayah Anda') },
    ]);
    // a plan made by someone else for another kecamatan is refused whole
    const admin = await makeStaff(t.ctx, { role: 'admin_kabupaten', scope: '36.04' });
    const adminPlan = await checkOnboardingRows(withActor(t.ctx, admin), rows, 'daftar.csv');
    await expect(createOnboardingAccounts(ctx, adminPlan)).rejects.toBeInstanceOf(Forbidden);
    const operator = await makeStaff(t.ctx, { role: 'operator_desa', scope: KRAMATWATU });
    await expect(checkOnboardingRows(withActor(t.ctx, operator), rows, 'x.csv')).rejects.toBeInstanceOf(
      Forbidden,
    );
  });

  it('prints one A4 page per created account with the code, and keeps the PDF for its sender only', async () => {
    const admin = await makeStaff(t.ctx, { role: 'admin_kabupaten', scope: '36.04' });
    const u = unique();
    const result = await onboard(admin, [
      `${KRAMATWATU},Operator Satu,operator_desa,081200000021,op1.${u}@desa.id`,
      `${MARGASANA},Operator Dua,operator_desa,081200000022,op2.${u}@desa.id`,
      `${KIBIN},Kepala Tiga,kepala_desa,081200000023,kd3.${u}@desa.id`,
      `${KIBIN},,kepala_desa,081200000024,kosong.${u}@desa.id`,
    ]);
    expect(result.created).toHaveLength(3);
    const letters = await onboardingLetters(withActor(t.ctx, admin), result.batchId!);
    const pdf = path.join(dir, `surat-${u}.pdf`);
    writeFileSync(pdf, letters.bytes);
    expect(execFileSync('pdfinfo', [pdf]).toString()).toMatch(/Pages:\s+3\n/);
    expect(execFileSync('pdfinfo', [pdf]).toString()).toMatch(/Page size:\s+595.28 x 841.89/);
    const pages = execFileSync('pdftotext', ['-layout', pdf, '-']).toString().split('\f');
    for (const [i, account] of result.created.entries()) {
      expect(pages[i]).toContain(account.email);
      expect(pages[i]).toContain(`${account.code.slice(0, 4)}-${account.code.slice(4)}`);
      expect(pages[i]).toContain(account.village.name);
      expect(pages[i]).toContain('/masuk/kode');
    }
    const other = await makeStaff(t.ctx, { role: 'admin_kabupaten', scope: '36.04' });
    await expect(onboardingLetters(withActor(t.ctx, other), result.batchId!)).rejects.toThrow(
      /tidak tersedia/,
    );
    clock.advance(25 * 3_600_000);
    await expect(onboardingLetters(withActor(t.ctx, admin), result.batchId!)).rejects.toThrow(
      /tidak tersedia/,
    );
    clock.set('2026-12-01T02:00:00Z');
  });
});

describe('first-login codes', () => {
  async function onboardOne() {
    const admin = await makeStaff(t.ctx, { role: 'admin_kabupaten', scope: '36.04' });
    const u = unique();
    const result = await onboard(admin, [
      `${KRAMATWATU},Operator Baru,operator_desa,081200000031,baru.${u}@desa.id`,
    ]);
    return { admin, account: result.created[0]! };
  }
  const PASSWORD = 'kata-sandi-baru-2026';
  /** The first login with this e-mail and code, setting PASSWORD. */
  const redeem = (email: string, code: string) =>
    redeemFirstLoginCode(t.ctx, { email, code, password: PASSWORD, confirm: PASSWORD });

  it('works once, then never again', async () => {
    const { account } = await onboardOne();
    // typed in capitals and in lower case: both are read as they were issued
    const [email, code] = [account.email.toUpperCase(), account.code.toLowerCase()];
    const actor = await redeem(email, code);
    expect(actor.id).toBe(account.userId);
    await expect(redeem(email, code)).rejects.toBeInstanceOf(Invalid);
    const row = await t.ctx.db
      .selectFrom('onboarding_accounts')
      .select('first_login_at')
      .where('user_id', '=', account.userId)
      .executeTakeFirstOrThrow();
    expect(row.first_login_at).not.toBeNull();
  });

  it('stops working after 14 days by the clock', async () => {
    const { account } = await onboardOne();
    clock.advance(14 * 86_400_000 + 1000);
    try {
      await expect(redeem(account.email, account.code)).rejects.toThrow(/Periksa kembali/);
    } finally {
      clock.set('2026-12-01T02:00:00Z');
    }
  });

  it('is replaced by a new code: the old one stops working, the new one works', async () => {
    const { admin, account } = await onboardOne();
    const fresh = await reissueCode(withActor(t.ctx, admin), account.userId);
    expect(fresh.code).not.toBe(account.code);
    await expect(redeem(account.email, account.code)).rejects.toBeInstanceOf(Invalid);
    const actor = await redeem(account.email, fresh.code);
    expect(actor.email).toBe(account.email);
    // a camat of another kecamatan cannot re-issue it
    const camatB = await makeStaff(t.ctx, { role: 'camat', scope: '36.04.16' });
    await expect(reissueCode(withActor(t.ctx, camatB), account.userId)).rejects.toThrow();
  });

  it('signs in through /masuk/kode, sets the password and shows the checklist', async () => {
    const { account } = await onboardOne();
    const visitor = new Visitor(t.app);
    const submit = (fields: Record<string, string>) =>
      visitor.post('/masuk/kode', fields, { csrfFrom: '/masuk/kode' });
    const weak = await submit({
      email: account.email,
      code: account.code,
      password: 'pendek',
      confirm: 'pendek',
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.body).toContain('Kata sandi minimal 10 karakter.');
    const wrong = await submit({
      email: account.email,
      code: 'AAAA-AAAA',
      password: PASSWORD,
      confirm: PASSWORD,
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('E-mail atau kode salah');
    const ok = await submit({
      email: account.email,
      code: account.code,
      password: PASSWORD,
      confirm: PASSWORD,
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/kelola/onboarding/langkah?baru=1');
    const page = await visitor.get('/kelola/onboarding/langkah?baru=1');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-step="regions.office"');
    expect(page.body).toContain('data-step="services.offered"');
    expect(page.body).toMatch(/<progress[^>]*max="\d+"/);
    // the new password works at the ordinary login
    const again = new Visitor(t.app);
    const login = await again.post('/masuk', { email: account.email, password: PASSWORD });
    expect(login.statusCode).toBe(303);
  });
});

describe('checklist and progress', () => {
  it('marks the office step done once address, phone and hours are filled, and shows it on /kelola until all are done', async () => {
    const village = '36.04.05.2003';
    const operator = await makeStaff(t.ctx, { role: 'operator_desa', scope: village });
    const visitor = await loginAs(t.app, operator);
    const before = await visitor.get('/kelola');
    expect(before.body).toMatch(/data-step="regions.office" data-done="belum"/);
    await updateVillageOffice(withActor(t.ctx, operator), village, {
      address: 'Jl. Raya Desa No. 1',
      phone: '0254 123456',
      email: '',
      officeHours: 'Senin–Jumat 08.00–15.00',
    });
    const after = await visitor.get('/kelola');
    expect(after.body).toMatch(/data-step="regions.office" data-done="ya"/);
    const camat = await loginAsNewStaff(t, { role: 'camat', scope: '36.04.05' });
    const table = await camat.get('/kelola/onboarding');
    expect(table.statusCode).toBe(200);
    expect(table.body).toContain(village);
    expect(table.body).not.toContain(KIBIN);
  });

  it("counts each village's steps in the table as its own checklist counts them", async () => {
    const admin = withActor(t.ctx, await makeStaff(t.ctx, { role: 'admin_kabupaten', scope: '36.04' }));
    const villages = ['36.04.05.2004', '36.04.05.2005', '36.04.05.2006', '36.04.05.2007'];
    // each village a different mix of steps done (the first one none)
    const [, second, third, fourth] = villages as [string, string, string, string];
    for (const code of [second, third, fourth])
      await saveProfile(admin, code, { history: 'Desa ini berdiri sejak 1901.' });
    for (const code of [third, fourth]) {
      await saveOfficial(admin, code, null, {
        name: 'Siti Aminah',
        position: 'Kepala Desa',
        group: 'perangkat',
      });
      await updateVillageOffice(admin, code, {
        address: 'Jl. Raya Desa No. 2',
        phone: '0254 654321',
        email: '',
        officeHours: 'Senin–Jumat 08.00–15.00',
      });
    }
    await saveArticle(
      admin,
      fourth,
      null,
      { title: 'Berita pertama desa', body: 'Warga membersihkan saluran air bersama.' },
      'publish',
    );
    await saveArticle(admin, third, null, { title: 'Masih konsep', body: 'Belum terbit.' }, 'save');

    const camat = withActor(t.ctx, await makeStaff(t.ctx, { role: 'camat', scope: '36.04.05' }));
    const table = new Map((await villageProgress(camat)).map((row) => [row.code, row]));
    const counted = [];
    for (const code of villages) {
      const own = await onboardingChecklist(t.ctx, code);
      expect(table.get(code)?.stepsDone).toBe(own.done);
      expect(table.get(code)?.stepsTotal).toBe(own.total);
      counted.push(own.done);
    }
    // (the test app has no catalogue of services to review, so that step stays open)
    expect(counted).toEqual([0, 1, 3, 4]);
  });
});
