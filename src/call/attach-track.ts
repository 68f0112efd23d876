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

/**
 * `<div ${playAudio(track)}>`: plays a remote audio track in an `<audio>` element that LiveKit
 * creates (`track.attach()`), inside this container. On change or removal the element is taken out
 * of the DOM first and detached second: livekit-client pools detached audio elements in a
 * module-level array, and one still inside our shadow tree would keep the whole removed call alive
 * (found by the memory benchmark: ~590 DOM nodes per call).
 */
class PlayAudioDirective extends AsyncDirective {
  private track?: Track;
  private audio?: HTMLMediaElement;
  private container?: HTMLElement;
  private label = '';

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('[balie-call] playAudio() belongs on a container element');
  }

  render(_track: Track | undefined, _label: string) {
    return nothing;
  }

  override update(part: ElementPart, [track, label]: [Track | undefined, string]) {
    this.container = part.element as HTMLElement;
    this.label = label;
    if (track !== this.track) {
      this.stop();
      this.track = track;
      this.start();
    }
    return noChange;
  }

  private start(): void {
    if (!this.track || !this.container) return;
    this.audio = this.track.attach();
    this.audio.dataset.identity = this.label;
    this.container.append(this.audio);
  }

  private stop(): void {
    if (!this.track || !this.audio) return;
    this.audio.remove();
    this.track.detach(this.audio);
    this.audio = undefined;
  }

  protected override disconnected(): void {
    this.stop();
  }

  protected override reconnected(): void {
    this.start();
  }
}

export const playAudio = directive(PlayAudioDirective);
