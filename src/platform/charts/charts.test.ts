import { describe, expect, it } from 'vitest';
import { PHONE_WIDTH, phoneChartSize, pyramidOption, renderChartSvg, sexBarsOption } from './echarts.ts';

const names = { male: 'Laki-laki', female: 'Perempuan' };
const bands = [
  { label: '0–4', male: 1234, female: 987 },
  { label: '75+', male: 12, female: 30 },
];

function pyramid(title = 'Piramida') {
  return renderChartSvg(pyramidOption(bands, names), phoneChartSize(bands.length), title, { phone: true });
}

function bars(items = bands.map((b) => ({ ...b, label: `Kategori yang namanya cukup panjang ${b.label}` }))) {
  return renderChartSvg(sexBarsOption(items, names), phoneChartSize(items.length), 'Agama', { phone: true });
}

describe('the residents’ charts (ECharts on the server)', () => {
  it('draw one bar per sex and band, the men’s counts without a minus sign, and escape labels', async () => {
    const svg = await pyramid('P<y>');
    expect(svg).toContain('aria-label="P&lt;y&gt;"');
    expect(svg).toContain('class="chart chart-phone"');
    expect(svg.match(/<path d="M[^"]+Z" fill="#1d70b8"/g)).toHaveLength(2);
    expect(svg.match(/<path d="M[^"]+Z" fill="#d4351c"/g)).toHaveLength(2);
    expect(svg).toContain('>0–4</text>');
    expect(svg).not.toMatch(/>-[\d.]+<\/text>/);
    const escaped = await bars([{ label: '<script>', male: 1, female: 1 }]);
    expect(escaped).not.toContain('<script>');
    expect(escaped).toContain('&lt;script&gt;');
  });

  it('draw every label at least 12 px high when the chart is 296 px wide, as on a 360 px phone', async () => {
    for (const svg of [await pyramid(), await bars()]) {
      const viewBoxWidth = Number(/viewBox="0 0 (\d+(?:\.\d+)?) /.exec(svg)![1]);
      expect(viewBoxWidth).toBe(PHONE_WIDTH);
      const texts = [...svg.matchAll(/<text[^>]*>/g)].map((m) => m[0]);
      expect(texts.length).toBeGreaterThan(3);
      const sizes = texts.map((tag) => Number(/font-size:(\d+(?:\.\d+)?)px/.exec(tag)?.[1]));
      const scale = 296 / viewBoxWidth;
      expect(Math.min(...sizes) * scale).toBeGreaterThanOrEqual(12);
    }
  });

  it('shorten a long category label so it stays beside its bar', async () => {
    const svg = await bars([{ label: 'Belum/tidak bekerja karena alasan lain', male: 1, female: 1 }]);
    expect(svg).toContain('Belum/tidak bek…');
    expect(svg).not.toContain('alasan lain</text>');
  });
});
