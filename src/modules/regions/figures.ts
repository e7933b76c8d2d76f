import { countInRegion, type FigureDefinition } from '../../platform/figures/index.ts';

/** How many kecamatan and villages a region holds: its own kecamatan for a village. */
export const regionFigures: FigureDefinition[] = [
  {
    name: 'regions.kecamatan',
    label: 'regions.figures.kecamatan',
    unit: 'region',
    async compute(ctx, region) {
      const row = await ctx.db
        .selectFrom('kecamatan')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where((eb) =>
          eb.or([
            eb('code', '=', region.split('.').slice(0, 3).join('.')),
            eb('code', 'like', `${region}.%`),
          ]),
        )
        .where('regency_code', '=', ctx.config.regencyCode)
        .executeTakeFirstOrThrow();
      return { value: Number(row.n), asOf: ctx.clock.now() };
    },
  },
  {
    name: 'regions.villages',
    label: 'regions.figures.villages',
    unit: 'region',
    compute: (ctx, region) => countInRegion(ctx, ctx.db.selectFrom('villages'), region, 'code'),
  },
];
