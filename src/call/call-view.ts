import { Track, type Participant, type Room } from 'livekit-client';
import type { CallRole, ParticipantMetadata } from '../protocol/index.js';

/** What one tile shows: a person, their role, their camera (or screen) and microphone. */
export interface TileView {
  participant: Participant;
  isLocal: boolean;
  role: CallRole | undefined;
  camera?: Track;
  /** The person's own camera is opening for the call: no picture yet, but not "sound only". */
  cameraOpening?: boolean;
  screen?: Track;
  microphone?: Track;
  speaking: boolean;
}

/** A snapshot of the room for rendering; recomputed on every relevant room event. */
export interface CallView {
  local?: TileView;
  remotes: TileView[];
}

/** Reads the role the server put in the participant's metadata; unknown metadata is no role. */
export function roleOf(participant: Participant): CallRole | undefined {
  try {
    const role = (JSON.parse(participant.metadata ?? '{}') as Partial<ParticipantMetadata>).role;
    return role === 'citizen' || role === 'employee' || role === 'interpreter' ? role : undefined;
  } catch {
    // Metadata is set by our server only; anything unparseable is shown without a role label.
    return undefined;
  }
}

function tileOf(participant: Participant, isLocal: boolean): TileView {
  const track = (source: Track.Source) => {
    const publication = participant.getTrackPublication(source);
    return publication && !publication.isMuted ? publication.track : undefined;
  };
  return {
    participant,
    isLocal,
    role: roleOf(participant),
    camera: track(Track.Source.Camera),
    screen: track(Track.Source.ScreenShare),
    microphone: track(Track.Source.Microphone),
    speaking: participant.isSpeaking,
  };
}

export function callViewOf(room: Room): CallView {
  return {
    local: room.localParticipant ? tileOf(room.localParticipant, true) : undefined,
    remotes: [...room.remoteParticipants.values()].map((p) => tileOf(p, false)),
  };
}
