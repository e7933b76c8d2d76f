import { describe, expect, it } from 'vitest';
import { fileRoadReport } from '../modules/complaints/test-builders.ts';
import { approveStep, startRequest } from '../modules/services/service.ts';
import { KIBIN, KRAMATWATU, makeVillageOffice, requestInput } from '../modules/services/test-builders.ts';
import { withActor } from '../platform/context.ts';
import { loginAs, loginAsNewStaff, makeStaff } from '../testing.ts';
import { eachTestInWorld } from './world.ts';

const { clock, test, desk } = eachTestInWorld('2026-12-01T02:00:00Z'); // Tuesday 09:00 in Serang

/** An SKCK cover letter filed by the desk's applicant: at the operator's check. */
async function fileRequest(): Promise<string> {
  const outcome = await startRequest(
    withActor(test.ctx, desk.applicant),
    'pengantar-skck',
    await requestInput({ keperluan: 'Melamar kerja' }, { attachments: ['foto_ktp'] }),
  );
  expect(outcome.problems).toEqual({});
  return outcome.id;
}

/** The work-queue lines of a dashboard, in the order shown: kind, link and words. */
function workLines(html: string): Array<{ kind: string; href: string; text: string }> {
  return [
    ...html.matchAll(
      /<li data-work="([^"]+)"[^>]*><a href="([^"]+)">([^<]+)<\/a>([^<]*<span[^>]*>[^<]*<\/span>)?/g,
    ),
  ].map((m) => ({
    kind: m[1]!,
    href: m[2]!.replaceAll('&amp;', '&'),
    text: `${m[3]}${(m[4] ?? '').replace(/<[^>]+>/g, '')}`,
  }));
}

/** How many rows of a request list are marked as the viewer's turn. */
function myTurns(html: string): number {
  return [...html.matchAll(/data-label="Giliran Anda">ya</g)].length;
}

describe('the staff dashboard’s work queue', () => {
  it('shows the operator the requests waiting for their check, with a link to a list that marks as many as theirs', async () => {
    await fileRequest();
    await fileRequest();
    const operator = await loginAs(test.app, desk.office.operator);
    const lines = workLines((await operator.get('/kelola')).body);
    expect(lines).toEqual([
      {
        kind: 'services.check',
        href: '/kelola/layanan?giliran=saya&status=diperiksa',
        text: '2 permohonan menunggu Anda',
      },
    ]);
    const list = await operator.get(lines[0]!.href);
    expect(list.statusCode).toBe(200);
    expect(myTurns(list.body)).toBe(2);
  });

  it('shows the kepala desa the letters waiting for their signature, and the operator no longer', async () => {
    const id = await fileRequest();
    await approveStep(withActor(test.ctx, desk.office.operator), id);
    const kades = await loginAs(test.app, desk.office.kades);
    const lines = workLines((await kades.get('/kelola')).body);
    expect(lines).toEqual([
      {
        kind: 'services.sign',
        href: '/kelola/layanan?giliran=saya&status=menunggu_tanda_tangan',
        text: '1 surat menunggu tanda tangan Anda',
      },
    ]);
    expect(myTurns((await kades.get(lines[0]!.href)).body)).toBe(1);
    const operator = await loginAs(test.app, desk.office.operator);
    const page = (await operator.get('/kelola')).body;
    expect(workLines(page)).toEqual([]);
    expect(page).toContain('Tidak ada pekerjaan yang menunggu Anda saat ini.');
  });

  it('keeps another village’s requests and every request of a village out of the admin’s and the camat’s queue', async () => {
    await fileRequest();
    const elsewhere = await makeVillageOffice(test.ctx, KIBIN);
    const admin = await makeStaff(test.ctx, { role: 'admin_kabupaten', scope: '36.04' });
    const camat = await makeStaff(test.ctx, { role: 'camat', scope: '36.04.05' });
    for (const actor of [elsewhere.operator, admin, camat]) {
      const visitor = await loginAs(test.app, actor);
      expect(
        workLines((await visitor.get('/kelola')).body).filter((l) => l.kind.startsWith('services.')),
      ).toEqual([]);
    }
  });

  it('puts overdue work first and says how much of it is overdue', async () => {
    await fileRequest();
    // a month on the request is past its deadline; a report filed now is new and not yet late
    clock.set('2027-01-05T02:00:00Z');
    await fileRoadReport(test.ctx, { villageCode: KRAMATWATU });
    const operator = await loginAs(test.app, desk.office.operator);
    const lines = workLines((await operator.get('/kelola')).body);
    expect(lines.map((l) => l.kind)).toEqual(['services.check', 'complaints.new']);
    expect(lines[0]!.text).toBe('1 permohonan menunggu Anda (1 lewat tenggat)');
    expect(lines[1]).toEqual({
      kind: 'complaints.new',
      href: '/kelola/pengaduan?state=baru',
      text: '1 pengaduan baru',
    });
  });

  it('shows the agency officer its new and overdue complaints, each linking to the list that holds them', async () => {
    const receipt = await fileRoadReport(test.ctx, { villageCode: KRAMATWATU });
    const dpupr = await loginAsNewStaff(test, { role: 'opd', scope: 'DPUPR' });
    const dinsos = await loginAsNewStaff(test, { role: 'opd', scope: 'DINSOS' });
    const fresh = workLines((await dpupr.get('/kelola')).body);
    expect(fresh).toEqual([
      { kind: 'complaints.new', href: '/kelola/pengaduan?state=baru', text: '1 pengaduan baru' },
    ]);
    expect((await dpupr.get(fresh[0]!.href)).body).toContain(receipt.ticket);
    expect(workLines((await dinsos.get('/kelola')).body)).toEqual([]);

    // past the verification deadline it is both overdue (first) and still new
    clock.set('2026-12-20T02:00:00Z');
    const later = await loginAsNewStaff(test, { role: 'opd', scope: 'DPUPR' });
    const late = workLines((await later.get('/kelola')).body);
    expect(late).toEqual([
      { kind: 'complaints.overdue', href: '/kelola/pengaduan?overdue=1', text: '1 pengaduan lewat tenggat' },
      {
        kind: 'complaints.new',
        href: '/kelola/pengaduan?state=baru',
        text: '1 pengaduan baru (1 lewat tenggat)',
      },
    ]);
    expect((await later.get(late[0]!.href)).body).toContain(receipt.ticket);
  });
});
