import fc from 'fast-check';
import type { FastifySchema } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileRoadReport, roadReport } from '../modules/complaints/test-builders.ts';
import { startRequest } from '../modules/services/service.ts';
import { KRAMATWATU, makeApplicant, requestInput } from '../modules/services/test-builders.ts';
import { fixedClock, withActor } from '../platform/context.ts';
import { buildTestApp, cookieHeader, makeStaff, sql, type TestApp, Visitor } from '../testing.ts';
import { prepareWorld } from './world.ts';

/**
 * Issue #10 §3: every route, fed hostile values in its path, query and body, as an anonymous
 * visitor and as logged-in staff holding a valid CSRF token, answers below 500; and a POST that is
 * refused writes nothing (the fingerprint of the tenant tables and the audit log is unchanged).
 */

const SEED = 20_261_110;
const RUNS_PER_ROUTE = 12;

/** Routes that would end the visitor's session or serve files only. */
const SKIPPED = [/^\/api\/docs/, /^\/static\//, /^\/pengaduan\/aset\//, /^\/keluar/];
/**
 * Refused logins record the failure by design (login_failures and an audit line); a refused decile
 * form shows the family's aid records again, and that read of personal data is audited like any
 * other. For these the audit log is left out of the no-write check; their business tables are
 * still checked.
 */
const AUDITS_REFUSALS = new Set([
  'POST /masuk',
  'POST /masuk/warga',
  'POST /kelola/bansos/keluarga/:kk/desil',
]);

const TABLES = [
  'residents',
  'families',
  'resident_events',
  'services',
  'service_versions',
  'village_services',
  'service_requests',
  'service_request_events',
  'service_request_attachments',
  'resident_pins',
  'letters',
  'letter_settings',
  'complaints',
  'complaint_updates',
  'complaint_categories',
  'complaint_routes',
  'complaint_holidays',
  'complaint_templates',
  'complaint_supports',
  'open311_clients',
  'agencies',
  'villages',
  'staff_users',
  'api_tokens',
  'outbox',
  'files',
] as const;

const HOSTILE: readonly string[] = [
  '\u0000',
  'a\u0000b',
  '\u0001\u0002\u0003',
  '\u001b[31mmerah',
  '\u007f',
  '\t',
  '\r\n',
  '99999999999999999999',
  '-1',
  '0',
  '1e309',
  '-1e309',
  'NaN',
  'Infinity',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  'x',
  '',
  ' ',
  "' OR 1=1 --",
  "'; DROP TABLE residents; --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../etc/passwd',
  '%00',
  '%',
  'null',
  '[]',
  '{}',
  'true',
  '00000000-0000-0000-0000-000000000000',
  'bukan-uuid',
  '3604051201150001',
  '36.04.05.2001',
  '\ud800',
  '👩‍👩‍👧 ÅÄÖ ﷽',
  '=HYPERLINK("http://x")',
  'x'.repeat(10_000),
  '١٢٣',
];

/** Percent-encoding of a string's UTF-8 bytes (encodeURIComponent refuses lone surrogates). */
function pct(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((b) =>
      (b >= 0x30 && b <= 0x39) ||
      (b >= 0x41 && b <= 0x5a) ||
      (b >= 0x61 && b <= 0x7a) ||
      b === 0x2d ||
      b === 0x2e
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double()).map(String) },
);

/** A JSON value of any shape: objects and arrays where a string is expected, and the reverse. */
const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, true, 1e308, -0, 2 ** 53 + 1, [], {}, ['a', 'b']) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('a', '\u0000', 'x'), hostileString, { maxKeys: 2 }) },
);

interface Attempt {
  who: 'anonymous' | 'admin' | 'operator';
  params: Record<string, string>;
  query: Array<[string, string]>;
  body: { kind: 'form'; entries: Array<[string, string]> } | { kind: 'json'; value: Record<string, unknown> };
}

function schemaKeys(schema: unknown): string[] {
  const properties = (schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties ? Object.keys(properties) : [];
}

let test: TestApp;
const visitors: Record<Attempt['who'], { cookie: string; csrf: string }> = {
  anonymous: { cookie: '', csrf: '' },
  admin: { cookie: '', csrf: '' },
  operator: { cookie: '', csrf: '' },
};
/** known-good values per path parameter, so that some attempts reach past the lookup */
const realValues: Record<string, string[]> = {};
/** every form field name the pages offer */
const formFields = new Set<string>();
let requests = 0;
let refusedPosts = 0;

async function fingerprint(): Promise<string> {
  const parts = TABLES.map(
    (table) =>
      sql<{
        f: string | null;
      }>`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS f FROM ${sql.table(table)} t`,
  );
  const rows = await Promise.all(parts.map((q) => q.execute(test.ctx.db)));
  const audit = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`.execute(test.ctx.db);
  return JSON.stringify({ tables: rows.map((r) => r.rows[0]?.f), audit: audit.rows[0]?.n });
}

async function signIn(email: string): Promise<{ cookie: string; csrf: string }> {
  const visitor = new Visitor(test.app);
  await visitor.login(email);
  const csrf = await visitor.csrfToken('/kelola');
  return { cookie: cookieHeader(visitor.cookies), csrf };
}

beforeAll(async () => {
  const clock = fixedClock('2026-12-01T02:00:00Z');
  test = await buildTestApp({ clock });
  const ctx = test.ctx;
  const office = await prepareWorld(ctx);
  const admin = await makeStaff(ctx, { role: 'admin_kabupaten', scope: '36.04' });
  const applicant = await makeApplicant(ctx, office.operator);
  const filed = await startRequest(
    withActor(ctx, applicant),
    'keterangan-domisili',
    await requestInput({ keperluan: 'Membuka rekening bank' }, { attachments: ['foto_ktp', 'pengantar_rt'] }),
  );
  const report = await fileRoadReport(ctx, roadReport());
  Object.assign(realValues, {
    id: [applicant.id, filed.id],
    ticket: [report.ticket],
    slug: ['keterangan-domisili'],
    code: [KRAMATWATU, 'JALAN_RUSAK', 'DPUPR'],
    kk: [applicant.familyNumber],
    date: ['2026-12-25'],
    lang: ['en'],
    file: ['discovery.json', 'services.json', 'requests.json', 'requests.xml'],
  });

  const anonymous = new Visitor(test.app);
  visitors.anonymous = { csrf: await anonymous.csrfToken('/masuk'), cookie: cookieHeader(anonymous.cookies) };
  visitors.admin = await signIn(admin.email);
  visitors.operator = await signIn(office.operator.email);

  // the field names a browser would post, read off every page without a path parameter
  for (const route of test.routes) {
    if (route.method !== 'GET' || route.url.includes(':') || route.url.includes('*')) continue;
    if (SKIPPED.some((p) => p.test(route.url))) continue;
    for (const who of ['admin', 'operator', 'anonymous'] as const) {
      const page = await test.app.inject({ url: route.url, headers: { cookie: visitors[who].cookie } });
      for (const match of page.body.matchAll(/name="([\w[\]-]+)"/g)) formFields.add(match[1]!);
    }
  }
  formFields.delete('_csrf');
}, 120_000);

afterAll(async () => {
  await test?.close();
});

function attemptFor(route: TestApp['routes'][number]): fc.Arbitrary<Attempt> {
  const paramNames = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const schema = route.schema as (FastifySchema & Record<string, unknown>) | undefined;
  const bodyNames = [...new Set([...schemaKeys(schema?.body), ...formFields])];
  const queryNames = [
    ...new Set([
      ...schemaKeys(schema?.querystring),
      'page',
      'from',
      'to',
      'q',
      'lat',
      'lng',
      'desa',
      'wilayah',
    ]),
  ];
  const paramValue = (name: string) =>
    realValues[name] ? fc.oneof(fc.constantFrom(...realValues[name]!), hostileString) : hostileString;
  const params = fc.record(Object.fromEntries(paramNames.map((n) => [n, paramValue(n)])));
  const query = fc.array(fc.tuple(fc.constantFrom(...queryNames), hostileString), { maxLength: 4 });
  const entries = fc.array(fc.tuple(fc.constantFrom(...bodyNames), hostileString), {
    minLength: 1,
    maxLength: 8,
  });
  const body = fc.oneof(
    { weight: 3, arbitrary: entries.map((e) => ({ kind: 'form' as const, entries: e })) },
    {
      weight: 1,
      arbitrary: fc
        .dictionary(fc.constantFrom(...bodyNames), hostileJson, { minKeys: 1, maxKeys: 8 })
        .map((value) => ({ kind: 'json' as const, value })),
    },
  );
  return fc.record({
    who: fc.constantFrom('anonymous' as const, 'admin' as const, 'operator' as const),
    params,
    query,
    body,
  });
}

let ipCounter = 0;

async function send(route: TestApp['routes'][number], attempt: Attempt) {
  const path = route.url.replace(/:(\w+)/g, (_m, name: string) => pct(attempt.params[name] ?? ''));
  const search = attempt.query.map(([k, v]) => `${pct(k)}=${pct(v)}`).join('&');
  const url = search ? `${path}?${search}` : path;
  const visitor = visitors[attempt.who];
  ipCounter++;
  // each attempt from its own address, so the login and report rate limits do not answer for the handlers
  const remoteAddress = `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
  const headers: Record<string, string> = { cookie: visitor.cookie, 'x-csrf-token': visitor.csrf };
  requests++;
  if (route.method === 'GET') return test.app.inject({ method: 'GET', url, headers, remoteAddress });
  if (attempt.body.kind === 'json')
    return test.app.inject({
      method: route.method as 'POST',
      url,
      remoteAddress,
      headers: { ...headers, 'content-type': 'application/json' },
      payload: JSON.stringify(attempt.body.value),
    });
  const form = [...attempt.body.entries, ['_csrf', visitor.csrf]]
    .map(([k, v]) => `${pct(k!)}=${pct(v!)}`)
    .join('&');
  return test.app.inject({
    method: route.method as 'POST',
    url,
    remoteAddress,
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form,
  });
}

function describeAttempt(attempt: Attempt): string {
  const short = (v: unknown) => {
    const s = JSON.stringify(v) ?? String(v);
    return s.length > 300 ? `${s.slice(0, 300)}…` : s;
  };
  return `${attempt.who} params=${short(attempt.params)} query=${short(attempt.query)} body=${short(attempt.body)}`;
}

describe('hostile input on every route', () => {
  it('never answers 500, and a refused POST writes nothing', async () => {
    const failures: string[] = [];
    const routes = test.routes.filter((r) => !SKIPPED.some((p) => p.test(r.url)) && !r.url.includes('*'));
    expect(routes.length).toBeGreaterThan(100);
    for (const route of routes) {
      const name = `${route.method} ${route.url}`;
      const result = await fc.check(
        fc.asyncProperty(attemptFor(route), async (attempt) => {
          const before = route.method === 'GET' ? null : await fingerprint();
          const response = await Promise.race([
            send(route, attempt),
            new Promise<never>((_resolve, reject) =>
              setTimeout(() => reject(new Error('no answer within 10 s')), 10_000).unref(),
            ),
          ]);
          if (response.statusCode >= 500) throw new Error(`answered ${response.statusCode}`);
          if (before === null || response.statusCode < 400) return;
          refusedPosts++;
          const after = await fingerprint();
          const strip = (f: string) => (AUDITS_REFUSALS.has(name) ? JSON.parse(f).tables : JSON.parse(f));
          if (JSON.stringify(strip(before)) !== JSON.stringify(strip(after)))
            throw new Error(`refused with ${response.statusCode} but wrote rows`);
        }),
        { seed: SEED, numRuns: RUNS_PER_ROUTE, endOnFailure: true },
      );
      if (result.failed) {
        const reason = result.errorInstance instanceof Error ? result.errorInstance.message : 'failed';
        failures.push(`${name}: ${reason} — ${describeAttempt(result.counterexample![0] as Attempt)}`);
        // a request that never answered holds the embedded database's one connection
        if (reason.startsWith('no answer')) break;
      }
    }
    console.info(
      `hostile input: ${routes.length} routes, ${requests} requests, ${refusedPosts} refused POSTs checked for writes, ${formFields.size} form field names`,
    );
    expect(failures).toEqual([]);
  }, 600_000);
});
