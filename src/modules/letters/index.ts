import type { SimpulModule } from '../../platform/module.ts';
import { messages } from './messages.ts';
import { letterMigrations } from './migrations.ts';
import { letterRoutes } from './routes.tsx';
import { seedLetters } from './service.ts';

export const lettersModule: SimpulModule = {
  name: 'letters',
  migrations: letterMigrations,
  routes: letterRoutes,
  messages,
  navigation: [
    {
      href: '/kelola/surat',
      label: 'letters.nav.register',
      for: ['operator_desa', 'sekretaris_desa', 'kepala_desa'],
    },
  ],
  seed: seedLetters,
};
