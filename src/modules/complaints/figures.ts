import { type SqlBool, sql } from 'kysely';
import { whereInRegion } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import type { FigureDefinition } from '../../platform/figures/index.ts';
import { CURRENT_DUE } from './repo.ts';
import { OPEN_STATES } from './states.ts';
import './schema.ts';

const OPEN = [...OPEN_STATES];
const DAY_MS = 24 * 60 * 60 * 1000;

type Reports = ReturnType<typeof reports>;

/** Reports about villages of the region (confidential ones too: a count names nobody). */
function reports(ctx: Ctx, region: string) {
  const all = ctx.db.selectFrom('complaints as c').select((eb) => eb.fn.countAll<number>().as('n'));
  return whereInRegion(all, 'c.village_code', region);
}

/** A figure that counts the region's reports that `which` keeps, as of the clock's now. */
function reportCount(name: string, which: (q: Reports, now: Date) => Reports): FigureDefinition {
  return {
    name: `complaints.${name}`,
    label: `complaints.figures.${name}`,
    unit: 'report',
    async compute(ctx, region) {
      const now = ctx.clock.now();
      const row = await which(reports(ctx, region), now).executeTakeFirstOrThrow();
      return { value: Number(row.n), asOf: now };
    },
  };
}

export const complaintFigures: FigureDefinition[] = [
  reportCount('open', (q) => q.where('c.state', 'in', OPEN)),
  // open and past the due time of the stage it is in (verify, respond, resolve)
  reportCount('overdue', (q, now) =>
    q.where('c.state', 'in', OPEN).where(sql<SqlBool>`${CURRENT_DUE} < ${now}`),
  ),
  reportCount('resolved30d', (q, now) =>
    q.where('c.state', '=', 'selesai').where('c.resolved_at', '>=', new Date(now.getTime() - 30 * DAY_MS)),
  ),
];
