#!/usr/bin/env node
// `npm test`: typecheck, lint, unit + integration tests on PGlite, integration tests again on
// PostgreSQL when TEST_DATABASE_URL is set, and browser tests when Chromium is installed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const bin = (name) => path.resolve('node_modules', '.bin', name);
const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-test-'));
const failures = [];
const totals = { passed: 0, failed: 0, skipped: 0 };

function step(title, command, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) failures.push(title);
}

function vitest(title, args, env) {
  const report = path.join(reports, `${title.replace(/\W+/g, '-')}.json`);
  step(
    title,
    bin('vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args],
    env,
  );
  if (fs.existsSync(report)) {
    const r = JSON.parse(fs.readFileSync(report, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + r.numTodoTests;
  }
}

step('typecheck (tsc)', bin('tsc'), ['--noEmit']);
step('lint (biome)', bin('biome'), ['check', '.']);
vitest('unit and integration tests on PGlite', [], { SIMPUL_TEST_DB: 'pglite' });

if (process.env.TEST_DATABASE_URL) {
  vitest('integration tests on PostgreSQL', ['.int.test'], { SIMPUL_TEST_DB: 'postgres' });
} else {
  console.log('\n▷ integration tests on PostgreSQL skipped: TEST_DATABASE_URL is not set');
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (fs.existsSync(chromium)) {
  vitest('browser tests (Chromium)', ['--config', 'vitest.e2e.config.ts'], { CHROMIUM_PATH: chromium });
} else {
  console.log(`\n▷ browser tests skipped: Chromium not found at ${chromium} (apt-get install chromium)`);
}

console.log('');
if (failures.length > 0) console.log(`failed steps: ${failures.join('; ')}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length > 0 ? 1 : 0);
