import { describe, expect, it } from 'vitest';
import { shortRupiah } from './money.ts';
import {
  accounts,
  exampleActivities,
  isGroupCode,
  leafAccounts,
  lineSection,
  structureProblems,
} from './structure.ts';

describe('the APBDes structure in reference/apbdes/struktur.json', () => {
  it('is sound: every code once, every parent before its children, every example under a sub-bidang', () => {
    expect(structureProblems()).toEqual([]);
    expect(leafAccounts('pendapatan').map((a) => a.code)).toContain('4.2.1');
    expect(accounts('belanja').filter((a) => !a.code.includes('.'))).toHaveLength(5);
    expect(exampleActivities().every((e) => lineSection(e.code) === 'belanja')).toBe(true);
  });

  it('names the faults of a broken file', () => {
    const problems = structureProblems({
      pendapatan: [
        { code: '4', name: 'Pendapatan' },
        { code: '4.2.1', name: 'Dana Desa' },
        { code: '4', name: 'lagi' },
      ],
      belanja: [{ code: '1', name: '' }],
      pembiayaan: [{ code: '6', name: 'Pembiayaan' }],
      examples: [{ code: '9.9.01', name: 'x' }],
    });
    expect(problems).toEqual([
      'pendapatan 4.2.1: parent 4.2 missing or later',
      'pendapatan 4: twice',
      'belanja 1: no name',
      'contoh_kegiatan 9.9.01: not a kegiatan of a known sub-bidang',
    ]);
  });

  it('tells lines from groups, so sub-bidang 4.1 and pendapatan 4.1 never meet on a line', () => {
    expect(lineSection('4.1.1')).toBe('pendapatan');
    expect(lineSection('4.1.01')).toBe('belanja');
    expect(lineSection('6.2.2')).toBe('pembiayaan');
    expect(lineSection('4.1')).toBeNull();
    expect(isGroupCode('4.1')).toBe(true);
    expect(lineSection('2.9.01')).toBeNull();
  });

  it('writes amounts in words for charts', () => {
    expect(shortRupiah(1_234_000_000)).toBe('Rp 1,2 M');
    expect(shortRupiah(450_000_000)).toBe('Rp 450 jt');
    expect(shortRupiah(12_500)).toBe('Rp 12,5 rb');
  });
});
