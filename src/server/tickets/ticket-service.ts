import type { EmployeeView, EndReason } from '../../protocol/index.js';
import { recordAudit } from '../audit/audit.js';
import { linkTicket } from '../booking/booking-store.js';
import { newIdentity } from '../call/call-tokens.js';
import type { RoomCloser } from '../call/livekit-rooms.js';
import { assignTicket } from '../console/console-store.js';
import type { QueueHub } from '../queue/queue-hub.js';
import type { Db } from '../store/types.js';
import {
  admitTicket,
  createTicket,
  endTicket,
  endTicketInRoom,
  expireTickets,
  handOverCall,
  type Admission,
  type NewTicket,
  type TicketRecord,
} from './ticket-store.js';

/** What {@link createTicketService} works with, built once per app. */
export interface TicketServiceDeps {
  db: Db;
  /** Told after every committed change, so every stream (on every instance) hears of it. */
  hub: Pick<QueueHub, 'changed'>;
  rooms: RoomCloser;
}

/** Who made a change, as the audit log names them (see `AuditEntry`), and the request it came in. */
export interface AuditedBy {
  /** `employee:<sub>`: see `auditActor`. */
  actor: string;
  requestId?: string;
}

/** A ticket to take: see `createTicket`. */
export interface TakeTicketInput extends NewTicket {
  /** A live ticket of the same citizen that the new one replaces (a reload lost its secret). */
  replaces?: string;
}

/**
 * Every change of a ticket's state, each in one place: the store is written in one transaction
 * together with its audit entry, then the queue hears of it, then the LiveKit room closes when the
 * change ended a call. Routes, the sweep and the LiveKit webhook call this; none of them writes a
 * ticket's state itself (ARCHITECTURE.md: "a state change happens in one place").
 *
 * The announcement comes after the commit: a stream that re-reads the queue must see the change,
 * and a change that rolled back must not be announced. A LiveKit room is not created here: LiveKit
 * opens it when the first holder of a call token joins (tokens exist only after an admit).
 */
export interface TicketService {
  /** Puts a citizen at the back of the queue; see {@link TakeTicketInput}. */
  take(input: TakeTicketInput): Promise<TicketRecord>;
  /**
   * Admits a live waiting ticket for `employee`, recording who admitted it (so only they open the
   * identity panel) and auditing it, all or nothing. `false` when the ticket was not admittable:
   * not live, admitted by a colleague first, or handed over to another colleague.
   */
  admit(
    id: string,
    admission: Admission,
    employee: Pick<EmployeeView, 'id'>,
    by: AuditedBy,
  ): Promise<boolean>;
  /**
   * Hands a ticket to a signed-in colleague: a live waiting one (only the colleague may then admit
   * it), or an admitted call of `from`, whose right to the call — the employee's call token, the
   * identity panel, guests — moves to the colleague with a LiveKit identity of their own.
   * `false` when it is neither.
   */
  handOver(
    id: string,
    colleague: EmployeeView,
    from: Pick<EmployeeView, 'id'>,
    by: AuditedBy,
  ): Promise<boolean>;
  /**
   * Ends a live ticket and closes its call's room. Audited when `by` is given (an employee ended
   * it); a citizen leaving is not an access to be audited. Returns its room, or `undefined` when
   * the ticket was not live (see `endTicket`).
   */
  end(id: string, reason: EndReason, by?: AuditedBy): Promise<{ room: string | null } | undefined>;
  /**
   * Ends the admitted ticket whose call is in `room`, after LiveKit finished that room (so there
   * is no room left to close). Returns the ticket's id, or `undefined` when none was live there.
   */
  endInRoom(room: string, reason: EndReason): Promise<string | undefined>;
  /** Ends every waiting ticket past its expiry (reason `expired`); returns their ids. */
  expireLapsed(): Promise<string[]>;
}

/** Builds the {@link TicketService}; `buildApp` makes one and hands it to the plugins. */
export function createTicketService({ db, hub, rooms }: TicketServiceDeps): TicketService {
  return {
    async take(input) {
      const { bookingId, replaces, ...ticket } = input;
      const { created, replaced } = await db.transaction(async (tx) => {
        const replaced = replaces ? await endTicket(tx, replaces, 'left') : undefined;
        const created = await createTicket(tx, { ...ticket, ...(bookingId ? { bookingId } : {}) });
        if (bookingId) await linkTicket(tx, bookingId, created.id);
        return { created, replaced };
      });
      hub.changed();
      if (replaced?.room) await rooms.deleteRoom(replaced.room);
      return created;
    },

    async admit(id, admission, employee, by) {
      const admitted = await db.transaction(async (tx) => {
        if (!(await admitTicket(tx, id, admission, employee.id))) return false;
        await recordAudit(tx, {
          actor: by.actor,
          action: 'ticket.admitted',
          subject: `ticket:${id}`,
          requestId: by.requestId,
        });
        return true;
      });
      if (admitted) hub.changed();
      return admitted;
    },

    async handOver(id, colleague, from, by) {
      const handed = await db.transaction(async (tx) => {
        const moved =
          (await assignTicket(tx, id, colleague)) ||
          (await handOverCall(tx, id, from.id, colleague, newIdentity('employee')));
        if (!moved) return false;
        await recordAudit(tx, {
          actor: by.actor,
          action: 'ticket.handed-over',
          subject: `ticket:${id}`,
          reason: `to employee:${colleague.id}`,
          requestId: by.requestId,
        });
        return true;
      });
      if (handed) hub.changed();
      return handed;
    },

    async end(id, reason, by) {
      const ended = await db.transaction(async (tx) => {
        const live = await endTicket(tx, id, reason);
        if (live && by) {
          await recordAudit(tx, {
            actor: by.actor,
            action: 'ticket.ended',
            subject: `ticket:${id}`,
            requestId: by.requestId,
          });
        }
        return live;
      });
      if (!ended) return undefined;
      hub.changed();
      if (ended.room) await rooms.deleteRoom(ended.room);
      return ended;
    },

    async endInRoom(room, reason) {
      const ended = await endTicketInRoom(db, room, reason);
      if (ended) hub.changed();
      return ended;
    },

    async expireLapsed() {
      const expired = await expireTickets(db);
      if (expired.length > 0) hub.changed();
      return expired;
    },
  };
}
