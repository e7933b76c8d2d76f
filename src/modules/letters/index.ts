import type { SimpulModule } from '../../platform/module.ts';
import { letterFigures } from './figures.ts';
import { messages } from './messages.ts';
import { letterMigrations } from './migrations.ts';
import { letterPersonalData } from './personal-data.ts';
import { letterRoutes } from './routes.tsx';
import { seedDemoLetterSettings } from './service.ts';

export const lettersModule: SimpulModule = {
  name: 'letters',
  migrations: letterMigrations,
  routes: letterRoutes,
  messages,
  figures: letterFigures,
  personalData: letterPersonalData,
  navigation: [
    {
      href: '/kelola/surat',
      label: 'letters.nav.register',
      for: ['operator_desa', 'sekretaris_desa', 'kepala_desa'],
    },
  ],
  seedDemo: seedDemoLetterSettings,
};
