import type { SimpulModule } from '../../platform/module.ts';
import { messages } from './messages.ts';
import { residentMigrations } from './migrations.ts';
import { residentRoutes } from './routes.tsx';
import {
  failInterruptedImportsAtStart,
  residentImport,
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
  // run by the platform's `imports` job, which also recovers imports whose server died
  imports: [residentImport],
};
