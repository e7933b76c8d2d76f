import type { SimpulModule } from '../../platform/module.ts';
import { setResidentDirectory } from '../../platform/resident-directory.ts';
import { seedCountryAreas } from '../regions/service.ts';
import { correctionsWorkCount, correctionsWorkItems, correctionsWorkQueue } from './corrections.ts';
import { residentFigures } from './figures.ts';
import { messages } from './messages.ts';
import { residentMigrations } from './migrations.ts';
import { residentPersonalData } from './personal-data.ts';
import { residentRoutes } from './routes.tsx';
import { residentSearch } from './search.ts';
import {
  failInterruptedImportsAtStart,
  findResidentByNik,
  partitionResidentsByRegency,
  residentImport,
  seedDemoResidents,
  seedReferenceCodes,
} from './service.ts';

// the platform's resident login reads the registry through this directory
setResidentDirectory({
  async findByNik(ctx, nik) {
    const resident = await findResidentByNik(ctx, nik);
    if (!resident) return null;
    const { id, name, villageCode, familyNumber, status } = resident;
    return { id, nik: resident.nik, name, villageCode, familyNumber, active: status === 'hidup' };
  },
});

/** Demo residents per demo village: a few hundred in all, seeded in well under two seconds. */
const DEMO_PER_VILLAGE = 120;

export { type CorrectionSummary, myCorrections } from './corrections.ts';
export { MyCorrectionsSection } from './views/corrections.tsx';

export const residentsModule: SimpulModule = {
  name: 'residents',
  migrations: residentMigrations,
  // the partitioned layout is a PostgreSQL server's, asked for by SIMPUL_PARTITION_BY_REGENCY; it
  // partitions by the regencies of the province, so the country's areas are listed first
  async afterMigrate(db, config) {
    if (!config.partitionByRegency || !config.databaseUrl) return [];
    await seedCountryAreas(db);
    return partitionResidentsByRegency(db, config.regencyCode);
  },
  routes: residentRoutes,
  messages,
  figures: residentFigures,
  personalData: residentPersonalData,
  search: residentSearch,
  navigation: [
    {
      href: '/kelola/penduduk',
      label: 'residents.nav',
      for: ['operator_desa', 'sekretaris_desa', 'kepala_desa', 'camat', 'admin_kabupaten'],
    },
    {
      href: '/kelola/penduduk/perbaikan',
      label: 'residents.correction.nav',
      for: ['operator_desa', 'sekretaris_desa', 'kepala_desa', 'camat'],
    },
    {
      href: '/kelola/penduduk/statistik',
      label: 'residents.navStats',
      for: ['camat', 'opd', 'admin_kabupaten'],
    },
  ],
  seed: seedReferenceCodes,
  async seedDemo(ctx, { demoVillages }) {
    await seedDemoResidents(ctx, demoVillages, DEMO_PER_VILLAGE);
    return undefined;
  },
  async onStart(ctx) {
    await failInterruptedImportsAtStart(ctx);
  },
  workQueue: correctionsWorkQueue,
  workItems: correctionsWorkItems,
  workCount: correctionsWorkCount,
  // run by the platform's `imports` job, which also recovers imports whose server died
  imports: [residentImport],
};
