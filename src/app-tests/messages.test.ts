import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { modules } from '../modules/index.ts';
import { platformMessages } from '../platform/messages.ts';
import { sourceFiles } from '../platform/source-files.ts';

const catalogs = [platformMessages, ...modules.flatMap((m) => (m.messages ? [m.messages] : []))];
const id = Object.assign({}, ...catalogs.map((c) => c.id)) as Record<string, string>;
const en = Object.assign({}, ...catalogs.map((c) => c.en)) as Record<string, string>;

describe('message files', () => {
  it('have the same keys in Indonesian and English', () => {
    expect(Object.keys(en).filter((k) => !(k in id))).toEqual([]);
    expect(Object.keys(id).filter((k) => !(k in en))).toEqual([]);
  });

  it('contain every key that the code asks for with a literal t("…")', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(path.resolve('src'))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\('([a-zA-Z0-9_.]+)'/g)) {
        if (!(match[1]! in id)) missing.push(`${path.relative('.', file)}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('use the same {placeholders} in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const different = Object.keys(id).filter((k) => en[k] && names(id[k]!).join() !== names(en[k]!).join());
    expect(different).toEqual([]);
  });
});
