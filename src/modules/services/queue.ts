import type { Ctx } from '../../platform/context.ts';
import { t } from '../../platform/i18n/index.ts';
import type { WorkQueueItem } from '../../platform/module.ts';
import type { StepDefinition } from './definition.ts';
import { mayActOnStep, queueScope } from './policy.ts';
import * as repo from './repo.ts';
import type { RequestState } from './schema.ts';
import './messages.ts';

/** Enough for any one office's desk; a queue longer than this is counted as this many. */
const COUNT_CAP = 1000;

/** The states in which a request waits on a staff step, and the words for each. */
const WAITING: Array<{ state: RequestState; kind: string; label: string }> = [
  { state: 'diperiksa', kind: 'services.check', label: 'services.workQueue.check' },
  { state: 'menunggu_tanda_tangan', kind: 'services.sign', label: 'services.workQueue.sign' },
];

/**
 * Requests whose current step is this actor's (the operator's check, the kepala desa's signature,
 * an agency's step), as the services policy decides per request; each item links to the queue
 * filtered on that state, whose "Giliran Anda" column marks the same requests.
 */
export async function servicesWorkQueue(ctx: Ctx): Promise<WorkQueueItem[]> {
  const actor = ctx.actor;
  if (actor?.kind !== 'staff') return [];
  const now = ctx.clock.now();
  const items: WorkQueueItem[] = [];
  for (const waiting of WAITING) {
    const { rows } = await repo.queueRows(ctx.db, queueScope(actor), {
      state: waiting.state,
      page: 1,
      pageSize: COUNT_CAP,
    });
    const mine = rows.filter((r) => {
      const step = r.definition.steps[r.step_index] as StepDefinition | undefined;
      return step !== undefined && mayActOnStep(actor, step, r, r.definition);
    });
    if (mine.length === 0) continue;
    items.push({
      kind: waiting.kind,
      count: mine.length,
      overdue: mine.filter((r) => r.due_at !== null && r.due_at < now).length,
      href: `/kelola/layanan?status=${waiting.state}`,
      label: t(waiting.label, { n: mine.length }),
    });
  }
  return items;
}
