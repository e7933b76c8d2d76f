import { describe, expect, it } from 'vitest';
import { amountBarsSvg, progressBarsSvg } from './index.ts';

describe('amount bars', () => {
  it('scales each bar to the largest value and writes the formatted value beside it', () => {
    const svg = amountBarsSvg(
      [
        { label: 'Dana Desa', value: 1_000, text: 'Rp 1 rb', detail: 'Rp 1.000' },
        { label: 'Alokasi Dana Desa', value: 500, text: 'Rp 500' },
      ],
      { title: 'Pendapatan <menurut sumber>' },
    );
    const widths = [...svg.matchAll(/<rect x="0" y="\d+(?:\.\d+)?" width="([\d.]+)"/g)].map((m) =>
      Number(m[1]),
    );
    expect(widths).toHaveLength(2);
    expect(widths[1]! / widths[0]!).toBeCloseTo(0.5, 2);
    expect(svg).toContain('Rp 1 rb');
    expect(svg).toContain('<title>Dana Desa: Rp 1.000</title>');
    expect(svg).toContain('aria-label="Pendapatan &lt;menurut sumber&gt;"');
  });

  it('wraps a long name onto two lines and cuts what still does not fit', () => {
    const svg = amountBarsSvg(
      [
        {
          label:
            'Bidang Penanggulangan Bencana, Keadaan Darurat dan Mendesak Desa yang Sangat Panjang Sekali Namanya',
          value: 1,
          text: 'x',
        },
      ],
      { title: 't' },
    );
    const texts = [...svg.matchAll(/<text x="0"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
    expect(texts).toHaveLength(2);
    for (const line of texts) expect(line.length).toBeLessThanOrEqual(40);
    expect(texts[1]!.endsWith('…')).toBe(true);
  });
});

describe('progress bars', () => {
  it('fills the share done of each target, capped at the full track, with the percentage rounded down', () => {
    const svg = progressBarsSvg(
      [
        { label: 'Semester I', done: 333, target: 1000, text: 'a' },
        { label: 'Semester II', done: 1500, target: 1000, text: 'b' },
      ],
      { title: 'Realisasi' },
    );
    expect(svg).toContain('33,3 % · a');
    expect(svg).toContain('150 % · b');
    const filled = [...svg.matchAll(/width="([\d.]+)" height="14" fill="#00703c"/g)].map((m) => Number(m[1]));
    expect(filled).toEqual([99.9, 300]);
  });
});
