import type { SimpulModule } from '../../platform/module.ts';
import { messages } from './messages.ts';
import { serviceMigrations } from './migrations.ts';
import { serviceRoutes } from './routes/index.ts';
import { seedServices } from './seed.ts';

export const servicesModule: SimpulModule = {
  name: 'services',
  migrations: serviceMigrations,
  routes: serviceRoutes,
  messages,
  navigation: [
    { href: '/layanan', label: 'services.nav.catalog', for: ['public', 'resident'] },
    { href: '/akun', label: 'services.nav.account', for: ['resident'] },
    {
      href: '/kelola/layanan',
      label: 'services.nav.queue',
      for: ['operator_desa', 'sekretaris_desa', 'kepala_desa', 'camat', 'opd', 'admin_kabupaten'],
    },
  ],
  seed: seedServices,
};
