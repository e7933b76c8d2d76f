import { describe, expect, it } from 'vitest';
import { CsvSplitter } from './read.ts';

describe('CSV splitting', () => {
  it('splits plain lines, quoted fields with commas, doubled quotes and line breaks', () => {
    const s = new CsvSplitter(',');
    const rows = s.push('a,b,c\r\n"KP. X, RT 1","say ""hi""","two\nlines"\n', true);
    expect(rows).toEqual([
      ['a', 'b', 'c'],
      ['KP. X, RT 1', 'say "hi"', 'two\nlines'],
    ]);
  });

  it('keeps a record that is cut between two chunks whole', () => {
    const s = new CsvSplitter(';');
    expect(s.push('x;"half')).toEqual([]);
    expect(s.push(' of it";z\nlast;row')).toEqual([['x', 'half of it', 'z']]);
    expect(s.push('', true)).toEqual([['last', 'row']]);
  });
});
