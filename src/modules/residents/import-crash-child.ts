// A process of its own for import-crash.int.test.ts to kill with SIGKILL in the middle of an
// import. It opens the database the way `npx simpul import residents` does (DATABASE_URL, or the
// embedded one in DATA_DIR) and prints each progress report, so the test can tell rows are going in.
// Usage: node --import tsx src/modules/residents/import-crash-child.ts FILE REGION BATCH_SIZE
import pino from 'pino';
import { loadConfig } from '../../config.ts';
import { SYSTEM } from '../../platform/auth/roles.ts';
import { type Ctx, systemClock } from '../../platform/context.ts';
import { openDatabase } from '../../platform/db/index.ts';
import { migrate, seed } from '../../setup.ts';
import { summaryLine } from './importer.ts';
import { importResidents } from './service.ts';

const [file, regionCode, batchSize] = process.argv.slice(2);
if (!file || !regionCode) throw new Error('usage: import-crash-child.ts FILE REGION [BATCH_SIZE]');
const config = loadConfig();
const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await migrate(handle.db);
const ctx: Ctx = { db: handle.db, actor: SYSTEM, clock: systemClock, config, log: pino({ level: 'silent' }) };
await seed(ctx, { demo: false });
const summary = await importResidents(ctx, {
  path: file,
  fileName: file,
  regionCode,
  mode: 'valid_rows',
  errorFile: null,
  batchSize: Number(batchSize ?? 5000),
  onProgress: ({ rowsDone }) => {
    process.stdout.write(`rows ${rowsDone}\n`);
  },
});
process.stdout.write(`${summaryLine(summary)}\n`);
await handle.close();
