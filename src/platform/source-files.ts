import fs from 'node:fs';
import path from 'node:path';

/**
 * Every TypeScript source file under a folder, for tests that read the code itself; tests are left
 * out unless `tests` is set (the architecture test reads them too).
 */
export function sourceFiles(dir: string, options: { tests?: boolean } = {}): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full, options);
    return /\.tsx?$/.test(entry.name) && (options.tests || !entry.name.includes('.test.')) ? [full] : [];
  });
}
