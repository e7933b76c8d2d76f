/**
 * A child's growth chart in the shape of the KMS card: the WHO median and ±2/±3 SD curves with
 * coloured bands between them and the child's measurements joined by a line. A plain SVG string
 * (viewBox, system fonts, no script), so it reads without JavaScript and prints.
 */
import { t } from '../../../platform/i18n/index.ts';
import { escapeHtml } from '../../../platform/ui/jsx-runtime.ts';
import { DAYS_PER_MONTH, HEIGHT_FROM_DAYS, lmsValue, type Sex } from './assess.ts';
import { growthTables, type Lms, type LmsTable, rowAt } from './tables.ts';

export type ChartIndicator = 'wfa' | 'lhfa' | 'wfl' | 'wfh';

export interface GrowthChartInput {
  sex: Sex;
  indicator: ChartIndicator;
  /**
   * x = age in days (wfa, lhfa) or length/height in cm (wfl, wfh); y = kg or cm. Lengths and
   * heights should be `correctedHeightCm` (after the 0.7 cm rule), as the curves are.
   */
  points: Array<{ x: number; y: number; label?: string }>;
  title: string;
  width?: number;
  height?: number;
}

/** The curves drawn, in SD: median and ±2, ±3 (the lines the KMS card prints). */
export const CHART_SDS = [-3, -2, 0, 2, 3] as const;

// Light fills for the bands (red beyond ±3 SD is the plot's background; text and lines stay dark
// on all of them) and dark lines whose dash
// pattern, not only colour, tells the SD apart; each curve is also labelled at its right end.
const BAND_GREEN = '#d3ecd9';
const BAND_YELLOW = '#fbefb5';
const BAND_RED = '#f6d5d1';
const LINE: Record<number, { stroke: string; width: number; dash?: string }> = {
  0: { stroke: '#00703c', width: 2 },
  2: { stroke: '#6b5300', width: 1.5, dash: '5 3' },
  3: { stroke: '#942514', width: 1.5 },
};
const INK = '#0b0c0c';

/** Base size of the viewBox; at this width a 12-unit font is 12 px on a 300 px phone column. */
const BASE_WIDTH = 300;

interface Domain {
  from: number;
  to: number;
  /** x values at which the curves are sampled */
  samples: number[];
  /** axis ticks: position and label */
  ticks: Array<{ x: number; label: string }>;
  axis: string;
}

function ageDomain(points: GrowthChartInput['points']): Domain {
  // The card's two shapes: 0–24 months while every point is under two years, else 0–60 months.
  const young = points.every((p) => p.x < HEIGHT_FROM_DAYS);
  const lastMonth = young ? 24 : 60;
  const to = young ? HEIGHT_FROM_DAYS - 1 : 1856;
  const step = young ? 15 : 30;
  const samples: number[] = [];
  for (let d = 0; d < to; d += step) samples.push(d);
  samples.push(to);
  if (!young) samples.push(HEIGHT_FROM_DAYS - 1, HEIGHT_FROM_DAYS);
  const every = young ? 3 : 6;
  const ticks: Domain['ticks'] = [];
  for (let m = 0; m <= lastMonth; m += every) ticks.push({ x: m * DAYS_PER_MONTH, label: String(m) });
  return {
    from: 0,
    to: young ? lastMonth * DAYS_PER_MONTH : to,
    samples: [...new Set(samples)].sort((a, b) => a - b),
    ticks,
    axis: t('health.growth.chart.axis.ageMonths'),
  };
}

function lengthDomain(table: LmsTable, axis: string): Domain {
  const from = table.first / 10;
  const to = table.last / 10;
  const samples: number[] = [];
  for (let cm = from; cm <= to; cm += 1) samples.push(cm);
  const ticks: Domain['ticks'] = [];
  for (let cm = Math.ceil(from / 10) * 10; cm <= to; cm += 10) ticks.push({ x: cm, label: String(cm) });
  return { from, to, samples, ticks, axis };
}

function niceStep(span: number): number {
  for (const step of [0.5, 1, 2, 5, 10, 20]) if (span / step <= 8) return step;
  return 50;
}

const num = (n: number) => n.toFixed(1);

export function growthChartSvg(input: GrowthChartInput): string {
  const { sex, indicator } = input;
  const width = input.width ?? BASE_WIDTH;
  const height = input.height ?? Math.round(width * 0.9);
  const k = width / BASE_WIDTH;
  const font = 12 * k;
  const tables = growthTables();

  let domain: Domain;
  let lmsAt: (x: number) => Lms | null;
  let yAxis: string;
  if (indicator === 'wfa' || indicator === 'lhfa') {
    const table = indicator === 'wfa' ? tables.wfa : tables.lhfa;
    domain = ageDomain(input.points);
    lmsAt = (x) => rowAt(table, sex, Math.round(x));
    yAxis = t(
      indicator === 'wfa' ? 'health.growth.chart.axis.weightKg' : 'health.growth.chart.axis.lengthOrHeightCm',
    );
  } else {
    const table = indicator === 'wfl' ? tables.wfl : tables.wfh;
    domain = lengthDomain(
      table,
      t(indicator === 'wfl' ? 'health.growth.chart.axis.lengthCm' : 'health.growth.chart.axis.heightCm'),
    );
    lmsAt = (x) => rowAt(table, sex, Math.round(x * 10));
    yAxis = t('health.growth.chart.axis.weightKg');
  }

  const curves = CHART_SDS.map((sd) => ({
    sd,
    values: domain.samples.flatMap((x) => {
      const lms = lmsAt(x);
      return lms ? [{ x, y: lmsValue(sd, lms) }] : [];
    }),
  }));
  const points = input.points.filter(
    (p) => Number.isFinite(p.x) && Number.isFinite(p.y) && p.x >= domain.from && p.x <= domain.to,
  );
  const ys = [...curves.flatMap((c) => c.values.map((v) => v.y)), ...points.map((p) => p.y)];
  const step = niceStep(Math.max(...ys) - Math.min(...ys));
  const yFrom = Math.floor(Math.min(...ys) / step) * step;
  const yTo = Math.ceil(Math.max(...ys) / step) * step;

  const left = 34 * k;
  const right = 22 * k;
  const top = 26 * k;
  const bottom = 40 * k;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const px = (x: number) => left + ((x - domain.from) / (domain.to - domain.from)) * plotW;
  const py = (y: number) => top + plotH - ((y - yFrom) / (yTo - yFrom)) * plotH;
  const line = (vs: Array<{ x: number; y: number }>) =>
    vs.map((v) => `${num(px(v.x))},${num(py(v.y))}`).join(' ');
  const curve = (sd: number) => curves.find((c) => c.sd === sd)?.values ?? [];
  const band = (
    lower: Array<{ x: number; y: number }>,
    upper: Array<{ x: number; y: number }>,
    fill: string,
  ) => `<polygon points="${line(lower)} ${line([...upper].reverse())}" fill="${fill}" stroke="none"/>`;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeHtml(input.title)}" class="chart chart-growth" font-family="sans-serif">`,
    `<title>${escapeHtml(input.title)}</title>`,
    `<desc>${escapeHtml(`${t(`health.growth.chart.indicator.${indicator}`)}. ${t('health.growth.chart.legend')}`)}</desc>`,
    `<rect x="${num(left)}" y="${num(top)}" width="${num(plotW)}" height="${num(plotH)}" fill="${BAND_RED}"/>`,
    band(curve(-3), curve(-2), BAND_YELLOW),
    band(curve(-2), curve(2), BAND_GREEN),
    band(curve(2), curve(3), BAND_YELLOW),
  );
  for (let y = yFrom; y <= yTo + 1e-9; y += step) {
    out.push(
      `<line x1="${num(left)}" x2="${num(left + plotW)}" y1="${num(py(y))}" y2="${num(py(y))}" stroke="#ffffff" stroke-width="${num(0.6 * k)}"/>`,
      `<text x="${num(left - 4 * k)}" y="${num(py(y) + font / 3)}" text-anchor="end" font-size="${num(font)}" fill="${INK}">${escapeHtml(String(Number(y.toFixed(1))))}</text>`,
    );
  }
  for (const tick of domain.ticks) {
    out.push(
      `<line x1="${num(px(tick.x))}" x2="${num(px(tick.x))}" y1="${num(top)}" y2="${num(top + plotH + 3 * k)}" stroke="#ffffff" stroke-width="${num(0.6 * k)}"/>`,
      `<text x="${num(px(tick.x))}" y="${num(top + plotH + font + 3 * k)}" text-anchor="middle" font-size="${num(font)}" fill="${INK}">${escapeHtml(tick.label)}</text>`,
    );
  }
  // Each curve's name at its right end, pushed apart where the curves run close together.
  const ends = curves.flatMap((c) => {
    const last = c.values[c.values.length - 1];
    return last ? [{ sd: c.sd, x: px(last.x) + 3 * k, y: py(last.y) + font / 3 }] : [];
  });
  for (let i = ends.length - 2; i >= 0; i--) {
    const above = ends[i + 1] as (typeof ends)[number];
    const here = ends[i] as (typeof ends)[number];
    if (above.y > here.y - font) here.y = above.y + font;
  }
  for (const c of curves) {
    const style = LINE[Math.abs(c.sd)] ?? { stroke: INK, width: 1 };
    out.push(
      `<polyline class="growth-curve" data-sd="${c.sd}" points="${line(c.values)}" fill="none" stroke="${style.stroke}" stroke-width="${num(style.width * k)}"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`,
    );
  }
  for (const end of ends)
    out.push(
      `<text x="${num(end.x)}" y="${num(end.y)}" font-size="${num(font)}" fill="${INK}">${end.sd > 0 ? `+${end.sd}` : end.sd === 0 ? '0' : `−${-end.sd}`}</text>`,
    );
  out.push(
    `<rect x="${num(left)}" y="${num(top)}" width="${num(plotW)}" height="${num(plotH)}" fill="none" stroke="${INK}" stroke-width="${num(k)}"/>`,
    `<text x="${num(left)}" y="${num(top - 8 * k)}" font-size="${num(font)}" fill="${INK}">${escapeHtml(yAxis)}</text>`,
    `<text x="${num(left + plotW / 2)}" y="${num(height - 6 * k)}" text-anchor="middle" font-size="${num(font)}" fill="${INK}">${escapeHtml(domain.axis)}</text>`,
  );
  if (points.length > 1)
    out.push(
      `<polyline class="growth-child" points="${line(points)}" fill="none" stroke="${INK}" stroke-width="${num(1.5 * k)}"/>`,
    );
  for (const p of points) {
    const x =
      indicator === 'wfa' || indicator === 'lhfa' ? (p.x / DAYS_PER_MONTH).toFixed(1) : p.x.toFixed(1);
    const label = `${p.label ? `${p.label}: ` : ''}${domain.axis} ${x}, ${yAxis} ${p.y.toFixed(1)}`;
    out.push(
      `<circle class="growth-point" cx="${num(px(p.x))}" cy="${num(py(p.y))}" r="${num(3 * k)}" fill="${INK}"><title>${escapeHtml(label)}</title></circle>`,
    );
  }
  out.push('</svg>');
  return out.join('');
}
