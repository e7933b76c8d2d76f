import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { codeRoot } from '../paths.ts';

// A new embedded database starts with initdb inside WASM: most of a first start's time (seconds on
// two cores). Its output is the same for every installation of one PGlite version, so the build
// (`npm run build`) keeps one freshly initialised, empty cluster as a tarball and a start on an
// empty data directory unpacks it instead. No schema, no data: migrations and seeds run as before.
// The build also keeps, inside the compiled tree, that cluster with every migration of that very
// build applied and the default regency's reference data seeded (`schemaTemplateName`): a compiled
// server's first start for that regency unpacks it and has no migration and no reference seed left
// to run (`prepareTemplate` in setup.ts); a server for another regency starts from the empty one.
// node_modules/@electric-sql/pglite/dist/index.cjs → the package's directory (it exports no package.json)
const pgliteDir = path.resolve(
  path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')),
  '..',
);
export const pgliteVersion = (
  JSON.parse(fs.readFileSync(path.join(pgliteDir, 'package.json'), 'utf8')) as { version: string }
).version;
const nodeModules = path.resolve(pgliteDir, '..', '..');

export const pgliteTemplatePath = path.join(
  nodeModules,
  '.cache',
  'simpul',
  `pglite-${pgliteVersion}-initdb.tar.gz`,
);

/** The migrated and seeded cluster's file name in a compiled tree, for this PGlite version and regency only. */
export function schemaTemplateName(regencyCode: string): string {
  return `pglite-${pgliteVersion}-schema-${regencyCode}.tar.gz`;
}

/**
 * The cluster to start a new data directory from: the build's migrated one of the regency served,
 * else the empty one, else none. (In src/ there is never a migrated one: only dist/ has it.)
 */
export function pgliteTemplateFile(dataDir: string, regencyCode: string | undefined): string | undefined {
  if (fs.existsSync(path.join(dataDir, 'PG_VERSION'))) return undefined;
  const schemaTemplate = regencyCode ? [path.join(codeRoot, schemaTemplateName(regencyCode))] : [];
  return [...schemaTemplate, pgliteTemplatePath].find((file) => fs.existsSync(file));
}

/**
 * Unpacks a template into an empty data directory with the system's `tar`, some ten times faster
 * than PGlite writing it through its WASM file system (`loadDataDir`). False when there is no `tar`
 * or it failed (the directory is then left empty).
 */
export async function unpackTemplate(file: string, dataDir: string): Promise<boolean> {
  if ((await unpackArchive(file, dataDir)) && fs.existsSync(path.join(dataDir, 'PG_VERSION'))) return true;
  fs.rmSync(dataDir, { recursive: true, force: true });
  return false;
}

/** `tar -xzf file -C dir`; false when there is no `tar` or it failed. */
export async function unpackArchive(file: string, dir: string): Promise<boolean> {
  fs.mkdirSync(dir, { recursive: true });
  // not spawnSync: the modules of the app load while tar writes the cluster (about a second)
  const status = await new Promise<number | null>((resolve) => {
    const tar = spawn('tar', ['-xzf', file, '-C', dir], { stdio: 'ignore' });
    tar.on('error', () => resolve(null));
    tar.on('close', resolve);
  });
  return status === 0;
}

/** Runs initdb once (in memory) and keeps the empty cluster; does nothing when it is already kept. */
export async function ensurePGliteTemplate(): Promise<string> {
  if (fs.existsSync(pgliteTemplatePath)) return pgliteTemplatePath;
  const pglite = await PGlite.create();
  const dump = await pglite.dumpDataDir('gzip');
  await pglite.close();
  fs.mkdirSync(path.dirname(pgliteTemplatePath), { recursive: true });
  const partial = `${pgliteTemplatePath}.${process.pid}`;
  fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(partial, pgliteTemplatePath);
  return pgliteTemplatePath;
}
