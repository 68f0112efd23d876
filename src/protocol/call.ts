/** Who is in a call. Names the grants a token carries (see the server's token policy). */
export type CallRole = 'citizen' | 'employee' | 'interpreter';

/** Everything a browser needs to join a LiveKit room, minted by the server after admission. */
export interface CallGrant {
  /** LiveKit signalling URL, `ws://` or `wss://`. */
  url: string;
  token: string;
  /** The caller's own opaque LiveKit identity. Never a name or a BSN. */
  identity: string;
  role: CallRole;
  /** Seconds until the token stops admitting new joins. */
  expiresIn: number;
}

/** Metadata put on each LiveKit participant by the server, so tiles can show a role. */
export interface ParticipantMetadata {
  role: CallRole;
}
