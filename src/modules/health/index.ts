import type { SimpulModule } from '../../platform/module.ts';
import { healthFigures } from './figures.ts';
import { figuresRoutes } from './figures-routes.tsx';
import { messages } from './messages.ts';
import { healthMigrations } from './migrations.ts';
import { scorecardMigrations } from './scorecard-migrations.ts';

export const healthModule: SimpulModule = {
  name: 'health',
  migrations: { ...healthMigrations, ...scorecardMigrations },
  // core: register figuresRoutes inside the module's own routes plugin once it exists
  routes: figuresRoutes,
  messages,
  figures: healthFigures,
  villageSite: [{ path: 'kesehatan', label: 'health.public.siteMenu', order: 40 }],
};
