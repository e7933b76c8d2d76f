import type { SimpulModule } from '../../platform/module.ts';
import { messages } from './messages.ts';
import { portalRoutes } from './routes.tsx';

/** The regency portal, the village home pages, kecamatan pages, the sitemap and robots.txt. */
export const portalModule: SimpulModule = {
  name: 'portal',
  routes: portalRoutes,
  messages,
  navigation: [{ href: '/', label: 'portal.nav.home', for: ['public'] }],
};
