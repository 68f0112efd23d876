import {
  connectionStateObserver,
  createConnectionQualityObserver,
  observeRoomEvents,
  roomEventSelector,
} from '@livekit/components-core';
import {
  ConnectionError,
  ConnectionErrorReason,
  ConnectionQuality,
  ConnectionState,
  createLocalAudioTrack,
  createLocalVideoTrack,
  DisconnectReason,
  Room,
  RoomEvent,
  Track,
  type LocalTrack,
  type ReconnectContext,
  type ReconnectPolicy,
} from 'livekit-client';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { map, merge, startWith, Subject, type Subscription } from 'rxjs';
import type { CallGrant } from '../protocol/index.js';
import { callViewOf, type CallView } from './call-view.js';
import { cameraChoice } from './devices/camera-choice.js';
import { ObservableController } from './observable-controller.js';

/** Room events after which the tiles may look different. */
const viewEvents = [
  RoomEvent.ParticipantConnected,
  RoomEvent.ParticipantDisconnected,
  RoomEvent.ParticipantMetadataChanged,
  RoomEvent.TrackSubscribed,
  RoomEvent.TrackUnsubscribed,
  RoomEvent.TrackMuted,
  RoomEvent.TrackUnmuted,
  RoomEvent.LocalTrackPublished,
  RoomEvent.LocalTrackUnpublished,
  RoomEvent.ActiveSpeakersChanged,
  RoomEvent.AudioPlaybackStatusChanged,
  RoomEvent.ConnectionQualityChanged,
];

export type CallEnd = 'room-closed' | 'connection-lost' | 'replaced';

/** A device the person can turn on and off in the call. */
export type CallSource = 'microphone' | 'camera' | 'screen';

const trackSourceOf: Record<CallSource, Track.Source> = {
  microphone: Track.Source.Microphone,
  camera: Track.Source.Camera,
  screen: Track.Source.ScreenShare,
};

/** How long the connection must stay poor before the camera is turned off to save the sound. */
const POOR_CONNECTION_GRACE_MS = 5000;

/** Waits between attempts to join while LiveKit cannot be reached (restarting, say). */
const JOIN_RETRY_DELAYS_MS = [1000, 2000, 4000, 5000];
/** How long joining keeps trying before the call says it could not start. */
const JOIN_GIVE_UP_MS = 120_000;

/**
 * How long livekit-client may try to get back into the call on its own (resume, or rejoin the
 * same node) while the browser is online. A short drop resumes in place well within it. After it,
 * the call says the connection was lost and the widget and console come back with a fresh grant,
 * which the balie server gives for a node that answers: a stopped node is not waited for. With
 * livekit-client's default policy a dead node was tried for about half a minute (issue 19).
 */
export const RECONNECT_ONLINE_MS = 8000;
/** Waits between livekit-client's own attempts: quick at first (a blip), then every 1.5 s. */
const RECONNECT_DELAYS_MS = [0, 300, 800, 1500];
/** While the browser is offline nothing can work: try every second, without a deadline yet. */
const RECONNECT_OFFLINE_DELAY_MS = 1000;

/**
 * livekit-client's reconnect policy for a call: retries for {@link RECONNECT_ONLINE_MS} of being
 * online, then stops so our own code gets a fresh grant (see {@link RoomController.onDisconnected}).
 * Time offline does not count: the budget starts again when the network is back.
 */
export class CallReconnectPolicy implements ReconnectPolicy {
  /** When the browser last came back online; 0: not since this call began. */
  private onlineSince = 0;

  constructor(private readonly online: () => boolean = () => navigator.onLine) {}

  /** The browser's network came back: the budget counts from now. */
  cameOnline(): void {
    this.onlineSince = Date.now();
  }

  nextRetryDelayInMs({ retryCount, elapsedMs }: ReconnectContext): number | null {
    if (!this.online()) return RECONNECT_OFFLINE_DELAY_MS;
    const onlineFor = Math.min(elapsedMs, Date.now() - this.onlineSince);
    if (onlineFor >= RECONNECT_ONLINE_MS) return null;
    const delay = RECONNECT_DELAYS_MS[Math.min(retryCount, RECONNECT_DELAYS_MS.length - 1)];
    return Math.min(delay, RECONNECT_ONLINE_MS - onlineFor);
  }
}

/**
 * Whether a failed join may work a moment later: LiveKit unreachable, restarting or timing out.
 * A refused token (expired, wrong room) or a join we cancelled ourselves will not.
 */
export function isTransientJoinError(error: unknown): boolean {
  if (!(error instanceof ConnectionError)) return false;
  return error.reason !== ConnectionErrorReason.NotAllowed && error.reason !== ConnectionErrorReason.Cancelled;
}

/**
 * One LiveKit room for one call. Joins with a grant, publishes microphone and (unless audio-only)
 * camera, and exposes the room's state through components-core observables. Leaves the room when
 * the host disconnects, so a removed element never keeps a camera on.
 */
export class RoomController implements ReactiveController {
  private readonly reconnectPolicy = new CallReconnectPolicy();
  readonly room = new Room({ adaptiveStream: true, dynacast: true, reconnectPolicy: this.reconnectPolicy });
  readonly connection: ObservableController<ConnectionState>;
  readonly view: ObservableController<CallView>;
  /** Set when the camera could not be started: the call goes on with sound only. */
  cameraFailed = false;
  joinError?: Error;
  /** Set after a few poor seconds; the camera goes off then, so the call goes on with sound. */
  poorConnection = false;
  /** Joining failed for now (LiveKit unreachable, restarting) and will be tried again. */
  retryingJoin = false;
  /**
   * The browser says it has no network. LiveKit itself notices a dead signalling connection only
   * after its ping timeout; the person should hear at once why the picture froze.
   */
  offline = !navigator.onLine;

  private grant?: CallGrant;
  /** A connect attempt is under way: the Disconnected event of a failed attempt is not an end. */
  private joining = false;
  private ended?: Subscription;
  private quality?: Subscription;
  private poorSince?: ReturnType<typeof setTimeout>;
  /**
   * Tracks opened for the prejoin's choice and not yet published. Until LiveKit reports them
   * published, they are what the person has on: the controls and their own tile show them, so the
   * call never reads "camera off" for the second between connecting and publishing (issue 19 #5).
   */
  private readonly opening = new Map<Track.Source, LocalTrack>();
  /** The prejoin's choice while its devices are still opening. */
  private readonly wanted = new Set<Track.Source>();
  private readonly openingChanged = new Subject<void>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onEnd: (reason: CallEnd) => void,
  ) {
    host.addController(this);
    this.connection = new ObservableController(host, ConnectionState.Disconnected);
    this.view = new ObservableController<CallView>(host, { remotes: [] });
  }

  /** Joins the call; microphone always, camera unless `audioOnly`. */
  async join(grant: CallGrant, options: { audioOnly: boolean }): Promise<void> {
    this.grant = grant;
    this.joinError = undefined;
    // Before the view is first computed: the tiles show the prejoin's choice from the start.
    this.wanted.add(Track.Source.Microphone);
    if (!options.audioOnly) this.wanted.add(Track.Source.Camera);
    this.connection.observe(connectionStateObserver(this.room));
    this.view.observe(
      merge(observeRoomEvents(this.room, ...viewEvents), this.openingChanged).pipe(
        map(() => this.viewNow()),
        startWith(this.viewNow()),
      ),
    );
    this.ended?.unsubscribe();
    this.ended = roomEventSelector(this.room, RoomEvent.Disconnected).subscribe(([reason]) => this.onDisconnected(reason));
    this.quality?.unsubscribe();
    this.quality = createConnectionQualityObserver(this.room.localParticipant).subscribe((q) => this.onQuality(q));
    // Camera and microphone start while the signalling connection is set up, not after it:
    // both take hundreds of milliseconds, and the other side waits for the first frame.
    const tracks = this.openTracks(options.audioOnly).then((opened) => {
      this.wanted.clear();
      opened.forEach((track) => this.opening.set(track.source, track));
      this.openingChanged.next();
      return opened;
    });
    if (!(await this.connect(grant))) {
      (await tracks).forEach((track) => track.stop());
      this.clearOpening();
      return;
    }
    await Promise.all(
      (await tracks).map((track) =>
        this.room.localParticipant
          .publishTrack(track)
          .catch((e: Error) => {
            track.stop();
            console.warn(`[balie-call] publishing ${track.source}: ${e.message}`);
          })
          .finally(() => {
            this.opening.delete(track.source);
            this.openingChanged.next();
          }),
      ),
    );
  }

  /**
   * Whether `source` is on as the person would say it: published and unmuted, or opened from the
   * prejoin's choice and being published right now.
   */
  isEnabled(source: CallSource): boolean {
    const trackSource = trackSourceOf[source];
    const publication = this.room.localParticipant.getTrackPublication(trackSource);
    if (publication) return !publication.isMuted;
    return this.opening.has(trackSource) || this.wanted.has(trackSource);
  }

  /** Turns `source` off when it is on and on when it is off, as {@link isEnabled} reads it. */
  async toggle(source: CallSource): Promise<void> {
    const local = this.room.localParticipant;
    const enable = !this.isEnabled(source);
    try {
      if (source === 'microphone') await local.setMicrophoneEnabled(enable);
      else if (source === 'camera') await local.setCameraEnabled(enable);
      else await local.setScreenShareEnabled(enable, { audio: false });
    } catch (e) {
      // A cancelled screen picker is the person's choice, not a fault.
      if (source === 'camera') this.cameraFailed = true;
      console.warn(`[balie-call] ${source}: ${(e as Error).message}`);
    } finally {
      this.host.requestUpdate();
    }
  }

  /**
   * The room's tiles. The person's own tile reads its camera as {@link isEnabled} does, so tile and
   * controls never disagree: the opened track before it is published, "opening" before it opened.
   */
  private viewNow(): CallView {
    const view = callViewOf(this.room);
    const local = view.local;
    if (!local || local.camera || !this.isEnabled('camera')) return view;
    const camera = this.opening.get(Track.Source.Camera) ?? this.room.localParticipant.getTrackPublication(Track.Source.Camera)?.track;
    view.local = camera ? { ...local, camera } : { ...local, cameraOpening: true };
    return view;
  }

  private clearOpening(): void {
    this.wanted.clear();
    this.opening.clear();
    this.openingChanged.next();
  }

  /**
   * Connects with `grant`. While LiveKit cannot be reached — restarting after a crash, say, or the
   * moment after it closed every room on shutdown — tries again, saying so, for up to
   * {@link JOIN_GIVE_UP_MS}: the grant stays valid, and both sides come back into the same room.
   * Resolves to whether it got in; false also when the call was left meanwhile.
   */
  private async connect(grant: CallGrant): Promise<boolean> {
    const giveUpAt = Date.now() + JOIN_GIVE_UP_MS;
    this.joining = true;
    try {
      for (let attempt = 0; this.grant === grant; attempt += 1) {
        try {
          await this.room.connect(grant.url, grant.token);
          return true;
        } catch (error) {
          if (this.grant !== grant) return false;
          if (!isTransientJoinError(error) || Date.now() >= giveUpAt) {
            this.joinError = error as Error;
            return false;
          }
        }
        this.retryingJoin = true;
        this.host.requestUpdate();
        const delay = JOIN_RETRY_DELAYS_MS[Math.min(attempt, JOIN_RETRY_DELAYS_MS.length - 1)];
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
      return false;
    } finally {
      this.joining = false;
      this.retryingJoin = false;
      this.host.requestUpdate();
    }
  }

  private async openTracks(audioOnly: boolean): Promise<LocalTrack[]> {
    const [microphone, camera] = await Promise.allSettled([
      createLocalAudioTrack(),
      audioOnly ? Promise.reject(new Error('audio-only')) : createLocalVideoTrack(cameraChoice.deviceId ? { deviceId: cameraChoice.deviceId } : undefined),
    ]);
    if (microphone.status === 'rejected') console.warn(`[balie-call] microphone: ${(microphone.reason as Error).message}`);
    if (camera.status === 'rejected' && !audioOnly) {
      this.cameraFailed = true;
      this.host.requestUpdate();
    }
    return [microphone, camera].flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  }

  /** Leaves the room on purpose (hanging up). */
  async leave(): Promise<void> {
    this.grant = undefined;
    this.clearOpening();
    this.ended?.unsubscribe();
    this.quality?.unsubscribe();
    clearTimeout(this.poorSince);
    await this.room.disconnect();
  }

  hostConnected(): void {
    window.addEventListener('offline', this.onNetworkChange);
    window.addEventListener('online', this.onNetworkChange);
  }

  hostDisconnected(): void {
    window.removeEventListener('offline', this.onNetworkChange);
    window.removeEventListener('online', this.onNetworkChange);
    void this.leave();
  }

  private onNetworkChange = () => {
    this.offline = !navigator.onLine;
    if (!this.offline) this.reconnectPolicy.cameOnline();
    this.host.requestUpdate();
  };

  /**
   * Video is the first thing to give up on a poor line: people can go on talking without it,
   * not without sound. Only after a few poor seconds, so one bad measurement changes nothing.
   */
  private onQuality(quality: ConnectionQuality): void {
    if (quality !== ConnectionQuality.Poor && quality !== ConnectionQuality.Lost) {
      clearTimeout(this.poorSince);
      this.poorSince = undefined;
      return;
    }
    this.poorSince ??= setTimeout(() => {
      // Said also when the camera was off already: the person should know why sound may stutter.
      this.poorConnection = true;
      this.host.requestUpdate();
      if (!this.room.localParticipant.isCameraEnabled) return;
      void this.room.localParticipant.setCameraEnabled(false).finally(() => this.host.requestUpdate());
    }, POOR_CONNECTION_GRACE_MS);
  }

  private onDisconnected(reason: DisconnectReason | undefined): void {
    if (!this.grant || this.joining) return;
    this.grant = undefined;
    if (reason === DisconnectReason.DUPLICATE_IDENTITY) this.onEnd('replaced');
    else if (reason === DisconnectReason.ROOM_DELETED || reason === DisconnectReason.PARTICIPANT_REMOVED) this.onEnd('room-closed');
    else this.onEnd('connection-lost');
  }
}
