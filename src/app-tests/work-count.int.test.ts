import { beforeEach, describe, expect, it } from 'vitest';
import { seedProgrammes } from '../modules/aid/seed.ts';
import { fileApplication, forwardToDinsos, verifyByVillage } from '../modules/aid/service.ts';
import { PNG, programmeId } from '../modules/aid/test-builders.ts';
import { disposeIncoming, registerIncoming } from '../modules/archive/service.ts';
import { incomingInput } from '../modules/archive/test-builders.ts';
import { fileRoadReport } from '../modules/complaints/test-builders.ts';
import { modules } from '../modules/index.ts';
import { fileRequest as fileInformationRequest } from '../modules/informasi/test-builders.ts';
import { requestCorrection } from '../modules/residents/corrections.ts';
import { approveStep } from '../modules/services/service.ts';
import {
  fileDomicileRequest,
  KIBIN,
  KRAMATWATU,
  makeApplicant,
  makeVillageOffice,
  type VillageOffice,
} from '../modules/services/test-builders.ts';
import { registerOwnEnterprise, resubmitOwnEnterprise, returnEnterprise } from '../modules/umkm/service.ts';
import { enterpriseForm } from '../modules/umkm/test-builders.ts';
import type { ResidentActor, StaffActor } from '../platform/auth/roles.ts';
import { withActor } from '../platform/context.ts';
import { jakartaDate } from '../platform/time.ts';
import { readWorkCount, readWorkList, WORK_ITEM_LIMIT } from '../platform/work/index.ts';
import { buildTestApp, eachTestOnClock, loginAs, makeStaff } from '../testing.ts';
import { prepareWorld } from './world.ts';

const { clock, test } = eachTestOnClock('2026-11-02T02:00:00Z', buildTestApp, 180_000); // a Monday, a month before "now"
const NOW = '2026-12-01T02:00:00Z';

let office: VillageOffice;
let officers: Record<string, StaffActor>;

const letterRequest = (applicant: ResidentActor) => fileDomicileRequest(test.ctx, applicant);

async function aidApplication(applicant: ResidentActor, forward: boolean): Promise<void> {
  const op = withActor(test.ctx, office.operator);
  const { id } = await fileApplication(op, {
    nik: applicant.nik,
    program: await programmeId(test.ctx, 'BLT-DD'),
    alasan: 'Kehilangan pekerjaan',
  });
  if (!forward) return;
  await verifyByVillage(
    op,
    id,
    { tanggal_musdes: '2026-11-01', nomor_berita_acara: '7/BA/2026' },
    { filename: 'ba.png', bytes: PNG },
  );
  await forwardToDinsos(op, id);
}

async function disposition(assignee: StaffActor, dueOn: string | undefined): Promise<void> {
  const today = jakartaDate(clock.now());
  const letter = await registerIncoming(
    withActor(test.ctx, office.operator),
    incomingInput({ receivedOn: today, letterDate: today }),
  );
  await disposeIncoming(withActor(test.ctx, office.kades), letter, {
    assigneeId: assignee.id,
    instruction: 'Tindak lanjuti dan laporkan.',
    dueOn,
  });
}

/**
 * Work of every kind with `workItems`, half of it filed a month ago (past its deadline by now):
 * letter requests at the operator's check and at the kepala desa's signature, road reports
 * routed to DPUPR, information requests to the village, dispositions to the sekdes, aid
 * applications for the village and for Dinsos, a registry correction, UMKM registrations (one
 * returned and sent again).
 */
async function knownWork(): Promise<void> {
  office = await prepareWorld(test.ctx);
  await seedProgrammes(test.ctx);
  const residents = [
    await makeApplicant(test.ctx, office.operator),
    await makeApplicant(test.ctx, office.operator),
  ];
  const [first, second] = residents as [ResidentActor, ResidentActor];
  await letterRequest(first);
  await approveStep(withActor(test.ctx, office.operator), await letterRequest(first));
  await fileRoadReport(test.ctx, { villageCode: KRAMATWATU });
  await fileInformationRequest(test.ctx, KRAMATWATU);
  await disposition(office.sekdes, '2026-11-10');
  await aidApplication(first, true);
  const returned = await registerOwnEnterprise(withActor(test.ctx, first), enterpriseForm());
  await returnEnterprise(withActor(test.ctx, office.operator), returned.id, {
    alasan: 'Foto produk kurang jelas.',
  });

  clock.set(NOW);
  await letterRequest(second);
  await fileRoadReport(test.ctx, { villageCode: KRAMATWATU, title: 'Jembatan retak' });
  await fileInformationRequest(test.ctx, KRAMATWATU);
  await disposition(office.sekdes, undefined);
  await aidApplication(second, false);
  await requestCorrection(withActor(test.ctx, first), {
    residentId: first.id,
    values: { rt: '7' },
    note: 'Sesuai KK baru',
    contactPhone: '0812 3456 7890',
    photo: null,
    returnPath: '/akun',
  });
  await registerOwnEnterprise(withActor(test.ctx, second), enterpriseForm({ nama: 'Keripik Pisang Bu Ani' }));
  clock.advance(3_600_000); // the returned one comes back an hour later: it has waited less
  await resubmitOwnEnterprise(
    withActor(test.ctx, first),
    returned.id,
    enterpriseForm({ nib: '9120301234567' }),
  );

  officers = {
    ...office,
    elsewhere: (await makeVillageOffice(test.ctx, KIBIN)).operator,
    dpupr: await makeStaff(test.ctx, { role: 'opd', scope: 'DPUPR' }),
    dinsos: await makeStaff(test.ctx, { role: 'opd', scope: 'DINSOS' }),
    camat: await makeStaff(test.ctx, { role: 'camat', scope: '36.04.05' }),
    admin: await makeStaff(test.ctx, { role: 'admin_kabupaten', scope: '36.04' }),
  };
}

beforeEach(knownWork, 180_000);

/** The modules whose queue lines another helper is writing: they fall back on their items. */
const FALLS_BACK = new Set(['health']);

describe('the menu’s "Kerja saya" count', () => {
  it('is, module by module and officer by officer, the number of items the queue page lists and of the overdue ones', async () => {
    const listing = modules.filter((m) => m.workItems);
    expect(listing.map((m) => m.name)).toEqual(
      expect.arrayContaining(['services', 'complaints', 'informasi', 'aid', 'archive', 'residents', 'umkm']),
    );
    const seen = new Map<string, { waiting: number; late: number }>();
    for (const module of listing) {
      if (FALLS_BACK.has(module.name)) continue;
      expect(module.workCount, `${module.name} has workItems but no workCount`).toBeTypeOf('function');
      for (const [who, officer] of Object.entries(officers)) {
        const ctx = withActor(test.ctx, officer);
        const items = await module.workItems!(ctx, { limit: WORK_ITEM_LIMIT });
        const count = await module.workCount!(ctx);
        expect(count, `${module.name} for ${who}`).toEqual({
          waiting: items.length,
          late: items.filter((i) => i.overdue).length,
        });
        const sum = seen.get(module.name) ?? { waiting: 0, late: 0 };
        seen.set(module.name, { waiting: sum.waiting + count.waiting, late: sum.late + count.late });
      }
    }
    // the data set gives every module work to count, and the deadline-bound ones late work too
    for (const name of ['services', 'complaints', 'informasi', 'aid', 'archive', 'residents', 'umkm'])
      expect(seen.get(name)?.waiting, name).toBeGreaterThan(0);
    for (const name of ['services', 'complaints', 'informasi', 'aid', 'archive'])
      expect(seen.get(name)?.late, name).toBeGreaterThan(0);
  });

  it('adds up to the queue page’s total for each officer, and the badge on another staff page shows it', async () => {
    for (const [who, officer] of Object.entries(officers)) {
      const ctx = withActor(test.ctx, officer);
      const list = await readWorkList(ctx, modules);
      expect(await readWorkCount(ctx, modules), who).toEqual({ waiting: list.total, late: list.overdue });
    }
    const operator = await loginAs(test.app, office.operator);
    const queue = (await operator.get('/kelola/kerja')).body;
    const total = /data-work-total="(\d+)" data-work-overdue="(\d+)"/.exec(queue);
    expect(Number(total?.[1])).toBeGreaterThan(3);
    const other = (await operator.get('/kelola/akun')).body;
    expect(other).toMatch(
      new RegExp(`href="/kelola/kerja"[^>]*>Kerja saya <span class="nav-badge" data-count="${total?.[1]}"`),
    );
    expect(other).toContain(`data-overdue="${total?.[2]}"`);
  });
});

describe('UMKM registrations in the village office’s queue', () => {
  it('lists new and re-sent registrations, the longest waiting since last sent first, with how long each has waited', async () => {
    const operator = await loginAs(test.app, office.operator);
    const page = (await operator.get('/kelola/kerja')).body;
    const rows = [
      ...page.matchAll(
        /<a href="(\/kelola\/umkm\/[^"]+)" data-work-item="umkm.check" data-overdue="tidak">([^<]*)<\/a>.*?data-waiting-ms="(\d+)">([^<]*)</gs,
      ),
    ].map((m) => ({ href: m[1]!, title: m[2]!, waitingMs: Number(m[3]), clock: m[4]! }));
    expect(rows.map((r) => r.title)).toEqual([
      expect.stringContaining('Keripik Pisang Bu Ani'),
      expect.stringContaining('Emping Melinjo Bu Siti'),
    ]);
    // filed a month ago but sent again an hour ago: its wait counts from the resubmission
    expect(rows.map((r) => r.waitingMs)).toEqual([3_600_000, 0]);
    expect(rows[0]!.clock).toBe('tanpa tenggat, menunggu 1 jam');
    for (const row of rows) expect((await operator.get(row.href)).statusCode).toBe(200);
    // another village's office sees none of them
    const elsewhere = await loginAs(test.app, officers.elsewhere!);
    expect((await elsewhere.get('/kelola/kerja')).body).not.toContain('data-work-item="umkm.check"');
  });
});
