import type { Track } from 'livekit-client';
import { noChange, nothing, type ElementPart } from 'lit';
import { AsyncDirective, directive, PartType, type PartInfo } from 'lit/async-directive.js';

/**
 * `<video ${attachTrack(track)}>`: attaches a LiveKit track to the element and detaches it when
 * the track changes or the element leaves the DOM, so no media element keeps a track alive.
 */
class AttachTrackDirective extends AsyncDirective {
  private track?: Track;
  private element?: HTMLMediaElement;

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('[balie-call] attachTrack() belongs on a media element');
  }

  render(_track: Track | undefined) {
    return nothing;
  }

  override update(part: ElementPart, [track]: [Track | undefined]) {
    this.element = part.element as HTMLMediaElement;
    if (track !== this.track) {
      if (this.track) this.track.detach(this.element);
      this.track = track;
      track?.attach(this.element);
    }
    return noChange;
  }

  protected override disconnected(): void {
    if (this.track && this.element) this.track.detach(this.element);
  }

  protected override reconnected(): void {
    if (this.track && this.element) this.track.attach(this.element);
  }
}

export const attachTrack = directive(AttachTrackDirective);
