// A process of its own for crash-safety.int.test.ts to kill with SIGKILL in the middle of its work.
// It opens the database as the server does (DATABASE_URL, or the embedded one in DATA_DIR).
// Usage: node --import tsx src/app-tests/crash-child.ts sign COUNT
//   prepares COUNT letter requests waiting for the kepala desa's signature, prints
//   `ready {"kades":…,"ids":[…]}`, then signs them one after the other, printing `signed N` after each.
import pino from 'pino';
import { loadConfig } from '../config.ts';
import { approveStep, startRequest } from '../modules/services/service.ts';
import {
  makeApplicant,
  makeVillageOffice,
  prepareServices,
  requestInput,
} from '../modules/services/test-builders.ts';
import { SYSTEM } from '../platform/auth/roles.ts';
import { type Ctx, systemClock, withActor } from '../platform/context.ts';
import { openDatabase } from '../platform/db/index.ts';
import { migrate, seed } from '../setup.ts';

const [scenario, count] = process.argv.slice(2);
if (scenario !== 'sign' || !count) throw new Error('usage: crash-child.ts sign COUNT');
const config = loadConfig();
const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await migrate(handle.db);
const ctx: Ctx = { db: handle.db, actor: SYSTEM, clock: systemClock, config, log: pino({ level: 'silent' }) };
await seed(ctx, { demo: false });
await prepareServices(ctx);
const office = await makeVillageOffice(ctx);
const ids: string[] = [];
for (let i = 0; i < Number(count); i++) {
  const applicant = await makeApplicant(ctx, office.operator);
  const outcome = await startRequest(
    withActor(ctx, applicant),
    'pengantar-skck',
    await requestInput({ keperluan: `Melamar kerja ${i}` }, { attachments: ['foto_ktp'] }),
  );
  await approveStep(withActor(ctx, office.operator), outcome.id);
  ids.push(outcome.id);
}
process.stdout.write(`ready ${JSON.stringify({ kades: office.kades, ids })}\n`);
for (const [i, id] of ids.entries()) {
  await approveStep(withActor(ctx, office.kades), id);
  process.stdout.write(`signed ${i + 1}\n`);
}
await handle.close();
