import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

// A new embedded database starts with initdb inside WASM: most of a first start's time (seconds on
// two cores). Its output is the same for every installation of one PGlite version, so the build
// (`npm run build`) keeps one freshly initialised, empty cluster as a tarball and a start on an
// empty data directory unpacks it instead. No schema, no data: migrations and seeds run as before.
// node_modules/@electric-sql/pglite/dist/index.cjs → the package's directory (it exports no package.json)
const pgliteDir = path.resolve(
  path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')),
  '..',
);
const version = (
  JSON.parse(fs.readFileSync(path.join(pgliteDir, 'package.json'), 'utf8')) as { version: string }
).version;
const nodeModules = path.resolve(pgliteDir, '..', '..');

export const pgliteTemplatePath = path.join(
  nodeModules,
  '.cache',
  'simpul',
  `pglite-${version}-initdb.tar.gz`,
);

/** The empty cluster to start a new data directory from, when the build has made one. */
export function pgliteTemplate(dataDir: string): Blob | undefined {
  if (fs.existsSync(path.join(dataDir, 'PG_VERSION')) || !fs.existsSync(pgliteTemplatePath)) return undefined;
  return new Blob([fs.readFileSync(pgliteTemplatePath)]);
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
