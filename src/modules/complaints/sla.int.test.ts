import { beforeEach, describe, expect, it } from 'vitest';
import { type Ctx, withActor } from '../../platform/context.ts';
import { runJobOnce } from '../../platform/jobs/index.ts';
import { createTestContext, eachTestOnClock, makeStaff } from '../../testing.ts';
import { complaintsModule } from './index.ts';
import * as service from './service.ts';
import { fileRoadReport } from './test-builders.ts';

let ctx: Ctx;
// Monday 23 November 2026, 09:00 in Serang
const { clock, test } = eachTestOnClock('2026-11-23T02:00:00Z', createTestContext);
const job = complaintsModule.jobs!.find((j) => j.name === 'complaints-sla')!;

beforeEach(async () => {
  ctx = test.ctx;
  await service.seedComplaintReference(ctx);
  await ctx.db
    .updateTable('agencies')
    .set({ head_email: 'kadis.dpupr@serangkab.go.id' })
    .where('code', '=', 'DPUPR')
    .execute();
  await makeStaff(ctx, { role: 'admin_kabupaten', scope: '36.04', email: 'admin.kab@serangkab.go.id' });
});

async function escalationMail() {
  return ctx.db
    .selectFrom('outbox')
    .select(['recipient', 'subject'])
    .where('subject', 'like', '%melewati batas waktu%')
    .orderBy('created_at')
    .execute();
}

describe('SLA escalation by the background job', () => {
  it('leaves a report alone while its verification deadline has not passed', async () => {
    await fileRoadReport(ctx);
    clock.set('2026-11-26T16:00:00Z'); // Thursday 23:00, the last day of three working days
    expect(await runJobOnce(ctx, job)).toBe(true);
    expect(await escalationMail()).toEqual([]);
  });

  it('tells the agency head the day after the deadline, once, then the admin kabupaten two working days later', async () => {
    const receipt = await fileRoadReport(ctx);
    clock.set('2026-11-27T03:00:00Z'); // Friday 10:00
    await runJobOnce(ctx, job);
    expect((await escalationMail()).map((m) => m.recipient)).toEqual(['kadis.dpupr@serangkab.go.id']);
    await runJobOnce(ctx, job);
    expect(await escalationMail()).toHaveLength(1);

    const dpupr = withActor(ctx, await makeStaff(ctx, { role: 'opd', scope: 'DPUPR' }));
    const queue = await service.listQueue(dpupr, { overdue: true });
    expect(queue.rows.map((r) => [r.ticket, r.escalation_level, r.overdue])).toEqual([
      [receipt.ticket, 1, true],
    ]);

    clock.set('2026-11-30T10:00:00Z'); // Monday 17:00: only one working day after the deadline
    await runJobOnce(ctx, job);
    expect(await escalationMail()).toHaveLength(1);
    clock.set('2026-12-01T03:00:00Z'); // Tuesday: two working days have passed
    await runJobOnce(ctx, job);
    expect((await escalationMail()).map((m) => m.recipient)).toEqual([
      'kadis.dpupr@serangkab.go.id',
      'admin.kab@serangkab.go.id',
    ]);
    const history = (await service.getReportForStaff(dpupr, receipt.ticket)).updates.filter(
      (u) => u.kind === 'escalation',
    );
    expect(history).toHaveLength(2);
    expect(history.every((u) => !u.public)).toBe(true);
  });

  it('counts a national holiday entered by the admin as a day off', async () => {
    const admin = withActor(ctx, await makeStaff(ctx, { role: 'admin_kabupaten', scope: '36.04' }));
    await service.addHoliday(admin, { date: '2026-11-25', name: 'Hari Guru (uji)' });
    const receipt = await fileRoadReport(ctx);
    expect(receipt.verifyDueAt.toISOString()).toBe('2026-11-27T16:59:59.999Z');
    clock.set('2026-11-27T03:00:00Z');
    await runJobOnce(ctx, job);
    expect(await escalationMail()).toEqual([]);
  });

  it('stops escalating once the agency verifies and answers within the next deadline', async () => {
    const receipt = await fileRoadReport(ctx);
    const dpupr = withActor(ctx, await makeStaff(ctx, { role: 'opd', scope: 'DPUPR' }));
    clock.set('2026-11-25T03:00:00Z');
    await service.changeState(dpupr, receipt.ticket, { state: 'diproses', reason: 'Tim survei dijadwalkan' });
    clock.set('2026-11-27T03:00:00Z');
    await runJobOnce(ctx, job);
    expect(await escalationMail()).toEqual([]);
  });

  it('shows each agency its own compliance: on-time and late verifications', async () => {
    const onTime = await fileRoadReport(ctx);
    await fileRoadReport(ctx);
    const dpupr = withActor(ctx, await makeStaff(ctx, { role: 'opd', scope: 'DPUPR' }));
    await service.changeState(dpupr, onTime.ticket, { state: 'diverifikasi' });
    clock.set('2026-11-27T03:00:00Z');
    const [own] = await service.complianceFigures(dpupr, { own: true });
    expect(own).toMatchObject({ handlerCode: 'DPUPR', total: 2, verifyRate: 0.5, overdueNow: 1 });
    const all = await service.complianceFigures(ctx, {});
    expect(all.map((r) => r.handlerCode)).toEqual(['DPUPR']);
  });
});
