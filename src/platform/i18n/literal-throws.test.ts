import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../source-files.ts';

/**
 * A domain error's message reaches the visitor (an error page, a field message, a problem+json
 * detail), so it goes through t() like every other text: a string literal in the arguments of a
 * thrown Invalid, Forbidden, NotFound or Conflict is a text only Indonesian readers get.
 */
const THROW = /throw new (Invalid|Forbidden|NotFound|Conflict)\(/g;

/** Files still converting their throws. */
const NOT_YET: RegExp[] = [];

/** The index just past the parenthesis that closes the one at `open`, skipping strings and comments. */
function closing(text: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return text.length;
}

/** The arguments with every t(…) call (and what it is given) taken out. */
function withoutTranslations(args: string): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    if (args.startsWith('t(', i) && !/[\w.$]/.test(args[i - 1] ?? '')) {
      i = closing(args, i + 1) - 1;
      out += 'T';
    } else out += args[i];
  }
  return out;
}

function literalThrows(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(THROW)) {
    const start = match.index + match[0].length - 1;
    const args = withoutTranslations(text.slice(start, closing(text, start)))
      // a field named by a literal or a computed key is not a message
      .replace(/\[[^\]]*\]\s*:/g, 'K:')
      .replace(/(['"])[\w.-]*\1\s*:/g, 'K:');
    if (/['"`]/.test(args)) found.push(text.slice(match.index, closing(text, start)).replace(/\s+/g, ' '));
  }
  return found;
}

describe('domain error messages', () => {
  it('recognises a literal message and lets a translated one pass', () => {
    expect(literalThrows("throw new NotFound('Desa tidak ditemukan.');")).toHaveLength(1);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text under test
    expect(literalThrows('throw new Invalid({ nik: `NIK ${nik} sudah ada.` });')).toHaveLength(1);
    expect(literalThrows("throw new Invalid(problems, 'Definisi belum benar.');")).toHaveLength(1);
    expect(literalThrows("throw new Invalid({ nik: t('residents.error.nikTaken', { nik: '1' }) });")).toEqual(
      [],
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text under test
    expect(literalThrows("throw new Invalid({ [`head_${code}`]: t('error.emailInvalid') });")).toEqual([]);
    expect(literalThrows("throw new Forbidden(t('x', { a: f('b') }));")).toEqual([]);
    expect(literalThrows('throw new NotFound();')).toEqual([]);
  });

  it('go through t() wherever a service or route throws them', () => {
    const root = path.resolve('.');
    const offenders: string[] = [];
    for (const file of sourceFiles(path.resolve('src'))) {
      const name = path.relative(root, file).split(path.sep).join('/');
      if (NOT_YET.some((pattern) => pattern.test(name))) continue;
      for (const statement of literalThrows(fs.readFileSync(file, 'utf8')))
        offenders.push(`${name}: ${statement.slice(0, 160)}`);
    }
    expect(offenders).toEqual([]);
  });
});
