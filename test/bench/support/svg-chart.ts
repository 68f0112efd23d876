/**
 * Tiny inline-SVG charts for the bench's HTML page: pure functions from numbers to markup, no
 * scripts and no external files, so the page reads from disk without a server. Every text that
 * goes into the markup passes through {@link escapeHtml}.
 */

/** Escapes text for HTML content and attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const WIDTH = 560;
const HEIGHT = 280;
const PAD = { left: 64, right: 16, top: 16, bottom: 64 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;
/** Distinguishable with common colour-vision deficiencies (Okabe–Ito). */
export const COLOURS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9'];

const fmt = (n: number) => (Math.abs(n) >= 1000 ? n.toLocaleString('en-US', { maximumFractionDigits: 0 }) : String(Math.round(n * 100) / 100));

/** About five round steps from 0 to at least `max` (1, 2 or 5 × 10^k). */
export function niceTicks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let t = 0; t < max + step * 0.999; t += step) ticks.push(Math.round(t * 1e6) / 1e6);
  return ticks;
}

function frame(title: string, body: string, legend: { label: string; colour: string }[]): string {
  const keys = legend
    .map((l, i) => `<g transform="translate(${PAD.left + i * 150},${HEIGHT - 6})"><rect width="10" height="10" y="-9" fill="${l.colour}"/><text x="14">${escapeHtml(l.label)}</text></g>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeHtml(title)}"><title>${escapeHtml(title)}</title>${body}${keys}</svg>`;
}

function yAxis(ticks: number[], unit: string): string {
  const top = ticks[ticks.length - 1]!;
  return ticks
    .map((t) => {
      const y = PAD.top + PLOT_H - (t / top) * PLOT_H;
      return `<line x1="${PAD.left}" x2="${PAD.left + PLOT_W}" y1="${y}" y2="${y}" stroke="#ddd"/><text x="${PAD.left - 6}" y="${y + 4}" text-anchor="end">${escapeHtml(fmt(t))}</text>`;
    })
    .join('') + `<text x="12" y="${PAD.top + PLOT_H / 2}" transform="rotate(-90 12 ${PAD.top + PLOT_H / 2})" text-anchor="middle">${escapeHtml(unit)}</text>`;
}

function goalLine(value: number, top: number, label: string): string {
  if (value > top) return '';
  const y = PAD.top + PLOT_H - (value / top) * PLOT_H;
  return `<line x1="${PAD.left}" x2="${PAD.left + PLOT_W}" y1="${y}" y2="${y}" stroke="#000" stroke-dasharray="6 4"/><text x="${PAD.left + PLOT_W}" y="${y - 4}" text-anchor="end">${escapeHtml(label)}</text>`;
}

/** A figure with a caption that says why there is no chart. */
export function noChart(title: string, why: string): string {
  return `<p class="no-chart">${escapeHtml(title)}: no data (${escapeHtml(why)})</p>`;
}

export interface LineSeries {
  label: string;
  points: { x: number; y: number }[];
}

/** Lines over a numeric x axis (e.g. latency against waiting citizens), with an optional goal. */
export function lineChart(title: string, xUnit: string, yUnit: string, series: LineSeries[], goal?: { y: number; label: string }): string {
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const ys = series.flatMap((s) => s.points.map((p) => p.y));
  const xTicks = niceTicks(Math.max(...xs));
  const yTicks = niceTicks(Math.max(...ys, goal?.y ?? 0));
  const xTop = xTicks[xTicks.length - 1]!;
  const yTop = yTicks[yTicks.length - 1]!;
  const px = (x: number) => PAD.left + (x / xTop) * PLOT_W;
  const py = (y: number) => PAD.top + PLOT_H - (y / yTop) * PLOT_H;
  const xAxis =
    xTicks.map((t) => `<text x="${px(t)}" y="${PAD.top + PLOT_H + 16}" text-anchor="middle">${escapeHtml(fmt(t))}</text>`).join('') +
    `<text x="${PAD.left + PLOT_W / 2}" y="${PAD.top + PLOT_H + 30}" text-anchor="middle">${escapeHtml(xUnit)}</text>`;
  const lines = series
    .map((s, i) => {
      const colour = COLOURS[i % COLOURS.length]!;
      const pts = [...s.points].sort((a, b) => a.x - b.x);
      const path = pts.map((p) => `${px(p.x)},${py(p.y)}`).join(' ');
      const dots = pts.map((p) => `<circle cx="${px(p.x)}" cy="${py(p.y)}" r="3.5" fill="${colour}"><title>${escapeHtml(`${s.label}: ${fmt(p.x)} → ${fmt(p.y)} ${yUnit}`)}</title></circle>`).join('');
      return `<polyline points="${path}" fill="none" stroke="${colour}" stroke-width="2"/>${dots}`;
    })
    .join('');
  const body = yAxis(yTicks, yUnit) + xAxis + (goal ? goalLine(goal.y, yTop, goal.label) : '') + lines;
  return frame(title, body, series.map((s, i) => ({ label: s.label, colour: COLOURS[i % COLOURS.length]! })));
}

export interface Bar {
  label: string;
  value: number;
  /** Drawn as a dashed mark across the bar. */
  goal?: number;
}

/** Vertical bars, one per label, each with its own goal mark. */
export function barChart(title: string, yUnit: string, bars: Bar[]): string {
  const yTicks = niceTicks(Math.max(...bars.map((b) => Math.max(b.value, b.goal ?? 0))));
  const yTop = yTicks[yTicks.length - 1]!;
  const py = (y: number) => PAD.top + PLOT_H - (y / yTop) * PLOT_H;
  const slot = PLOT_W / bars.length;
  const body = bars
    .map((b, i) => {
      const x = PAD.left + i * slot + slot * 0.2;
      const w = slot * 0.6;
      const colour = COLOURS[i % COLOURS.length]!;
      const goal = b.goal === undefined ? '' : `<line x1="${x - 6}" x2="${x + w + 6}" y1="${py(b.goal)}" y2="${py(b.goal)}" stroke="#000" stroke-width="2" stroke-dasharray="6 4"/><text x="${x + w + 6}" y="${py(b.goal) - 4}" text-anchor="end">${escapeHtml(`goal ${fmt(b.goal)}`)}</text>`;
      return (
        `<rect x="${x}" y="${py(b.value)}" width="${w}" height="${PAD.top + PLOT_H - py(b.value)}" fill="${colour}"><title>${escapeHtml(`${b.label}: ${fmt(b.value)} ${yUnit}`)}</title></rect>` +
        `<text x="${x + w / 2}" y="${py(b.value) - 4}" text-anchor="middle">${escapeHtml(fmt(b.value))}</text>` +
        `<text x="${x + w / 2}" y="${PAD.top + PLOT_H + 16}" text-anchor="middle">${escapeHtml(b.label)}</text>` +
        goal
      );
    })
    .join('');
  return frame(title, yAxis(yTicks, yUnit) + body, []);
}

export interface StripRow {
  label: string;
  values: number[];
}

/** One row of dots per label on a shared ms axis, the median marked: samples side by side. */
export function stripChart(title: string, xUnit: string, rows: StripRow[]): string {
  const xTicks = niceTicks(Math.max(...rows.flatMap((r) => r.values)));
  const xTop = xTicks[xTicks.length - 1]!;
  const left = 180;
  const plotW = WIDTH - left - PAD.right;
  const rowH = Math.min(48, PLOT_H / rows.length);
  const px = (x: number) => left + (x / xTop) * plotW;
  const axisY = PAD.top + rows.length * rowH;
  const grid = xTicks
    .map((t) => `<line x1="${px(t)}" x2="${px(t)}" y1="${PAD.top}" y2="${axisY}" stroke="#ddd"/><text x="${px(t)}" y="${axisY + 16}" text-anchor="middle">${escapeHtml(fmt(t))}</text>`)
    .join('') + `<text x="${left + plotW / 2}" y="${axisY + 30}" text-anchor="middle">${escapeHtml(xUnit)}</text>`;
  const body = rows
    .map((r, i) => {
      const y = PAD.top + i * rowH + rowH / 2;
      const colour = COLOURS[i % COLOURS.length]!;
      const sorted = [...r.values].sort((a, b) => a - b);
      const med = sorted.length ? sorted[Math.ceil(sorted.length / 2) - 1]! : null;
      const dots = r.values.map((v) => `<circle cx="${px(v)}" cy="${y}" r="4" fill="${colour}" fill-opacity="0.6"><title>${escapeHtml(`${r.label}: ${fmt(v)} ${xUnit}`)}</title></circle>`).join('');
      const medMark = med === null ? '' : `<line x1="${px(med)}" x2="${px(med)}" y1="${y - 12}" y2="${y + 12}" stroke="#000" stroke-width="2"><title>${escapeHtml(`median ${fmt(med)}`)}</title></line>`;
      return `<text x="${left - 8}" y="${y + 4}" text-anchor="end">${escapeHtml(r.label)}</text>${dots}${medMark}`;
    })
    .join('');
  const height = axisY + PAD.bottom;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escapeHtml(title)}"><title>${escapeHtml(title)}</title>${grid}${body}</svg>`;
}
