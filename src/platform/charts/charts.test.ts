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

describe('charts on a phone', () => {
  const bands = [
    { band: '0–4', male: 1234, female: 987 },
    { band: '75+', male: 12, female: 30 },
  ];

  it('draw every label at least 12 px high when the chart is 296 px wide, as on a 360 px phone', () => {
    for (const svg of [
      pyramidSvg(bands, { title: 'Piramida', male: 'Laki-laki', female: 'Perempuan' }),
      barsSvg(
        bands.map((b) => ({ label: `Kategori yang namanya cukup panjang ${b.band}`, ...b })),
        { title: 'Agama', male: 'L', female: 'P' },
      ),
    ]) {
      const viewBoxWidth = Number(/viewBox="0 0 (\d+(?:\.\d+)?) /.exec(svg)![1]);
      const sizes = [...svg.matchAll(/font-size="(\d+(?:\.\d+)?)"/g)].map((m) => Number(m[1]));
      expect(sizes.length).toBeGreaterThan(0);
      const scale = 296 / viewBoxWidth;
      expect(Math.min(...sizes) * scale).toBeGreaterThanOrEqual(12);
    }
  });

  it('shorten a long category label so it stays beside its bar', () => {
    const svg = barsSvg([{ label: 'Belum/tidak bekerja karena alasan lain', male: 1, female: 1 }], {
      title: 't',
      male: 'L',
      female: 'P',
    });
    expect(svg).toContain('Belum/tidak bek…');
    expect(svg).not.toContain('alasan lain</text>');
  });
});
