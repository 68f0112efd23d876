import type { BenchReport } from './report.js';

const KB = 1024;
const kb = (bytes: number | null | undefined) => (bytes === null || bytes === undefined ? '–' : `${(bytes / KB).toFixed(1)} KB`);
const ms = (value: number | null | undefined) => (value === null || value === undefined ? '–' : `${value} ms`);
const times = (value: number | null | undefined) => (value === null || value === undefined ? '–' : `×${value.toFixed(2)}`);
const goal = (text: string, met: boolean | null) => (met === null ? `${text}` : `${text}: ${met ? 'met' : 'MISSED'}`);

/** Bookings per second per store, with 50 clients (issue 19 #3). */
export const BOOKING_GOALS: Record<string, number> = { pglite: 500, postgres: 1000 };

/** Rows of [measure, ours, baseline, comparison, goal]. */
export function reportRows(report: BenchReport): string[][] {
  const rows: string[][] = [];
  const { payload: p, firstRender: r, join: j, waiting: w, booking: b, memory: m, slowLine: s } = report;
  if (p) {
    rows.push(['payload: first script (gzip / br)', `${kb(p.entryGzip)} / ${kb(p.entryBrotli)}`, '', '', goal('≤ 12 KB gzip', p.entryGzip === null ? null : p.entryGzip <= 12 * KB)]);
    rows.push(['payload: first view, script + config validator (gzip)', kb(p.firstViewGzip), '', '', '']);
    rows.push(['payload: stages chunk (gzip / br)', `${kb(p.stagesGzip)} / ${kb(p.stagesBrotli)}`, '', '', '']);
    rows.push(['payload: booking chunk + its imports (gzip / br)', `${kb(p.bookingGzip)} / ${kb(p.bookingBrotli)}`, '', '', '']);
    rows.push([
      'payload: call chunk (gzip / br)',
      `${kb(p.callGzip)} / ${kb(p.callBrotli)}`,
      `${kb(p.baselineCallGzip)} / ${kb(p.baselineCallBrotli)}`,
      p.callOverBaselineGzipKB === null ? '–' : `+${p.callOverBaselineGzipKB} KB gzip`,
      goal('≤ baseline + 15 KB', p.callOverBaselineGzipKB === null ? null : p.callOverBaselineGzipKB <= 15),
    ]);
  }
  if (r) {
    rows.push([`first render p50 / p90 (${r.loads ?? '?'} loads)`, `${ms(r.p50Ms)} / ${ms(r.p90Ms)}`, `${ms(r.baselineP50Ms)} / ${ms(r.baselineP90Ms)}`, times(r.ratio), '']);
  }
  if (j) {
    rows.push([`join p50 / p90 (${j.runs ?? '?'} runs)`, `${ms(j.p50Ms)} / ${ms(j.p90Ms)}`, `${ms(j.baselineP50Ms)} / ${ms(j.baselineP90Ms)}`, times(j.ratio), goal('ratio ≤ 1.2', j.ratio === null ? null : j.ratio <= 1.2)]);
    rows.push(['join to a shown frame (p50)', ms(j.renderedP50Ms), ms(j.baselineRenderedP50Ms ?? null), times(j.renderedRatio ?? null), '']);
  }
  if (s && s.runs) {
    const notices = (s.samples ?? []).map((x) => (x.slowNoticeMs === null ? 'never' : ms(x.slowNoticeMs))).join(', ');
    rows.push([
      `slow line (400 kbit/s, 400 ms), first audio p50 (${s.runs} calls)`,
      `citizen hears ${ms(s.citizenHearsP50Ms)}, employee hears ${ms(s.employeeHearsP50Ms)}; "traag" shown after ${notices}`,
      '',
      '',
      '',
    ]);
  }
  const d = report.documents;
  if (d && d.runs) {
    rows.push([
      `documents: a ${kb(d.photoBytes)} photo from the citizen, p50 (${d.runs} photos)`,
      `upload ${d.uploadMBps ?? '–'} MB/s (${ms(d.uploadP50Ms)}), server check ${ms(d.checkP50Ms)}, "verstuurd" to the employee's card ${ms(d.deliverP50Ms)}; chosen to card shown ${ms(d.sentToCardMs)}`,
      '',
      '',
      '',
    ]);
  }
  if (w) {
    for (const step of w.steps ?? []) {
      const ours = step.ok
        ? `fan-out p50 ${step.fanoutP50Ms} / p95 ${step.fanoutP95Ms} / max ${step.fanoutMaxMs} ms; ${step.heapPerCitizenKB} KB heap, ${step.rssPerCitizenKB} KB RSS each (${step.rssPerStreamKB} KB for the stream); ` +
          `new tickets ${step.createWhileHeldPerSecond ?? '–'}/s while held` + (step.problem ? ` (${step.problem})` : '')
        : `did not hold: ${step.problem}`;
      // Issue #8: 5,000 on one instance; issue 19: 10,000 on one, 20,000 on two (≤ 250 ms).
      const instances = w.instances ?? 1;
      const goalMs = instances === 1 && (step.held === 5000 || step.held === 10000) ? 200 : instances === 2 && step.held === 20000 ? 250 : null;
      const p95Goal = step.ok && step.fanoutP95Ms !== null && goalMs !== null ? step.fanoutP95Ms <= goalMs : null;
      const where = instances > 1 ? ` on ${instances} instances` : '';
      rows.push([`waiting room, ${step.held} streams${where}`, ours, '', '', goalMs !== null ? goal(`p95 ≤ ${goalMs} ms`, p95Goal) : '']);
    }
    rows.push(['waiting room: most held', String(w.maxHeld ?? '–'), '', '', goal('5,000', w.maxHeld === null ? null : w.maxHeld >= 5000)]);
  }
  if (b) {
    for (const rate of b.bookings ?? []) {
      rows.push([
        `booking, ${b.concurrency} clients, ${rate.store}`,
        rate.perSecond === null ? `– (${rate.note})` : `${rate.perSecond}/s, ${rate.taken} slot_taken${rate.errors ? `, ${rate.errors} errors` : ''}`,
        '',
        '',
        [
          BOOKING_GOALS[rate.store] === undefined ? undefined : goal(`≥ ${BOOKING_GOALS[rate.store]}/s`, rate.perSecond === null ? null : rate.perSecond >= BOOKING_GOALS[rate.store]!),
          rate.doubleBookings === null ? 'double bookings 0' : `double bookings ${rate.doubleBookings} (goal 0)`,
        ].filter(Boolean).join('; '),
      ]);
    }
    for (const rate of b.ticketCreation ?? []) {
      rows.push([
        `ticket creation, ${b.concurrency} clients, ${rate.store}`,
        rate.perSecond === null ? `– (${rate.note})` : `${rate.perSecond}/s${rate.errors ? `, ${rate.errors} errors` : ''}`,
        '',
        '',
        '',
      ]);
    }
  }
  if (m && m.heapGrowthMB !== null) {
    rows.push([
      `call memory, ${m.cycles ?? '?'} join/leave cycles`,
      `heap +${m.heapGrowthMB} MB (${m.ours?.afterFirst.heapUsedMB} → ${m.ours?.afterLast.heapUsedMB}); DOM nodes ${m.ours?.afterFirst.nodes} → ${m.ours?.afterLast.nodes}, listeners ${m.ours?.afterFirst.listeners} → ${m.ours?.afterLast.listeners}`,
      `heap +${m.baselineHeapGrowthMB} MB; DOM nodes ${m.baseline?.afterFirst.nodes} → ${m.baseline?.afterLast.nodes}, listeners ${m.baseline?.afterFirst.listeners} → ${m.baseline?.afterLast.listeners}`,
      '',
      '',
    ]);
  }
  for (const [name, error] of Object.entries(report.errors)) rows.push([`${name}`, `could not run: ${error}`, '', '', '']);
  return rows;
}

/** The table's column heads, for the text table and the HTML page alike. */
export const TABLE_HEADER = ['measure', 'Digitale Balie', 'baseline', 'vs baseline', 'goal'];

/** A plain-text table, columns padded to their widest cell. */
export function formatTable(rows: string[][]): string {
  const header = TABLE_HEADER;
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) => row.map((cell, column) => (cell ?? '').padEnd(widths[column]!)).join(' | ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}
