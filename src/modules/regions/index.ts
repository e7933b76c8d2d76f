import type { SimpulModule } from '../../platform/module.ts';
import { setRegionDirectory } from '../../platform/region-directory.ts';
import { regionFigures } from './figures.ts';
import { messages } from './messages.ts';
import { regionMigrations } from './migrations.ts';
import { regionRoutes } from './routes.tsx';
import { regionExists, regionName } from './service.ts';

setRegionDirectory({ exists: regionExists, name: regionName });

export const regionsModule: SimpulModule = {
  name: 'regions',
  migrations: regionMigrations,
  routes: regionRoutes,
  messages,
  figures: regionFigures,
  navigation: [
    {
      href: '/kelola/desa',
      label: 'regions.nav.office',
      for: ['kepala_desa', 'sekretaris_desa', 'operator_desa'],
    },
  ],
};
