/** Deadlines: the holidays the admin enters, the escalation job, and SLA compliance figures. */
import { audit } from '../../platform/audit/service.ts';
import { isStaff } from '../../platform/auth/roles.ts';
import {
  addWorkingDays,
  deleteHoliday,
  holidaySet,
  listHolidays as listCalendarHolidays,
  saveHoliday,
} from '../../platform/calendar.ts';
import { type Ctx, inTransaction } from '../../platform/context.ts';
import { Forbidden, Invalid } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { enqueueNotification } from '../../platform/outbox/index.ts';
import { isCalendarDate, isoJakarta } from '../../platform/time.ts';
import { LIMITS, requireManage, text } from './common.ts';
import { complianceScopeFor } from './policy.ts';
import * as repo from './repo.ts';

export async function listHolidays(ctx: Ctx) {
  return listCalendarHolidays(ctx);
}

export async function addHoliday(ctx: Ctx, input: { date: string; name: string }): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => addHoliday(tx, input));
  requireManage(ctx);
  const problems: Record<string, string> = {};
  if (!isCalendarDate(input.date)) problems.date = t('complaints.errors.holidayDate');
  if (!input.name.trim()) problems.name = t('complaints.errors.holidayName');
  if (Object.keys(problems).length) throw new Invalid(problems);
  await saveHoliday(ctx, { date: input.date, name: input.name.trim() }, true);
  await audit(ctx, {
    action: 'complaint_holiday_add',
    entity: 'complaint_holiday',
    entityId: input.date,
    detail: { name: input.name },
  });
}

export async function removeHoliday(ctx: Ctx, date: string): Promise<void> {
  if (!ctx.db.isTransaction) return inTransaction(ctx, (tx) => removeHoliday(tx, date));
  requireManage(ctx);
  await deleteHoliday(ctx, date);
  await audit(ctx, { action: 'complaint_holiday_delete', entity: 'complaint_holiday', entityId: date });
}

/**
 * The background job: a report past its current stage's deadline is flagged and its handler's
 * head is told; two working days later it goes to the admin kabupaten as well.
 */
export async function escalateOverdue(ctx: Ctx): Promise<{ toHead: number; toAdmin: number }> {
  const now = ctx.clock.now();
  const holidays = await holidaySet(ctx);
  const candidates = await repo.selectOverdueCandidates(ctx.db, now);
  let toHead = 0;
  let toAdmin = 0;
  for (const report of candidates) {
    const due = new Date(report.current_due);
    const adminDue = addWorkingDays(due, LIMITS.escalateToAdminAfter, holidays);
    const level = now > adminDue ? 2 : 1;
    if (level <= report.escalation_level) continue;
    await ctx.db.transaction().execute(async (trx) => {
      const tctx = { ...ctx, db: trx };
      const subject = text('complaints.escalation.subject', { ticket: report.ticket });
      const body = text('complaints.escalation.body', {
        ticket: report.ticket,
        title: report.title,
        due: isoJakarta(due),
        handler: report.handler_name,
        url: `${ctx.config.publicUrl}/kelola/pengaduan/${report.ticket}`,
      });
      const recipients: string[] = [];
      if (report.escalation_level < 1) {
        const head = report.handler_kind === 'agency' ? report.agency_head_email : report.village_email;
        if (head) recipients.push(head);
        toHead++;
      }
      if (level === 2) {
        for (const admin of await repo.selectAdminEmails(trx)) recipients.push(admin.email);
        toAdmin++;
      }
      for (const recipient of recipients)
        await enqueueNotification(tctx, { channel: 'email', recipient, subject, body });
      await repo.updateComplaint(trx, report.id, { escalation_level: level, escalated_at: now });
      await repo.insertUpdate(trx, {
        complaint_id: report.id,
        at: now,
        kind: 'escalation',
        public: false,
        from_state: null,
        to_state: null,
        from_handler: null,
        to_handler: null,
        body: text(level === 2 ? 'complaints.escalation.toAdmin' : 'complaints.escalation.toHead', {
          due: isoJakarta(due),
        }),
        actor_kind: 'system',
        actor_id: null,
        actor_label: 'Simpul',
      });
    });
  }
  await repo.pruneIntake(ctx.db, new Date(now.getTime() - 2 * 86_400_000));
  return { toHead, toAdmin };
}

export interface ComplianceRow {
  handlerKind: string;
  handlerCode: string;
  handlerName: string;
  handlerFullName: string;
  total: number;
  resolved: number;
  verifyRate: number | null;
  responseRate: number | null;
  resolveRate: number | null;
  overdueNow: number;
  medianResponseHours: number | null;
}

function rate(onTime: string, late: string): number | null {
  const a = Number(onTime);
  const b = Number(late);
  return a + b === 0 ? null : a / (a + b);
}

/** SLA figures per handler over the last `days` days; an officer sees their own, the public and admin all. */
export async function complianceFigures(
  ctx: Ctx,
  options: { days?: number; own?: boolean } = {},
): Promise<ComplianceRow[]> {
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - (options.days ?? 90) * 86_400_000);
  let scope: ReturnType<typeof complianceScopeFor> = { kind: 'all' };
  if (options.own) {
    const actor = ctx.actor;
    if (!isStaff(actor)) throw new Forbidden();
    scope = complianceScopeFor(actor);
  }
  const rows = await repo.selectCompliance(ctx.db, since, now, scope.handler, scope.regionPrefix);
  return rows.map((r) => ({
    handlerKind: r.handler_kind,
    handlerCode: r.handler_code,
    handlerName: r.handler_name,
    handlerFullName: r.handler_full_name,
    total: Number(r.total),
    resolved: Number(r.resolved),
    verifyRate: rate(r.verify_on_time, r.verify_late),
    responseRate: rate(r.response_on_time, r.response_late),
    resolveRate: rate(r.resolve_on_time, r.resolve_late),
    overdueNow: Number(r.overdue_now),
    medianResponseHours: r.median_response_hours === null ? null : Number(r.median_response_hours),
  }));
}
