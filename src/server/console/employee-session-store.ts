import type { EmployeeRole, EmployeeView } from '../../protocol/index.js';
import type { Db } from '../store/types.js';

/** A live console session: before its absolute end and used within its idle period. */
const LIVE = `expires_at > now() AND last_used_at + make_interval(secs => idle_seconds) > now()`;

/**
 * Records a console session by the hash of its cookie value, for one employee in one role, ending
 * `maxSeconds` from now or `idleSeconds` after its last request.
 */
export async function createEmployeeSession(
  db: Db,
  idHash: string,
  lifetime: { maxSeconds: number; idleSeconds: number },
  employee: EmployeeView,
): Promise<void> {
  await db.query(
    `INSERT INTO employee_session (id_hash, expires_at, idle_seconds, employee_id, role, display_name)
     VALUES ($1, now() + make_interval(secs => $2), $3, $4, $5, $6)`,
    [idHash, lifetime.maxSeconds, Math.ceil(lifetime.idleSeconds), employee.id, employee.role, employee.name ?? null],
  );
}

/**
 * The employee behind a live session with this cookie hash, if any. A request is a use: it
 * resets the session's idle clock.
 */
export async function findEmployeeSession(
  db: Db,
  idHash: string,
): Promise<EmployeeView | undefined> {
  const { rows } = await db.query<{ id: string; role: EmployeeRole; name: string | null }>(
    `UPDATE employee_session SET last_used_at = now()
     WHERE id_hash = $1 AND ${LIVE}
     RETURNING employee_id AS id, role, display_name AS name`,
    [idHash],
  );
  const row = rows[0];
  if (!row) return undefined;
  return { id: row.id, role: row.role, ...(row.name ? { name: row.name } : {}) };
}

/** Which of these session hashes are live sessions still; does not count as a use. */
export async function liveEmployeeSessions(db: Db, idHashes: string[]): Promise<Set<string>> {
  if (idHashes.length === 0) return new Set();
  const { rows } = await db.query<{ id_hash: string }>(
    `SELECT id_hash FROM employee_session WHERE id_hash = ANY($1::text[]) AND ${LIVE}`,
    [idHashes],
  );
  return new Set(rows.map((row) => row.id_hash));
}

/** Forgets ended sessions (expired, idle too long) and employee logins; the sweep calls this. */
export async function deleteExpiredEmployeeSessions(db: Db): Promise<void> {
  await db.query(`DELETE FROM employee_session WHERE NOT (${LIVE})`);
  await db.query(`DELETE FROM employee_login_flow WHERE expires_at <= now()`);
}

/** Ends a console session on the server: its cookie opens nothing from now on. */
export async function deleteEmployeeSession(db: Db, idHash: string): Promise<void> {
  await db.query(`DELETE FROM employee_session WHERE id_hash = $1`, [idHash]);
}

/** An employee's login at the provider, kept between the redirect and the callback. */
export interface EmployeeLoginFlow {
  browserHash: string;
  nonce: string;
  codeVerifier: string;
}

/** Remembers a started employee login under the hash of its `state`. */
export async function saveEmployeeLoginFlow(
  db: Db,
  stateHash: string,
  flow: EmployeeLoginFlow,
  ttlSeconds: number,
): Promise<void> {
  await db.query(
    `INSERT INTO employee_login_flow (state_hash, browser_hash, nonce, code_verifier, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
    [stateHash, flow.browserHash, flow.nonce, flow.codeVerifier, ttlSeconds],
  );
}

/**
 * Takes the login for this state, once, and only for the browser that started it: one atomic
 * update, so a replayed callback or one from another browser finds nothing.
 */
export async function takeEmployeeLoginFlow(
  db: Db,
  stateHash: string,
  browserHash: string,
): Promise<EmployeeLoginFlow | undefined> {
  const { rows } = await db.query<{ nonce: string; code_verifier: string }>(
    `UPDATE employee_login_flow SET used_at = now()
     WHERE state_hash = $1 AND browser_hash = $2 AND used_at IS NULL AND expires_at > now()
     RETURNING nonce, code_verifier`,
    [stateHash, browserHash],
  );
  const row = rows[0];
  return row && { browserHash, nonce: row.nonce, codeVerifier: row.code_verifier };
}
