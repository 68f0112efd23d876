import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditFor } from '../../src/server/audit/audit.js';
import { newIdentity } from '../../src/server/call/call-tokens.js';
import type { Queryable } from '../../src/server/store/index.js';
import { createTicketService, type TicketService } from '../../src/server/tickets/ticket-service.js';
import {
  assertApiError,
  consolePost,
  signIn,
  takeTicket,
  testApp,
  useTestStore,
} from './helpers.js';

const employee = { id: 'emp-fatima' };
const by = { actor: `employee:${employee.id}`, requestId: 'req-1' };

describe('the tickets service: one place for every state change', () => {
  const db = useTestStore();

  /** The service over the test store, with a hub and a room closer that remember what they were told. */
  function service(): { tickets: TicketService; announced: () => number; closedRooms: string[] } {
    let changes = 0;
    const closedRooms: string[] = [];
    const tickets = createTicketService({
      db,
      hub: { changed: () => void (changes += 1) },
      rooms: { deleteRoom: async (room) => void closedRooms.push(room) },
    });
    return { tickets, announced: () => changes, closedRooms };
  }

  async function waitingTicket(tickets: TicketService) {
    return tickets.take({ secretHash: `hash-${Math.random()}`, product: 'paspoort', audioOnly: false, ttlSeconds: 600 });
  }

  function admission(room = `room-${Math.random()}`) {
    return { room, citizenIdentity: newIdentity('citizen'), employeeIdentity: newIdentity('employee') };
  }

  async function stored(q: Queryable, id: string) {
    const { rows } = await q.query<{ state: string; room: string | null; admitted_by: string | null }>(
      `SELECT state, room, admitted_by FROM waiting_ticket WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  /**
   * A real fault in the store: every audit entry is refused, by a trigger, until the returned
   * `heal` runs or the test ends.
   */
  async function auditLogRefusesWrites(t: { after(fn: () => Promise<void>): void }) {
    await db.exec(`
      CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'test: the audit log refuses this write'; END $$;
      CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit();`);
    const heal = () =>
      db.exec(`DROP TRIGGER IF EXISTS refuse_audit ON audit_log; DROP FUNCTION IF EXISTS refuse_audit();`);
    t.after(heal);
    return heal;
  }

  it('admits all or nothing: when the audit entry fails after the admit, the citizen is still waiting, unaudited, and nobody is told', async (t) => {
    const { tickets, announced } = service();
    const ticket = await waitingTicket(tickets);
    const before = announced();
    await auditLogRefusesWrites(t);

    await assert.rejects(tickets.admit(ticket.id, admission(), employee, by), /audit log refuses/);

    assert.deepEqual(await stored(db, ticket.id), { state: 'waiting', room: null, admitted_by: null });
    assert.deepEqual(await auditFor(db, `ticket:${ticket.id}`), []);
    assert.equal(announced(), before, 'the queue is not told of a change that did not happen');
  });

  it('records who admitted the citizen together with the admit and its audit entry', async () => {
    const { tickets, announced } = service();
    const ticket = await waitingTicket(tickets);
    const before = announced();
    assert.equal(await tickets.admit(ticket.id, admission('room-a'), employee, by), true);
    assert.deepEqual(await stored(db, ticket.id), { state: 'admitted', room: 'room-a', admitted_by: employee.id });
    const audited = await auditFor(db, `ticket:${ticket.id}`);
    assert.deepEqual(audited.map((e) => [e.action, e.actor, e.requestId]), [['ticket.admitted', by.actor, 'req-1']]);
    assert.equal(announced(), before + 1);
    assert.equal(await tickets.admit(ticket.id, admission(), { id: 'emp-kees' }, by), false, 'a second admit loses');
  });

  it('ends a call once: the ticket ends, the room closes, the end is audited and announced', async () => {
    const { tickets, announced, closedRooms } = service();
    const ticket = await waitingTicket(tickets);
    await tickets.admit(ticket.id, admission('room-b'), employee, by);
    const before = announced();
    assert.deepEqual(await tickets.end(ticket.id, 'ended-by-employee', by), { room: 'room-b' });
    assert.equal((await stored(db, ticket.id))?.state, 'ended');
    assert.deepEqual(closedRooms, ['room-b']);
    assert.equal(announced(), before + 1);
    assert.equal((await auditFor(db, `ticket:${ticket.id}`))[0]?.action, 'ticket.ended');
    assert.equal(await tickets.end(ticket.id, 'left'), undefined, 'ending twice changes nothing');
    assert.equal(announced(), before + 1);
  });

  it('keeps an ended call ended when its audit entry fails, instead of ending it half', async (t) => {
    const { tickets, announced, closedRooms } = service();
    const ticket = await waitingTicket(tickets);
    await tickets.admit(ticket.id, admission('room-c'), employee, by);
    const before = announced();
    await auditLogRefusesWrites(t);
    await assert.rejects(tickets.end(ticket.id, 'ended-by-employee', by), /audit log refuses/);
    assert.equal((await stored(db, ticket.id))?.state, 'admitted', 'the call goes on, so the employee can end it again');
    assert.deepEqual(closedRooms, []);
    assert.equal(announced(), before);
  });

  it('answers the employee with an error and leaves the citizen admittable when the admit cannot be audited', async (t) => {
    const balie = testApp(t, db);
    const cookie = await signIn(balie);
    const { ticket } = await takeTicket(balie);
    const heal = await auditLogRefusesWrites(t);
    const failed = await consolePost(balie, cookie, `/api/console/tickets/${ticket.id}/admit`);
    assertApiError(failed, 500, 'internal');
    assert.equal((await stored(db, ticket.id))?.state, 'waiting');
    await heal();
    const retried = await consolePost(balie, cookie, `/api/console/tickets/${ticket.id}/admit`);
    assert.equal(retried.statusCode, 200, retried.body);
  });
});
