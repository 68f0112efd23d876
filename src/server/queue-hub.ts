import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { QueueEvent, TicketEvent } from '../protocol/index.js';
import type { EventStream } from './event-stream.js';
import { findEndedTickets, listLiveTickets, type Db } from './store/index.js';
import { toQueueEntry, toTicketView } from './views.js';

/** The notification channel on which instances announce queue changes. */
export const QUEUE_CHANNEL = 'balie_queue';

/** What {@link QueueHub} needs. */
export interface QueueHubOptions {
  db: Db;
  /** Product id → display name, for the employee's queue. */
  productNames: Map<string, string>;
  log: FastifyBaseLogger;
}

/**
 * Fans queue changes out to the open event streams: citizens (by ticket id) and employees.
 *
 * A change costs ONE query for the whole queue, however many streams are open (issue #8 asks for
 * 5,000): every citizen's position and the employee's list come from the same rows. Bursts of
 * changes coalesce — while a refresh runs, further changes only mark it dirty, and one more
 * refresh follows. Streams only see events that differ from the last they got.
 *
 * Several server instances on one Postgres behave as one: a change made through any of them is
 * announced with `pg_notify` on {@link QUEUE_CHANNEL}, and every other instance refreshes its own
 * streams from the shared tables. The payload is only the sender's id (so it can skip its own
 * echo); the state itself is always read from the database, never from the message.
 */
export class QueueHub {
  private readonly instanceId = randomUUID();
  private unlisten: (() => Promise<void>) | undefined;
  private readonly ticketStreams = new Map<string, Set<EventStream>>();
  private readonly queueStreams = new Set<EventStream>();
  private running: Promise<void> | undefined;
  private dirty = false;

  constructor(private readonly options: QueueHubOptions) {}

  /** Number of open streams, citizens' and employees'. */
  get size(): number {
    let count = this.queueStreams.size;
    for (const streams of this.ticketStreams.values()) count += streams.size;
    return count;
  }

  /** Sends `stream` the ticket's events from now on, until it closes. */
  watchTicket(ticketId: string, stream: EventStream): void {
    let streams = this.ticketStreams.get(ticketId);
    if (!streams) this.ticketStreams.set(ticketId, (streams = new Set()));
    streams.add(stream);
    stream.onClose(() => {
      streams.delete(stream);
      if (streams.size === 0 && this.ticketStreams.get(ticketId) === streams) {
        this.ticketStreams.delete(ticketId);
      }
    });
  }

  /** Sends `stream` the employee's queue from now on, until it closes. */
  watchQueue(stream: EventStream): void {
    this.queueStreams.add(stream);
    stream.onClose(() => this.queueStreams.delete(stream));
  }

  /** Starts hearing about changes made by other instances. */
  async start(): Promise<void> {
    this.unlisten ??= await this.options.db.listen(QUEUE_CHANNEL, (sender) => {
      if (sender !== this.instanceId) this.refreshSoon();
    });
  }

  /** Stops hearing other instances' changes. */
  async stop(): Promise<void> {
    const unlisten = this.unlisten;
    this.unlisten = undefined;
    // Shutdown goes on when the database is already gone; the subscription died with it.
    await unlisten?.().catch((error: unknown) =>
      this.options.log.warn({ err: error }, 'balie-queue: could not stop listening'),
    );
  }

  /**
   * Something in the queue changed: recompute and tell every stream what is new for it, and tell
   * the other instances to do the same.
   */
  changed(): void {
    this.refreshSoon();
    this.options.db
      .notify(QUEUE_CHANNEL, this.instanceId)
      .catch((error: unknown) =>
        this.options.log.error({ err: error }, 'balie-queue: could not notify other instances'),
      );
  }

  private refreshSoon(): void {
    if (this.running) {
      this.dirty = true;
      return;
    }
    this.running = this.refreshUntilClean()
      .catch((error: unknown) =>
        this.options.log.error({ err: error }, 'balie-queue: could not refresh streams'),
      )
      .finally(() => {
        this.running = undefined;
      });
  }

  /** Resolves when no refresh is running; lets shutdown wait before the store closes. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Ends every open stream, for shutdown: the server cannot close while they are open. */
  closeAll(): void {
    for (const stream of this.queueStreams) stream.close();
    for (const streams of this.ticketStreams.values()) for (const stream of streams) stream.close();
  }

  private async refreshUntilClean(): Promise<void> {
    do {
      this.dirty = false;
      if (this.size > 0) await this.refresh();
    } while (this.dirty);
  }

  private async refresh(): Promise<void> {
    const { db, productNames } = this.options;
    const live = await listLiveTickets(db);
    if (this.queueStreams.size > 0) {
      const event: QueueEvent = {
        type: 'queue',
        entries: live.map((t) => toQueueEntry(t, productNames)),
      };
      for (const stream of this.queueStreams) stream.update(event);
    }
    const byId = new Map(live.map((ticket) => [ticket.id, ticket]));
    const gone: string[] = [];
    for (const [id, streams] of this.ticketStreams) {
      const ticket = byId.get(id);
      if (!ticket) {
        gone.push(id);
        continue;
      }
      const event: TicketEvent = { type: 'ticket', ticket: toTicketView(ticket) };
      for (const stream of streams) stream.update(event);
    }
    // Not live any more: ended (tell and close), or lapsed but not yet swept (the sweep will end
    // it and trigger another refresh).
    if (gone.length === 0) return;
    for (const { id, endReason } of await findEndedTickets(db, gone)) {
      const event: TicketEvent = { type: 'ended', reason: endReason };
      for (const stream of this.ticketStreams.get(id) ?? []) stream.close(event);
    }
  }
}
