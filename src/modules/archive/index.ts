import type { FastifyInstance } from 'fastify';
import { isStaff } from '../../platform/auth/roles.ts';
import type { Ctx } from '../../platform/context.ts';
import { t } from '../../platform/i18n/index.ts';
import type { SimpulModule, WorkQueueItem } from '../../platform/module.ts';
import { messages as documentMessages } from './documents/messages.ts';
import { archiveDocumentsMigrations } from './documents/migrations.ts';
import { archivePersonalData } from './documents/personal-data.ts';
import { archiveDocumentsRoutes } from './documents/routes.tsx';
import {
  archiveWorkQueue,
  EXTRACT_JOB,
  extractPending,
  reindexArchiveDocuments,
  SEARCH_KIND,
} from './documents/service.ts';
import { messages as registerMessages } from './messages.ts';
import { archiveMigrations } from './migrations.ts';
import { archiveRoutes } from './routes.tsx';
import {
  dispositionsDone,
  openDispositionCount,
  openDispositionItems,
  openDispositions,
  seedClassificationCodes,
} from './service.ts';

/** The dispositions waiting for the acting officer, as one line of their work queue. */
async function dispositionQueue(ctx: Ctx): Promise<WorkQueueItem[]> {
  if (!isStaff(ctx.actor)) return [];
  const { open, overdue } = await openDispositions(ctx);
  if (open === 0) return [];
  return [
    {
      kind: 'archive.dispositions',
      count: open,
      overdue,
      href: '/kelola/arsip/surat-masuk?untuk=saya',
      label: t('archive.workQueue.dispositions', { n: open }),
    },
  ];
}

/**
 * The village archive: the classification list and the letter registers (this folder) and the
 * documents with their text (`documents/`). The migration ids of both parts stay as they were.
 */
export const archiveModule: SimpulModule = {
  name: 'archive',
  migrations: { ...archiveMigrations, ...archiveDocumentsMigrations },
  async routes(app: FastifyInstance) {
    await app.register(archiveRoutes);
    await app.register(archiveDocumentsRoutes);
  },
  messages: {
    id: { ...registerMessages.id, ...documentMessages.id },
    en: { ...registerMessages.en, ...documentMessages.en },
  },
  navigation: [
    {
      href: '/kelola/arsip/surat-masuk',
      label: 'archive.nav.incoming',
      for: ['operator_desa', 'sekretaris_desa', 'kepala_desa', 'camat'],
    },
    {
      href: '/kelola/arsip/surat-keluar',
      label: 'archive.nav.outgoing',
      for: ['operator_desa', 'sekretaris_desa', 'kepala_desa', 'camat'],
    },
    {
      href: '/kelola/arsip/dokumen',
      label: 'archiveDocuments.nav',
      for: ['operator_desa', 'sekretaris_desa', 'kepala_desa', 'camat', 'admin_kabupaten'],
    },
    { href: '/kelola/arsip/klasifikasi', label: 'archive.nav.classification', for: ['admin_kabupaten'] },
  ],
  seed: seedClassificationCodes,
  jobs: [{ name: EXTRACT_JOB, everyMs: 60_000, run: (ctx) => extractPending(ctx).then(() => undefined) }],
  search: {
    kinds: [{ kind: SEARCH_KIND, label: 'archiveDocuments.searchKind' }],
    reindex: reindexArchiveDocuments,
  },
  personalData: archivePersonalData,
  async workQueue(ctx): Promise<WorkQueueItem[]> {
    return [...(await dispositionQueue(ctx)), ...(await archiveWorkQueue(ctx))];
  },
  workItems: openDispositionItems,
  workCount: openDispositionCount,
  workDone: dispositionsDone,
};
