import { escapeHtml } from '../ui/jsx-runtime.ts';

// Charts drawn on the server by Apache ECharts' SSR SVG renderer: the page gets a plain <svg>
// (no script, readable without JavaScript), and every chart is shown next to a table of the same
// numbers. ECharts is large and not bundled by scripts/build.mjs: it is loaded on the first chart.

/** An ECharts option object (kept loose: the wrapper passes it through unchanged). */
export type ChartOption = Record<string, unknown>;

export interface ChartSize {
  width: number;
  height: number;
}

/** The series colours, GOV.UK-like and distinguishable by most colour-blind readers. */
export const PALETTE = ['#1d70b8', '#d4351c', '#00703c', '#f47738', '#4c2c92', '#505a5f'];

type EchartsModule = typeof import('echarts');
let loading: Promise<EchartsModule> | null = null;

function echarts(): Promise<EchartsModule> {
  loading ??= import('echarts');
  return loading;
}

/**
 * The chart as an SVG string, sized by its viewBox so the browser scales it to the column. The
 * title becomes the SVG's accessible name; animation is off (a server picture has no time).
 */
export async function renderChartSvg(
  option: ChartOption,
  size: ChartSize,
  title: string,
  options: { phone?: boolean } = {},
): Promise<string> {
  const lib = await echarts();
  const chart = lib.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ animation: false, color: PALETTE, textStyle: { fontSize: 12 }, ...option });
    const svg = chart.renderToSVGString();
    return svg.replace(
      /^<svg width="\d+" height="\d+"/,
      `<svg width="100%" role="img" aria-label="${escapeHtml(title)}" class="${options.phone ? 'chart chart-phone' : 'chart'}"`,
    );
  } finally {
    chart.dispose();
  }
}

export interface BarSeries {
  label: string;
  values: Array<number | null>;
}

// ---- charts drawn for a phone's column ----

/**
 * Width of a phone chart's viewBox: about a 360 px phone's content column inside a panel (296 px),
 * so its text is drawn on the phone at about its own size; CSS (`svg.chart-phone`) caps it on a desk.
 */
export const PHONE_WIDTH = 300;
/** Every label of a phone chart, in viewBox units: ≥ 12 px on screen at 296 px wide. */
export const PHONE_FONT = 13;

export interface SexCount {
  label: string;
  male: number;
  female: number;
}

const count = (n: number) => Math.abs(n).toLocaleString('id-ID');
const phoneText = { fontSize: PHONE_FONT };

function shortLabel(label: string): string {
  return label.length > 16 ? `${label.slice(0, 15)}…` : label;
}

/**
 * A population pyramid: one row per age band, the youngest at the bottom; men to the left (drawn
 * as negative values, labelled without the sign), women to the right.
 */
export function pyramidOption(bands: readonly SexCount[], names: { male: string; female: string }) {
  return {
    textStyle: phoneText,
    grid: { left: 4, right: 16, top: 28, bottom: 4, containLabel: true },
    legend: { top: 0, textStyle: phoneText, itemWidth: 14 },
    xAxis: { type: 'value', axisLabel: { ...phoneText, formatter: count }, splitNumber: 2 },
    yAxis: {
      type: 'category',
      data: bands.map((b) => b.label),
      axisTick: { show: false },
      axisLabel: phoneText,
    },
    series: [
      { type: 'bar', name: names.male, stack: 'sex', data: bands.map((b) => -b.male), barCategoryGap: '15%' },
      {
        type: 'bar',
        name: names.female,
        stack: 'sex',
        data: bands.map((b) => b.female),
        barCategoryGap: '15%',
      },
    ],
  } satisfies ChartOption;
}

/** Horizontal bars, one per category (long names shortened: the table beside has them whole), split by sex. */
export function sexBarsOption(items: readonly SexCount[], names: { male: string; female: string }) {
  return {
    textStyle: phoneText,
    grid: { left: 4, right: 16, top: 28, bottom: 4, containLabel: true },
    legend: { top: 0, textStyle: phoneText, itemWidth: 14 },
    xAxis: { type: 'value', axisLabel: { ...phoneText, formatter: count }, splitNumber: 2, minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: items.map((i) => shortLabel(i.label)),
      axisTick: { show: false },
      axisLabel: phoneText,
    },
    series: [
      { type: 'bar', name: names.male, stack: 'sex', data: items.map((i) => i.male) },
      { type: 'bar', name: names.female, stack: 'sex', data: items.map((i) => i.female) },
    ],
  } satisfies ChartOption;
}

/** How tall a phone chart of `rows` bars is, with room for its legend and axis. */
export function phoneChartSize(rows: number): ChartSize {
  return { width: PHONE_WIDTH, height: 56 + Math.max(1, rows) * 22 };
}

/** Vertical bars per category, one colour per series (a bar chart of a table's columns). */
export function barOption(categories: string[], series: BarSeries[], options: { stacked?: boolean } = {}) {
  return {
    grid: { left: 48, right: 12, top: series.length > 1 ? 32 : 12, bottom: 64 },
    legend: series.length > 1 ? { top: 0 } : undefined,
    xAxis: {
      type: 'category',
      data: categories,
      axisLabel: { interval: 0, rotate: categories.length > 6 ? 40 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({
      type: 'bar',
      name: s.label,
      data: s.values,
      ...(options.stacked ? { stack: 'all' } : {}),
    })),
  } satisfies ChartOption;
}

/** Lines over time (months on the x axis), gaps where a value is null. */
export function lineOption(categories: string[], series: BarSeries[], options: { unit?: string } = {}) {
  return {
    grid: { left: 48, right: 12, top: 32, bottom: 40 },
    legend: { top: 0 },
    xAxis: { type: 'category', data: categories },
    yAxis: { type: 'value', axisLabel: { formatter: `{value}${options.unit ?? ''}` } },
    series: series.map((s) => ({ type: 'line', name: s.label, data: s.values, connectNulls: false })),
  } satisfies ChartOption;
}

export interface MapPoint {
  label: string;
  lat: number;
  lng: number;
  value: number;
}

/** Points on longitude/latitude axes, sized by value: a map without boundaries (none could be shipped). */
export function pointMapOption(points: MapPoint[]) {
  const max = Math.max(1, ...points.map((p) => p.value));
  return {
    grid: { left: 56, right: 16, top: 16, bottom: 32 },
    xAxis: { type: 'value', scale: true, name: 'BT', axisLabel: { formatter: '{value}°' } },
    yAxis: { type: 'value', scale: true, name: 'LS', axisLabel: { formatter: '{value}°' } },
    series: [
      {
        type: 'scatter',
        data: points.map((p) => ({ name: p.label, value: [p.lng, p.lat, p.value] })),
        symbolSize: (v: number[]) => 8 + 28 * Math.sqrt((v[2] ?? 0) / max),
        label: { show: true, formatter: '{b}', position: 'right', fontSize: 10 },
      },
    ],
  } satisfies ChartOption;
}
