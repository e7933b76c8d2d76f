import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../auth/guards.ts';
import { Invalid } from '../http/errors.ts';
import { queryText } from '../http/input.ts';
import type { SimpulModule } from '../module.ts';
import { parseMonth, readPerformance, WORK_ITEM_LIMIT, WORK_PATH, workListOf } from './index.ts';
import { PerformancePage, WorkPage } from './views.tsx';

/** "Kerja saya": the officer's own queue and the performance page, over every module's providers. */
export async function workRoutes(app: FastifyInstance, options: { modules: readonly SimpulModule[] }) {
  const staff = { preHandler: requireStaff(), schema: { hide: true } };

  app.get(WORK_PATH, staff, async (request, reply) => {
    const list = await workListOf(request, options.modules);
    // the queue changes with every request filed: never a stored copy
    reply.header('cache-control', 'no-store');
    return reply.page(<WorkPage list={list} now={request.ctx.clock.now()} limit={WORK_ITEM_LIMIT} />);
  });

  app.get(`${WORK_PATH}/kinerja`, staff, async (request, reply) => {
    const asked = queryText(request).bulan;
    let month: string;
    try {
      month = parseMonth(asked, request.ctx.clock.now());
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      return reply.page(
        <PerformancePage month={asked ?? ''} performance={null} errors={error.fields} />,
        422,
      );
    }
    const performance = await readPerformance(request.ctx, options.modules, month);
    return reply.page(<PerformancePage month={month} performance={performance} />);
  });
}
