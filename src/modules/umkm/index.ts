import type { SimpulModule } from '../../platform/module.ts';
import { umkmFigures } from './figures.ts';
import { umkmImport } from './import.ts';
import { messages } from './messages.ts';
import { umkmMigrations } from './migrations.ts';
import { umkmPersonalData } from './personal-data.ts';
import { umkmWorkCount, umkmWorkItems, umkmWorkQueue } from './queue.ts';
import { umkmRoutes } from './routes.tsx';
import { umkmSearch } from './search.ts';
import { seedDemoUmkm } from './seed.ts';

export const umkmModule: SimpulModule = {
  name: 'umkm',
  migrations: umkmMigrations,
  routes: umkmRoutes,
  messages,
  navigation: [
    {
      href: '/kelola/umkm',
      label: 'umkm.nav',
      for: ['operator_desa', 'sekretaris_desa', 'kepala_desa', 'camat', 'opd', 'admin_kabupaten'],
    },
    { href: '/akun/usaha', label: 'umkm.navOwner', for: ['resident'] },
    { href: '/umkm', label: 'umkm.navPublic', for: ['public'] },
  ],
  async seedDemo(ctx, { demoVillages }) {
    await seedDemoUmkm(ctx, demoVillages);
    return undefined;
  },
  imports: [umkmImport],
  figures: umkmFigures,
  personalData: umkmPersonalData,
  search: umkmSearch,
  workQueue: umkmWorkQueue,
  workItems: umkmWorkItems,
  workCount: umkmWorkCount,
  villageSite: [{ path: 'umkm', label: 'umkm.showcase.siteMenu', order: 50 }],
};
