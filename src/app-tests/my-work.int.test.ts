import { describe, expect, it } from 'vitest';
import { disposeIncoming, registerIncoming } from '../modules/archive/service.ts';
import { incomingInput } from '../modules/archive/test-builders.ts';
import { changeState } from '../modules/complaints/service.ts';
import { fileRoadReport } from '../modules/complaints/test-builders.ts';
import { answerRequest, trackRequest } from '../modules/informasi/service.ts';
import { fileRequest as fileInformationRequest } from '../modules/informasi/test-builders.ts';
import {
  fileDomicileRequest,
  KIBIN,
  KRAMATWATU,
  makeVillageOffice,
  signedAfter,
} from '../modules/services/test-builders.ts';
import type { StaffActor } from '../platform/auth/roles.ts';
import { withActor } from '../platform/context.ts';
import { median } from '../platform/figures/index.ts';
import { formatDateTime } from '../platform/i18n/index.ts';
import { loginAs, loginAsNewStaff, makeStaff, sql } from '../testing.ts';
import { eachTestInWorld } from './world.ts';

const { clock, test, desk } = eachTestInWorld('2026-12-01T02:00:00Z'); // Tuesday 09:00 in Serang
const fileLetterRequest = () => fileDomicileRequest(test.ctx, desk.applicant);

interface Row {
  kind: string;
  href: string;
  overdue: boolean;
  title: string;
  due: string;
}

/** The queue page's items in the order shown, as the HTML has them. */
function itemsOf(html: string): Row[] {
  return [
    ...html.matchAll(
      /<a href="([^"]+)" data-work-item="([^"]+)" data-overdue="(ya|tidak)">([^<]*)<\/a><\/td><td[^>]*>[^<]*<\/td><td[^>]*>([^<]*)<\/td>/g,
    ),
  ].map((m) => ({ href: m[1]!, kind: m[2]!, overdue: m[3] === 'ya', title: m[4]!, due: m[5]! }));
}

/** The count beside "Kerja saya" in the menu, or 0 when there is none. */
function badgeOf(html: string): number {
  const m = /href="\/kelola\/kerja"[^>]*>Kerja saya <span class="nav-badge" data-count="(\d+)"/.exec(html);
  return m ? Number(m[1]) : 0;
}

describe('the officer’s own queue at /kelola/kerja', () => {
  it('shows a new letter request to its village’s operator on the next page load, and not to another village’s operator', async () => {
    const elsewhere = await makeVillageOffice(test.ctx, KIBIN);
    const operator = await loginAs(test.app, desk.office.operator);
    const other = await loginAs(test.app, elsewhere.operator);
    expect(itemsOf((await operator.get('/kelola/kerja')).body)).toEqual([]);

    const id = await fileLetterRequest();
    const page = await operator.get('/kelola/kerja');
    expect(page.statusCode).toBe(200);
    const items = itemsOf(page.body);
    expect(items.map((i) => [i.kind, i.href, i.overdue])).toEqual([
      ['services.check', `/kelola/layanan/permohonan/${id}`, false],
    ]);
    expect(items[0]!.title).toContain('Periksa permohonan');
    expect((await operator.get(items[0]!.href)).statusCode).toBe(200);

    const otherPage = (await other.get('/kelola/kerja')).body;
    expect(otherPage).not.toContain(id);
    expect(itemsOf(otherPage)).toEqual([]);
    expect(otherPage).toContain('Tidak ada pekerjaan yang menunggu Anda saat ini.');
  });

  it('shows a complaint routed to DPUPR to the DPUPR officer with its due time, past-due work first', async () => {
    const first = await fileRoadReport(test.ctx, { villageCode: KRAMATWATU });
    // a week on the first report is past its verification deadline; the second one is not yet
    clock.set('2026-12-08T02:00:00Z');
    const second = await fileRoadReport(test.ctx, { villageCode: KRAMATWATU, title: 'Jembatan retak' });
    const dpupr = await loginAsNewStaff(test, { role: 'opd', scope: 'DPUPR' });
    const dinsos = await loginAsNewStaff(test, { role: 'opd', scope: 'DINSOS' });

    const items = itemsOf((await dpupr.get('/kelola/kerja')).body);
    expect(items.map((i) => [i.href, i.overdue])).toEqual([
      [`/kelola/pengaduan/${first.ticket}`, true],
      [`/kelola/pengaduan/${second.ticket}`, false],
    ]);
    expect(items[0]!.due).toBe(formatDateTime(first.verifyDueAt));
    expect(items[1]!.due).toBe(formatDateTime(second.verifyDueAt));
    expect(itemsOf((await dinsos.get('/kelola/kerja')).body)).toEqual([]);
  });

  it('puts a failed import (late, without a deadline) before a letter request whose deadline is still ahead', async () => {
    const id = await fileLetterRequest();
    await test.ctx.db
      .insertInto('import_jobs')
      .values({
        kind: 'residents',
        region_code: KRAMATWATU,
        file_name: 'penduduk-rt02.csv',
        state: 'gagal',
        created_by: desk.office.operator.id,
        heartbeat_at: clock.now(),
        finished_at: clock.now(),
      })
      .execute();
    const operator = await loginAs(test.app, desk.office.operator);
    const items = itemsOf((await operator.get('/kelola/kerja')).body);
    expect(items.map((i) => i.kind)).toEqual(['imports.failed', 'services.check']);
    expect(items[0]!.title).toContain('penduduk-rt02.csv');
    expect(items[0]!.href).toMatch(/^\/kelola\/penduduk\/impor\/[0-9a-f-]{36}$/);
    expect(items[1]!.href).toBe(`/kelola/layanan/permohonan/${id}`);
  });

  it('merges a disposition addressed to the sekdes and an information request of the village, the late one first', async () => {
    clock.set('2026-12-02T02:00:00Z'); // the letter came in on Wednesday
    const letter = await registerIncoming(withActor(test.ctx, desk.office.operator), incomingInput());
    await disposeIncoming(withActor(test.ctx, desk.office.kades), letter, {
      assigneeId: desk.office.sekdes.id,
      instruction: 'Hadiri dan laporkan hasilnya.',
      dueOn: '2026-12-02',
    });
    const receipt = await fileInformationRequest(test.ctx, KRAMATWATU);
    const { id: informationId } = await trackRequest(test.ctx, receipt.number, receipt.token);
    clock.set('2026-12-04T02:00:00Z'); // Friday: the disposition was due on Wednesday

    const sekdes = await loginAs(test.app, desk.office.sekdes);
    const items = itemsOf((await sekdes.get('/kelola/kerja')).body);
    expect(items.map((i) => [i.kind, i.href, i.overdue])).toEqual([
      ['archive.disposition', `/kelola/arsip/surat-masuk/${letter}`, true],
      ['informasi.request', `/kelola/informasi/permohonan/${informationId}`, false],
    ]);
    expect(items[0]!.title).toContain('Camat Kramatwatu');
    expect(items[1]!.due).toBe(formatDateTime(receipt.dueAt));
    for (const item of items) expect((await sekdes.get(item.href)).statusCode).toBe(200);

    // the disposition is the sekdes's alone; the village's information request is the operator's too
    const operator = await loginAs(test.app, desk.office.operator);
    expect(itemsOf((await operator.get('/kelola/kerja')).body).map((i) => i.kind)).toEqual([
      'informasi.request',
    ]);
  });

  it('counts in the menu exactly the items the queue page lists, and the overdue ones among them', async () => {
    await fileLetterRequest();
    await fileLetterRequest();
    const operator = await loginAs(test.app, desk.office.operator);
    const dashboard = (await operator.get('/kelola')).body;
    expect(badgeOf(dashboard)).toBe(2);
    expect(dashboard).not.toContain('data-overdue="');

    clock.set('2027-01-05T02:00:00Z'); // a month on, both are past their deadline
    await fileLetterRequest();
    // the month-old session has expired: sign in again
    const later = await loginAs(test.app, desk.office.operator);
    const page = (await later.get('/kelola/kerja')).body;
    const items = itemsOf(page);
    expect(items).toHaveLength(3);
    expect(badgeOf(page)).toBe(items.length);
    expect(page).toContain(`data-overdue="${items.filter((i) => i.overdue).length}"`);
    expect(items.filter((i) => i.overdue)).toHaveLength(2);
    const kades = await loginAs(test.app, desk.office.kades);
    expect(badgeOf((await kades.get('/kelola')).body)).toBe(0);
  });
});

describe('performance at /kelola/kerja/kinerja', () => {
  /** The cells of the row named `name` in the table captioned `caption`. */
  function line(html: string, caption: string, key: string): string[] {
    const table = html.slice(html.indexOf(`<caption>${caption}</caption>`));
    const start = table.indexOf(`data-line="${key}"`);
    if (start < 0) return [];
    const row = table.slice(start, table.indexOf('</tr>', start));
    return [...row.matchAll(/<td class="num"[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]!);
  }

  it('reports per officer and per unit the work finished in the month, equal to direct counts of the records', async () => {
    const dpuprOfficer: StaffActor = await makeStaff(test.ctx, {
      role: 'opd',
      scope: 'DPUPR',
      name: 'Petugas DPUPR',
    });
    // three letters signed by the kepala desa after 1, 2 and 12 days; a report resolved by DPUPR;
    // an information request answered by the operator
    for (const days of [1, 2, 12]) {
      clock.set('2026-12-01T02:00:00Z');
      await signedAfter(test.ctx, clock, desk, days);
    }
    clock.set('2026-12-02T02:00:00Z');
    const report = await fileRoadReport(test.ctx, { villageCode: KRAMATWATU });
    clock.set('2026-12-04T02:00:00Z');
    await changeState(withActor(test.ctx, dpuprOfficer), report.ticket, {
      state: 'selesai',
      reason: 'Sudah ditambal.',
    });
    const receipt = await fileInformationRequest(test.ctx, KRAMATWATU);
    const { id: informationId } = await trackRequest(test.ctx, receipt.number, receipt.token);
    clock.set('2026-12-07T02:00:00Z');
    await answerRequest(
      withActor(test.ctx, desk.office.operator),
      informationId,
      { decision: 'diterima_seluruhnya', note: 'Salinan APBDes terlampir di kantor desa.' },
      null,
    );
    clock.set('2026-12-28T02:00:00Z');

    // the letters, counted straight from the table
    const letters = await sql<{ days: number; on_time: boolean }>`
      SELECT extract(epoch FROM finished_at - submitted_at) / 86400 AS days, finished_at <= due_at AS on_time
      FROM service_requests WHERE finished_at >= '2026-11-30T17:00:00Z' AND finished_at < '2026-12-31T17:00:00Z'`.execute(
      test.ctx.db,
    );
    expect(letters.rows).toHaveLength(3);
    const letterMedian = median(letters.rows.map((r) => Number(r.days))) as number;
    const letterShare = (letters.rows.filter((r) => r.on_time).length / 3) * 100;
    expect(letterShare).toBeLessThan(100); // the 12-day one missed its target

    const admin = await loginAs(
      test.app,
      await makeStaff(test.ctx, { role: 'admin_kabupaten', scope: '36.04' }),
    );
    const page = await admin.get('/kelola/kerja/kinerja?bulan=2026-12');
    expect(page.statusCode).toBe(200);
    const fmt = (n: number) => new Intl.NumberFormat('id-ID').format(Math.round(n * 10) / 10);
    expect(line(page.body, 'Menurut jenis pekerjaan', 'services.request')).toEqual([
      '3',
      fmt(letterMedian),
      `${fmt(letterShare)}%`,
    ]);
    expect(line(page.body, 'Menurut jenis pekerjaan', 'complaints.closed')).toEqual(['1', fmt(2), '100%']);
    expect(line(page.body, 'Menurut jenis pekerjaan', 'informasi.request')).toEqual(['1', fmt(3), '100%']);
    expect(line(page.body, 'Menurut petugas', desk.office.kades.id)).toEqual([
      '3',
      fmt(letterMedian),
      `${fmt(letterShare)}%`,
    ]);
    expect(line(page.body, 'Menurut petugas', dpuprOfficer.id)[0]).toBe('1');
    expect(line(page.body, 'Menurut petugas', desk.office.operator.id)[0]).toBe('1');
    // Kramatwatu's office: the three letters and the information request; DPUPR: the report
    expect(
      line(page.body, 'Menurut unit (kantor desa atau perangkat daerah)', `region:${KRAMATWATU}`)[0],
    ).toBe('4');
    expect(line(page.body, 'Menurut unit (kantor desa atau perangkat daerah)', 'agency:DPUPR')[0]).toBe('1');

    // the officer of one agency sees their own unit only
    const dpupr = await loginAs(test.app, dpuprOfficer);
    const own = (await dpupr.get('/kelola/kerja/kinerja?bulan=2026-12')).body;
    expect(line(own, 'Menurut unit (kantor desa atau perangkat daerah)', 'agency:DPUPR')[0]).toBe('1');
    expect(own).not.toContain(`data-line="region:${KRAMATWATU}"`);

    const november = (await admin.get('/kelola/kerja/kinerja?bulan=2026-11')).body;
    expect(november).toContain('Belum ada pekerjaan yang selesai pada bulan ini.');
  });

  it('refuses a month it cannot read with 422 and the message beside the field', async () => {
    const operator = await loginAs(test.app, desk.office.operator);
    for (const bad of ['2026-13', 'Desember', '2026-1', '1999-12']) {
      const page = await operator.get(`/kelola/kerja/kinerja?bulan=${encodeURIComponent(bad)}`);
      expect(page.statusCode).toBe(422);
      expect(page.body).toContain('Isi bulan dengan format TTTT-BB, misalnya 2026-11.');
      expect(page.body).toContain('aria-invalid="true"');
    }
    expect((await operator.get('/kelola/kerja/kinerja')).statusCode).toBe(200);
  });
});
