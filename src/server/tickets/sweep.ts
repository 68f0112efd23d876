import type { FastifyPluginAsync } from 'fastify';
import { periodicJob } from '../jobs/periodic-job.js';
import { markNoShows } from '../console/agenda-store.js';
import type { AppointmentBackends } from '../appointments/index.js';
import type { QueueHub } from '../queue/queue-hub.js';
import type { Db } from '../store/index.js';
import { deleteExpiredEmployeeSessions, liveEmployeeSessions } from '../console/employee-session-store.js';
import type { TicketService } from './ticket-service.js';

/** Options of {@link sweep}. */
export interface SweepOptions {
  db: Db;
  hub: QueueHub;
  /** Expires lapsed tickets; see {@link TicketService}. */
  tickets: TicketService;
  intervalMs: number;
  /** Calendar couplings, which clear rows a crash left without their event. */
  appointments?: AppointmentBackends;
}

/**
 * Ends waiting tickets past their expiry (reason `expired`), forgets ended console sessions and
 * ends this instance's queue streams of sessions that ended here or on another instance,
 * marks bookings whose slot ended without a call as `no-show`, lets calendar couplings clear
 * what a crash mid-booking left,
 * every `intervalMs` from `ready` until `close`. Between sweeps a lapsed ticket is already treated
 * as expired by every route; the sweep makes it final and tells its streams.
 */
export const sweep: FastifyPluginAsync<SweepOptions> = async (app, options) => {
  const { db, hub } = options;

  async function sweepOnce(): Promise<void> {
    const expired = await options.tickets.expireLapsed();
    if (expired.length > 0) app.log.info({ count: expired.length }, 'balie-sweep: expired waiting tickets');
    const closed = await hub.closeQueueStreamsOfEndedSessions((hashes) => liveEmployeeSessions(db, hashes));
    if (closed > 0) app.log.info({ count: closed }, 'balie-sweep: ended queue streams of ended console sessions');
    await deleteExpiredEmployeeSessions(db);
    const noShows = await markNoShows(db);
    if (noShows > 0) app.log.info({ count: noShows }, 'balie-sweep: bookings nobody came to');
    await options.appointments?.settle();
  }

  periodicJob(app, { plugin: 'balie-sweep', run: 'sweep', intervalMs: options.intervalMs, work: sweepOnce });
};
