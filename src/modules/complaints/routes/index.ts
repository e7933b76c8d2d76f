import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { codePath, projectRoot } from '../../../platform/paths.ts';
import { registerAssetFolder } from '../../../platform/ui/assets.ts';
import { open311Routes } from '../open311-routes.ts';
import { adminRoutes } from './admin.tsx';
import { apiRoutes } from './api.ts';
import { publicRoutes } from './public.tsx';
import { staffRoutes } from './staff.tsx';

/** Every complaints route, one file per audience: public, staff, admin; the API and Open311. */
export async function complaintRoutes(app: FastifyInstance): Promise<void> {
  registerAssetFolder(app, {
    root: path.join(projectRoot, 'node_modules/leaflet/dist'),
    prefix: '/pengaduan/aset/leaflet/',
  });
  registerAssetFolder(app, { root: codePath('modules/complaints/assets'), prefix: '/pengaduan/aset/' });
  await app.register(open311Routes);
  await app.register(publicRoutes);
  await app.register(staffRoutes);
  await app.register(adminRoutes);
  await app.register(apiRoutes);
}
