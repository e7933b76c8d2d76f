import { escapeHtml } from '../ui/jsx-runtime.ts';

// Hand-drawn charts for the health figures and the village budget (the residents' pyramid and
// bars are drawn by ECharts, `echarts.ts`): SVG strings built from numbers and escaped labels, no
// script, readable without JS, and scaled by the browser (viewBox + width 100%). They know nothing
// of where the numbers come from.
// The viewBox is as wide as a phone's content column, so on a 360 px phone the text is drawn at
// about its own size (a 640-wide box came out at half: 5 px labels); CSS caps the width on a desk.

/** Width of every chart's viewBox: about a 360 px phone's column inside a panel (296 px). */
export const CHART_WIDTH = 300;
/** Font size of every label, in viewBox units (≈ CSS px on a phone). */
export const CHART_FONT = 13;

function fmt(n: number): string {
  return n.toLocaleString('id-ID');
}

const BAR = '#1d70b8';
const TRACK = '#dfe3e6';
const DONE = '#00703c';

/** Two lines of at most `max` characters each: a long category name (a budget's bidang) above its bar. */
function wrapLabel(label: string, max: number): string[] {
  const words = label.split(/\s+/);
  const lines: string[] = [''];
  for (const word of words) {
    const current = lines[lines.length - 1]!;
    if (current && `${current} ${word}`.length > max) {
      if (lines.length === 2) {
        lines[1] = `${current.slice(0, max - 1)}…`;
        return lines;
      }
      lines.push(word);
    } else lines[lines.length - 1] = current ? `${current} ${word}` : word;
  }
  return lines;
}

/**
 * Horizontal bars of one series (amounts, counts), each with its name above and its value written
 * beside it (`text`: already formatted, e.g. "Rp 1,2 M"); `detail` goes into the bar's tooltip
 * (the full amount). Bars scale to the largest value.
 */
export function amountBarsSvg(
  items: Array<{ label: string; value: number; text: string; detail?: string }>,
  labels: { title: string },
): string {
  const width = CHART_WIDTH;
  const textW = 78;
  const barMax = width - textW - 4;
  const max = Math.max(1, ...items.map((i) => i.value));
  let y = 4;
  const rows = items.map((item) => {
    const name = wrapLabel(item.label, 40);
    const parts = name.map(
      (line, i) =>
        `<text x="0" y="${y + CHART_FONT + i * (CHART_FONT + 2)}" font-size="${CHART_FONT}">${escapeHtml(line)}</text>`,
    );
    y += name.length * (CHART_FONT + 2) + 4;
    const w = Math.max(item.value > 0 ? 2 : 0, (item.value / max) * barMax);
    parts.push(
      `<rect x="0" y="${y}" width="${w.toFixed(1)}" height="14" fill="${BAR}"><title>${escapeHtml(`${item.label}: ${item.detail ?? item.text}`)}</title></rect>`,
      `<text x="${(w + 4).toFixed(1)}" y="${y + 12}" font-size="${CHART_FONT}" class="chart-value">${escapeHtml(item.text)}</text>`,
    );
    y += 24;
    return parts.join('');
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${y}" width="100%" role="img" aria-label="${escapeHtml(labels.title)}" class="chart chart-phone">${rows.join('')}</svg>`;
}

/**
 * Progress of each item against its own target (realisation against plan): a grey track for the
 * target, the done part filled, the percentage and `text` written below.
 */
export function progressBarsSvg(
  items: Array<{ label: string; done: number; target: number; text: string }>,
  labels: { title: string },
): string {
  const width = CHART_WIDTH;
  let y = 4;
  const rows = items.map((item) => {
    const share = item.target > 0 ? Math.min(1, item.done / item.target) : 0;
    const percent = item.target > 0 ? Math.floor((item.done / item.target) * 1000) / 10 : 0;
    const parts = [
      `<text x="0" y="${y + CHART_FONT}" font-size="${CHART_FONT}">${escapeHtml(item.label)}</text>`,
    ];
    y += CHART_FONT + 5;
    parts.push(
      `<rect x="0" y="${y}" width="${width}" height="14" fill="${TRACK}"></rect>`,
      `<rect x="0" y="${y}" width="${(share * width).toFixed(1)}" height="14" fill="${DONE}"><title>${escapeHtml(`${item.label}: ${percent.toLocaleString('id-ID')} %`)}</title></rect>`,
      `<text x="0" y="${y + 14 + CHART_FONT + 2}" font-size="${CHART_FONT}" class="chart-value">${escapeHtml(`${percent.toLocaleString('id-ID')} % · ${item.text}`)}</text>`,
    );
    y += 14 + CHART_FONT + 14;
    return parts.join('');
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${y}" width="100%" role="img" aria-label="${escapeHtml(labels.title)}" class="chart chart-phone">${rows.join('')}</svg>`;
}

const LINE_COLOURS = ['#d4351c', '#1d70b8', '#f47738', '#00703c', '#4c2c92'];

/**
 * Lines over the same x labels (months of a trend): each series its own colour, a point where a
 * value exists and a gap where it is null (a month nobody was measured), every point's value in
 * its tooltip. The y axis runs from 0 to the largest value (at least `minTop`), ticks at quarters.
 */
export function linesSvg(
  xLabels: readonly string[],
  series: ReadonlyArray<{
    label: string;
    values: ReadonlyArray<number | null>;
    text?: (v: number) => string;
  }>,
  labels: { title: string; minTop?: number },
): string {
  const width = CHART_WIDTH;
  const left = 34;
  const right = 8;
  const top = 8;
  const plotH = 150;
  const legendTop = top + plotH + CHART_FONT + 16;
  const height = legendTop + series.length * (CHART_FONT + 6) + 4;
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const topValue = Math.max(labels.minTop ?? 1, ...all);
  const step = xLabels.length > 1 ? (width - left - right) / (xLabels.length - 1) : 0;
  const x = (i: number) => left + (xLabels.length > 1 ? i * step : (width - left - right) / 2);
  const y = (v: number) => top + plotH - (v / topValue) * plotH;
  const parts: string[] = [];
  for (let q = 0; q <= 4; q++) {
    const v = (topValue * q) / 4;
    parts.push(
      `<line x1="${left}" x2="${width - right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="${TRACK}"></line>`,
      `<text x="${left - 4}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-size="${CHART_FONT - 2}">${fmt(Math.round(v * 10) / 10)}</text>`,
    );
  }
  // every label when they fit, otherwise every other one (12 months on a phone)
  const every = xLabels.length > 7 ? 2 : 1;
  xLabels.forEach((label, i) => {
    if (i % every !== (xLabels.length - 1) % every) return;
    parts.push(
      `<text x="${x(i).toFixed(1)}" y="${top + plotH + CHART_FONT + 2}" text-anchor="middle" font-size="${CHART_FONT - 2}">${escapeHtml(label)}</text>`,
    );
  });
  series.forEach((s, n) => {
    const colour = LINE_COLOURS[n % LINE_COLOURS.length]!;
    let path = '';
    let open = false;
    s.values.forEach((v, i) => {
      if (v === null) {
        open = false;
        return;
      }
      path += `${open ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)} `;
      open = true;
      const text = s.text ? s.text(v) : fmt(v);
      parts.push(
        `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${colour}"><title>${escapeHtml(`${s.label}, ${xLabels[i] ?? ''}: ${text}`)}</title></circle>`,
      );
    });
    if (path) parts.push(`<path d="${path.trim()}" fill="none" stroke="${colour}" stroke-width="2"></path>`);
    const ly = legendTop + n * (CHART_FONT + 6);
    parts.push(
      `<rect x="${left}" y="${ly - CHART_FONT + 3}" width="12" height="4" fill="${colour}"></rect>`,
      `<text x="${left + 18}" y="${ly}" font-size="${CHART_FONT}">${escapeHtml(s.label)}</text>`,
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeHtml(labels.title)}" class="chart chart-phone">${parts.join('')}</svg>`;
}
