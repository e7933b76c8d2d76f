import type { Ctx } from '../../platform/context.ts';
import { Invalid } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { addDays, isCalendarDate, jakartaDate, startOfJakartaDay } from '../../platform/time.ts';

/** The longest period a page counts over: two years. */
const MAX_DAYS = 731;

export interface Period {
  dari: string;
  sampai: string;
  from: Date;
  /** the start of the day after `sampai` (the period is [from, to)) */
  to: Date;
}

function dayCount(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * `?dari=YYYY-MM-DD&sampai=YYYY-MM-DD` (Jakarta calendar days, both included), by default the last
 * 30 days up to today. Invalid, field by field, for a date that is none, an end before the start,
 * or more than two years.
 */
export function parsePeriod(ctx: Ctx, query: { dari?: string; sampai?: string }): Period {
  const today = jakartaDate(ctx.clock.now());
  const sampai = query.sampai?.trim() || today;
  const dari = query.dari?.trim() || addDays(sampai, -29);
  const errors: Record<string, string> = {};
  if (!isCalendarDate(dari)) errors.dari = t('dashboards.error.date');
  if (!isCalendarDate(sampai)) errors.sampai = t('dashboards.error.date');
  if (Object.keys(errors).length === 0) {
    if (dari > sampai) errors.sampai = t('dashboards.error.order');
    else if (dayCount(dari, sampai) > MAX_DAYS) errors.dari = t('dashboards.error.span');
  }
  if (Object.keys(errors).length > 0) throw new Invalid(errors, t('dashboards.error.period'));
  return { dari, sampai, from: startOfJakartaDay(dari), to: startOfJakartaDay(addDays(sampai, 1)) };
}
