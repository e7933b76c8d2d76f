import type { SimpulModule } from '../../platform/module.ts';
import { messages } from './messages.ts';
import { onboardingMigrations } from './migrations.ts';
import { onboardingRoutes } from './routes.tsx';

export const onboardingModule: SimpulModule = {
  name: 'onboarding',
  migrations: onboardingMigrations,
  routes: onboardingRoutes,
  messages,
  navigation: [{ href: '/kelola/onboarding', label: 'onboarding.nav', for: ['camat', 'admin_kabupaten'] }],
};
