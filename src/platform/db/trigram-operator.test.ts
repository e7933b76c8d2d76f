import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../source-files.ts';

const src = path.resolve(import.meta.dirname, '../..');

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
