import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffActor } from '../../platform/auth/roles.ts';
import { fixedClock } from '../../platform/context.ts';
import { buildTestApp, loginAs, makeStaff, type TestApp, Visitor } from '../../testing.ts';
import { makeKader, makeOperator, makePosyandu } from './test-builders.ts';

let test: TestApp;
let operator: StaffActor;
let office: Visitor;
let posyandu: { id: string; villageCode: string };
const PASSWORD = 'posyandu-mawar-2026';

beforeAll(async () => {
  test = await buildTestApp({ clock: fixedClock('2026-11-23T02:00:00Z') });
  operator = await makeOperator(test.ctx);
  posyandu = await makePosyandu(test.ctx, operator);
  office = await loginAs(test.app, operator);
}, 240_000);
afterAll(() => test.close());

const page = () => `/kelola/kesehatan/posyandu/${posyandu.id}`;
const shownCode = (html: string) => html.match(/<code data-code>([A-Z0-9]{4}-[A-Z0-9]{4})<\/code>/)?.[1];
let serial = 0;
const newEmail = () => `kader.${Date.now()}.${++serial}@posyandu.id`;

async function makeKaderAccount(email: string) {
  const made = await office.post(
    `${page()}/kader-baru`,
    { kader_nama: 'Euis Sumarni', kader_telepon: '0812 3456 7801', kader_email: email },
    { csrfFrom: page() },
  );
  expect(made.statusCode, made.body).toBe(200);
  expect(made.headers['cache-control']).toBe('no-store');
  return { page: made.body, code: shownCode(made.body) };
}

async function signInFirstTime(email: string, code: string) {
  const visitor = new Visitor(test.app);
  const answer = await visitor.post(
    '/masuk/kode',
    { email, code, password: PASSWORD, confirm: PASSWORD },
    { csrfFrom: '/masuk/kode' },
  );
  return { visitor, answer };
}

describe('a village office makes its own kader accounts', () => {
  it('makes the account with a code shown once, linked to the posyandu, and the kader signs in with it', async () => {
    const email = newEmail();
    const made = await makeKaderAccount(email);
    expect(made.code).toBeTruthy();
    expect(made.page).toContain(email);
    const letters = made.page.match(/\/kelola\/onboarding\/kiriman\/[0-9a-f-]{36}\/surat\.pdf/)?.[0];
    expect(letters).toBeTruthy();
    const pdf = await office.get(letters!);
    expect(pdf.headers['content-type']).toBe('application/pdf');

    const before = await office.get(page());
    expect(before.body).toContain('Euis Sumarni');
    expect(before.body).toContain('Belum masuk');

    const { visitor, answer } = await signInFirstTime(email, made.code!);
    expect(answer.statusCode).toBe(303);
    expect(answer.headers.location).toBe('/kelola');
    // the kader lands on their own posyandu
    const list = await visitor.get('/kelola/kesehatan/posyandu');
    expect(list.headers.location).toBe(page());
    expect((await visitor.get(page())).statusCode).toBe(200);

    const after = await office.get(page());
    expect(after.body).toContain('Sudah masuk');
    const account = await test.ctx.db
      .selectFrom('staff_users')
      .select(['role', 'scope_code'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(account).toEqual({ role: 'kader_posyandu', scope_code: posyandu.villageCode });
  });

  it('says field by field what is wrong and makes nothing', async () => {
    const taken = await makeStaff(test.ctx, { role: 'operator_desa', scope: posyandu.villageCode });
    const answer = await office.post(
      `${page()}/kader-baru`,
      { kader_nama: 'E', kader_telepon: '021 555 666', kader_email: taken.email },
      { csrfFrom: page() },
    );
    expect(answer.statusCode).toBe(422);
    expect(answer.body).toMatch(/id="error-kader_nama"/);
    expect(answer.body).toMatch(/id="error-kader_telepon"/);
    expect(answer.body).toContain('E-mail ini sudah dipakai akun lain.');
    const bad = await office.post(
      `${page()}/kader-baru`,
      { kader_nama: 'Euis', kader_telepon: '081234567802', kader_email: 'bukan-email' },
      { csrfFrom: page() },
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toMatch(/id="error-kader_email"/);
    const made = await test.ctx.db
      .selectFrom('staff_users')
      .select('id')
      .where('email', '=', 'bukan-email')
      .execute();
    expect(made).toEqual([]);
  });

  it('gives a kader who lost the code a new one; the old one stops working', async () => {
    const email = newEmail();
    const first = await makeKaderAccount(email);
    const user = await test.ctx.db
      .selectFrom('staff_users')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const renewed = await office.post(
      `/kelola/onboarding/akun/${user.id}/kode-baru`,
      { kembali: page() },
      { csrfFrom: page() },
    );
    expect(renewed.statusCode, renewed.body).toBe(200);
    expect(renewed.body).toContain(`href="${page()}"`);
    const second = shownCode(renewed.body);
    expect(second).toBeTruthy();
    expect(second).not.toBe(first.code);
    expect((await signInFirstTime(email, first.code!)).answer.statusCode).toBe(422);
    expect((await signInFirstTime(email, second!)).answer.statusCode).toBe(303);
  });

  it('refuses another village’s office and a kader', async () => {
    const otherVillage = await loginAs(
      test.app,
      await makeStaff(test.ctx, { role: 'operator_desa', scope: '36.04.05.2002' }),
    );
    const form = { kader_nama: 'Euis', kader_telepon: '081234567803', kader_email: newEmail() };
    const refused = await otherVillage.post(`${page()}/kader-baru`, form, { csrfFrom: '/kelola' });
    expect(refused.statusCode).toBe(403);
    const kader = await loginAs(test.app, await makeKader(test.ctx, posyandu));
    expect((await kader.post(`${page()}/kader-baru`, form, { csrfFrom: '/kelola' })).statusCode).toBe(403);
  });
});
