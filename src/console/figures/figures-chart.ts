import { svg, type SVGTemplateResult } from 'lit';

/** One bar: its label under the axis and its value. */
export interface BarPoint {
  label: string;
  value: number;
}

/** Where each bar goes in a chart of `width` × `height` (the labels' band included). */
export function barLayout(points: BarPoint[], width: number, height: number) {
  const labelBand = 24;
  const max = Math.max(1, ...points.map((p) => p.value));
  const slot = points.length ? width / points.length : width;
  const barWidth = Math.max(4, slot * 0.6);
  return points.map((point, i) => {
    const barHeight = ((height - labelBand - 16) * point.value) / max;
    return {
      ...point,
      x: i * slot + (slot - barWidth) / 2,
      y: height - labelBand - barHeight,
      width: barWidth,
      height: barHeight,
      labelX: i * slot + slot / 2,
    };
  });
}

/**
 * A simple SVG bar chart. The SVG is one image for assistive technology, named by `title`; the
 * same numbers are in the table beside it, so nothing is only in the picture.
 */
export function barChart(title: string, points: BarPoint[], width = 600, height = 200): SVGTemplateResult {
  const bars = barLayout(points, width, height);
  return svg`<svg viewBox="0 0 ${width} ${height}" role="img" aria-label=${title} part="chart" width="100%" preserveAspectRatio="xMidYMid meet">
    ${bars.map(
      (bar) => svg`<g>
        <title>${bar.label}: ${bar.value}</title>
        <rect x=${bar.x} y=${bar.y} width=${bar.width} height=${bar.height} fill="currentColor"></rect>
        <text x=${bar.labelX} y=${bar.y - 4} text-anchor="middle" font-size="12">${bar.value}</text>
        <text x=${bar.labelX} y=${height - 6} text-anchor="middle" font-size="12">${bar.label}</text>
      </g>`,
    )}
    <line x1="0" x2=${width} y1=${height - 24} y2=${height - 24} class="axis"></line>
  </svg>`;
}
