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
      const row = await ctx.db
        .selectFrom('letters')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('year', '=', jakartaYearMonth(ctx.clock.now()).year)
        .where((eb) => eb.or([eb('village_code', '=', region), eb('village_code', 'like', `${region}.%`)]))
        .executeTakeFirstOrThrow();
      return { value: Number(row.n), asOf: ctx.clock.now() };
    },
  },
];
