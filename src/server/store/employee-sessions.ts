import type { EmployeeRole, EmployeeView } from '../../protocol/index.js';
import type { Db } from './db.js';

/** Records a console session by the hash of its cookie value, for one employee in one role. */
export async function createEmployeeSession(
  db: Db,
  idHash: string,
  ttlSeconds: number,
  employee: EmployeeView,
): Promise<void> {
  await db.query(
    `INSERT INTO employee_session (id_hash, expires_at, employee_id, role, display_name)
     VALUES ($1, now() + make_interval(secs => $2), $3, $4, $5)`,
    [idHash, ttlSeconds, employee.id, employee.role, employee.name ?? null],
  );
}

/** The employee behind a live session with this cookie hash, if any. */
export async function findEmployeeSession(
  db: Db,
  idHash: string,
): Promise<EmployeeView | undefined> {
  const { rows } = await db.query<{ id: string; role: EmployeeRole; name: string | null }>(
    `SELECT employee_id AS id, role, display_name AS name
     FROM employee_session WHERE id_hash = $1 AND expires_at > now()`,
    [idHash],
  );
  const row = rows[0];
  if (!row) return undefined;
  return { id: row.id, role: row.role, ...(row.name ? { name: row.name } : {}) };
}

/** Forgets expired sessions and employee logins; the sweep calls this. */
export async function deleteExpiredEmployeeSessions(db: Db): Promise<void> {
  await db.query(`DELETE FROM employee_session WHERE expires_at <= now()`);
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
