import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { cameraChoice, nextCamera } from '../../../call/devices/camera-choice.js';

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
  /** The cameras there are, known once one was allowed (labels and ids are hidden before). */
  cameras: MediaDeviceInfo[] = [];

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
    void this.open('video').then(async (stream) => {
      this.videoStream = stream;
      if (stream) await this.listCameras();
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

  /** Shows the next camera (front ↔ back on a phone); the call will open the one shown last. */
  async switchCamera(): Promise<void> {
    const current = this.videoStream?.getVideoTracks()[0]?.getSettings().deviceId;
    const next = nextCamera(this.cameras, current);
    if (!next) return;
    // A phone opens one camera at a time: the old one must be closed before the next opens.
    this.videoStream?.getTracks().forEach((t) => t.stop());
    const stream = await this.open('video', next);
    this.videoStream = stream;
    cameraChoice.deviceId = stream ? next : undefined;
    this.host.requestUpdate();
  }

  private async listCameras(): Promise<void> {
    const devices = await navigator.mediaDevices.enumerateDevices();
    this.cameras = devices.filter((d) => d.kind === 'videoinput');
  }

  private async open(kind: 'video' | 'audio', deviceId?: string): Promise<MediaStream | undefined> {
    const key = kind === 'video' ? 'camera' : 'microphone';
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ [kind]: deviceId ? { deviceId: { exact: deviceId } } : true });
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
