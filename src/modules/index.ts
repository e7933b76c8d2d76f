import type { SimpulModule } from '../platform/module.ts';
import { complaintsModule } from './complaints/index.ts';
import { lettersModule } from './letters/index.ts';
import { regionsModule } from './regions/index.ts';
import { residentsModule } from './residents/index.ts';
import { servicesModule } from './services/index.ts';

/** Every domain module, in the order their routes, texts and seeds are registered. */
export const modules: SimpulModule[] = [
  regionsModule,
  residentsModule,
  complaintsModule,
  lettersModule,
  servicesModule,
];
