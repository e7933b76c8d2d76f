import { describe, expect, it } from 'vitest';
import { barOption, lineOption, pointMapOption, renderChartSvg } from './echarts.ts';

describe('server-side ECharts SVG', () => {
  it('draws a bar chart as a scalable SVG named by its title, without script', async () => {
    const svg = await renderChartSvg(
      barOption(['Kibin', 'Cikande'], [{ label: 'Permohonan', values: [12, 30] }]),
      { width: 400, height: 240 },
      'Permohonan per desa <uji>',
    );
    expect(svg.startsWith('<svg width="100%" role="img" aria-label="Permohonan per desa &lt;uji&gt;"')).toBe(
      true,
    );
    expect(svg).toContain('viewBox="0 0 400 240"');
    expect(svg).toContain('Kibin');
    expect(svg).not.toContain('<script');
  });

  it('draws lines with a gap for a month without data and points on a coordinate map', async () => {
    const lines = await renderChartSvg(
      lineOption(['Jan', 'Feb', 'Mar'], [{ label: 'Stunting', values: [10, null, 12] }], { unit: ' %' }),
      { width: 400, height: 240 },
      'Tren',
    );
    expect(lines).toContain('Jan');
    const map = await renderChartSvg(
      pointMapOption([
        { label: 'Kibin', lat: -6.1, lng: 106.4, value: 4 },
        { label: 'Anyar', lat: -6.2, lng: 105.9, value: 9 },
      ]),
      { width: 400, height: 300 },
      'Peta',
    );
    expect(map).toContain('Anyar');
  });
});
