import { OFFICE_ROLES } from '../../platform/auth/roles.ts';
import type { SimpulModule } from '../../platform/module.ts';
import { messages } from './messages.ts';
import { informasiMigrations } from './migrations.ts';
import { informasiPersonalData } from './personal-data.ts';
import { informasiWorkCount, informasiWorkDone, informasiWorkItems, informasiWorkQueue } from './queue.ts';
import { informasiRoutes } from './routes/index.ts';
import { seedDemoInformasi } from './seed.ts';
import { flagOverdue, informasiSitemap } from './service.ts';

export const informasiModule: SimpulModule = {
  name: 'informasi',
  migrations: informasiMigrations,
  routes: informasiRoutes,
  messages,
  personalData: informasiPersonalData,
  navigation: [
    { href: '/informasi-publik', label: 'informasi.nav.public', for: ['public'] },
    { href: '/kelola/informasi', label: 'informasi.nav.staff', for: OFFICE_ROLES },
  ],
  seedDemo: seedDemoInformasi,
  workQueue: informasiWorkQueue,
  workItems: informasiWorkItems,
  workCount: informasiWorkCount,
  workDone: informasiWorkDone,
  sitemap: informasiSitemap,
  villageSite: [{ path: 'informasi-publik', label: 'informasi.site.menu', order: 40 }],
  jobs: [
    {
      name: 'informasi-deadlines',
      everyMs: 10 * 60_000,
      run: (ctx) => flagOverdue(ctx).then(() => undefined),
    },
  ],
};
