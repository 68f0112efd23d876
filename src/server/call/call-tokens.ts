import { randomBytes } from 'node:crypto';
import { AccessToken, TrackSource } from 'livekit-server-sdk';
import type { CallGrant, CallRole, ParticipantMetadata } from '../../protocol/index.js';
import type { livekitNodes } from './livekit-nodes.js';

/** Where LiveKit runs and the API key pair that signs tokens for it. */
export interface LivekitOptions {
  /** Signalling URL as browsers use it, `ws://` or `wss://`; with several nodes, the first. */
  url: string;
  /**
   * Every node's signalling URL, when `LIVEKIT_URL` lists several (nodes without a load balancer
   * in front); see {@link livekitNodes}.
   */
  urls?: readonly string[];
  /** The URL a new participant connects through; the server sets it from `urls`. Absent: `url`. */
  pickUrl?: () => string;
  apiKey: string;
  apiSecret: string;
}

/** Input of {@link mintCallToken}. */
export interface CallTokenRequest {
  room: string;
  identity: string;
  role: CallRole;
  ttlSeconds: number;
  livekit: LivekitOptions;
}

/**
 * What every participant may publish. Screen share is for citizens too: showing a letter or a
 * form on screen is half of what a video counter is for.
 */
export const PUBLISH_SOURCES: readonly TrackSource[] = [
  TrackSource.CAMERA,
  TrackSource.MICROPHONE,
  TrackSource.SCREEN_SHARE,
  TrackSource.SCREEN_SHARE_AUDIO,
];

const identityPrefix: Record<CallRole, string> = {
  citizen: 'c-',
  employee: 'e-',
  interpreter: 'i-',
};

/**
 * A fresh opaque LiveKit identity for a role: a prefix and random hex. Identities end up in
 * LiveKit's logs and in every participant's browser, so they never carry a name or a BSN.
 */
export function newIdentity(role: CallRole): string {
  return identityPrefix[role] + randomBytes(12).toString('hex');
}

/**
 * The token policy: a short-lived join token for exactly one room, with the least grants. Nobody,
 * the employee included, gets roomAdmin, roomCreate, roomList or roomRecord: admitting, ending and
 * removing are done by this server through LiveKit's API, after its own checks. Participants may
 * not change their own metadata, so the `role` the server put there can be trusted by tiles.
 */
export async function mintCallToken(request: CallTokenRequest): Promise<CallGrant> {
  const { room, identity, role, ttlSeconds, livekit } = request;
  const metadata: ParticipantMetadata = { role };
  const token = new AccessToken(livekit.apiKey, livekit.apiSecret, {
    identity,
    ttl: ttlSeconds,
    metadata: JSON.stringify(metadata),
  });
  token.addGrant({
    room,
    roomJoin: true,
    canSubscribe: true,
    canPublish: true,
    canPublishSources: [...PUBLISH_SOURCES],
    canPublishData: true,
    canUpdateOwnMetadata: false,
  });
  return { url: livekit.pickUrl?.() ?? livekit.url, token: await token.toJwt(), identity, role, expiresIn: ttlSeconds };
}
