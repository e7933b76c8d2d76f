import { whereInRegion } from '../../platform/auth/policy.ts';
import type { FigureDefinition } from '../../platform/figures/index.ts';
import { jakartaYearMonth } from '../../platform/time.ts';
import './schema.ts';

export const letterFigures: FigureDefinition[] = [
  {
    // by the year the number carries (the register's year, Asia/Jakarta), for residents of the region
    name: 'letters.issuedThisYear',
    label: 'letters.figures.issuedThisYear',
    unit: 'letter',
    async compute(ctx, region) {
      const letters = ctx.db
        .selectFrom('letters')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('year', '=', jakartaYearMonth(ctx.clock.now()).year);
      const row = await whereInRegion(letters, 'village_code', region).executeTakeFirstOrThrow();
      return { value: Number(row.n), asOf: ctx.clock.now() };
    },
  },
];
