// A process of its own for crash-safety.int.test.ts to kill with SIGKILL in the middle of its work.
// It opens the database as the server does (DATABASE_URL, or the embedded one in DATA_DIR).
// Usage: node --import tsx src/app-tests/crash-child.ts sign|posyandu|archive COUNT
//   sign: COUNT letter requests waiting for the kepala desa; prints `ready {"kades":…,"ids":[…]}`,
//     then signs them one after the other, printing `signed N` after each.
//   posyandu: a posyandu of COUNT children and their month's sheet queued; prints `ready`, then runs
//     the import as the server's imports job does, printing `rows N` as it goes.
//   archive: prints `ready {"operator":…}`, then files COUNT scanned decrees one by one, printing
//     `filed N` after each.
import pino from 'pino';
import { loadConfig } from '../config.ts';
import { healthImport } from '../modules/health/import.ts';
import { approveStep } from '../modules/services/service.ts';
import { SYSTEM } from '../platform/auth/roles.ts';
import { type Ctx, systemClock, withActor } from '../platform/context.ts';
import { openDatabase } from '../platform/db/index.ts';
import { runQueuedImports } from '../platform/imports/index.ts';
import { migrate, seed } from '../setup.ts';
import {
  archiveOperator,
  fileDecrees,
  lettersAwaitingSignature,
  posyanduSheetQueued,
} from './crash-scenarios.ts';

const [scenario, count] = process.argv.slice(2);
if (!['sign', 'posyandu', 'archive'].includes(scenario ?? '') || !count)
  throw new Error('usage: crash-child.ts sign|posyandu|archive COUNT');
const config = loadConfig();
const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await migrate(handle.db);
const ctx: Ctx = { db: handle.db, actor: SYSTEM, clock: systemClock, config, log: pino({ level: 'silent' }) };
await seed(ctx, { demo: false });
if (scenario === 'sign') {
  const { kades, ids } = await lettersAwaitingSignature(ctx, Number(count));
  process.stdout.write(`ready ${JSON.stringify({ kades, ids })}\n`);
  for (const [i, id] of ids.entries()) {
    await approveStep(withActor(ctx, kades), id);
    process.stdout.write(`signed ${i + 1}\n`);
  }
} else if (scenario === 'archive') {
  const operator = await archiveOperator(ctx);
  process.stdout.write(`ready ${JSON.stringify({ operator })}\n`);
  await fileDecrees(ctx, operator, { from: 0, to: Number(count) }, (i) =>
    process.stdout.write(`filed ${i + 1}\n`),
  );
} else {
  await posyanduSheetQueued(ctx, Number(count));
  process.stdout.write('ready\n');
  await runQueuedImports(ctx, [
    {
      ...healthImport,
      run: (c, job, file, progress) =>
        healthImport.run(c, job, file, {
          report: (p) => {
            process.stdout.write(`rows ${p.rowsDone}\n`);
            progress.report(p);
          },
        }),
    },
  ]);
}
await handle.close();
