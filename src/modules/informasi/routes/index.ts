import type { FastifyInstance } from 'fastify';
import { publicRoutes } from './public.tsx';
import { staffRoutes } from './staff.tsx';

export async function informasiRoutes(app: FastifyInstance): Promise<void> {
  await publicRoutes(app);
  await staffRoutes(app);
}
