import type { FastifyInstance } from 'fastify';
import { OFFICE_ROLES, ROLES } from './auth/roles.ts';
import { figureRoutes } from './figures/routes.ts';
import { backgroundWorkRoutes } from './jobs/routes.tsx';
import type { NavItem, SimpulModule } from './module.ts';
import { personalDataRoutes } from './personal-data/routes.tsx';
import { adminRoutes } from './routes/admin.tsx';
import { apiRoutes } from './routes/api.ts';
import { publicRoutes } from './routes/public.tsx';
import { staffRoutes } from './routes/staff.tsx';
import { workRoutes } from './work/routes.tsx';

export { sessionCookieOptions, startSession } from './routes/session.ts';

import { residentLoginRoutes } from './routes/resident-login.tsx';

export const platformNavigation: NavItem[] = [
  { href: '/kelola', label: 'nav.dashboard', for: OFFICE_ROLES },
  { href: '/kelola/kerja', label: 'nav.work', for: ROLES },
  { href: '/kelola/pengguna', label: 'nav.users', for: ['admin_kabupaten'] },
  { href: '/kelola/audit', label: 'nav.audit', for: ['admin_kabupaten'] },
  { href: '/kelola/tugas', label: 'nav.jobs', for: ['admin_kabupaten'] },
  { href: '/kelola/data-pribadi', label: 'nav.personalData', for: ['admin_kabupaten'] },
  { href: '/kelola/akun', label: 'nav.account', for: OFFICE_ROLES },
];

/** The module list, handed in by the app: the platform reads modules' figures and personal data through it. */
export interface PlatformRouteOptions {
  modules: readonly SimpulModule[];
}

/** The platform's own pages, one file per audience under routes/, and its API. */
export async function platformRoutes(app: FastifyInstance, options: PlatformRouteOptions): Promise<void> {
  backgroundWorkRoutes(app);
  await app.register(figureRoutes, { sources: options.modules });
  await app.register(personalDataRoutes, { sources: options.modules });
  await app.register(publicRoutes);
  await app.register(residentLoginRoutes);
  await app.register(staffRoutes, options);
  await app.register(workRoutes, options);
  await app.register(adminRoutes);
  await app.register(apiRoutes);
}
