import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mergeMessages, readMessages } from './catalogue.ts';

function catalogueFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return catalogueFiles(full);
    return /messages\.json$/.test(entry.name) ? [full] : [];
  });
}

function writeCatalogue(text: string): URL {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-i18n-')), 'messages.json');
  fs.writeFileSync(file, text);
  return pathToFileURL(file);
}

describe('message catalogues', () => {
  it('read each text in both languages', () => {
    const catalogue = readMessages(writeCatalogue('{ "a.hello": ["Halo, {name}", "Hello, {name}"] }'));
    expect(catalogue).toEqual({ id: { 'a.hello': 'Halo, {name}' }, en: { 'a.hello': 'Hello, {name}' } });
  });

  it('refuse an entry without both languages, naming the key', () => {
    expect(() => readMessages(writeCatalogue('{ "a.only": ["Hanya satu"] }'))).toThrow(/"a\.only"/);
    expect(() => readMessages(writeCatalogue('{ "a.empty": ["", "Empty"] }'))).toThrow(/"a\.empty"/);
    expect(() => readMessages(writeCatalogue('{ "a.text": "Teks" }'))).toThrow(/"a\.text"/);
  });

  it('merge with the later catalogue winning', () => {
    const merged = mergeMessages(
      { id: { x: 'satu', y: 'dua' }, en: { x: 'one', y: 'two' } },
      { id: { y: 'DUA' }, en: { y: 'TWO' } },
    );
    expect(merged).toEqual({ id: { x: 'satu', y: 'DUA' }, en: { x: 'one', y: 'TWO' } });
  });

  it('in src are all well formed, and no key is written twice (JSON would keep the last silently)', () => {
    const files = catalogueFiles(path.resolve('src'));
    expect(files.length).toBeGreaterThan(20);
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const file of files) {
      readMessages(pathToFileURL(file));
      for (const match of fs.readFileSync(file, 'utf8').matchAll(/^\s*"([^"]+)":\s*\[/gm)) {
        const where = path.relative('src', file);
        if (seen.has(match[1]!)) twice.push(`${match[1]} in ${seen.get(match[1]!)} and ${where}`);
        seen.set(match[1]!, where);
      }
    }
    expect(twice).toEqual([]);
  });
});
