import { describe, expect, it } from 'vitest';
import { barsSvg, pyramidSvg } from './index.ts';

describe('charts', () => {
  it('draw one bar per sex and band and escape labels', () => {
    const svg = pyramidSvg([{ band: '0–4', male: 2, female: 1 }], { title: 'P<y>', male: 'L', female: 'P' });
    expect(svg.match(/<rect /g)).toHaveLength(2);
    expect(svg).toContain('P&lt;y&gt;');
    expect(
      barsSvg([{ label: '<script>', male: 1, female: 1 }], { title: 't', male: 'L', female: 'P' }),
    ).not.toContain('<script>');
  });
});
