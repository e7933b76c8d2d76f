import { escapeHtml } from '../ui/jsx-runtime.ts';

// Charts for any module (residents' population pyramid, later health and aid figures) are SVG
// strings built from numbers and escaped labels: no script, readable without JS, and scaled by the
// browser (viewBox + width 100%). They know nothing of where the numbers come from.
// The viewBox is as wide as a phone's content column, so on a 360 px phone the text is drawn at
// about its own size (a 640-wide box came out at half: 5 px labels); CSS caps the width on a desk.

/** Width of every chart's viewBox: about a 360 px phone's column inside a panel (296 px). */
export const CHART_WIDTH = 300;
/** Font size of every label, in viewBox units (≈ CSS px on a phone). */
export const CHART_FONT = 13;

const MALE = '#1d70b8';
const FEMALE = '#d4351c';

function fmt(n: number): string {
  return n.toLocaleString('id-ID');
}

export function pyramidSvg(
  bands: Array<{ band: string; male: number; female: number }>,
  labels: { title: string; male: string; female: string },
): string {
  const rowH = 20;
  const top = 28;
  const width = CHART_WIDTH;
  const mid = width / 2;
  const labelW = 48;
  const barMax = mid - labelW / 2 - 40;
  const max = Math.max(1, ...bands.map((b) => Math.max(b.male, b.female)));
  const height = top + bands.length * rowH + 10;
  const rows = [...bands].reverse().map((b, i) => {
    const y = top + i * rowH;
    const mw = (b.male / max) * barMax;
    const fw = (b.female / max) * barMax;
    return [
      `<rect x="${(mid - labelW / 2 - mw).toFixed(1)}" y="${y + 2}" width="${mw.toFixed(1)}" height="${rowH - 4}" fill="${MALE}"><title>${escapeHtml(`${labels.male} ${b.band}: ${fmt(b.male)}`)}</title></rect>`,
      `<rect x="${mid + labelW / 2}" y="${y + 2}" width="${fw.toFixed(1)}" height="${rowH - 4}" fill="${FEMALE}"><title>${escapeHtml(`${labels.female} ${b.band}: ${fmt(b.female)}`)}</title></rect>`,
      `<text x="${mid}" y="${y + rowH - 5}" text-anchor="middle" font-size="${CHART_FONT}">${escapeHtml(b.band)}</text>`,
      `<text x="${(mid - labelW / 2 - mw - 4).toFixed(1)}" y="${y + rowH - 5}" text-anchor="end" font-size="${CHART_FONT}">${fmt(b.male)}</text>`,
      `<text x="${(mid + labelW / 2 + fw + 4).toFixed(1)}" y="${y + rowH - 5}" font-size="${CHART_FONT}">${fmt(b.female)}</text>`,
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeHtml(labels.title)}" class="chart chart-phone">`,
    `<text x="${mid - labelW}" y="16" text-anchor="end" font-size="${CHART_FONT}" fill="${MALE}">${escapeHtml(labels.male)}</text>`,
    `<text x="${mid + labelW}" y="16" font-size="${CHART_FONT}" fill="${FEMALE}">${escapeHtml(labels.female)}</text>`,
    ...rows,
    '</svg>',
  ].join('');
}

/** Horizontal bars, one per category, split by sex. */
export function barsSvg(
  items: Array<{ label: string; male: number; female: number }>,
  labels: { title: string; male: string; female: string },
): string {
  const rowH = 22;
  const width = CHART_WIDTH;
  const labelW = 124;
  const barMax = width - labelW - 44;
  const max = Math.max(1, ...items.map((i) => i.male + i.female));
  const height = items.length * rowH + 8;
  const rows = items.map((item, i) => {
    const y = 4 + i * rowH;
    const mw = (item.male / max) * barMax;
    const fw = (item.female / max) * barMax;
    const label = item.label.length > 16 ? `${item.label.slice(0, 15)}…` : item.label;
    return [
      `<text x="${labelW - 6}" y="${y + rowH - 8}" text-anchor="end" font-size="${CHART_FONT}">${escapeHtml(label)}</text>`,
      `<rect x="${labelW}" y="${y + 3}" width="${mw.toFixed(1)}" height="${rowH - 6}" fill="${MALE}"><title>${escapeHtml(`${item.label}, ${labels.male}: ${fmt(item.male)}`)}</title></rect>`,
      `<rect x="${(labelW + mw).toFixed(1)}" y="${y + 3}" width="${fw.toFixed(1)}" height="${rowH - 6}" fill="${FEMALE}"><title>${escapeHtml(`${item.label}, ${labels.female}: ${fmt(item.female)}`)}</title></rect>`,
      `<text x="${(labelW + mw + fw + 4).toFixed(1)}" y="${y + rowH - 8}" font-size="${CHART_FONT}">${fmt(item.male + item.female)}</text>`,
    ].join('');
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeHtml(labels.title)}" class="chart chart-phone">${rows.join('')}</svg>`;
}
