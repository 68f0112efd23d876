/**
 * Scripts the benchmarks run inside pages. Plain JavaScript in strings on purpose (see
 * test/e2e/support/call-probe.ts): tsx would wrap functions in a `__name` helper the page lacks.
 * Each is an expression taking one JSON argument; {@link inPage} applies it.
 */
import type { Page } from 'playwright-core';
import { findDeepSource } from '../../e2e/support/call-probe.js';

/** Evaluates `script` (a function expression in a string) with `arg` inside `page`. */
export function inPage<T>(page: Page, script: string, arg: unknown): Promise<T> {
  return page.evaluate(`(${script})(${JSON.stringify(arg)})`) as Promise<T>;
}

/**
 * Polls `expression` in `page` every 50 ms until it is truthy. Not `page.waitForFunction`: that
 * evaluates a string with `eval` inside the page, which the pages' CSP forbids.
 */
export async function waitInPage(page: Page, expression: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`bench: \`${expression}\` still false after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Inserts `<tag attrs>` and then `<script type="module" src=scriptUrl>`, as a host page would,
 * and resolves with the milliseconds until a visible button whose text is `buttonText` is in the
 * element's shadow root. Checked every animation frame: what a person could first see.
 */
export const insertAndWaitForButton = `async ({ scriptUrl, tag, attrs, buttonText, timeoutMs }) => {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, value);
  const script = document.createElement('script');
  script.type = 'module';
  script.src = scriptUrl;
  const start = performance.now();
  document.body.append(element);
  document.head.append(script);
  return new Promise((resolve, reject) => {
    const check = () => {
      const buttons = element.shadowRoot ? element.shadowRoot.querySelectorAll('button') : [];
      for (const button of buttons) {
        const box = button.getBoundingClientRect();
        if (box.width > 0 && box.height > 0 && button.checkVisibility() && button.textContent.includes(buttonText)) {
          return resolve(performance.now() - start);
        }
      }
      if (performance.now() - start > timeoutMs) return reject(new Error('no visible "' + buttonText + '" button within ' + timeoutMs + ' ms'));
      requestAnimationFrame(check);
    };
    check();
  });
}`;

/**
 * Resolves with \`Date.now()\` at the first remote video frame decoded (\`framesDecoded > 0\` of an
 * inbound RTP stream), polling every 10 ms. \`source\` says where the LiveKit room is:
 * \`balie-call\` (the first such element, through open shadow roots) or \`window\` (\`benchRoom\`).
 */
export const firstRemoteFrameAt = `async ({ source, timeoutMs }) => {
  ${findDeepSource}
  let call = null;
  const room = () => {
    if (source === 'window') return window.benchRoom;
    if (!call || !call.isConnected) call = findDeep(document, 'balie-call');
    return call && call.room;
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const current = room();
    for (const participant of current ? current.remoteParticipants.values() : []) {
      for (const publication of participant.trackPublications.values()) {
        if (publication.kind !== 'video' || !publication.track) continue;
        const report = await publication.track.getRTCStatsReport();
        let frames = 0;
        if (report) report.forEach((stat) => {
          if (stat.type === 'inbound-rtp' && stat.kind === 'video') frames += stat.framesDecoded || 0;
        });
        if (frames > 0) return Date.now();
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('no remote video frame decoded within ' + timeoutMs + ' ms');
}`;

/**
 * Resolves with \`Date.now()\` when a person could first see the other side: the remote camera's
 * \`<video>\` in the page's own DOM has \`videoWidth > 0\` and the browser presented one of its
 * frames (a \`requestVideoFrameCallback\` tick). \`source\`: \`balie-call\` (the remote tile in the
 * element's shadow root) or \`window\` (the bare page's \`video[data-remote]\`).
 */
export const firstRenderedFrameAt = `async ({ source, timeoutMs }) => {
  ${findDeepSource}
  const video = () => {
    if (source === 'window') return document.querySelector('video[data-remote="video"]');
    const call = findDeep(document, 'balie-call');
    return call && call.shadowRoot ? call.shadowRoot.querySelector('figure.remote:not(.screen) video') : null;
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const current = video();
    if (current && current.videoWidth > 0) {
      const presented = await new Promise((resolve) => {
        const timer = setTimeout(() => resolve(0), 1000);
        current.requestVideoFrameCallback(() => { clearTimeout(timer); resolve(Date.now()); });
      });
      if (presented) return presented;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('no remote video frame rendered within ' + timeoutMs + ' ms');
}`;

/** Records \`Date.now()\` of the next click anywhere in the page (capture phase) as \`window.benchClickAt\`. */
export const recordNextClick = `() => {
  window.benchClickAt = undefined;
  window.addEventListener('click', () => { window.benchClickAt = Date.now(); }, { capture: true, once: true });
}`;

/**
 * One join/leave cycle of \`<balie-call>\`: created with a grant, added to the page, until a remote
 * frame is decoded; then removed, until its room is disconnected. Resolves with the join time.
 */
export const balieCallCycle = `async ({ grant, timeoutMs }) => {
  const started = Date.now();
  const deadline = started + timeoutMs;
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const call = document.createElement('balie-call');
  call.grant = grant;
  document.body.append(call);
  let joinedMs = -1;
  while (joinedMs < 0) {
    if (Date.now() > deadline) throw new Error('balie-call: no remote frame within ' + timeoutMs + ' ms');
    for (const participant of call.room.remoteParticipants.values()) {
      for (const publication of participant.trackPublications.values()) {
        if (publication.kind !== 'video' || !publication.track) continue;
        const report = await publication.track.getRTCStatsReport();
        let frames = 0;
        if (report) report.forEach((stat) => { if (stat.type === 'inbound-rtp' && stat.kind === 'video') frames += stat.framesDecoded || 0; });
        if (frames > 0) joinedMs = Date.now() - started;
      }
    }
    await sleep(20);
  }
  const room = call.room;
  call.remove();
  while (room.state !== 'disconnected') {
    if (Date.now() > deadline) throw new Error('balie-call: still ' + room.state + ' after removal');
    await sleep(20);
  }
  return joinedMs;
}`;

/** The same cycle with the bare livekit-client page (test/bench/baselines/bare-livekit-page.ts). */
export const bareLivekitCycle = `async ({ grant, timeoutMs }) => {
  const started = Date.now();
  const deadline = started + timeoutMs;
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  await window.benchJoin(grant.url, grant.token);
  const room = window.benchRoom;
  let joinedMs = -1;
  while (joinedMs < 0) {
    if (Date.now() > deadline) throw new Error('bare livekit: no remote frame within ' + timeoutMs + ' ms');
    for (const participant of room.remoteParticipants.values()) {
      for (const publication of participant.trackPublications.values()) {
        if (publication.kind !== 'video' || !publication.track) continue;
        const report = await publication.track.getRTCStatsReport();
        let frames = 0;
        if (report) report.forEach((stat) => { if (stat.type === 'inbound-rtp' && stat.kind === 'video') frames += stat.framesDecoded || 0; });
        if (frames > 0) joinedMs = Date.now() - started;
      }
    }
    await sleep(20);
  }
  await window.benchLeave();
  return joinedMs;
}`;
