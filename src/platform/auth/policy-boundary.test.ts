import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../source-files.ts';

const modules = path.resolve(import.meta.dirname, '../../modules');

describe('where modules decide access', () => {
  it('only a module policy.ts asks the platform policy (canOnItem, assertOnItem, isHandler)', () => {
    const outside = sourceFiles(modules)
      .filter((file) => path.basename(file) !== 'policy.ts')
      .filter((file) => /\b(canOnItem|assertOnItem|isHandler)\b/.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(modules, file));
    expect(outside).toEqual([]);
  });

  it('every module that holds records has a policy.ts', () => {
    for (const name of ['residents', 'services', 'letters', 'complaints', 'regions'])
      expect(fs.existsSync(path.join(modules, name, 'policy.ts')), name).toBe(true);
  });
});
