import type { SimpulModule } from '../../platform/module.ts';
import { aidFigures } from './figures.ts';
import { aidImport } from './import.ts';
import { messages } from './messages.ts';
import { aidMigrations } from './migrations.ts';
import { aidPersonalData } from './personal-data.ts';
import { aidWorkCount, aidWorkDone, aidWorkItems, aidWorkQueue } from './queue.ts';
import { aidRoutes } from './routes.tsx';
import { seedDemoAid, seedProgrammes } from './seed.ts';

export const aidModule: SimpulModule = {
  name: 'aid',
  migrations: aidMigrations,
  routes: aidRoutes,
  messages,
  navigation: [
    {
      href: '/kelola/bansos',
      label: 'aid.nav',
      for: ['operator_desa', 'sekretaris_desa', 'kepala_desa', 'camat', 'opd', 'admin_kabupaten'],
    },
    { href: '/akun/bansos', label: 'aid.navResident', for: ['resident'] },
  ],
  seed: seedProgrammes,
  async seedDemo(ctx, { demoVillages }) {
    const village = demoVillages[0];
    if (village) await seedDemoAid(ctx, village);
    return undefined;
  },
  imports: [aidImport],
  figures: aidFigures,
  personalData: aidPersonalData,
  workQueue: aidWorkQueue,
  workItems: aidWorkItems,
  workCount: aidWorkCount,
  workDone: aidWorkDone,
  villageSite: [{ path: 'blt-dd', label: 'aid.public.siteMenu', order: 45 }],
};
