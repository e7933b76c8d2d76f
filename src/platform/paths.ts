import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The folder that holds the code: `src/` from source, `dist/` compiled. Code finds its data files
 * (catalog JSON, assets, reference lists) through it rather than beside its own file, because the
 * compiled server is one bundled `dist/simpul.js` in which every file's own URL is the bundle's.
 */
export const codeRoot = path.basename(here) === 'platform' ? path.dirname(here) : here;

/** The repository (or installed package) folder: `reference/` and `node_modules/` sit in it. */
export const projectRoot = path.dirname(codeRoot);

/** A path under `src/` (or `dist/`): `codePath('modules/sites/assets')`. */
export function codePath(...parts: string[]): string {
  return path.join(codeRoot, ...parts);
}

/** A path under the shipped reference data: `referencePath('who-growth', 'lhfa.csv')`. */
export function referencePath(...parts: string[]): string {
  return path.join(projectRoot, 'reference', ...parts);
}
