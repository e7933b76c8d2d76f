import fs from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aidFixtures } from '../modules/aid/test-builders.ts';
import { budgetCsv, importBudgetFile } from '../modules/apbdes/test-builders.ts';
import {
  disposeIncoming,
  recordSending,
  registerIncoming,
  registerOutgoing,
} from '../modules/archive/service.ts';
import { incomingInput, outgoingInput, PDF_BYTES } from '../modules/archive/test-builders.ts';
import { createOpen311Client, setPhotoVisibility } from '../modules/complaints/service.ts';
import { fileRoadReport } from '../modules/complaints/test-builders.ts';
import { registerPregnancy } from '../modules/health/pregnancy.ts';
import { makeChild, makePosyandu } from '../modules/health/test-builders.ts';
import { letterForRequest } from '../modules/letters/service.ts';
import { createImportJob, runImportJob } from '../modules/residents/service.ts';
import { generatedCsv } from '../modules/residents/test-builders.ts';
import { approveStep, startRequest } from '../modules/services/service.ts';
import {
  KIBIN,
  KRAMATWATU,
  makeApplicant,
  makeVillageOffice,
  requestInput,
  samplePhoto,
} from '../modules/services/test-builders.ts';
import type { Actor, ResidentActor, StaffActor } from '../platform/auth/roles.ts';
import { createApiToken } from '../platform/auth/users.ts';
import { fixedClock, withActor } from '../platform/context.ts';
import {
  buildTestApp,
  cookieHeader,
  loginAs,
  loginResident,
  makeStaff,
  multipartBody,
  type TestApp,
  Visitor,
} from '../testing.ts';
import { type Case, type Fixtures, IDENTITIES, MATRIX, type Who } from './authorisation-matrix.ts';
import { prepareWorld } from './world.ts';

const clock = fixedClock('2026-12-01T02:00:00Z'); // a Tuesday, 09:00 in Serang
let test: TestApp;
let fx: Fixtures;
const sessions = new Map<Who, { visitor: Visitor; csrf: string }>();

async function buildFixtures(): Promise<{ fixtures: Fixtures; actors: Map<Who, Actor | null> }> {
  const ctx = test.ctx;
  const as = (actor: Actor) => withActor(ctx, actor);
  const officeA = await prepareWorld(ctx, KRAMATWATU);
  const officeB = await makeVillageOffice(ctx, KIBIN);
  const admin = await makeStaff(ctx, { role: 'admin_kabupaten', scope: '36.04' });
  const staff: Record<Exclude<Who, 'anonymous' | 'residentA' | 'residentB'>, StaffActor> = {
    operatorA: officeA.operator,
    kadesA: officeA.kades,
    sekdesA: officeA.sekdes,
    operatorB: officeB.operator,
    camatA: await makeStaff(ctx, { role: 'camat', scope: '36.04.05' }),
    camatB: await makeStaff(ctx, { role: 'camat', scope: '36.04.16' }),
    opdDpupr: await makeStaff(ctx, { role: 'opd', scope: 'DPUPR' }),
    opdDinsos: await makeStaff(ctx, { role: 'opd', scope: 'DINSOS' }),
    opdDinkes: await makeStaff(ctx, { role: 'opd', scope: 'DINKES' }),
    admin,
  };
  const residentA = await makeApplicant(ctx, officeA.operator, { alamat: 'KP. MATRIKS' });
  const residentB = await makeApplicant(ctx, officeB.operator);
  const pinTarget = await makeApplicant(ctx, officeA.operator);

  // an import into A with one rejected row, so it has an error file
  const csv = generatedCsv([KRAMATWATU], 3, 11);
  const lines = fs.readFileSync(csv.file, 'utf8').split('\n');
  const broken = (lines[1] ?? '').replace(/\d{16}/, '1234');
  const job = await createImportJob(as(officeA.operator), {
    villageCode: KRAMATWATU,
    fileName: 'penduduk.csv',
    mode: 'valid_rows',
  });
  fs.writeFileSync(job.uploadPath, `${lines.join('\n')}${broken}\n`);
  await runImportJob(as(officeA.operator), job.id, job.uploadPath);
  const apbdesJob = await importBudgetFile(ctx, officeA.operator, {
    fileName: 'apbdes.csv',
    content: budgetCsv([['4.2.7', 'Kode yang tidak ada', '1.000']]),
  });
  // a posyandu of A with residentA's child and a pregnant woman
  const posyandu = await makePosyandu(ctx, officeA.operator);
  const healthChild = await makeChild(ctx, officeA.operator, posyandu.id, {
    nama: 'Anak Matriks',
    tanggal_lahir: '2025-06-01',
    no_kk: residentA.familyNumber,
  });
  const pregnancy = await registerPregnancy(as(officeA.operator), posyandu.id, { nama: 'Ibu Matriks' });
  const aidFx = await aidFixtures(ctx, officeA.operator, residentA);
  // an incoming letter of A with a scan and a disposition, an outgoing one with a receipt
  const scan = { filename: 'pindaian.pdf', bytes: PDF_BYTES };
  const incomingId = await registerIncoming(
    as(officeA.operator),
    incomingInput({ receivedOn: '2026-11-30' }),
    scan,
  );
  const dispositionId = await disposeIncoming(as(officeA.kades), incomingId, {
    assigneeId: officeA.sekdes.id,
    instruction: 'Tindak lanjuti.',
  });
  const outgoingId = await registerOutgoing(
    as(officeA.operator),
    outgoingInput({ letterDate: '2026-11-30' }),
  );
  await recordSending(as(officeA.operator), outgoingId, { sentOn: '2026-11-30' }, scan);

  // service requests of residentA
  const domicile = async (submit = true) => {
    const outcome = await startRequest(
      as(residentA),
      'keterangan-domisili',
      await requestInput(
        { keperluan: 'Membuka rekening bank' },
        { attachments: ['foto_ktp', 'pengantar_rt'], submit },
      ),
    );
    if (submit && Object.keys(outcome.problems).length) throw new Error(JSON.stringify(outcome.problems));
    return outcome.id;
  };
  const issuedRequestId = await domicile();
  await approveStep(as(officeA.operator), issuedRequestId);
  await approveStep(as(officeA.kades), issuedRequestId);
  const letter = await letterForRequest(ctx, issuedRequestId);
  if (!letter) throw new Error('no letter was issued');
  const attachmentOf = async (requestId: string) =>
    (
      await ctx.db
        .selectFrom('service_request_attachments')
        .select('id')
        .where('request_id', '=', requestId)
        .executeTakeFirstOrThrow()
    ).id;
  const issuedRow = await ctx.db
    .selectFrom('service_requests')
    .select('code')
    .where('id', '=', issuedRequestId)
    .executeTakeFirstOrThrow();

  const aid = await startRequest(
    as(residentA),
    'permohonan-bantuan-sosial',
    await requestInput(
      {
        jenis_bantuan: 'pkh',
        alasan_permohonan: 'Kepala keluarga sakit menahun dan tidak bekerja.',
        penghasilan_keluarga: '500000',
        jumlah_tanggungan: '4',
        kondisi_rumah: 'tidak_layak',
        status_rumah: 'milik_sendiri',
      },
      { attachments: ['foto_kk', 'foto_rumah_depan'] },
    ),
  );
  if (Object.keys(aid.problems).length) throw new Error(JSON.stringify(aid.problems));
  await approveStep(as(officeA.operator), aid.id);

  // every identity gets its own request for the POSTs that change a request's state when allowed
  const fresh = new Map<string, string>();
  for (const who of IDENTITIES) {
    fresh.set(`approvable ${who}`, await domicile());
    const signable = await domicile();
    await approveStep(as(officeA.operator), signable);
    fresh.set(`signable ${who}`, signable);
  }

  // complaints
  const open311Key = await createOpen311Client(as(admin), 'Aplikasi Uji Matriks');
  const client = await ctx.db.selectFrom('open311_clients').select('id').executeTakeFirstOrThrow();
  const road = await fileRoadReport(ctx, {
    source: 'open311',
    open311ClientId: client.id,
    photos: [await samplePhoto()],
  });
  const roadRow = await ctx.db
    .selectFrom('complaints')
    .select(['id', 'open311_token'])
    .where('ticket', '=', road.ticket)
    .executeTakeFirstOrThrow();
  const photo = await ctx.db
    .selectFrom('complaint_photos')
    .select('id')
    .where('complaint_id', '=', roadRow.id)
    .executeTakeFirstOrThrow();
  // a photo stays private until its handler publishes it (#12 item 13): the public routes are checked on a published one
  await setPhotoVisibility(withActor(ctx, staff.opdDpupr), photo.id, false);
  const villageReport = await fileRoadReport(ctx, {
    categoryCode: 'LAYANAN_DESA',
    title: 'Kantor desa tutup pada jam layanan',
    description: 'Kantor desa tutup pada hari Senin pukul 10 pagi tanpa pemberitahuan.',
    details: {},
  });
  const confidential = await fileRoadReport(ctx, {
    categoryCode: 'BANSOS',
    title: 'Bantuan PKH tidak diterima',
    description: 'Bantuan tidak sampai ke keluarga kami sejak tiga bulan, padahal terdaftar.',
    details: {},
  });
  if (!confidential.confidential) throw new Error('the social-aid report should be confidential');

  await createApiToken(ctx, officeA.operator.id, 'integrasi matriks');
  const token = await ctx.db
    .selectFrom('api_tokens')
    .select('id')
    .where('user_id', '=', officeA.operator.id)
    .executeTakeFirstOrThrow();

  const fixtures: Fixtures = {
    operatorAId: officeA.operator.id,
    operatorTokenId: token.id,
    villageA: KRAMATWATU,
    kecamatanA: '36.04.05',
    villageB: KIBIN,
    residentId: residentA.id,
    residentNik: residentA.nik,
    familyNumber: residentA.familyNumber,
    pinTargetNik: pinTarget.nik,
    importId: job.id,
    apbdesImportId: apbdesJob.id,
    issuedRequestId,
    issuedRequestCode: issuedRow.code,
    issuedAttachmentId: await attachmentOf(issuedRequestId),
    letterId: letter.id,
    verificationCode: letter.verification_code,
    checkingRequestId: await domicile(),
    draftRequestId: await domicile(false),
    cancellableRequestId: await domicile(),
    aidRequestId: aid.id,
    aidAttachmentId: await attachmentOf(aid.id),
    roadTicket: road.ticket,
    roadKey: road.key,
    roadPhotoId: photo.id,
    roadOpen311Token: roadRow.open311_token ?? '',
    villageTicket: villageReport.ticket,
    confidentialTicket: confidential.ticket,
    open311Key,
    health: { posyanduId: posyandu.id, childId: healthChild.id, pregnancyId: pregnancy.id },
    aid: aidFx,
    archive: { incomingId, dispositionId, outgoingId },
    async fresh(kind, who) {
      const id = fresh.get(`${kind} ${who}`);
      if (!id) throw new Error(`no ${kind} request for ${who}`);
      return id;
    },
  };
  const actors = new Map<Who, Actor | null>([
    ['anonymous', null],
    ['residentA', residentA],
    ['residentB', residentB],
    ...Object.entries(staff).map(([who, actor]) => [who as Who, actor] as [Who, Actor]),
  ]);
  return { fixtures, actors };
}

/** One logged-in visitor per identity, each with the CSRF token its pages carry. */
async function logIn(actors: Map<Who, Actor | null>): Promise<void> {
  const operatorOf = (resident: ResidentActor) =>
    actors.get(resident.villageCode === KRAMATWATU ? 'operatorA' : 'operatorB') as StaffActor;
  for (const [who, actor] of actors) {
    let visitor: Visitor;
    let page: string;
    if (!actor) {
      visitor = new Visitor(test.app);
      page = '/masuk';
    } else if (actor.kind === 'resident') {
      visitor = await loginResident(test, actor, operatorOf(actor));
      page = '/akun/pin';
    } else {
      visitor = await loginAs(test.app, actor as StaffActor);
      page = '/kelola/akun';
    }
    sessions.set(who, { visitor, csrf: await visitor.csrfToken(page) });
  }
}

function isLoginRedirect(response: LightMyRequestResponse): boolean {
  const location = response.headers.location;
  return (
    response.statusCode >= 300 &&
    response.statusCode < 400 &&
    typeof location === 'string' &&
    /^\/masuk(\/warga)?(\?|$)/.test(location)
  );
}

function describeAnswer(response: LightMyRequestResponse): string {
  const location = response.headers.location;
  return location ? `${response.statusCode} → ${location}` : String(response.statusCode);
}

/** The answer sits on the wrong side of the gate: what is wrong, or null. */
function verdict(method: string, allowed: boolean, response: LightMyRequestResponse): string | null {
  const status = response.statusCode;
  const refused = [401, 403, 404].includes(status) || isLoginRedirect(response);
  if (status >= 500) return `expected ${allowed ? 'allowed' : 'refused'}, got ${status} (server error)`;
  if (!allowed) return refused ? null : `expected refused, got ${describeAnswer(response)}`;
  if (method === 'GET' || method === 'HEAD') {
    const ok = status === 200 || (status >= 300 && status < 400 && !isLoginRedirect(response));
    return ok ? null : `expected allowed, got ${describeAnswer(response)}`;
  }
  const passed = status !== 401 && status !== 403 && !isLoginRedirect(response);
  return passed ? null : `expected allowed, got ${describeAnswer(response)}`;
}

/** The URL a case requests: its own, or the path of its route key when that has no params. */
async function urlOf(key: string, c: Case, who: Who): Promise<string> {
  if (c.url) return c.url(fx, who);
  const path = key.slice(key.indexOf(' ') + 1);
  if (/[:*]/.test(path)) throw new Error(`${key} has params: its entry needs a url`);
  return path;
}

async function send(key: string, method: string, c: Case, who: Who): Promise<LightMyRequestResponse> {
  const session = sessions.get(who);
  if (!session) throw new Error(`no session for ${who}`);
  const url = await urlOf(key, c, who);
  const cookie = cookieHeader(session.visitor.cookies);
  const fields = c.body?.(fx, who) ?? {};
  if (method === 'GET' || method === 'HEAD') return test.app.inject({ method, url, headers: { cookie } });
  if (c.bare)
    return test.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
  if (c.json)
    return test.app.inject({
      method: 'POST',
      url,
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': session.csrf },
      payload: JSON.stringify(fields),
    });
  if (c.multipart) {
    // the token first, as the platform's Form writes it (it is read before any file part)
    const body = multipartBody({ _csrf: session.csrf, ...fields });
    return test.app.inject({
      method: 'POST',
      url,
      headers: { cookie, 'content-type': body.contentType },
      payload: body.payload,
    });
  }
  return test.app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...fields, _csrf: session.csrf }).toString(),
  });
}

/** Every route key the app serves; a HEAD that Fastify added for a GET is the GET's. */
function servedRoutes(): string[] {
  const keys = new Set(test.app.routeTable.map((r) => `${r.method} ${r.url}`));
  return [...keys].filter((key) => !(key.startsWith('HEAD ') && keys.has(`GET ${key.slice(5)}`)));
}

describe('authorisation matrix', () => {
  beforeAll(async () => {
    test = await buildTestApp({ clock });
    const built = await buildFixtures();
    fx = built.fixtures;
    await logIn(built.actors);
  }, 240_000);
  afterAll(() => test?.close());

  it('has an entry for every route the app serves, and none for a route it does not', () => {
    const served = servedRoutes();
    const missing = served.filter((key) => !(key in MATRIX));
    const stale = Object.keys(MATRIX).filter((key) => !served.includes(key));
    expect(
      [
        ...missing.map((key) => `new route without an authorisation entry: ${key}`),
        ...stale.map((key) => `authorisation entry for a route the app does not serve: ${key}`),
      ].join('\n'),
    ).toBe('');
  });

  it('allows and refuses each identity on each route as the rules say', async () => {
    const served = new Set(servedRoutes());
    const runs = Object.entries(MATRIX)
      .filter(([key]) => served.has(key))
      .flatMap(([key, entry]) => {
        const method = key.slice(0, key.indexOf(' '));
        return [entry].flat().map((c) => ({ key, method, c }));
      });
    // reads first, then writes, and logging out at the very end
    const phase = (run: (typeof runs)[number]) =>
      run.c.last ? 2 : run.method === 'GET' || run.method === 'HEAD' ? 0 : 1;
    runs.sort((a, b) => phase(a) - phase(b));

    const mismatches: string[] = [];
    let cells = 0;
    for (const { key, method, c } of runs) {
      for (const who of IDENTITIES) {
        cells++;
        const allowed = c.allow.includes(who);
        const response = await send(key, method, c, who);
        const where = `${key}${c.label ? ` [${c.label}]` : ''} × ${who}`;
        const wrong = verdict(method, allowed, response);
        if (wrong) mismatches.push(`${where}: ${wrong}`);
        else if (allowed && c.content) {
          const problem = c.content(fx, who, response.body);
          if (problem) mismatches.push(`${where}: ${problem}`);
        }
      }
    }
    expect(cells).toBeGreaterThan(1000);
    expect(mismatches.join('\n')).toBe('');
  }, 600_000);
});
