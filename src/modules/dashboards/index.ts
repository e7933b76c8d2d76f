import type { SimpulModule } from '../../platform/module.ts';
import { messages } from './messages.ts';
import { dashboardRoutes } from './routes.tsx';

/** The regency at a glance (issue #17): adoption, service speed, complaints, social figures, `/statistik`. */
export const dashboardsModule: SimpulModule = {
  name: 'dashboards',
  routes: dashboardRoutes,
  messages,
  navigation: [
    {
      href: '/kelola/statistik',
      label: 'dashboards.nav.staff',
      for: ['operator_desa', 'sekretaris_desa', 'kepala_desa', 'camat', 'opd', 'admin_kabupaten'],
    },
  ],
};
