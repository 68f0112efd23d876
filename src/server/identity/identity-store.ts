import type { LevelOfAssurance } from '../../protocol/index.js';
import type { Db } from '../store/index.js';
import type { SealedResume } from './resume-seal.js';

/** A login the relying party started and is waiting to hear back about. */
export interface IdentityFlow {
  provider: string;
  product: string;
  returnUrl: string;
  levelOfAssurance: LevelOfAssurance;
  nonce: string;
  codeVerifier: string;
  /** SHA-256 (hex) of the browser binding the widget keeps until the exchange (issue 14, #5). */
  bindingHash: string;
  /** What the citizen had filled in, sealed under the `state`; handed back once on exchange. */
  resume?: SealedResume;
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
       (state_hash, provider, product, return_url, level_of_assurance, nonce, code_verifier, expires_at, resume,
        binding_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(secs => $8), $9, $10)`,
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
      flow.bindingHash,
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
       f.binding_hash, old.resume`,
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

/**
 * Stores a verified identity together with the one-time code that hands it to the widget, bound
 * to the browser that started the login (`bindingHash`, from its flow).
 */
export async function saveLogin(
  db: Db,
  login: Omit<IdentityLogin, 'id'>,
  handoff: { codeHash: string; bindingHash: string; ttlSeconds: number; resume?: SealedResume },
): Promise<void> {
  await db.query(
    `WITH login AS (
       INSERT INTO identity_login (provider, national_number, level_of_assurance, name)
       VALUES ($1, $2, $3, $4) RETURNING id
     )
     INSERT INTO identity_handoff (code_hash, login_id, expires_at, resume, binding_hash)
     SELECT $5, id, now() + make_interval(secs => $6), $7, $8 FROM login`,
    [
      login.provider,
      login.nationalNumber,
      login.levelOfAssurance,
      login.name ?? null,
      handoff.codeHash,
      handoff.ttlSeconds,
      handoff.resume ? JSON.stringify(handoff.resume) : null,
      handoff.bindingHash,
    ],
  );
}

export type RedeemResult =
  | { ok: true; login: IdentityLogin; resume?: SealedResume }
  | { ok: false; why: 'unknown' | 'expired' | 'used' | 'other_browser' };

/**
 * Redeems a one-time code, once, before it expires, in the browser that started its login: the
 * hash of the binding it shows must be the one `start` was given. A code shown with another
 * binding stays unused (its own browser can still exchange it).
 */
export async function redeemHandoff(db: Db, codeHash: string, bindingHash: string): Promise<RedeemResult> {
  // The resume is handed out once and then forgotten: RETURNING shows new values, so the old one
  // comes from the locked row read in the same statement.
  const { rows } = await db.query<{ login_id: string; resume: SealedResume | null }>(
    `UPDATE identity_handoff h SET used_at = now(), resume = NULL
     FROM (SELECT code_hash, resume FROM identity_handoff WHERE code_hash = $1 FOR UPDATE) old
     WHERE h.code_hash = old.code_hash AND h.used_at IS NULL AND h.expires_at > now()
       AND h.binding_hash = $2
     RETURNING h.login_id, old.resume`,
    [codeHash, bindingHash],
  );
  if (rows[0]) {
    const login = await findLogin(db, rows[0].login_id);
    return { ok: true, login, ...(rows[0].resume ? { resume: rows[0].resume } : {}) };
  }
  const { rows: seen } = await db.query<{ used: boolean; expired: boolean }>(
    `SELECT used_at IS NOT NULL AS used, expires_at <= now() AS expired
     FROM identity_handoff WHERE code_hash = $1`,
    [codeHash],
  );
  if (!seen[0]) return { ok: false, why: 'unknown' };
  if (seen[0].used) return { ok: false, why: 'used' };
  return { ok: false, why: seen[0].expired ? 'expired' : 'other_browser' };
}

/** Keeps a refused login's `resume` under a one-time code, for the widget to take back once. */
export async function saveRefusedResume(
  db: Db,
  codeHash: string,
  resume: SealedResume,
  ttlSeconds: number,
): Promise<void> {
  await db.query(
    `INSERT INTO identity_resume_handoff (code_hash, resume, expires_at)
     VALUES ($1, $2, now() + make_interval(secs => $3))`,
    [codeHash, JSON.stringify(resume), ttlSeconds],
  );
}

/** The `resume` under a one-time code, taken (deleted) at once; undefined when unknown or expired. */
export async function takeRefusedResume(db: Db, codeHash: string): Promise<SealedResume | undefined> {
  const { rows } = await db.query<{ resume: SealedResume; live: boolean }>(
    `DELETE FROM identity_resume_handoff WHERE code_hash = $1 RETURNING resume, expires_at > now() AS live`,
    [codeHash],
  );
  return rows[0]?.live ? rows[0].resume : undefined;
}

/** A live citizen session: a row of `identity_session` before its absolute end and idle end. */
const LIVE_SESSION = `expires_at > now() AND last_used_at + make_interval(secs => idle_seconds) > now()`;

/**
 * Starts a session for a login under the hash of its token (the cookie's value and the bearer
 * secret are the same token), ending `maxSeconds` from now or `idleSeconds` after its last use.
 */
export async function createIdentitySession(
  db: Db,
  tokenHash: string,
  loginId: string,
  lifetime: { maxSeconds: number; idleSeconds: number },
): Promise<void> {
  await db.query(
    `INSERT INTO identity_session (token_hash, login_id, expires_at, idle_seconds)
     VALUES ($1, $2, now() + make_interval(secs => $3), $4)`,
    [tokenHash, loginId, lifetime.maxSeconds, Math.ceil(lifetime.idleSeconds)],
  );
}

/**
 * The identity behind a live session token's hash, for server-side use (e.g. the employee's
 * identity panel); `undefined` when there is no such session or it has ended. Does not count as
 * a use: the session's idle clock is not reset.
 */
export async function findSessionLogin(
  db: Db,
  tokenHash: string,
): Promise<IdentityLogin | undefined> {
  const { rows } = await db.query<{ login_id: string }>(
    `SELECT login_id FROM identity_session WHERE token_hash = $1 AND ${LIVE_SESSION}`,
    [tokenHash],
  );
  return rows[0] ? findLogin(db, rows[0].login_id) : undefined;
}

/** A live session as a request uses it: its login, and when it ends if nothing else happens. */
export interface UsedSession {
  login: IdentityLogin;
  /** Seconds until the session ends: its idle end, or its absolute end when that comes first. */
  expiresIn: number;
  /**
   * Whether the session's identity already made a booking other than the one `bookingKeyHash`
   * names, or a walk-in ticket: a session serves one booking or one ticket, never a second.
   */
  boundElsewhere: boolean;
}

/**
 * Uses a live session: resets its idle clock and says what it may still be used for. `bookingKey`
 * is the hash of the booking's `Idempotency-Key` when the request makes a booking (a retry of
 * the same booking is the same booking), `undefined` for a walk-in ticket or a look-up.
 * A login has exactly one session (its one hand-off code is exchanged once), so what the login
 * made, the session made.
 */
export async function useIdentitySession(
  db: Db,
  tokenHash: string,
  bookingKey?: string,
): Promise<UsedSession | undefined> {
  const { rows } = await db.query<{ login_id: string; expires_in: number; bound: boolean }>(
    `WITH used AS (
       UPDATE identity_session SET last_used_at = now()
       WHERE token_hash = $1 AND ${LIVE_SESSION}
       RETURNING login_id, LEAST(expires_at, now() + make_interval(secs => idle_seconds)) AS ends_at
     )
     SELECT login_id, GREATEST(0, floor(extract(epoch FROM ends_at - now())))::int AS expires_in,
       (EXISTS (SELECT 1 FROM booking b WHERE b.identity_login_id = used.login_id
                  AND b.idempotency_key IS DISTINCT FROM $2)
        OR EXISTS (SELECT 1 FROM waiting_ticket t WHERE t.identity_login_id = used.login_id
                  AND t.booking_id IS NULL)) AS bound
     FROM used`,
    [tokenHash, bookingKey ?? null],
  );
  const row = rows[0];
  if (!row) return undefined;
  return { login: await findLogin(db, row.login_id), expiresIn: row.expires_in, boundElsewhere: row.bound };
}

/**
 * Whether two logins are of the same person: the same provider and national number. Compared in
 * the store, so the numbers never come into this process for it.
 */
export async function isSameCitizen(db: Db, loginId: string, otherLoginId: string): Promise<boolean> {
  const { rows } = await db.query<{ same: boolean }>(
    `SELECT a.provider = b.provider AND a.national_number = b.national_number AS same
     FROM identity_login a, identity_login b WHERE a.id = $1 AND b.id = $2`,
    [loginId, otherLoginId],
  );
  return rows[0]?.same === true;
}

/** Ends sessions on the server: their tokens open nothing from now on. */
export async function endIdentitySessions(db: Db, tokenHashes: string[]): Promise<void> {
  if (tokenHashes.length === 0) return;
  await db.query(`DELETE FROM identity_session WHERE token_hash = ANY($1::text[])`, [tokenHashes]);
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
  binding_hash: string;
  resume: SealedResume | null;
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
    bindingHash: row.binding_hash,
    ...(row.resume ? { resume: row.resume } : {}),
  };
}
