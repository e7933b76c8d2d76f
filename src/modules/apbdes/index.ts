import type { SimpulModule } from '../../platform/module.ts';
import { messages } from './messages.ts';
import { apbdesMigrations } from './migrations.ts';
import { apbdesRoutes } from './routes.tsx';
import { apbdesImport, apbdesSitemap, seedDemoBudgets } from './service.ts';

export const apbdesModule: SimpulModule = {
  name: 'apbdes',
  migrations: apbdesMigrations,
  routes: apbdesRoutes,
  messages,
  navigation: [
    {
      href: '/kelola/apbdes',
      label: 'apbdes.nav',
      for: ['operator_desa', 'sekretaris_desa', 'kepala_desa', 'camat', 'admin_kabupaten'],
    },
    { href: '/apbdes', label: 'apbdes.navPublic', for: ['public'] },
  ],
  async seedDemo(ctx, { demoVillages }) {
    await seedDemoBudgets(ctx, demoVillages);
    return undefined;
  },
  imports: [apbdesImport],
  villageSite: [{ path: 'apbdes', label: 'apbdes.siteMenu', order: 20 }],
  sitemap: apbdesSitemap,
};
