import type { FastifyInstance } from 'fastify';
import type { NavItem } from './module.ts';
import { adminRoutes } from './routes/admin.tsx';
import { apiRoutes } from './routes/api.ts';
import { publicRoutes } from './routes/public.tsx';
import { staffRoutes } from './routes/staff.tsx';

export { sessionCookieOptions, startSession } from './routes/session.ts';

export const platformNavigation: NavItem[] = [
  {
    href: '/kelola',
    label: 'nav.dashboard',
    for: ['admin_kabupaten', 'opd', 'camat', 'kepala_desa', 'sekretaris_desa', 'operator_desa'],
  },
  { href: '/kelola/pengguna', label: 'nav.users', for: ['admin_kabupaten'] },
  { href: '/kelola/audit', label: 'nav.audit', for: ['admin_kabupaten'] },
  {
    href: '/kelola/akun',
    label: 'nav.account',
    for: ['admin_kabupaten', 'opd', 'camat', 'kepala_desa', 'sekretaris_desa', 'operator_desa'],
  },
];

/** The platform's own pages, one file per audience under routes/, and its API. */
export async function platformRoutes(app: FastifyInstance): Promise<void> {
  await app.register(publicRoutes);
  await app.register(staffRoutes);
  await app.register(adminRoutes);
  await app.register(apiRoutes);
}
