import { type SqlBool, sql } from 'kysely';
import { whereInRegion } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import type { FigureDefinition } from '../../platform/figures/index.ts';
import { CURRENT_DUE } from './repo.ts';
import { OPEN_STATES } from './states.ts';
import './schema.ts';

const OPEN = [...OPEN_STATES];
const DAY_MS = 24 * 60 * 60 * 1000;

/** Reports about villages of the region (confidential ones too: a count names nobody). */
function reports(ctx: Ctx, region: string) {
  const all = ctx.db.selectFrom('complaints as c').select((eb) => eb.fn.countAll<number>().as('n'));
  return whereInRegion(all, 'c.village_code', region);
}

export const complaintFigures: FigureDefinition[] = [
  {
    name: 'complaints.open',
    label: 'complaints.figures.open',
    unit: 'report',
    async compute(ctx, region) {
      const row = await reports(ctx, region).where('c.state', 'in', OPEN).executeTakeFirstOrThrow();
      return { value: Number(row.n), asOf: ctx.clock.now() };
    },
  },
  {
    // open and past the due time of the stage it is in (verify, respond, resolve)
    name: 'complaints.overdue',
    label: 'complaints.figures.overdue',
    unit: 'report',
    async compute(ctx, region) {
      const now = ctx.clock.now();
      const row = await reports(ctx, region)
        .where('c.state', 'in', OPEN)
        .where(sql<SqlBool>`${CURRENT_DUE} < ${now}`)
        .executeTakeFirstOrThrow();
      return { value: Number(row.n), asOf: now };
    },
  },
  {
    name: 'complaints.resolved30d',
    label: 'complaints.figures.resolved30d',
    unit: 'report',
    async compute(ctx, region) {
      const now = ctx.clock.now();
      const row = await reports(ctx, region)
        .where('c.state', '=', 'selesai')
        .where('c.resolved_at', '>=', new Date(now.getTime() - 30 * DAY_MS))
        .executeTakeFirstOrThrow();
      return { value: Number(row.n), asOf: now };
    },
  },
];
