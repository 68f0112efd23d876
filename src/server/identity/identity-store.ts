import type { JourneyResume, LevelOfAssurance } from '../../protocol/index.js';
import type { Db } from '../store/index.js';

/** A login the relying party started and is waiting to hear back about. */
export interface IdentityFlow {
  provider: string;
  product: string;
  returnUrl: string;
  levelOfAssurance: LevelOfAssurance;
  nonce: string;
  codeVerifier: string;
  /** What the citizen had filled in, handed back once on exchange. */
  resume?: JourneyResume;
}

/** Remembers a started login under the hash of its `state`. */
export async function saveFlow(
  db: Db,
  stateHash: string,
  flow: IdentityFlow,
  ttlSeconds: number,
): Promise<void> {
  await db.query(
    `INSERT INTO identity_flow
       (state_hash, provider, product, return_url, level_of_assurance, nonce, code_verifier, expires_at, resume)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(secs => $8), $9)`,
    [
      stateHash,
      flow.provider,
      flow.product,
      flow.returnUrl,
      flow.levelOfAssurance,
      flow.nonce,
      flow.codeVerifier,
      ttlSeconds,
      flow.resume ? JSON.stringify(flow.resume) : null,
    ],
  );
}

export type TakeFlowResult =
  { ok: true; flow: IdentityFlow } | { ok: false; why: 'unknown' | 'expired' | 'used' };

/**
 * Takes the flow for this state, once: the first callback wins in one atomic update, and any
 * later one learns whether the state was never issued, expired, or already used.
 */
export async function takeFlow(db: Db, stateHash: string): Promise<TakeFlowResult> {
  const { rows } = await db.query<FlowRow>(
    `UPDATE identity_flow f SET used_at = now(), resume = NULL
     FROM (SELECT state_hash, resume FROM identity_flow WHERE state_hash = $1 FOR UPDATE) old
     WHERE f.state_hash = old.state_hash AND f.used_at IS NULL AND f.expires_at > now()
     RETURNING f.provider, f.product, f.return_url, f.level_of_assurance, f.nonce, f.code_verifier,
       old.resume`,
    [stateHash],
  );
  if (rows[0]) return { ok: true, flow: fromRow(rows[0]) };
  const { rows: seen } = await db.query<{ used: boolean }>(
    `SELECT used_at IS NOT NULL AS used FROM identity_flow WHERE state_hash = $1`,
    [stateHash],
  );
  if (!seen[0]) return { ok: false, why: 'unknown' };
  return { ok: false, why: seen[0].used ? 'used' : 'expired' };
}

/** Records an authorization code as seen; `false` when it was seen before (a replay). */
export async function markCodeUsed(db: Db, codeHash: string): Promise<boolean> {
  const { rows } = await db.query(
    `INSERT INTO identity_used_code (code_hash) VALUES ($1) ON CONFLICT DO NOTHING RETURNING code_hash`,
    [codeHash],
  );
  return rows.length === 1;
}

/** A verified identity, as only the server may see it. */
export interface IdentityLogin {
  id: string;
  provider: string;
  /** The BSN or other national number. Never to be sent to a browser or written to a log. */
  nationalNumber: string;
  levelOfAssurance: LevelOfAssurance;
  name?: string;
}

/** Stores a verified identity together with the one-time code that hands it to the widget. */
export async function saveLogin(
  db: Db,
  login: Omit<IdentityLogin, 'id'>,
  handoff: { codeHash: string; ttlSeconds: number; resume?: JourneyResume },
): Promise<void> {
  await db.query(
    `WITH login AS (
       INSERT INTO identity_login (provider, national_number, level_of_assurance, name)
       VALUES ($1, $2, $3, $4) RETURNING id
     )
     INSERT INTO identity_handoff (code_hash, login_id, expires_at, resume)
     SELECT $5, id, now() + make_interval(secs => $6), $7 FROM login`,
    [
      login.provider,
      login.nationalNumber,
      login.levelOfAssurance,
      login.name ?? null,
      handoff.codeHash,
      handoff.ttlSeconds,
      handoff.resume ? JSON.stringify(handoff.resume) : null,
    ],
  );
}

export type RedeemResult =
  | { ok: true; login: IdentityLogin; resume?: JourneyResume }
  | { ok: false; why: 'unknown' | 'expired' | 'used' };

/** Redeems a one-time code, once, before it expires. */
export async function redeemHandoff(db: Db, codeHash: string): Promise<RedeemResult> {
  // The resume is handed out once and then forgotten: RETURNING shows new values, so the old one
  // comes from the locked row read in the same statement.
  const { rows } = await db.query<{ login_id: string; resume: JourneyResume | null }>(
    `UPDATE identity_handoff h SET used_at = now(), resume = NULL
     FROM (SELECT code_hash, resume FROM identity_handoff WHERE code_hash = $1 FOR UPDATE) old
     WHERE h.code_hash = old.code_hash AND h.used_at IS NULL AND h.expires_at > now()
     RETURNING h.login_id, old.resume`,
    [codeHash],
  );
  if (rows[0]) {
    const login = await findLogin(db, rows[0].login_id);
    return { ok: true, login, ...(rows[0].resume ? { resume: rows[0].resume } : {}) };
  }
  const { rows: seen } = await db.query<{ used: boolean }>(
    `SELECT used_at IS NOT NULL AS used FROM identity_handoff WHERE code_hash = $1`,
    [codeHash],
  );
  if (!seen[0]) return { ok: false, why: 'unknown' };
  return { ok: false, why: seen[0].used ? 'used' : 'expired' };
}

/** Starts a session for a login under the hash of its bearer token. */
export async function createIdentitySession(
  db: Db,
  tokenHash: string,
  loginId: string,
  ttlSeconds: number,
): Promise<void> {
  await db.query(
    `INSERT INTO identity_session (token_hash, login_id, expires_at)
     VALUES ($1, $2, now() + make_interval(secs => $3))`,
    [tokenHash, loginId, ttlSeconds],
  );
}

/**
 * The identity behind a live session token's hash, for server-side use (e.g. the employee's
 * identity panel); `undefined` when there is no such session or it has ended.
 */
export async function findSessionLogin(
  db: Db,
  tokenHash: string,
): Promise<IdentityLogin | undefined> {
  const { rows } = await db.query<{ login_id: string }>(
    `SELECT login_id FROM identity_session WHERE token_hash = $1 AND expires_at > now()`,
    [tokenHash],
  );
  return rows[0] ? findLogin(db, rows[0].login_id) : undefined;
}

/** Forgets flows, codes and sessions that can no longer be used. */
export async function deleteExpiredIdentityData(db: Db): Promise<void> {
  await db.query(`DELETE FROM identity_flow WHERE expires_at <= now()`);
  await db.query(`DELETE FROM identity_used_code WHERE used_at <= now() - interval '1 day'`);
  await db.query(
    `DELETE FROM identity_login l WHERE NOT EXISTS
       (SELECT 1 FROM identity_session s WHERE s.login_id = l.id AND s.expires_at > now())
     AND NOT EXISTS
       (SELECT 1 FROM identity_handoff h WHERE h.login_id = l.id AND h.expires_at > now())
     AND NOT EXISTS
       (SELECT 1 FROM booking b WHERE b.identity_login_id = l.id AND b.state <> 'cancelled')
     AND NOT EXISTS
       (SELECT 1 FROM waiting_ticket t WHERE t.identity_login_id = l.id AND t.state <> 'ended')`,
  );
}

async function findLogin(db: Db, id: string): Promise<IdentityLogin> {
  const { rows } = await db.query<LoginRow>(
    `SELECT id, provider, national_number, level_of_assurance, name FROM identity_login WHERE id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) throw new Error(`balie-identity: login ${id} vanished`);
  return {
    id: row.id,
    provider: row.provider,
    nationalNumber: row.national_number,
    levelOfAssurance: row.level_of_assurance,
    ...(row.name ? { name: row.name } : {}),
  };
}

interface FlowRow {
  provider: string;
  product: string;
  return_url: string;
  level_of_assurance: LevelOfAssurance;
  nonce: string;
  code_verifier: string;
  resume: JourneyResume | null;
}

interface LoginRow {
  id: string;
  provider: string;
  national_number: string;
  level_of_assurance: LevelOfAssurance;
  name: string | null;
}

function fromRow(row: FlowRow): IdentityFlow {
  return {
    provider: row.provider,
    product: row.product,
    returnUrl: row.return_url,
    levelOfAssurance: row.level_of_assurance,
    nonce: row.nonce,
    codeVerifier: row.code_verifier,
    ...(row.resume ? { resume: row.resume } : {}),
  };
}
