import { holidaySet, workingDaysBetween } from '../../platform/calendar.ts';
import type { Ctx } from '../../platform/context.ts';
import { csvLine } from '../../platform/csv.ts';
import { median } from '../../platform/figures/index.ts';
import { NotFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { startOfJakartaDay } from '../../platform/time.ts';
import { getBody } from './bodies.ts';
import { mayReadRequests } from './policy.ts';
import * as repo from './repo.ts';
import { REFUSAL_GROUNDS } from './requests.ts';

/**
 * A body's yearly public information service report (UU 14/2008 pasal 7 ayat 3 huruf d; Perki
 * 1/2021 and 1/2018 on the annual report): the requests received in the Jakarta year, how many
 * were answered within their deadline, extended, refused by ground, objected to, and the median
 * of working days from receipt to the answer.
 */
export async function yearlyReport(ctx: Ctx, bodyCode: string, yearText: string) {
  const year = Number(yearText);
  if (!/^\d{4}$/.test(yearText) || year < 2008 || year > 2100) throw new NotFound(t('informasi.error.year'));
  const body = await getBody(ctx, bodyCode);
  const rows = await repo.selectRequestsReceived(
    ctx.db,
    body,
    startOfJakartaDay(`${year}-01-01`),
    startOfJakartaDay(`${year + 1}-01-01`),
  );
  const holidays = await holidaySet(ctx);
  const now = ctx.clock.now();
  const decided = rows.filter((r) => r.decided_at !== null);
  const due = (r: (typeof rows)[number]) => r.extended_due_at ?? r.due_at;
  const refusedByGround = REFUSAL_GROUNDS.map((ground) => ({
    ground,
    count: rows.filter((r) => r.state === 'ditolak' && r.refusal_ground === ground).length,
  })).filter((g) => g.count > 0);
  const figures = {
    received: rows.length,
    answeredFully: rows.filter((r) => r.state === 'diterima_seluruhnya').length,
    answeredPartly: rows.filter((r) => r.state === 'diterima_sebagian').length,
    refused: rows.filter((r) => r.state === 'ditolak').length,
    open: rows.filter((r) => r.decided_at === null).length,
    overdueOpen: rows.filter((r) => r.decided_at === null && due(r) < now).length,
    decidedOnTime: decided.filter((r) => r.decided_at! <= due(r)).length,
    decidedLate: decided.filter((r) => r.decided_at! > due(r)).length,
    extended: rows.filter((r) => r.extended_due_at !== null).length,
    objections: rows.filter((r) => r.objection_id !== null).length,
    objectionsGranted: rows.filter((r) => r.objection_state === 'dikabulkan').length,
    medianWorkingDays: median(decided.map((r) => workingDaysBetween(r.received_at, r.decided_at!, holidays))),
  };
  const staffView = mayReadRequests(ctx.actor, body);
  return {
    body,
    year,
    figures,
    refusedByGround,
    // the staff version lists the requests by number (no person in it)
    requests: staffView
      ? rows.map((r) => ({
          id: r.id,
          number: r.number,
          state: r.state,
          receivedAt: r.received_at,
          decidedAt: r.decided_at,
          workingDays: r.decided_at ? workingDaysBetween(r.received_at, r.decided_at, holidays) : null,
          late: r.decided_at ? r.decided_at > due(r) : due(r) < now,
          objection: r.objection_id !== null,
        }))
      : null,
  };
}

export type YearlyReport = Awaited<ReturnType<typeof yearlyReport>>;

/** The report's figures as label and value, in the order the page and the CSV give them. */
export function figureLines(report: YearlyReport): Array<[string, number | null]> {
  const f = report.figures;
  return [
    [t('informasi.report.received'), f.received],
    [t('informasi.report.answeredFully'), f.answeredFully],
    [t('informasi.report.answeredPartly'), f.answeredPartly],
    [t('informasi.report.refused'), f.refused],
    [t('informasi.report.open'), f.open],
    [t('informasi.report.overdueOpen'), f.overdueOpen],
    [t('informasi.report.decidedOnTime'), f.decidedOnTime],
    [t('informasi.report.decidedLate'), f.decidedLate],
    [t('informasi.report.extended'), f.extended],
    [t('informasi.report.objections'), f.objections],
    [t('informasi.report.objectionsGranted'), f.objectionsGranted],
    [t('informasi.report.median'), f.medianWorkingDays],
  ];
}

/** The figures as CSV, formula-safe (platform/csv), one line per figure. */
export function reportCsv(report: YearlyReport): string {
  const lines: Array<Array<string | number | null>> = [
    [t('informasi.report.figure'), t('informasi.report.value')],
    [t('informasi.report.body'), report.body.name],
    [t('informasi.report.year'), report.year],
    ...figureLines(report),
    ...report.refusedByGround.map((g) => [
      t('informasi.report.refusedGround', { ground: t(`informasi.ground.${g.ground}`) }),
      g.count,
    ]),
  ];
  return `\uFEFF${lines.map((l) => csvLine(l)).join('')}`;
}
