import { registerMessages } from '../platform/i18n/index.ts';
import type { SimpulModule } from '../platform/module.ts';
import { aidModule } from './aid/index.ts';
import { apbdesModule } from './apbdes/index.ts';
import { archiveModule } from './archive/index.ts';
import { complaintsModule } from './complaints/index.ts';
import { dashboardsModule } from './dashboards/index.ts';
import { healthModule } from './health/index.ts';
import { informasiModule } from './informasi/index.ts';
import { lettersModule } from './letters/index.ts';
import { onboardingModule } from './onboarding/index.ts';
import { portalModule } from './portal/index.ts';
import { regionsModule } from './regions/index.ts';
import { residentsModule } from './residents/index.ts';
import { servicesModule } from './services/index.ts';
import { sitesModule } from './sites/index.ts';
import { umkmModule } from './umkm/index.ts';

/** Every domain module, in the order their routes, texts and seeds are registered. */
export const modules: SimpulModule[] = [
  regionsModule,
  residentsModule,
  complaintsModule,
  archiveModule,
  lettersModule,
  servicesModule,
  informasiModule,
  portalModule,
  sitesModule,
  apbdesModule,
  onboardingModule,
  healthModule,
  umkmModule,
  aidModule,
  dashboardsModule,
];

// each module's texts are known as soon as the module is loaded, so its services speak them from a
// job, the CLI or a test as well as from a request (app.ts registers them again, to the same effect)
for (const module of modules) if (module.messages) registerMessages(module.messages);
