import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { renderHtmlReport } from '../bench/html-report.js';
import type { BenchReport } from '../bench/report.js';
import { niceTicks } from '../bench/support/svg-chart.js';

const fixture = (): BenchReport => JSON.parse(readFileSync(new URL('./fixtures/bench-report.json', import.meta.url), 'utf8')) as BenchReport;

/** The markup inside `<figure id="chart-{id}">`. */
function figure(html: string, id: string): string {
  const match = new RegExp(`<figure id="chart-${id}">([\\s\\S]*?)</figure>`).exec(html);
  assert.ok(match, `figure chart-${id} is on the page`);
  return match[1]!;
}

describe('the bench HTML page (issue 19 #6)', () => {
  it('renders the table and a chart for fan-out, bookings and joins', () => {
    const html = renderHtmlReport(fixture());
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /<th scope="col">Digitale Balie<\/th>/);
    assert.match(html, /<th scope="row">booking, 50 clients, pglite<\/th><td>126\/s, 250 slot_taken<\/td>/);

    const fanout = figure(html, 'fanout');
    assert.match(fanout, /<svg [^>]*role="img" aria-label="Waiting room: change fan-out latency against waiting citizens"/);
    // p50, p95 and max over the two steps that held: three lines of two points each.
    assert.equal(fanout.match(/<polyline /g)?.length, 3);
    assert.equal(fanout.match(/<circle /g)?.length, 6);
    assert.match(fanout, /<title>p95: 300 → 80 ms<\/title>/);
    assert.match(fanout, /p95 goal 200 ms/);

    const booking = figure(html, 'booking');
    assert.equal(booking.match(/<rect x=/g)?.length, 2);
    assert.match(booking, /<title>pglite \(0 double\): 126 bookings\/s<\/title>/);
    assert.match(booking, /<title>postgres \(0 double\): 181 bookings\/s<\/title>/);
    assert.match(booking, /goal 500/);
    assert.match(booking, /goal 1,000/);

    const join = figure(html, 'join');
    for (const row of ['ours, decoded', 'baseline, decoded', 'ours, shown', 'baseline, shown']) assert.match(join, new RegExp(`>${row}</text>`));
    assert.equal(join.match(/<circle /g)?.length, 12);
    assert.match(join, /<title>baseline, decoded: 1,200 ms from start/);
  });

  it('needs no server: no script, no external file', () => {
    const html = renderHtmlReport(fixture());
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<link|<img|\bsrc=|url\(/i);
    assert.doesNotMatch(html, /href="(?!#)/);
  });

  it('escapes text from the JSON', () => {
    const html = renderHtmlReport(fixture());
    assert.match(html, /could not run: no browser: &lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; more/);
    assert.match(html, /Test CPU &lt;fast&gt;/);
  });

  it('says why a chart is missing when its benchmark did not run', () => {
    const report = fixture();
    report.booking = { perSecond: null, doubleBookings: null };
    report.errors.booking = 'no store <here>';
    report.join = { p50Ms: null, baselineP50Ms: null, ratio: null, renderedP50Ms: null };
    report.waiting.steps = [];
    const html = renderHtmlReport(report);
    assert.match(figure(html, 'booking'), /no data \(no store &lt;here&gt;\)/);
    assert.match(figure(html, 'join'), /no data \(not measured\)/);
    assert.match(figure(html, 'fanout'), /no data \(no step held\)/);
    assert.doesNotMatch(html, /<svg/);
  });

  it('puts round ticks up to at least the largest value', () => {
    assert.deepEqual(niceTicks(181), [0, 50, 100, 150, 200]);
    assert.deepEqual(niceTicks(1000), [0, 200, 400, 600, 800, 1000]);
    assert.deepEqual(niceTicks(0), [0, 1]);
  });
});
