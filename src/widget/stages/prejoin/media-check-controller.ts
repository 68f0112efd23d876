import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type DeviceCheck = 'checking' | 'ok' | 'denied' | 'missing';

/**
 * Asks for camera and microphone separately — a denied camera must not cost the citizen their
 * microphone — and measures the microphone's level for a meter. Everything it opens (tracks,
 * the audio context, the level timer) is closed in `hostDisconnected`.
 */
export class MediaCheckController implements ReactiveController {
  camera: DeviceCheck = 'checking';
  microphone: DeviceCheck = 'checking';
  /** The camera preview, while the host is connected. */
  videoStream?: MediaStream;
  /** Microphone level from 0 to 100. */
  level = 0;

  private audioStream?: MediaStream;
  private audioContext?: AudioContext;
  private timer?: ReturnType<typeof setInterval>;
  private connected = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get checking(): boolean {
    return this.camera === 'checking' || this.microphone === 'checking';
  }

  hostConnected(): void {
    this.connected = true;
    this.camera = this.microphone = 'checking';
    void this.open('video').then((stream) => {
      this.videoStream = stream;
      this.host.requestUpdate();
    });
    void this.open('audio').then((stream) => {
      this.audioStream = stream;
      if (stream) this.measure(stream);
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.connected = false;
    clearInterval(this.timer);
    for (const stream of [this.videoStream, this.audioStream]) stream?.getTracks().forEach((t) => t.stop());
    this.videoStream = this.audioStream = undefined;
    void this.audioContext?.close();
    this.audioContext = undefined;
  }

  private async open(kind: 'video' | 'audio'): Promise<MediaStream | undefined> {
    const key = kind === 'video' ? 'camera' : 'microphone';
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ [kind]: true });
      if (!this.connected) {
        stream.getTracks().forEach((t) => t.stop());
        return undefined;
      }
      this[key] = 'ok';
      return stream;
    } catch (error) {
      const name = (error as DOMException).name;
      this[key] = name === 'NotFoundError' || name === 'OverconstrainedError' ? 'missing' : 'denied';
      return undefined;
    }
  }

  private measure(stream: MediaStream): void {
    const context = (this.audioContext = new AudioContext());
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    context.createMediaStreamSource(stream).connect(analyser);
    void context.resume();
    const samples = new Float32Array(analyser.fftSize);
    // Ten updates a second is smooth enough for a meter and keeps re-renders cheap.
    this.timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let peak = 0;
      for (const s of samples) peak = Math.max(peak, Math.abs(s));
      const level = Math.min(100, Math.round(peak * 140));
      if (level !== this.level) {
        this.level = level;
        this.host.requestUpdate();
      }
    }, 100);
  }
}
