import { isStaff } from '../../platform/auth/roles.ts';
import { t } from '../../platform/i18n/index.ts';
import type { SimpulModule } from '../../platform/module.ts';
import { messages } from './messages.ts';
import { archiveMigrations } from './migrations.ts';
import { archiveRoutes } from './routes.tsx';
import { openDispositionItems, openDispositions, seedClassificationCodes } from './service.ts';

export const archiveModule: SimpulModule = {
  name: 'archive',
  migrations: archiveMigrations,
  routes: archiveRoutes,
  messages,
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
    { href: '/kelola/arsip/klasifikasi', label: 'archive.nav.classification', for: ['admin_kabupaten'] },
  ],
  seed: seedClassificationCodes,
  async workQueue(ctx) {
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
  },
  workItems: openDispositionItems,
};
