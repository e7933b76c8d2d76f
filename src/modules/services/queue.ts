import type { Ctx } from '../../platform/context.ts';
import { t } from '../../platform/i18n/index.ts';
import type { WorkQueueItem } from '../../platform/module.ts';
import { myTurns } from './requests.ts';
import type { RequestState } from './schema.ts';
import './messages.ts';

/** The states in which a request waits on a staff step, and the words for each. */
const WAITING: Array<{ state: RequestState; kind: string; label: string }> = [
  { state: 'diperiksa', kind: 'services.check', label: 'services.workQueue.check' },
  { state: 'menunggu_tanda_tangan', kind: 'services.sign', label: 'services.workQueue.sign' },
];

/**
 * Requests whose current step is this actor's turn (the operator's check, the kepala desa's
 * signature, an agency's step), as the services policy decides per request; each item links to
 * the queue filtered on the same turns (`giliran=saya`) in that state.
 */
export async function servicesWorkQueue(ctx: Ctx): Promise<WorkQueueItem[]> {
  if (ctx.actor?.kind !== 'staff') return [];
  const now = ctx.clock.now();
  const items: WorkQueueItem[] = [];
  for (const waiting of WAITING) {
    const mine = await myTurns(ctx, { state: waiting.state });
    if (mine.length === 0) continue;
    items.push({
      kind: waiting.kind,
      count: mine.length,
      overdue: mine.filter((r) => r.due_at !== null && r.due_at < now).length,
      href: `/kelola/layanan?giliran=saya&status=${waiting.state}`,
      label: t(waiting.label, { n: mine.length }),
    });
  }
  return items;
}
