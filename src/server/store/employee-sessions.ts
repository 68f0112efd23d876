import type { Db } from './db.js';

/** Records a console session by the hash of its cookie value. */
export async function createEmployeeSession(
  db: Db,
  idHash: string,
  ttlSeconds: number,
): Promise<void> {
  await db.query(
    `INSERT INTO employee_session (id_hash, expires_at) VALUES ($1, now() + make_interval(secs => $2))`,
    [idHash, ttlSeconds],
  );
}

/** Whether a session with this cookie hash exists and has not expired. */
export async function hasEmployeeSession(db: Db, idHash: string): Promise<boolean> {
  const { rows } = await db.query<{ ok: boolean }>(
    `SELECT true AS ok FROM employee_session WHERE id_hash = $1 AND expires_at > now()`,
    [idHash],
  );
  return rows.length === 1;
}

/** Forgets expired sessions; the sweep calls this. */
export async function deleteExpiredEmployeeSessions(db: Db): Promise<void> {
  await db.query(`DELETE FROM employee_session WHERE expires_at <= now()`);
}

/** Ends a console session on the server: its cookie opens nothing from now on. */
export async function deleteEmployeeSession(db: Db, idHash: string): Promise<void> {
  await db.query(`DELETE FROM employee_session WHERE id_hash = $1`, [idHash]);
}
