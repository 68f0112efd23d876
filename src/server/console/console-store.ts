import type {
  EmployeeRole,
  EmployeeView,
  LevelOfAssurance,
  TicketState,
} from '../../protocol/index.js';
import type { Db, Queryable } from '../store/index.js';

/** A ticket as the identity panel needs it. The national number never leaves the server's reply. */
export interface TicketIdentity {
  state: TicketState;
  admittedBy: string | null;
  login?: {
    provider: string;
    nationalNumber: string;
    levelOfAssurance: LevelOfAssurance;
    name?: string;
  };
}

/** The ticket and, when the citizen logged in, their verified identity. */
export async function findTicketIdentity(
  db: Db,
  ticketId: string,
): Promise<TicketIdentity | undefined> {
  const { rows } = await db.query<{
    state: TicketState;
    admitted_by: string | null;
    provider: string | null;
    national_number: string | null;
    level_of_assurance: LevelOfAssurance | null;
    name: string | null;
  }>(
    `SELECT t.state, t.admitted_by, l.provider, l.national_number, l.level_of_assurance, l.name
     FROM waiting_ticket t LEFT JOIN identity_login l ON l.id = t.identity_login_id
     WHERE t.id = $1`,
    [ticketId],
  );
  const row = rows[0];
  if (!row) return undefined;
  const { provider, national_number: nationalNumber, level_of_assurance: level } = row;
  return {
    state: row.state,
    admittedBy: row.admitted_by,
    ...(provider && nationalNumber && level
      ? {
          login: {
            provider,
            nationalNumber,
            levelOfAssurance: level,
            ...(row.name ? { name: row.name } : {}),
          },
        }
      : {}),
  };
}

/** A ticket's stored note and outcome. */
export interface OutcomeRecord {
  outcome: string | null;
  note: string | null;
  updatedAt: Date;
}

/** Saves (replaces) a ticket's note and outcome; `firstTimeRight` comes from the outcome code. */
export async function saveOutcome(
  db: Db,
  ticketId: string,
  input: { outcome?: string; firstTimeRight?: boolean; note?: string; updatedBy: string },
): Promise<OutcomeRecord> {
  const { rows } = await db.query<OutcomeRecord>(
    `INSERT INTO ticket_outcome (ticket_id, outcome, first_time_right, note, updated_by)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (ticket_id) DO UPDATE SET outcome = $2, first_time_right = $3, note = $4,
       updated_by = $5, updated_at = now()
     RETURNING outcome, note, updated_at AS "updatedAt"`,
    [
      ticketId,
      input.outcome ?? null,
      input.firstTimeRight ?? null,
      input.note ?? null,
      input.updatedBy,
    ],
  );
  return rows[0]!;
}

/** A ticket's note and outcome, if one was saved. */
export async function findOutcome(db: Db, ticketId: string): Promise<OutcomeRecord | undefined> {
  const { rows } = await db.query<OutcomeRecord>(
    `SELECT outcome, note, updated_at AS "updatedAt" FROM ticket_outcome WHERE ticket_id = $1`,
    [ticketId],
  );
  return rows[0];
}

/** Everyone else signed in now (one entry per employee), for a hand-over. */
export async function listColleagues(db: Db, exceptId: string): Promise<EmployeeView[]> {
  const { rows } = await db.query<{ id: string; role: EmployeeRole; name: string | null }>(
    `SELECT DISTINCT ON (employee_id) employee_id AS id, role, display_name AS name
     FROM employee_session
     WHERE expires_at > now() AND last_used_at + make_interval(secs => idle_seconds) > now()
       AND employee_id <> $1
     ORDER BY employee_id, created_at DESC`,
    [exceptId],
  );
  return rows.map((row) => ({ id: row.id, role: row.role, ...(row.name ? { name: row.name } : {}) }));
}

/** Hands a live waiting ticket to a colleague; `false` when it is not waiting any more. */
export async function assignTicket(db: Queryable, ticketId: string, to: EmployeeView): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE waiting_ticket SET assigned_to = $2, assigned_name = $3
     WHERE id = $1 AND state = 'waiting' AND expires_at > now() RETURNING id`,
    [ticketId, to.id, to.name ?? null],
  );
  return rows.length === 1;
}
