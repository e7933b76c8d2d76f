import { describe, expect, it } from 'vitest';
import { linesSvg } from './index.ts';

describe('line chart', () => {
  it('draws one point per known value, leaves a gap at a null and scales to the largest value', () => {
    const svg = linesSvg(
      ['Jan', 'Feb', 'Mar', 'Apr'],
      [
        { label: 'Stunting', values: [10, null, 20, 40] },
        { label: 'Wasting <x>', values: [5, 5, 5, 5] },
      ],
      { title: 'Tren' },
    );
    const circles = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => Number(m[2]));
    expect(circles).toHaveLength(7);
    // 40 is the top of the plot (y = 8), 20 half-way down, 10 three quarters
    expect(circles[2]).toBeCloseTo(8, 1);
    expect(circles[1]).toBeCloseTo(8 + 75, 1);
    expect(circles[0]).toBeCloseTo(8 + 112.5, 1);
    const paths = [...svg.matchAll(/<path d="([^"]+)"/g)].map((m) => m[1]!);
    // the null starts a new stroke: two moves in the first series
    expect(paths[0]!.match(/M/g)).toHaveLength(2);
    expect(paths[1]!.match(/M/g)).toHaveLength(1);
    expect(svg).toContain('Wasting &lt;x&gt;');
    expect(svg).toContain('<title>Stunting, Apr: 40</title>');
  });

  it('keeps a flat line of zeros inside the plot', () => {
    const svg = linesSvg(['a', 'b'], [{ label: 's', values: [0, 0] }], { title: 't', minTop: 10 });
    const ys = [...svg.matchAll(/<circle cx="[\d.]+" cy="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(ys).toEqual([158, 158]);
  });
});
