import { countInRegion, type FigureDefinition } from '../../platform/figures/index.ts';
import { jakartaYearMonth } from '../../platform/time.ts';
import './schema.ts';

export const letterFigures: FigureDefinition[] = [
  {
    // by the year the number carries (the register's year, Asia/Jakarta), for residents of the region
    name: 'letters.issuedThisYear',
    label: 'letters.figures.issuedThisYear',
    unit: 'letter',
    compute: (ctx, region) =>
      countInRegion(
        ctx,
        ctx.db.selectFrom('letters').where('year', '=', jakartaYearMonth(ctx.clock.now()).year),
        region,
      ),
  },
];
