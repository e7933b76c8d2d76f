import type { SimpulModule } from '../../platform/module.ts';
import { siteFigures } from './figures.ts';
import { messages } from './messages.ts';
import { siteMigrations } from './migrations.ts';
import { siteRoutes } from './routes.tsx';
import { seedDemoSites } from './seed.ts';
import {
  hasOfficials,
  hasProfile,
  hasPublishedNews,
  siteNews,
  siteSitemap,
  villagesWithOfficials,
  villagesWithProfile,
  villagesWithPublishedNews,
} from './service.ts';

export const sitesModule: SimpulModule = {
  name: 'sites',
  migrations: siteMigrations,
  routes: siteRoutes,
  messages,
  seedDemo: seedDemoSites,
  figures: siteFigures,
  navigation: [
    {
      href: '/kelola/situs',
      label: 'sites.nav.staff',
      for: ['kepala_desa', 'sekretaris_desa', 'operator_desa', 'camat', 'admin_kabupaten'],
    },
  ],
  villageSite: [
    { path: 'profil', label: 'sites.section.profil', order: 10 },
    { path: 'perangkat', label: 'sites.section.perangkat', order: 20 },
    { path: 'berita', label: 'sites.section.berita', order: 30 },
    { path: 'agenda', label: 'sites.section.agenda', order: 40 },
    { path: 'galeri', label: 'sites.section.galeri', order: 50 },
  ],
  siteNews,
  sitemap: siteSitemap,
  onboarding: [
    {
      key: 'sites.profile',
      label: 'sites.onboarding.profile',
      order: 10,
      href: (code) => `/kelola/situs/${code}/profil`,
      isDone: hasProfile,
      doneIn: villagesWithProfile,
    },
    {
      key: 'sites.officials',
      label: 'sites.onboarding.officials',
      order: 20,
      href: (code) => `/kelola/situs/${code}/perangkat`,
      isDone: hasOfficials,
      doneIn: villagesWithOfficials,
    },
    {
      key: 'sites.firstNews',
      label: 'sites.onboarding.firstNews',
      order: 40,
      href: (code) => `/kelola/situs/${code}/berita/baru`,
      isDone: hasPublishedNews,
      doneIn: villagesWithPublishedNews,
    },
  ],
};
