import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const src = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.includes('.test.') ? [full] : [];
  });
}

// pg_trgm's `%` operator (similarity_op) freezes the embedded database: see src/platform/README.md (db).
const trigramPercent = /(\w|\})\s+%\s+(\w|\$\{)/;

describe('SQL in src', () => {
  it('never uses the pg_trgm % operator (it hangs PGlite); similarity() or <% instead', () => {
    const offenders = sourceFiles(src).flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${path.relative(src, file)}:${i + 1}` }))
        .filter(
          ({ line }) => line.includes('sql') && trigramPercent.test(line) && !line.trim().startsWith('//'),
        ),
    );
    expect(offenders.map((o) => o.at)).toEqual([]);
  });
});
