import type { Page } from 'playwright-core';

export interface MediaProbe {
  /** Width of the first remote camera picture on screen; 0 while nothing is shown. */
  videoWidth: number;
  /** `framesDecoded` of the remote video's inbound RTP stream. */
  framesDecoded: number;
  /** `bytesReceived` of the remote audio's inbound RTP stream. */
  audioBytes: number;
  /** Sources of the remote tracks, e.g. `camera`, `microphone`. */
  sources: string[];
  /** `framesDecoded` per remote video source, e.g. `{ camera: 120, screen_share: 30 }`. */
  framesBySource: Record<string, number>;
}

// Plain JavaScript on purpose: tsx compiles this file with esbuild's keepNames, which would wrap
// functions in a `__name` helper that does not exist inside the page.
/** Page-side source of `findDeep(root, selector)`: querySelector through open shadow roots. */
export const findDeepSource = `const findDeep = (root, selector) => {
    const found = root.querySelector(selector);
    if (found) return found;
    for (const el of root.querySelectorAll('*')) {
      const inner = el.shadowRoot ? findDeep(el.shadowRoot, selector) : null;
      if (inner) return inner;
    }
    return null;
  };`;

const probeScript = `(async () => {
  ${findDeepSource}
  const probe = { videoWidth: 0, framesDecoded: 0, audioBytes: 0, sources: [], framesBySource: {} };
  const call = findDeep(document, 'balie-call');
  if (!call || !call.room) return probe;
  const video = call.shadowRoot && call.shadowRoot.querySelector('figure.remote:not(.screen) video');
  probe.videoWidth = video ? video.videoWidth : 0;
  for (const participant of call.room.remoteParticipants.values()) {
    for (const publication of participant.trackPublications.values()) {
      probe.sources.push(publication.source);
      const report = publication.track && (await publication.track.getRTCStatsReport());
      if (!report) continue;
      report.forEach((stat) => {
        if (stat.type !== 'inbound-rtp') return;
        if (stat.kind === 'video') {
          probe.framesDecoded += stat.framesDecoded || 0;
          probe.framesBySource[publication.source] = (probe.framesBySource[publication.source] || 0) + (stat.framesDecoded || 0);
        }
        if (stat.kind === 'audio') probe.audioBytes += stat.bytesReceived || 0;
      });
    }
  }
  return probe;
})()`;

/**
 * Reads, inside the page, what the person would see and hear from the other side: the remote
 * `<video>` in the call UI and the WebRTC statistics of the remote tracks. Walks open shadow roots
 * to reach `<balie-call>`; returns zeros when no call is on screen.
 */
export function probeRemoteMedia(page: Page): Promise<MediaProbe> {
  return page.evaluate(probeScript) as Promise<MediaProbe>;
}

/**
 * Ends this side's screen capture the way the browser's own "Stop sharing" bar does: the capture
 * track ends, and nothing in our UI was clicked.
 */
export function endScreenCaptureLikeTheBrowserBar(page: Page): Promise<boolean> {
  return page.evaluate(`(() => {
    ${findDeepSource}
    const call = findDeep(document, 'balie-call');
    const publication = call && call.room.localParticipant.getTrackPublication('screen_share');
    if (!publication || !publication.track) return false;
    publication.track.mediaStreamTrack.stop();
    publication.track.mediaStreamTrack.dispatchEvent(new Event('ended'));
    return true;
  })()`) as Promise<boolean>;
}

/** Polls `read` until `accept` holds, or fails with the last value after `timeoutMs`. */
export async function pollUntil<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (accept(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
}
