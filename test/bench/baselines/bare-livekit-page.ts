/**
 * Join and memory baseline, loaded as a page script: livekit-client as its own quick-start shows
 * it — `new Room()`, `connect`, `enableCameraAndMicrophone`, remote video attached to a `<video>` —
 * with tokens minted by the benchmark, so no balie server is involved.
 */
import { Room, RoomEvent, Track, type RemoteTrack } from 'livekit-client';

interface BenchWindow {
  /** The current room, read by the benchmark's frame probe. */
  benchRoom?: Room;
  /** Starts joining; resolves once connected and publishing. */
  benchJoin(url: string, token: string): Promise<void>;
  /** Leaves and waits until the room is disconnected. */
  benchLeave(): Promise<void>;
}

const benchWindow = window as unknown as BenchWindow;

function showRemote(track: RemoteTrack): void {
  if (track.kind !== Track.Kind.Video && track.kind !== Track.Kind.Audio) return;
  const element = track.attach();
  element.dataset.remote = track.kind;
  document.body.append(element);
}

benchWindow.benchJoin = async (url, token) => {
  const room = new Room();
  benchWindow.benchRoom = room;
  room.on(RoomEvent.TrackSubscribed, showRemote);
  room.on(RoomEvent.TrackUnsubscribed, (track) => track.detach().forEach((element) => element.remove()));
  await room.connect(url, token);
  await room.localParticipant.enableCameraAndMicrophone();
};

benchWindow.benchLeave = async () => {
  const room = benchWindow.benchRoom;
  benchWindow.benchRoom = undefined;
  await room?.disconnect();
  document.querySelectorAll('[data-remote]').forEach((element) => element.remove());
};
