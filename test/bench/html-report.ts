import type { BenchReport } from './report.js';
import { barChart, escapeHtml, lineChart, noChart, stripChart, type LineSeries } from './support/svg-chart.js';
import { BOOKING_GOALS, reportRows, TABLE_HEADER } from './table.js';


function fanoutChart(report: BenchReport): string {
  const title = 'Waiting room: change fan-out latency against waiting citizens';
  const steps = (report.waiting.steps ?? []).filter((s) => s.ok && s.fanoutP95Ms !== null);
  if (steps.length === 0) return noChart(title, report.errors.waiting ?? 'no step held');
  // Steps may come from more than one balie instance (issue 19 #2): one set of lines per count.
  const byInstances = new Map<number, typeof steps>();
  for (const step of steps) {
    const instances = (step as { instances?: number }).instances ?? report.waiting.instances ?? 1;
    byInstances.set(instances, [...(byInstances.get(instances) ?? []), step]);
  }
  const series: LineSeries[] = [];
  for (const [instances, group] of byInstances) {
    const suffix = byInstances.size > 1 ? `, ${instances} instance${instances === 1 ? '' : 's'}` : '';
    for (const key of ['fanoutP50Ms', 'fanoutP95Ms', 'fanoutMaxMs'] as const) {
      series.push({
        label: `${key.replace('fanout', '').replace('Ms', '').toLowerCase()}${suffix}`,
        points: group.filter((s) => s[key] !== null).map((s) => ({ x: s.held, y: s[key]! })),
      });
    }
  }
  return lineChart(title, 'citizens waiting (held streams)', 'ms', series, { y: 200, label: 'p95 goal 200 ms' });
}

function bookingChart(report: BenchReport): string {
  const title = 'Bookings per second, 50 clients, per store';
  const rates = (report.booking.bookings ?? []).filter((b) => b.perSecond !== null);
  if (rates.length === 0) return noChart(title, report.errors.booking ?? 'not measured');
  return barChart(
    title,
    'bookings/s',
    rates.map((b) => ({ label: `${b.store} (${b.doubleBookings ?? '?'} double)`, value: b.perSecond!, goal: BOOKING_GOALS[b.store] })),
  );
}

function joinChart(report: BenchReport): string {
  const title = 'Join samples: ours against bare livekit-client';
  const j = report.join;
  const rows = [
    { label: 'ours, decoded', values: (j.samples ?? []).map((s) => s.bothMs) },
    { label: 'baseline, decoded', values: j.baselineSamplesMs ?? [] },
    { label: 'ours, shown', values: (j.samples ?? []).map((s) => s.renderedBothMs) },
    { label: 'baseline, shown', values: j.baselineRenderedSamplesMs ?? [] },
  ].filter((r) => r.values.length > 0);
  if (rows.length === 0) return noChart(title, report.errors.join ?? 'not measured');
  return stripChart(title, 'ms from start to a remote frame on both sides', rows);
}

function table(report: BenchReport): string {
  const head = `<tr>${TABLE_HEADER.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = reportRows(report)
    .map((row) => `<tr>${TABLE_HEADER.map((_, i) => (i === 0 ? `<th scope="row">${escapeHtml(row[0] ?? '')}</th>` : `<td>${escapeHtml(row[i] ?? '')}</td>`)).join('')}</tr>`)
    .join('\n');
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:2rem;max-width:72rem;color:#111}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
thead th{background:#f2f2f2}figure{margin:1.5rem 0}figcaption{font-weight:600;margin-bottom:.25rem}svg text{font:12px system-ui,sans-serif;fill:#111}.no-chart{color:#555}`;

/**
 * The bench's results as one self-contained HTML page: the table and three inline SVG charts
 * (fan-out latency against waiting citizens, bookings/s per store, join samples ours against the
 * baseline). A pure function of `latest.json`: no scripts, no external files, every text escaped.
 */
export function renderHtmlReport(report: BenchReport): string {
  const m = report.machine;
  const machine = `${m.cores} cores (${m.cpuModel}), ${m.memoryGB} GB, Node ${m.node}, Chromium ${m.chromium}, livekit-server ${m.livekitServer}; load ${m.loadAtStart} at start`;
  const figures = [
    ['fanout', 'Waiting room: fan-out latency against waiting citizens (p50, p95, max)', fanoutChart(report)],
    ['booking', 'Bookings per second per store, with the goal of each', bookingChart(report)],
    ['join', 'Join samples, ours against a bare livekit-client join; the bar is the median', joinChart(report)],
  ]
    .map(([id, caption, chart]) => `<figure id="chart-${id}"><figcaption>${escapeHtml(caption!)}</figcaption>${chart}</figure>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Digitale Balie bench, ${escapeHtml(report.startedAt)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Digitale Balie bench</h1>
<p>${escapeHtml(`${report.mode} run started ${report.startedAt}, ${report.durationSeconds} s. Machine: ${machine}.`)}</p>
<p>Timings on a shared machine are noisy: compare ratios from the same run (see test/bench/README.md).</p>
${table(report)}
${figures}
</body>
</html>
`;
}
