import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../auth/guards.ts';
import { assertOnItem } from '../auth/policy.ts';
import type { Ctx } from '../context.ts';
import { type FileFinding, listFileFindings } from '../files/integrity.ts';
import { sendPrivateFile } from '../http/download.ts';
import { formatDateTime, formatNumber, t } from '../i18n/index.ts';
import {
  findImport,
  type ImportRecord,
  importErrorFileOf,
  importKindLabel,
  importPercent,
  listRecentImports,
} from '../imports/index.ts';
import { StatusTag, Table } from '../ui/components.tsx';
import { raw, type SafeHtml } from '../ui/jsx-runtime.ts';
import { Layout } from '../ui/layout.tsx';
import { type JobStatus, listJobStatus } from './index.ts';

/** What the admin reads on the background work page: every job and the latest imports of every kind. */
export async function backgroundWork(
  ctx: Ctx,
): Promise<{ jobs: JobStatus[]; imports: ImportRecord[]; findings: FileFinding[] }> {
  assertOnItem(ctx.actor, 'manage');
  return {
    jobs: await listJobStatus(ctx),
    imports: await listRecentImports(ctx),
    findings: await listFileFindings(ctx),
  };
}

function every(ms: number | null): string {
  if (!ms) return '–';
  if (ms % 3_600_000 === 0) return t('jobs.everyHours', { n: ms / 3_600_000 });
  if (ms % 60_000 === 0) return t('jobs.everyMinutes', { n: ms / 60_000 });
  return t('jobs.everySeconds', { n: Math.round(ms / 1000) });
}

const when = (value: Date | null) => (value ? formatDateTime(value) : '–');

function JobsPage(p: { jobs: JobStatus[]; imports: ImportRecord[]; findings: FileFinding[] }): SafeHtml {
  const busy = p.imports.some((i) => i.state === 'antre' || i.state === 'berjalan');
  return (
    <Layout
      title={t('jobs.title')}
      wide
      head={busy ? raw('<meta http-equiv="refresh" content="5">') : undefined}
    >
      <h1>{t('jobs.title')}</h1>
      <p>{t('jobs.intro')}</p>
      {p.findings.length > 0 ? <FileFindings findings={p.findings} /> : ''}
      <Table
        caption={t('jobs.scheduled')}
        rows={p.jobs}
        empty={t('jobs.empty')}
        columns={[
          { header: t('jobs.name'), cell: (j) => <code>{j.name}</code> },
          { header: t('jobs.every'), cell: (j) => every(j.everyMs) },
          { header: t('jobs.lastStarted'), cell: (j) => when(j.lastStartedAt) },
          { header: t('jobs.lastFinished'), cell: (j) => when(j.lastFinishedAt) },
          {
            header: t('jobs.outcome'),
            cell: (j) =>
              j.runningNow ? (
                <StatusTag tone="info">{t('jobs.runningNow')}</StatusTag>
              ) : j.lastOutcome ? (
                <StatusTag tone={j.lastOutcome === 'ok' ? 'good' : 'bad'}>
                  {t(`jobs.outcome.${j.lastOutcome}`)}
                  {j.attempts > 0 ? ` (${t('jobs.failuresInRow', { n: j.attempts })})` : ''}
                </StatusTag>
              ) : (
                '–'
              ),
          },
          { header: t('jobs.lastError'), cell: (j) => j.lastError ?? '' },
          { header: t('jobs.nextRun'), cell: (j) => when(j.nextRunAt) },
        ]}
      />
      <Table
        caption={t('jobs.imports')}
        rows={p.imports}
        empty={t('jobs.noImports')}
        columns={[
          { header: t('jobs.importKind'), cell: (i) => importKindLabel(i.kind) },
          { header: t('jobs.importRegion'), cell: (i) => i.region_code },
          { header: t('jobs.importFile'), cell: (i) => i.file_name },
          { header: t('jobs.importCreated'), cell: (i) => when(i.created_at) },
          {
            header: t('jobs.importState'),
            cell: (i) => (
              <>
                {t(`jobs.importState.${i.state}`)}
                {i.failure ? `: ${t(`jobs.importFailure.${i.failure}`)}` : ''}
              </>
            ),
          },
          {
            header: t('jobs.importProgress'),
            cell: (i) => {
              const percent = importPercent(i);
              return (
                <>
                  <progress max="100" value={String(percent)}>
                    {percent}%
                  </progress>{' '}
                  {formatNumber(i.rows_done)}
                  {i.rows_total > 0 ? ` / ${formatNumber(i.rows_total)}` : ''}
                </>
              );
            },
          },
          {
            header: t('jobs.importRejected'),
            cell: (i) =>
              i.error_file_id ? (
                <a href={`/kelola/tugas/impor/${i.id}/galat.csv`}>{formatNumber(i.rejected)}</a>
              ) : (
                formatNumber(i.rejected)
              ),
            numeric: true,
          },
        ]}
      />
    </Layout>
  );
}

/** Stored files whose bytes changed or went since they were saved (the `file_integrity` job's findings). */
function FileFindings(p: { findings: FileFinding[] }): SafeHtml {
  return (
    <Table
      caption={t('files.findings')}
      rows={p.findings}
      columns={[
        { header: t('files.findingName'), cell: (f) => f.names.join(', ') || '–' },
        { header: t('files.findingRecords'), cell: (f) => formatNumber(f.records), numeric: true },
        {
          header: t('files.findingProblem'),
          cell: (f) => <StatusTag tone="bad">{t(`files.problem.${f.problem}`)}</StatusTag>,
        },
        { header: t('files.findingFirst'), cell: (f) => when(f.firstFoundAt) },
        { header: t('files.findingChecked'), cell: (f) => when(f.lastCheckedAt) },
        { header: t('files.findingHash'), cell: (f) => <code>{f.sha256.slice(0, 16)}…</code> },
      ]}
    />
  );
}

/** GET /kelola/tugas (admin kabupaten): background jobs and imports; the rejected rows of any import. */
export function backgroundWorkRoutes(app: FastifyInstance): void {
  const admin = { preHandler: requireStaff('admin_kabupaten'), schema: { hide: true } };
  app.get('/kelola/tugas', admin, async (request, reply) => {
    return reply.page(<JobsPage {...(await backgroundWork(request.ctx))} />);
  });
  app.get('/kelola/tugas/impor/:id/galat.csv', admin, async (request, reply) => {
    assertOnItem(request.ctx.actor, 'manage');
    const record = await findImport(request.ctx, (request.params as { id: string }).id);
    const file = await importErrorFileOf(request.ctx, record);
    return sendPrivateFile(reply, { ...file, name: `galat-${record.id}.csv` }, 'attachment');
  });
}
