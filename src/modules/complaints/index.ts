import { OFFICE_ROLES } from '../../platform/auth/roles.ts';
import type { SimpulModule } from '../../platform/module.ts';
import { complaintFigures } from './figures.ts';
import { messages } from './messages.ts';
import { complaintMigrations } from './migrations.ts';
import { openCountMigrations } from './open-counts.ts';
import { complaintPersonalData } from './personal-data.ts';
import {
  complaintsWorkCount,
  complaintsWorkDone,
  complaintsWorkItems,
  complaintsWorkQueue,
} from './queue.ts';
import { complaintRollupJob, complaintRollupMigrations } from './rollup.ts';
import { complaintRoutes } from './routes/index.ts';
import { complaintSearch } from './search.ts';
import { seedDemoComplaints } from './seed.ts';
import { escalateOverdue, seedComplaintReference } from './service.ts';

export const complaintsModule: SimpulModule = {
  name: 'complaints',
  migrations: { ...complaintMigrations, ...complaintRollupMigrations, ...openCountMigrations },
  routes: complaintRoutes,
  messages,
  figures: complaintFigures,
  personalData: complaintPersonalData,
  search: complaintSearch,
  navigation: [
    { href: '/pengaduan', label: 'complaints.nav.public', for: ['public'] },
    { href: '/kelola/pengaduan', label: 'complaints.nav.staff', for: OFFICE_ROLES },
  ],
  seed: seedComplaintReference,
  seedDemo: seedDemoComplaints,
  workQueue: complaintsWorkQueue,
  workItems: complaintsWorkItems,
  workCount: complaintsWorkCount,
  workDone: complaintsWorkDone,
  jobs: [
    {
      name: 'complaints-sla',
      everyMs: 10 * 60_000,
      run: (ctx) => escalateOverdue(ctx).then(() => undefined),
    },
    complaintRollupJob,
  ],
};
