import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerMessages } from '../../../platform/i18n/index.ts';
import { growthChartSvg } from './chart.ts';
import { growthMessages } from './messages.ts';

beforeAll(() => registerMessages(growthMessages));

type Node = Record<string, unknown>;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (_n, _p, _l, isAttribute) => !isAttribute,
});
function parse(svg: string): Node {
  expect(XMLValidator.validate(svg)).toBe(true);
  return (parser.parse(svg).svg as Node[])[0] as Node;
}
const all = (svg: Node, tag: string) => (svg[tag] as Node[] | undefined) ?? [];
const coords = (points: string) => points.split(' ').map((p) => p.split(',').map(Number) as [number, number]);

const monthly = [30, 61, 91, 122, 152, 183].map((x, i) => ({ x, y: 4.2 + i * 0.5, label: `bulan ${i + 1}` }));

describe('growthChartSvg', () => {
  it('draws the median and ±2/±3 SD curves, the bands and one dot per measurement', () => {
    const svg = parse(growthChartSvg({ sex: 1, indicator: 'wfa', points: monthly, title: 'BB/U' }));
    const curves = all(svg, 'polyline').filter((p) => p.class === 'growth-curve');
    expect(curves.map((c) => c['data-sd'])).toEqual(['-3', '-2', '0', '2', '3']);
    expect(all(svg, 'circle').filter((c) => c.class === 'growth-point')).toHaveLength(6);
    const child = all(svg, 'polyline').find((p) => p.class === 'growth-child');
    expect(coords(child?.points as string)).toHaveLength(6);
    expect(all(svg, 'polygon')).toHaveLength(3);
    // Higher SD lies higher on the page (smaller y) at every sampled age.
    const ys = curves.map((c) => coords(c.points as string).map(([, y]) => y));
    for (let i = 0; i < (ys[0]?.length ?? 0); i++)
      for (let j = 1; j < ys.length; j++) expect(ys[j]?.[i]).toBeLessThan(ys[j - 1]?.[i] as number);
  });

  it('shows 0–24 months while every point is under two years, 0–60 months after', () => {
    const labels = (svg: Node) => all(svg, 'text').map((t) => String(t['#text']));
    const young = parse(
      growthChartSvg({ sex: 2, indicator: 'wfa', points: [{ x: 100, y: 5.8 }], title: 'BB/U' }),
    );
    expect(labels(young)).toContain('24');
    expect(labels(young)).not.toContain('60');
    const older = parse(
      growthChartSvg({
        sex: 2,
        indicator: 'wfa',
        points: [
          { x: 100, y: 5.8 },
          { x: 800, y: 11 },
        ],
        title: 'BB/U',
      }),
    );
    expect(labels(older)).toContain('60');
    expect(labels(older)).toContain('Umur (bulan)');
  });

  it('draws the length-to-height step of the PB/U–TB/U curves at 24 months', () => {
    const older = parse(
      growthChartSvg({
        sex: 2,
        indicator: 'lhfa',
        points: [
          { x: 100, y: 58 },
          { x: 800, y: 82 },
        ],
        title: 'TB/U',
      }),
    );
    // Between 730 and 731 days (less than a pixel apart) the median drops, lower on the page.
    const median = all(older, 'polyline').find((p) => p['data-sd'] === '0');
    const pts = coords(median?.points as string);
    const step = pts.findIndex(([x], i) => i > 0 && x - (pts[i - 1]?.[0] as number) < 1);
    expect(step).toBeGreaterThan(0);
    expect(pts[step]?.[1]).toBeGreaterThan(pts[step - 1]?.[1] as number);
  });

  it('leaves out points outside the chart', () => {
    const svg = parse(
      growthChartSvg({
        sex: 1,
        indicator: 'wfl',
        points: [
          { x: 44, y: 2 },
          { x: 60, y: 6 },
          { x: 111, y: 19 },
          { x: Number.NaN, y: 5 },
        ],
        title: 'BB/PB',
      }),
    );
    expect(all(svg, 'circle')).toHaveLength(1);
    expect(all(svg, 'polyline').some((p) => p.class === 'growth-child')).toBe(false);
  });

  it('escapes the title and the point labels', () => {
    const raw = growthChartSvg({
      sex: 2,
      indicator: 'wfh',
      points: [{ x: 90, y: 12, label: '<script>alert(1)</script>' }],
      title: 'Anak "A" & <b>B</b>',
    });
    expect(raw).not.toContain('<script>');
    expect(raw).not.toContain('<b>');
    const svg = parse(raw);
    expect(raw).toContain('aria-label="Anak &quot;A&quot; &amp; &lt;b&gt;B&lt;/b&gt;"');
    expect(svg['aria-label']).toBe('Anak "A" & <b>B</b>');
    expect(raw).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('writes every text at 11 units or more per 300 units of width, with no script or external font', () => {
    for (const width of [300, 600]) {
      const raw = growthChartSvg({ sex: 1, indicator: 'wfa', points: monthly, title: 'BB/U', width });
      const svg = parse(raw);
      expect(svg.viewBox).toBe(`0 0 ${width} ${Math.round(width * 0.9)}`);
      const sizes = all(svg, 'text').map((t) => Number(t['font-size']));
      expect(sizes.length).toBeGreaterThan(10);
      for (const size of sizes) expect((size * 300) / width).toBeGreaterThanOrEqual(11);
      expect(raw).not.toMatch(/<script|@import|url\(|href=/);
    }
  });
});
