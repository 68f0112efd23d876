/**
 * Payload baseline: livekit-client and @livekit/components-core with exactly the features
 * `<balie-call>` uses (src/call/room-controller.ts), and nothing of ours. Bundled with the
 * product's rollup plugins, its size is what any LiveKit call costs; the call chunk minus this is
 * what Digitale Balie adds.
 */
import { connectionStateObserver, observeRoomEvents, roomEventSelector } from '@livekit/components-core';
import { createLocalAudioTrack, createLocalVideoTrack, Room, RoomEvent, type ConnectionState } from 'livekit-client';
import { map, startWith } from 'rxjs';

/** Joins, publishes camera and microphone, and follows the room like the call does. */
export async function joinCall(url: string, token: string, onState: (state: ConnectionState) => void): Promise<Room> {
  const room = new Room({ adaptiveStream: true, dynacast: true });
  connectionStateObserver(room).subscribe(onState);
  observeRoomEvents(room, RoomEvent.ParticipantConnected, RoomEvent.TrackSubscribed)
    .pipe(
      map((r) => r.remoteParticipants.size),
      startWith(0),
    )
    .subscribe((count) => console.info(count));
  roomEventSelector(room, RoomEvent.Disconnected).subscribe(() => onState(room.state));
  const tracks = Promise.all([createLocalAudioTrack(), createLocalVideoTrack()]);
  await room.connect(url, token);
  for (const track of await tracks) await room.localParticipant.publishTrack(track);
  return room;
}
