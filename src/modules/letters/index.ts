import { setIssuedLetterRegister } from '../../platform/issued-letters.ts';
import type { SimpulModule } from '../../platform/module.ts';
import { letterFigures } from './figures.ts';
import { messages } from './messages.ts';
import { letterMigrations } from './migrations.ts';
import { letterPersonalData } from './personal-data.ts';
import { letterRoutes } from './routes.tsx';
import { issuedLettersOfYear, seedDemoLetterSettings } from './service.ts';

// the archive's outgoing register lists issued letters through the platform, not by importing letters
setIssuedLetterRegister({ ofYear: issuedLettersOfYear });

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
