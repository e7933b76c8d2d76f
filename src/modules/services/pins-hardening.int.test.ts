import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issuePin } from '../../platform/auth/resident-login.ts';
import type { ResidentActor } from '../../platform/auth/roles.ts';
import { THROTTLE } from '../../platform/auth/throttle.ts';
import { fixedClock, withActor } from '../../platform/context.ts';
import { buildTestApp, type TestApp, Visitor } from '../../testing.ts';
import { makeApplicant, openServiceDesk, type VillageOffice } from './test-builders.ts';

let test: TestApp;
let office: VillageOffice;
let applicant: ResidentActor;
const clock = fixedClock('2026-12-01T02:00:00Z');
const OWN_PIN = '583920';

beforeEach(async () => {
  clock.set('2026-12-01T02:00:00Z');
  ({ test, office, applicant } = await openServiceDesk(buildTestApp({ clock })));
});
afterEach(() => test.close());

/** The resident takes the PIN the operator gave and replaces it with their own. */
async function residentWithOwnPin(address?: string): Promise<Visitor> {
  const { pin } = await issuePin(withActor(test.ctx, office.operator), applicant.nik);
  const visitor = new Visitor(test.app, address);
  await visitor.post('/masuk/warga', { nik: applicant.nik, pin }, { csrfFrom: '/masuk/warga' });
  const changed = await visitor.post(
    '/akun/pin',
    { current: pin, next: OWN_PIN, repeat: OWN_PIN },
    { csrfFrom: '/akun/pin' },
  );
  expect(changed.statusCode).toBe(303);
  return visitor;
}

async function loginWithPin(pin: string, address?: string) {
  const visitor = new Visitor(test.app, address);
  const response = await visitor.post(
    '/masuk/warga',
    { nik: applicant.nik, pin },
    { csrfFrom: '/masuk/warga' },
  );
  return { visitor, response };
}

describe('resident sessions after a PIN change', () => {
  it('ends every session of the resident when the operator issues a new PIN', async () => {
    const phone = await residentWithOwnPin();
    const { visitor: borrowed } = await loginWithPin(OWN_PIN, '203.0.113.9');
    expect((await borrowed.get('/akun')).statusCode).toBe(200);
    await issuePin(withActor(test.ctx, office.operator), applicant.nik);
    for (const visitor of [phone, borrowed]) {
      const page = await visitor.get('/akun');
      expect(page.statusCode).toBe(303);
      expect(page.headers.location).toContain('/masuk/warga');
    }
  });

  it('ends the resident’s other sessions when they change their PIN and keeps the one that changed it', async () => {
    const phone = await residentWithOwnPin();
    const { visitor: borrowed } = await loginWithPin(OWN_PIN, '203.0.113.9');
    const changed = await phone.post(
      '/akun/pin',
      { current: OWN_PIN, next: '740215', repeat: '740215' },
      { csrfFrom: '/akun/pin' },
    );
    expect(changed.statusCode).toBe(303);
    expect((await phone.get('/akun')).statusCode).toBe(200);
    expect((await borrowed.get('/akun')).statusCode).toBe(303);
  });
});

describe('resident login under attack', () => {
  it('makes a guesser of the PIN wait without locking the resident out at the village office', async () => {
    await residentWithOwnPin('10.1.1.1');
    for (let i = 0; i < THROTTLE.pairFailures; i++) {
      const { response } = await loginWithPin(String(100000 + i), '203.0.113.66');
      expect(response.statusCode).toBe(422);
    }
    const { response: waiting } = await loginWithPin(OWN_PIN, '203.0.113.66');
    expect(waiting.statusCode).toBe(429);
    expect(waiting.body).toContain('PIN dikunci sementara');
    const { response: office } = await loginWithPin(OWN_PIN, '10.1.1.1');
    expect(office.statusCode).toBe(303);
  });

  it('answers a NIK without a PIN exactly like a known NIK with a wrong PIN', async () => {
    await residentWithOwnPin();
    const stranger = await makeApplicant(test.ctx, office.operator);
    const answers = async (nik: string) => {
      const visitor = new Visitor(test.app, '203.0.113.70');
      const out: Array<[number, string | undefined]> = [];
      for (let i = 0; i <= THROTTLE.pairFailures; i++) {
        const response = await visitor.post(
          '/masuk/warga',
          { nik, pin: '271828' },
          { csrfFrom: '/masuk/warga' },
        );
        out.push([
          response.statusCode,
          /<main[\s\S]*<\/main>/.exec(response.body)?.[0].replace(/value="[^"]*"/g, ''),
        ]);
      }
      return out;
    };
    const known = await answers(applicant.nik);
    expect(known.map((a) => a[0])).toEqual([422, 422, 422, 422, 422, 429]);
    expect(await answers(stranger.nik)).toEqual(known);
  });

  it('keeps a logged-in resident on this site when /masuk/warga carries a foreign return path', async () => {
    const resident = await residentWithOwnPin();
    const page = await resident.get('/masuk/warga?kembali=/a/..//other.site');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/akun');
    // a control character in the return path is refused before any page sees it
    expect((await resident.get('/masuk/warga?kembali=/%09/other.site')).statusCode).toBe(400);
    const visitor = new Visitor(test.app);
    const token = await visitor.csrfToken('/masuk/warga');
    const response = await visitor.postWithToken(
      '/masuk/warga?kembali=/%5Cother.site',
      { nik: applicant.nik, pin: OWN_PIN },
      token,
    );
    expect(response.headers.location).toBe('/akun');
  });
});
