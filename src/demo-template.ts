import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.ts';
import { lockDataDir } from './platform/db/data-dir-lock.ts';
import { pgliteVersion, unpackArchive } from './platform/db/pglite-template.ts';
import type { DemoLogin } from './platform/module.ts';
import { codeRoot } from './platform/paths.ts';

// The demo seed is most of a first start on an empty embedded database (some 2.5 s of 5 s: every
// module's demo rows, a letter issued as a PDF). The build (`npm run build`) seeds it once into a
// data directory started from its own migrated cluster and keeps that directory, database and
// files, as a tarball; a first demo start unpacks it instead of seeding. The demo's dates are those
// of its seeding, so a tarball older than a day is not used (the seed then runs at the start as
// before), nor one seeded for another regency or public address (the letter's QR code holds it).

/** What a kept demo was seeded for, written beside its tarball. */
export interface DemoTemplateMeta {
  seededAt: string;
  regencyCode: string;
  publicUrl: string;
  logins: DemoLogin[];
}

const MAX_AGE_MS = 24 * 60 * 60 * 1000;

export function demoTemplateFiles(regencyCode: string, codeDir = codeRoot) {
  const base = path.join(codeDir, `pglite-${pgliteVersion}-demo-${regencyCode}`);
  return { archive: `${base}.tar.gz`, meta: `${base}.json` };
}

function readMeta(file: string): DemoTemplateMeta | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as DemoTemplateMeta;
  } catch {
    return null;
  }
}

/** Whether this start may unpack the build's demo: an embedded, empty data directory and a fitting, fresh demo. */
function usableMeta(config: Config, codeDir: string, now: number): DemoTemplateMeta | null {
  if (!config.demo || config.databaseUrl || config.fileStore !== 'local') return null;
  if (fs.existsSync(path.join(config.dataDir, 'pg', 'PG_VERSION'))) return null;
  if (fs.existsSync(path.join(config.dataDir, 'files'))) return null;
  const files = demoTemplateFiles(config.regencyCode, codeDir);
  const meta = readMeta(files.meta);
  if (!meta || !fs.existsSync(files.archive)) return null;
  const age = now - Date.parse(meta.seededAt);
  const fits = meta.regencyCode === config.regencyCode && meta.publicUrl === config.publicUrl;
  return fits && age >= 0 && age < MAX_AGE_MS ? meta : null;
}

/**
 * On a first demo start, unpacks the build's seeded demo (database and files) into DATA_DIR and
 * returns its logins; null when it does not apply or the unpacking failed (nothing is left behind
 * then, and the seed runs as on any first start).
 */
export async function startFromDemoTemplate(
  config: Config,
  options: { codeDir?: string; now?: number } = {},
): Promise<DemoTemplateMeta | null> {
  const codeDir = options.codeDir ?? codeRoot;
  if (!usableMeta(config, codeDir, options.now ?? Date.now())) return null;
  // held while unpacking, so that a second process never opens a half-written directory; given
  // back for openDatabase to take
  const unlock = lockDataDir(path.join(config.dataDir, 'pg'));
  try {
    const meta = usableMeta(config, codeDir, options.now ?? Date.now());
    if (!meta) return null;
    const archive = demoTemplateFiles(config.regencyCode, codeDir).archive;
    const unpacked = await unpackArchive(archive, config.dataDir);
    if (unpacked && fs.existsSync(path.join(config.dataDir, 'pg', 'PG_VERSION'))) return meta;
    for (const dir of ['pg', 'files'])
      fs.rmSync(path.join(config.dataDir, dir), { recursive: true, force: true });
    return null;
  } finally {
    unlock();
  }
}
