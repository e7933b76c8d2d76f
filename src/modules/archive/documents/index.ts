import type { SimpulModule } from '../../../platform/module.ts';
import { messages } from './messages.ts';
import { archiveDocumentsMigrations } from './migrations.ts';
import { archivePersonalData } from './personal-data.ts';
import { archiveDocumentsRoutes } from './routes.tsx';
import {
  archiveWorkQueue,
  EXTRACT_JOB,
  extractPending,
  reindexArchiveDocuments,
  SEARCH_KIND,
} from './service.ts';

export const archiveDocumentsModule: SimpulModule = {
  name: 'archive-documents',
  migrations: archiveDocumentsMigrations,
  routes: archiveDocumentsRoutes,
  messages,
  navigation: [
    {
      href: '/kelola/arsip/dokumen',
      label: 'archiveDocuments.nav',
      for: ['operator_desa', 'sekretaris_desa', 'kepala_desa', 'camat', 'admin_kabupaten'],
    },
  ],
  jobs: [{ name: EXTRACT_JOB, everyMs: 60_000, run: (ctx) => extractPending(ctx).then(() => undefined) }],
  search: {
    kinds: [{ kind: SEARCH_KIND, label: 'archiveDocuments.searchKind' }],
    reindex: reindexArchiveDocuments,
  },
  personalData: archivePersonalData,
  workQueue: archiveWorkQueue,
};
