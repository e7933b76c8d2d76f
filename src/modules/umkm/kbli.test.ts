import { describe, expect, it } from 'vitest';
import { categoryOfCode, KBLI_CATEGORIES } from './kbli.ts';

describe('KBLI 2020', () => {
  it('ships the 21 categories A to U', () => {
    expect(KBLI_CATEGORIES.map((c) => c.code).join('')).toBe('ABCDEFGHIJKLMNOPQRSTU');
  });

  it('files a 5-digit code under the category of its division', () => {
    expect(categoryOfCode('10794')).toBe('C');
    expect(categoryOfCode('47111')).toBe('G');
    expect(categoryOfCode('56101')).toBe('I');
    expect(categoryOfCode('01111')).toBe('A');
    expect(categoryOfCode('99000')).toBe('U');
  });

  it('knows no category for a division KBLI leaves out or a code of the wrong shape', () => {
    expect(categoryOfCode('04000')).toBeNull();
    expect(categoryOfCode('34000')).toBeNull();
    expect(categoryOfCode('1079')).toBeNull();
    expect(categoryOfCode('1079a')).toBeNull();
  });
});
