import type { FastifyInstance } from 'fastify';
import { adminRoutes } from './admin.tsx';
import { apiRoutes } from './api.ts';
import { publicRoutes } from './public.tsx';
import { residentRoutes } from './resident.tsx';
import { staffRoutes } from './staff.tsx';

/** Every services route, one file per audience: public catalog, resident, staff, admin; and the API. */
export async function serviceRoutes(app: FastifyInstance): Promise<void> {
  await app.register(publicRoutes);
  await app.register(residentRoutes);
  await app.register(staffRoutes);
  await app.register(adminRoutes);
  await app.register(apiRoutes);
}
