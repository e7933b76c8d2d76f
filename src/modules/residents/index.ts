import type { SimpulModule } from '../../platform/module.ts';
import { messages } from './messages.ts';
import { residentMigrations } from './migrations.ts';
import { residentRoutes } from './routes.tsx';
import { residentSearch } from './search.ts';
import {
  failInterruptedImportsAtStart,
  failStaleImports,
  IMPORT_HEARTBEAT_MS,
  seedDemoResidents,
  seedReferenceCodes,
} from './service.ts';

/** Demo residents per demo village: a few hundred in all, seeded in well under two seconds. */
const DEMO_PER_VILLAGE = 120;

export const residentsModule: SimpulModule = {
  name: 'residents',
  migrations: residentMigrations,
  routes: residentRoutes,
  messages,
  search: residentSearch,
  navigation: [
    {
      href: '/kelola/penduduk',
      label: 'residents.nav',
      for: ['operator_desa', 'sekretaris_desa', 'kepala_desa', 'camat', 'admin_kabupaten'],
    },
    {
      href: '/kelola/penduduk/statistik',
      label: 'residents.navStats',
      for: ['camat', 'opd', 'admin_kabupaten'],
    },
  ],
  async seed(ctx, { demo, demoVillages }) {
    await seedReferenceCodes(ctx);
    if (demo) await seedDemoResidents(ctx, demoVillages, DEMO_PER_VILLAGE);
    return undefined;
  },
  async onStart(ctx) {
    await failInterruptedImportsAtStart(ctx);
  },
  jobs: [
    {
      // an app server that dies while another keeps running is only noticed by its stopped heartbeat;
      // the embedded database has one process, whose start already failed what it left running
      name: 'residents.stale-imports',
      everyMs: 2 * IMPORT_HEARTBEAT_MS,
      run: async (ctx) => {
        if (ctx.config.databaseUrl) await failStaleImports(ctx);
      },
    },
  ],
};
