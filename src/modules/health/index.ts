import type { SimpulModule } from '../../platform/module.ts';
import { healthCli } from './cli.ts';
import { healthFigures } from './figures.ts';
import { healthImport } from './import.ts';
import { messages } from './messages.ts';
import { healthMigrations } from './migrations.ts';
import { healthPersonalData } from './personal-data.ts';
import { seedPuskesmas } from './puskesmas.ts';
import { puskesmasMigrations } from './puskesmas-migrations.ts';
import { healthWorkQueue } from './queue.ts';
import { rollupMigrations } from './rollup.ts';
import { healthRoutes } from './routes.tsx';
import { scorecardMigrations } from './scorecard-migrations.ts';
import { healthSearch } from './search.ts';
import { seedDemoHealth } from './seed.ts';
import { healthWorkItems } from './work-items.ts';

export const healthModule: SimpulModule = {
  name: 'health',
  migrations: { ...healthMigrations, ...rollupMigrations, ...puskesmasMigrations, ...scorecardMigrations },
  // the module's pages, with the figures helper's figures, scorecard and export pages inside
  routes: healthRoutes,
  messages,
  navigation: [
    {
      href: '/kelola/kesehatan/posyandu',
      label: 'health.nav',
      for: ['kader_posyandu', 'operator_desa', 'sekretaris_desa', 'kepala_desa', 'opd', 'admin_kabupaten'],
    },
    { href: '/akun/anak', label: 'health.navParent', for: ['resident'] },
    // kept by admin and Dinkes' regency desk, who reach it from the posyandu list (not every OPD)
    { href: '/kelola/kesehatan/puskesmas', label: 'health.puskesmas.nav', for: ['admin_kabupaten'] },
    // the platform's search page: a kader finds their posyandu's children there (search.ts)
    { href: '/kelola/cari', label: 'search.nav', for: ['kader_posyandu'] },
    {
      href: '/kelola/kesehatan/angka',
      label: 'health.figures.nav',
      for: ['operator_desa', 'sekretaris_desa', 'kepala_desa', 'camat', 'opd', 'admin_kabupaten'],
    },
  ],
  async seedDemo(ctx, { demoVillages }) {
    // one puskesmas per kecamatan (an assumption the admin edits: README)
    await seedPuskesmas(ctx);
    const village = demoVillages[0];
    return village ? seedDemoHealth(ctx, village) : undefined;
  },
  imports: [healthImport],
  figures: healthFigures,
  personalData: healthPersonalData,
  workQueue: healthWorkQueue,
  // no `workDone`: the module records no per-child "handled" event (home visits are quarterly counts)
  workItems: healthWorkItems,
  search: healthSearch,
  cli: healthCli,
  villageSite: [{ path: 'kesehatan', label: 'health.public.siteMenu', order: 40 }],
};
