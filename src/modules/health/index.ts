import type { SimpulModule } from '../../platform/module.ts';
import { messages } from './messages.ts';
import { healthMigrations } from './migrations.ts';

export const healthModule: SimpulModule = {
  name: 'health',
  migrations: healthMigrations,
  messages,
};
