import type { SimpulModule } from '../../platform/module.ts';
import { extendVillageSettings } from '../letters/service.ts';
import { serviceFigures } from './figures.ts';
import { messages } from './messages.ts';
import { serviceMigrations } from './migrations.ts';
import { servicePersonalData } from './personal-data.ts';
import { servicesWorkCount, servicesWorkDone, servicesWorkItems, servicesWorkQueue } from './queue.ts';
import { speedRollupJob, speedRollupMigrations } from './rollup.ts';
import { serviceRoutes } from './routes/index.ts';
import { seedDemoRequests } from './seed.ts';
import {
  listCatalog,
  seedCatalog,
  villageServicesReviewed,
  villagesWithServicesReviewed,
} from './service.ts';
import { StaffMenu, VillageServicesSection } from './views/staff.tsx';

// the village settings page is the letters module's; the services open in the village are ours
extendVillageSettings({
  menu: (actor) => StaffMenu({ actor }),
  sections: async (ctx, actor) =>
    VillageServicesSection({ services: await listCatalog(ctx, { villageCode: actor.scope.code }) }),
});

export const servicesModule: SimpulModule = {
  name: 'services',
  migrations: { ...serviceMigrations, ...speedRollupMigrations },
  jobs: [speedRollupJob],
  routes: serviceRoutes,
  messages,
  figures: serviceFigures,
  personalData: servicePersonalData,
  navigation: [
    { href: '/layanan', label: 'services.nav.catalog', for: ['public', 'resident'] },
    { href: '/akun', label: 'services.nav.account', for: ['resident'] },
    {
      href: '/kelola/layanan',
      label: 'services.nav.queue',
      for: ['operator_desa', 'sekretaris_desa', 'kepala_desa', 'camat', 'opd', 'admin_kabupaten'],
    },
    { href: '/kelola/layanan/kinerja', label: 'services.speed.title', for: ['camat', 'admin_kabupaten'] },
  ],
  seed: seedCatalog,
  seedDemo: seedDemoRequests,
  workQueue: servicesWorkQueue,
  workItems: servicesWorkItems,
  workCount: servicesWorkCount,
  workDone: servicesWorkDone,
  onboarding: [
    {
      key: 'services.offered',
      label: 'services.onboarding.offered',
      order: 50,
      href: () => '/kelola/layanan/desa',
      // every village offers the whole catalogue until it saves a choice: the step is that review
      isDone: villageServicesReviewed,
      doneIn: villagesWithServicesReviewed,
    },
  ],
};
