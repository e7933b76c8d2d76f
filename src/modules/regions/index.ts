import type { SimpulModule } from '../../platform/module.ts';
import { setRegionDirectory } from '../../platform/region-directory.ts';
import { regionFigures } from './figures.ts';
import { messages } from './messages.ts';
import { regionMigrations } from './migrations.ts';
import { regionRoutes } from './routes.tsx';
import { codesWithin, findVillage, listVillages, regionExists, regionName } from './service.ts';

setRegionDirectory({ exists: regionExists, name: regionName, codesWithin });

export const regionsModule: SimpulModule = {
  name: 'regions',
  migrations: regionMigrations,
  routes: regionRoutes,
  messages,
  figures: regionFigures,
  onboarding: [
    {
      key: 'regions.office',
      label: 'regions.onboarding.office',
      order: 10,
      href: (code) => `/kelola/desa/${code}`,
      // done when residents can find and reach the office: address, phone and opening hours
      isDone: async (ctx, code) => {
        const v = await findVillage(ctx, code);
        return Boolean(v?.address?.trim() && v.phone?.trim() && v.officeHours?.trim());
      },
      // the same for many villages: the regency's villages are one query
      doneIn: async (ctx, codes) => {
        const wanted = new Set(codes);
        const all = await listVillages(ctx);
        return new Set(
          all
            .filter(
              (v) => wanted.has(v.code) && v.address?.trim() && v.phone?.trim() && v.officeHours?.trim(),
            )
            .map((v) => v.code),
        );
      },
    },
  ],
  navigation: [
    {
      href: '/kelola/desa',
      label: 'regions.nav.office',
      for: ['kepala_desa', 'sekretaris_desa', 'operator_desa'],
    },
  ],
};
