import { parseArgs } from 'node:util';
import { scopeLevel } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { Invalid } from '../../platform/http/errors.ts';
import { formatNumber, t } from '../../platform/i18n/index.ts';
import type { CliCommand } from '../../platform/module.ts';
import { regionExists } from '../regions/service.ts';
import { type RollupScope, rebuildRollup, rollupTotals } from './rollup.ts';

type Errors = Record<string, string>;

function readArgs(args: string[]): { village?: string | undefined; month?: string | undefined } {
  try {
    return parseArgs({
      args,
      options: { village: { type: 'string' }, month: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch {
    throw new Invalid({ args: t('health.cli.usage') });
  }
}

/** `--village CODE --month YYYY-MM` checked field by field: a village of this regency, a real month. */
async function rollupScope(ctx: Ctx, args: string[]): Promise<RollupScope> {
  const { village, month } = readArgs(args);
  const errors: Errors = {};
  if (village !== undefined && !(scopeLevel(village) === 'village' && (await regionExists(ctx, village))))
    errors.village = t('health.cli.badVillage', { code: village });
  if (month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
    errors.month = t('health.cli.badMonth', { month });
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  return { villageCode: village, month: month ? `${month}-01` : undefined };
}

/**
 * `npx simpul health rollup [--village CODE] [--month YYYY-MM]`: recounts the monthly rollup
 * (`health_monthly_village`) of a village and/or a month, or whole, from the raw measurements —
 * after a restore or a bulk load that bypassed the triggers — and says what it counted.
 */
async function rollupCommand(ctx: Ctx, args: string[], print: (line: string) => void): Promise<void> {
  const scope = await rollupScope(ctx, args);
  const started = performance.now();
  const rows = await rebuildRollup(ctx.db, scope, ctx.clock.now());
  const { measured } = await rollupTotals(ctx.db, scope);
  print(
    t('health.cli.rollupDone', {
      rows: formatNumber(rows),
      measured: formatNumber(measured),
      village: scope.villageCode ?? t('health.cli.allVillages'),
      month: scope.month?.slice(0, 7) ?? t('health.cli.allMonths'),
      seconds: ((performance.now() - started) / 1000).toFixed(1),
    }),
  );
}

export const healthCli: CliCommand[] = [
  {
    words: ['health', 'rollup'],
    usage: '[--village CODE] [--month YYYY-MM]  hitung ulang rekap bulanan penimbangan posyandu',
    run: rollupCommand,
  },
];
