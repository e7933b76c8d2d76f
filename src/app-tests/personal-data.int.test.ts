import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fileRoadReport } from '../modules/complaints/test-builders.ts';
import { modules } from '../modules/index.ts';
import { approveStep, startRequest } from '../modules/services/service.ts';
import { makeApplicant, requestInput, type VillageOffice } from '../modules/services/test-builders.ts';
import { issuePin } from '../platform/auth/resident-login.ts';
import { type ResidentActor, type StaffActor, SYSTEM } from '../platform/auth/roles.ts';
import { createSession } from '../platform/auth/sessions.ts';
import { type Ctx, fixedClock, withActor } from '../platform/context.ts';
import { Forbidden, Invalid } from '../platform/http/errors.ts';
import { runPersonCli } from '../platform/personal-data/cli.ts';
import { erasePerson, exportPerson, type PersonExport } from '../platform/personal-data/index.ts';
import { buildTestApp, eachTest, loginAs, makeStaff } from '../testing.ts';
import { prepareWorld } from './world.ts';

const clock = fixedClock('2026-12-01T02:00:00Z'); // Tuesday 09:00 in Serang
let ctx: Ctx;
let office: VillageOffice;
let admin: StaffActor;
let siti: ResidentActor;
let other: ResidentActor;
const system = () => withActor(ctx, SYSTEM);
/** The resident's PIN, when there is one (only its key). */
const pinOf = (resident: ResidentActor) =>
  ctx.db
    .selectFrom('resident_pins')
    .select('resident_id')
    .where('resident_id', '=', resident.id)
    .executeTakeFirst();

/** What a resident leaves behind: a decided request with its letter, a draft, a PIN, a session, reports. */
async function activityOf(who: ResidentActor, phone: string) {
  const asWho = withActor(ctx, who);
  const decided = await startRequest(
    asWho,
    'keterangan-domisili',
    await requestInput(
      { keperluan: `Membuka rekening bank ${who.name}` },
      { attachments: ['foto_ktp', 'pengantar_rt'], phone },
    ),
  );
  await approveStep(withActor(ctx, office.operator), decided.id);
  await approveStep(withActor(ctx, office.kades), decided.id);
  const draft = await startRequest(
    asWho,
    'keterangan-domisili',
    await requestInput({ keperluan: 'Belum selesai diisi' }, { attachments: ['foto_ktp'], submit: false }),
  );
  await issuePin(withActor(ctx, office.operator), who.nik);
  await createSession(ctx, {
    kind: 'resident',
    id: who.id,
    nik: who.nik,
    name: who.name,
    villageCode: who.villageCode,
    familyNumber: who.familyNumber,
  });
  // one report while logged in, one from the same phone without logging in
  const logged = await fileRoadReport(asWho, { name: who.name, phone });
  const loose = await fileRoadReport(ctx, { name: who.name, phone, title: 'Lampu jalan mati di gang' });
  return { decided: decided.id, draft: draft.id, tickets: [logged.ticket, loose.ticket] };
}

const test = eachTest(() => buildTestApp({ clock }));
beforeEach(async () => {
  ctx = test.ctx;
  office = await prepareWorld(ctx);
  admin = await makeStaff(ctx, { role: 'admin_kabupaten', scope: '36.04' });
  siti = await makeApplicant(ctx, office.operator, { nama: 'SITI PEMOHON' });
  other = await makeApplicant(ctx, office.operator, { nama: 'RATNA TETANGGA' });
});

describe('exporting one person’s data', () => {
  it('gathers the person’s data from every module and nothing of anyone else', async () => {
    await activityOf(siti, '081200000001');
    await activityOf(other, '081200000002');
    const document = await exportPerson(withActor(ctx, admin), modules, siti.nik);
    expect(Object.keys(document.sections).sort()).toEqual([
      'complaints',
      'letters',
      'platform',
      'residents',
      'services',
    ]);
    const text = JSON.stringify(document);
    expect(text).toContain(siti.nik);
    expect(text).toContain('081200000001');
    expect(text).not.toContain(other.nik);
    expect(text).not.toContain(other.name);
    expect(text).not.toContain('081200000002');
    const sections = document.sections as Record<string, Record<string, unknown[]>>;
    expect(sections.services?.requests).toHaveLength(2);
    expect(sections.letters?.letters).toHaveLength(1);
    expect(sections.complaints?.reports).toHaveLength(2);
    expect(sections.platform?.sessions).toHaveLength(1);
    // an officer's name stays out of the processing record: it is told by kind
    expect(text).not.toContain(office.operator.name);
    expect(sections.platform?.processing?.length).toBeGreaterThan(0);

    const logged = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'export_personal_data')
      .execute();
    expect(logged).toHaveLength(1);
    expect(logged[0]?.actor_id).toBe(admin.id);
    expect(JSON.stringify(logged[0]?.detail)).not.toContain(siti.nik);
  });

  it('is for admin kabupaten only, and asks for a NIK of sixteen digits', async () => {
    await expect(exportPerson(withActor(ctx, office.operator), modules, siti.nik)).rejects.toBeInstanceOf(
      Forbidden,
    );
    await expect(erasePerson(withActor(ctx, office.kades), modules, siti.nik)).rejects.toBeInstanceOf(
      Forbidden,
    );
    await expect(exportPerson(withActor(ctx, siti), modules, siti.nik)).rejects.toBeInstanceOf(Forbidden);
    await expect(exportPerson(withActor(ctx, admin), modules, '3604')).rejects.toBeInstanceOf(Invalid);
    const nobody = await exportPerson(withActor(ctx, admin), modules, '3604059999999999');
    expect(nobody.sections).toEqual({});
  });
});

describe('erasing one person’s data', () => {
  it('anonymises their reports, deletes what may go, keeps the registry and the letter, and says so', async () => {
    const mine = await activityOf(siti, '081200000001');
    await activityOf(other, '081200000002');
    const attachmentFiles = await ctx.db
      .selectFrom('service_request_attachments')
      .select('file_id')
      .where('request_id', 'in', [mine.decided, mine.draft])
      .execute();

    const erasure = await erasePerson(withActor(ctx, admin), modules, siti.nik);
    const outcome = Object.fromEntries(erasure.modules.map((m) => [m.module, m.outcome]));
    expect(outcome.complaints?.anonymised).toEqual([{ what: 'complaints.personalData.reporter', count: 2 }]);
    expect(outcome.residents?.kept[0]?.why).toBe('residents.personalData.keptWhy');
    expect(outcome.letters?.kept[0]?.count).toBe(1);
    expect(outcome.services?.erased.map((l) => [l.what, l.count])).toEqual([
      ['services.personalData.drafts', 1],
      ['services.personalData.attachments', 3],
      ['services.personalData.pin', 1],
    ]);
    expect(outcome.platform?.erased).toEqual([{ what: 'personalData.platform.sessions', count: 1 }]);
    expect(outcome.platform?.kept[0]?.why).toBe('personalData.platform.auditWhy');

    const reports = await ctx.db
      .selectFrom('complaints')
      .selectAll()
      .where('ticket', 'in', mine.tickets)
      .execute();
    for (const r of reports) {
      expect([r.reporter_name, r.reporter_phone, r.reporter_email, r.reporter_resident_id]).toEqual([
        null,
        null,
        null,
        null,
      ]);
      expect(r.anonymous).toBe(true);
      expect(r.title.length).toBeGreaterThan(0);
    }
    const untouched = await ctx.db
      .selectFrom('complaints')
      .select('reporter_phone')
      .where('reporter_resident_id', '=', other.id)
      .execute();
    expect(untouched.map((r) => r.reporter_phone)).toEqual(['081200000002']);

    expect(
      await ctx.db.selectFrom('residents').select('id').where('nik', '=', siti.nik).executeTakeFirst(),
    ).toBeTruthy();
    expect(
      await ctx.db
        .selectFrom('service_requests')
        .select('id')
        .where('id', '=', mine.draft)
        .executeTakeFirst(),
    ).toBeUndefined();
    const decided = await ctx.db
      .selectFrom('service_requests')
      .select(['data', 'contact_phone', 'code'])
      .where('id', '=', mine.decided)
      .executeTakeFirstOrThrow();
    expect(decided.data).toEqual({});
    expect(decided.contact_phone).toBeNull();
    const files = await ctx.db
      .selectFrom('files')
      .select('id')
      .where(
        'id',
        'in',
        attachmentFiles.map((a) => a.file_id),
      )
      .execute();
    expect(files).toEqual([]);
    expect(await pinOf(siti)).toBeUndefined();
    expect(await pinOf(other)).toBeTruthy();

    // a second export shows what is left: the registry, the decided request without its answers, the letter
    const after: PersonExport = await exportPerson(withActor(ctx, admin), modules, siti.nik);
    expect(Object.keys(after.sections).sort()).toEqual(['letters', 'platform', 'residents', 'services']);
    const services = after.sections.services as { pin: unknown; requests: Array<Record<string, unknown>> };
    expect(services.pin).toBeNull();
    expect(services.requests).toHaveLength(1);
    expect(services.requests[0]?.answers).toEqual({});
    expect(services.requests[0]?.attachments).toEqual([]);
    expect(JSON.stringify(after)).not.toContain('081200000001');

    const line = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'erase_personal_data')
      .executeTakeFirstOrThrow();
    expect(line.entity_id).toBe(siti.id);
  });
});

describe('npx simpul person', () => {
  it('exports to a file and erases, printing a summary of each', async () => {
    await activityOf(siti, '081200000001');
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-person-')), 'siti.json');
    const printed: string[] = [];
    await runPersonCli(system(), modules, ['export', siti.nik, '--out', out], (l) => printed.push(l));
    const written = JSON.parse(fs.readFileSync(out, 'utf8')) as PersonExport;
    expect(written.nik).toBe(siti.nik);
    expect(Object.keys(written.sections)).toContain('complaints');
    expect(printed).toEqual([
      `Data pribadi ditulis ke ${out}: 5 bagian (residents, complaints, letters, services, platform).`,
    ]);

    printed.length = 0;
    await runPersonCli(system(), modules, ['erase', siti.nik], (l) => printed.push(l));
    expect(printed.some((l) => l.startsWith('Pengaduan — disamarkan: identitas pelapor'))).toBe(true);
    expect(printed.some((l) => l.startsWith('Data kependudukan — disimpan: data penduduk'))).toBe(true);
    expect(printed.at(-1)).toMatch(/^dihapus: \d+, disamarkan: 3, disimpan: \d+$/);
    await expect(runPersonCli(system(), modules, ['forget', siti.nik], () => {})).rejects.toThrow(
      /Pemakaian/,
    );
  });
});

describe('the personal data page', () => {
  it('is refused to everyone but admin kabupaten', async () => {
    const operator = await loginAs(test.app, office.operator);
    expect((await operator.get('/kelola/data-pribadi')).statusCode).toBe(403);
    const posted = await operator.post(
      '/kelola/data-pribadi',
      { nik: siti.nik, do: 'ekspor' },
      { csrfFrom: '/kelola' },
    );
    expect(posted.statusCode).toBe(403);
  });

  it('downloads the JSON, asks to confirm an erasure, and erases once confirmed', async () => {
    await activityOf(siti, '081200000001');
    const visitor = await loginAs(test.app, admin);
    expect((await visitor.get('/kelola/data-pribadi')).statusCode).toBe(200);
    // every form of the page is posted from the page
    const submit = (url: string, fields: Record<string, string>) =>
      visitor.post(url, fields, { csrfFrom: '/kelola/data-pribadi' });

    const download = await submit('/kelola/data-pribadi', { nik: siti.nik, do: 'ekspor' });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain('attachment');
    expect(download.headers['cache-control']).toBe('no-store');
    expect((download.json() as PersonExport).sections.residents).toBeTruthy();

    const wrong = await submit('/kelola/data-pribadi', { nik: '12', do: 'ekspor' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('NIK harus 16 angka.');

    const confirm = await submit('/kelola/data-pribadi', { nik: siti.nik, do: 'hapus' });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Pengaduan');
    expect(confirm.body).toContain('action="/kelola/data-pribadi/hapus"');

    const unticked = await submit('/kelola/data-pribadi/hapus', { nik: siti.nik });
    expect(unticked.statusCode).toBe(422);
    expect(await pinOf(siti)).toBeTruthy();

    const done = await submit('/kelola/data-pribadi/hapus', { nik: siti.nik, confirm: '1' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('disamarkan');
    expect(await pinOf(siti)).toBeUndefined();
  });
});
