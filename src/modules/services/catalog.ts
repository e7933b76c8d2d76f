import { readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { codePath } from '../../platform/paths.ts';
import { checkDefinition, type ServiceDefinition } from './definition.ts';

/**
 * The default service catalog seeded once for Kabupaten Serang: the village letters every desa
 * issues and two agency services, one JSON file per service in `catalog/` (named by its slug).
 * Admin kabupaten edits it afterwards (each edit is a new version).
 *
 * Letter codes follow the codes village operators know from OpenSID (S-41, S-11 …); codes S-51 and
 * S-52 are ours for letters OpenSID has no code for. Classification codes come from
 * `reference/reference-codes/klasifikasi_surat.csv`.
 *
 * The folder is `src/modules/services/catalog`, or the same place under `dist/`: a build that
 * compiles `src/` to `dist/` copies every `.json` file under `src/` along.
 */
const CATALOG_DIR = pathToFileURL(`${codePath('modules/services/catalog')}/`);

/**
 * Reads and checks every definition in a folder; a file that is not sound stops the start with
 * an error naming the file and each wrong field.
 */
export function loadCatalog(dir: URL = CATALOG_DIR): ServiceDefinition[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new Error(
      `service catalog: no folder ${dir.pathname} (a compiled build copies src/**/*.json along)`,
    );
  }
  const files = names.filter((name) => name.endsWith('.json')).sort();
  if (files.length === 0) throw new Error(`service catalog: no *.json file in ${dir.pathname}`);
  return files.map((file) => {
    const where = `service catalog ${new URL(file, dir).pathname}`;
    let definition: unknown;
    try {
      definition = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
    } catch (error) {
      throw new Error(`${where}: not valid JSON (${(error as Error).message})`);
    }
    const problems = checkDefinition(definition);
    const slug = (definition as { slug?: unknown } | null)?.slug;
    if (!problems.slug && `${slug}.json` !== file)
      problems.slug = `file name must be the slug (${slug}.json)`;
    const wrong = Object.entries(problems);
    if (wrong.length > 0)
      throw new Error(`${where}:\n${wrong.map(([field, message]) => `  ${field}: ${message}`).join('\n')}`);
    return definition as ServiceDefinition;
  });
}

export const DEFAULT_SERVICES: ServiceDefinition[] = loadCatalog();
