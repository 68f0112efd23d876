import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import {
  encodeEvent,
  paymentStatuses,
  type DocumentAddedEvent,
  type PaymentChangedEvent,
  type PaymentStatus,
  type QueueEvent,
  type TicketEvent,
  type UnavailableEvent,
  type WaitingTicketView,
} from '../../protocol/index.js';
import type { EventStream } from '../http/event-stream.js';
import { databaseQueueBus, QUEUE_CHANNEL, type QueueBus } from './queue-bus.js';
import { isStoreUnavailable, type Db } from '../store/index.js';
import { findEndedTickets, listLiveTickets, listQueuePlaces } from '../tickets/ticket-store.js';
import { toQueueEntry } from '../tickets/views.js';

export { QUEUE_CHANNEL };

/** What {@link QueueHub} needs. */
export interface QueueHubOptions {
  db: Db;
  /** Product id → display name, for the employee's queue. */
  productNames: Map<string, string>;
  log: FastifyBaseLogger;
  /** How instances hear of each other's changes. Default: the database's LISTEN/NOTIFY. */
  bus?: QueueBus;
  /**
   * How often, while streams are open, the hub asks the database whether it answers (and, while
   * it does not, tries to refresh every stream). Default {@link STORE_CHECK_INTERVAL_MS}.
   */
  storeCheckIntervalMs?: number;
}

/** Default of {@link QueueHubOptions.storeCheckIntervalMs}. */
export const STORE_CHECK_INTERVAL_MS = 5_000;

/** The bus message of {@link QueueHub.paymentChanged}: `<sender> payment <ticket> <payment> <status>`. */
const PAYMENT_MESSAGE = 'payment';

function parsePaymentMessage([ticketId, id, status]: string[]): PaymentChangedEvent | undefined {
  const known = (paymentStatuses as readonly string[]).includes(status ?? '');
  return ticketId && id && known ? { type: 'payment', ticketId, id, status: status as PaymentStatus } : undefined;
}

/** The bus message of {@link QueueHub.documentAdded}: `<sender> document <ticket> <document>`. */
const DOCUMENT_MESSAGE = 'document';

function parseDocumentMessage([ticketId, id]: string[]): DocumentAddedEvent | undefined {
  return ticketId && id ? { type: 'document', ticketId, id } : undefined;
}

const unavailableText = encodeEvent({ type: 'unavailable' } satisfies UnavailableEvent);

/** The open streams of one ticket, and what they were last told. */
interface TicketWatch {
  /**
   * The ticket's event, framed, around the only two fields that change while it is live:
   * `head` + state + `middle` + position + `tail` is exactly `encodeEvent({ type: 'ticket',
   * ticket: view })`. A change re-sends thousands of these; joining four strings is much cheaper
   * than copying the view and running JSON.stringify for each (issue 19).
   */
  head: string;
  middle: string;
  tail: string;
  /** `state:position` last sent by a refresh; undefined forces the next refresh to send. */
  sentKey: string | undefined;
  streams: Set<EventStream>;
}

/** The {@link TicketWatch} text parts of `view`, with its key order kept. */
function eventTemplate(view: WaitingTicketView): Pick<TicketWatch, 'head' | 'middle' | 'tail'> {
  // Placeholders that JSON.stringify leaves as they are, in the view's own key order.
  const STATE = '\u0001state\u0001';
  const POSITION = 1234567890123;
  const text = encodeEvent({ type: 'ticket', ticket: { ...view, state: STATE as WaitingTicketView['state'], position: POSITION } });
  const encodedState = JSON.stringify(STATE);
  const atState = text.indexOf(encodedState);
  const atPosition = text.indexOf(String(POSITION), atState + encodedState.length);
  return {
    head: `${text.slice(0, atState)}"`,
    middle: text.slice(atState + encodedState.length - 1, atPosition),
    tail: text.slice(atPosition + String(POSITION).length),
  };
}

/**
 * Fans queue changes out to the open event streams: citizens (by ticket id) and employees.
 *
 * Issue #8 asks for 5,000 waiting citizens with a change reaching all of them within 200 ms on
 * two cores. So a change costs ONE small query however many streams are open (every citizen's
 * place comes from {@link listQueuePlaces}; the employees' full list is read only while an
 * employee watches), a citizen's event is built and encoded only when their own place or state
 * changed (someone joining at the back changes nobody else's), and each distinct payload is
 * encoded once for all the streams that receive it. Bursts coalesce: while a refresh runs,
 * further changes only mark it dirty, and one more refresh follows.
 *
 * Several server instances behave as one: a change made through any of them is announced on the
 * {@link QueueBus} (Postgres LISTEN/NOTIFY, or Redis pub/sub), and every instance refreshes its
 * own streams from the shared tables. The message is only the sender's id (so it can skip its
 * own echo); the state itself is always read from the database. When the bus was interrupted,
 * every stream is refreshed once it is back.
 *
 * When the database cannot be reached (a refresh fails, or the check every few seconds while
 * streams are open), every stream is told `unavailable` once, so citizen and employee see why
 * nothing moves — the streams stay open, rather than thousands of clients retrying against a
 * database that is down. Once a refresh works again every stream gets its state anew.
 */
export class QueueHub {
  private readonly instanceId = randomUUID();
  private readonly bus: QueueBus;
  private unsubscribe: (() => Promise<void>) | undefined;
  private readonly tickets = new Map<string, TicketWatch>();
  /** Employees' queue streams, each with the hash of the console session that opened it. */
  private readonly queueStreams = new Map<EventStream, string>();
  private running: Promise<void> | undefined;
  private dirty = false;
  /** The last refresh or check found the database unreachable; the streams were told. */
  private storeDown = false;
  private storeCheck: NodeJS.Timeout | undefined;

  constructor(private readonly options: QueueHubOptions) {
    this.bus = options.bus ?? databaseQueueBus(options.db);
  }

  /** Citizens' open streams, kept as they open and close: every refresh asks, with 10,000 open. */
  private ticketStreams = 0;

  /** Number of open streams, citizens' and employees'. */
  get size(): number {
    return this.queueStreams.size + this.ticketStreams;
  }

  /** Number of open streams of one ticket, on this instance. */
  ticketStreamCount(ticketId: string): number {
    return this.tickets.get(ticketId)?.streams.size ?? 0;
  }

  /**
   * Sends `stream` the ticket's events from now on, until it closes. `snapshot` is the view the
   * caller has just read and sends itself.
   */
  watchTicket(snapshot: WaitingTicketView, stream: EventStream): void {
    let watch = this.tickets.get(snapshot.id);
    if (!watch) {
      watch = { ...eventTemplate(snapshot), sentKey: undefined, streams: new Set() };
      this.tickets.set(snapshot.id, watch);
    }
    // The snapshot and the last refresh may disagree on which is newer; the next refresh sends
    // its view to every stream of the ticket, and each stream drops what it already has.
    watch.sentKey = undefined;
    const streams = watch.streams;
    if (streams.has(stream)) return;
    streams.add(stream);
    this.ticketStreams += 1;
    stream.onClose(() => {
      if (streams.delete(stream)) this.ticketStreams -= 1;
      if (streams.size === 0 && this.tickets.get(snapshot.id) === watch) {
        this.tickets.delete(snapshot.id);
      }
    });
  }

  /**
   * Sends `stream` the employee's queue from now on, until it closes or its console session
   * (`sessionHash`) ends: see {@link closeQueueStreamsOfEndedSessions}.
   */
  watchQueue(stream: EventStream, sessionHash: string): void {
    this.queueStreams.set(stream, sessionHash);
    stream.onClose(() => this.queueStreams.delete(stream));
  }

  /**
   * Ends the queue streams whose console session is no longer live (signed out, idle, expired,
   * on any instance): a stream opened by a session must not outlive it. `live` says which of the
   * given session hashes still are. Returns how many streams were ended.
   */
  async closeQueueStreamsOfEndedSessions(
    live: (sessionHashes: string[]) => Promise<Set<string>>,
  ): Promise<number> {
    if (this.queueStreams.size === 0) return 0;
    const alive = await live([...new Set(this.queueStreams.values())]);
    let closed = 0;
    for (const [stream, session] of this.queueStreams) {
      if (alive.has(session)) continue;
      stream.close();
      closed++;
    }
    return closed;
  }

  /** Starts hearing about changes made by other instances, and watching the database. */
  async start(): Promise<void> {
    this.storeCheck ??= setInterval(
      () => this.checkStore(),
      this.options.storeCheckIntervalMs ?? STORE_CHECK_INTERVAL_MS,
    );
    this.storeCheck.unref();
    this.unsubscribe ??= await this.bus.subscribe(
      (payload) => {
        const [sender, kind, ...rest] = payload.split(' ');
        if (sender === this.instanceId) return;
        if (kind === PAYMENT_MESSAGE) this.sendNudge(parsePaymentMessage(rest));
        else if (kind === DOCUMENT_MESSAGE) this.sendNudge(parseDocumentMessage(rest));
        else this.refreshSoon();
      },
      () => {
        this.options.log.warn(
          `balie-queue: ${this.bus.kind} notifications were interrupted; refreshing every stream`,
        );
        this.refreshSoon();
      },
    );
  }

  /** Stops hearing other instances' changes and releases the bus. */
  async stop(): Promise<void> {
    clearInterval(this.storeCheck);
    this.storeCheck = undefined;
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = undefined;
    // Shutdown goes on when the database is already gone; the subscription died with it.
    await unsubscribe?.().catch((error: unknown) =>
      this.options.log.warn({ err: error }, 'balie-queue: could not stop listening'),
    );
    await this.bus.close();
  }

  /**
   * Something in the queue changed: recompute and tell every stream what is new for it, and tell
   * the other instances to do the same.
   */
  changed(): void {
    this.refreshSoon();
    this.bus
      .publish(this.instanceId)
      .catch((error: unknown) =>
        this.options.log.error({ err: error }, 'balie-queue: could not notify other instances'),
      );
  }

  /**
   * A payment of `event.ticketId`'s call was requested or changed: tell the citizen's streams and
   * every employee's, here and (through the bus) on the other instances. Nothing is read: the
   * event is a nudge, and each side reads the payment through its own route.
   */
  paymentChanged(event: Omit<PaymentChangedEvent, 'type'>): void {
    this.sendNudge({ type: 'payment', ...event });
    this.bus
      .publish([this.instanceId, PAYMENT_MESSAGE, event.ticketId, event.id, event.status].join(' '))
      .catch((error: unknown) =>
        this.options.log.error({ err: error }, 'balie-queue: could not tell other instances of a payment'),
      );
  }

  /**
   * A document was added to `event.ticketId`'s call (issue 15): tell the citizen's streams and
   * every employee's, here and on the other instances. A nudge, as for payments: each side reads
   * the documents through its own route.
   */
  documentAdded(event: Omit<DocumentAddedEvent, 'type'>): void {
    this.sendNudge({ type: 'document', ...event });
    this.bus
      .publish([this.instanceId, DOCUMENT_MESSAGE, event.ticketId, event.id].join(' '))
      .catch((error: unknown) =>
        this.options.log.error({ err: error }, 'balie-queue: could not tell other instances of a document'),
      );
  }

  private sendNudge(event: PaymentChangedEvent | DocumentAddedEvent | undefined): void {
    if (!event) return;
    const text = encodeEvent(event);
    for (const stream of this.queueStreams.keys()) stream.updateEncoded(text);
    for (const stream of this.tickets.get(event.ticketId)?.streams ?? []) stream.updateEncoded(text);
  }

  private refreshSoon(): void {
    if (this.running) {
      this.dirty = true;
      return;
    }
    this.running = this.refreshUntilClean()
      .catch((error: unknown) => {
        if (isStoreUnavailable(error)) this.storeUnavailable(error);
        else this.options.log.error({ err: error }, 'balie-queue: could not refresh streams');
      })
      .finally(() => {
        this.running = undefined;
      });
  }

  /**
   * While streams are open: is the database still there? Quiet streams say nothing, so ask.
   * While it is down, try a full refresh instead; the first that works restores every stream.
   */
  private checkStore(): void {
    if (this.size === 0 || this.running) return;
    if (this.storeDown) return this.refreshSoon();
    this.running = this.options.db
      .query('SELECT 1')
      .then(
        () => undefined,
        (error: unknown) => {
          if (isStoreUnavailable(error)) this.storeUnavailable(error);
          else this.options.log.error({ err: error }, 'balie-queue: the database check failed');
        },
      )
      .finally(() => {
        this.running = undefined;
        if (this.dirty) this.refreshSoon();
      });
  }

  /** Tells every stream, once per outage, that the database cannot be reached. */
  private storeUnavailable(error: unknown): void {
    if (this.storeDown) return;
    this.storeDown = true;
    this.options.log.error(
      { err: error },
      'balie-queue: the database cannot be reached; streams are told and stay open',
    );
    for (const stream of this.queueStreams.keys()) stream.updateEncoded(unavailableText);
    for (const watch of this.tickets.values()) {
      // The next refresh that works sends each ticket its place again.
      watch.sentKey = undefined;
      for (const stream of watch.streams) stream.updateEncoded(unavailableText);
    }
  }

  private storeAnswers(): void {
    if (!this.storeDown) return;
    this.storeDown = false;
    this.options.log.info('balie-queue: the database answers again; streams are up to date');
  }

  /** Resolves when no refresh is running; lets shutdown wait before the store closes. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Ends every open stream, for shutdown: the server cannot close while they are open. */
  closeAll(): void {
    for (const stream of this.queueStreams.keys()) stream.close();
    for (const watch of this.tickets.values()) for (const stream of watch.streams) stream.close();
  }

  private async refreshUntilClean(): Promise<void> {
    do {
      this.dirty = false;
      if (this.size > 0) await this.refresh();
    } while (this.dirty);
  }

  private async refresh(): Promise<void> {
    const places = await this.readPlaces();
    this.storeAnswers();
    const gone: string[] = [];
    for (const [id, watch] of this.tickets) {
      const position = places.get(id);
      if (position === undefined) gone.push(id);
      else this.sendPlace(watch, position);
    }
    // Not live any more: ended (tell and close), or lapsed but not yet swept (the sweep will end
    // it and trigger another refresh).
    if (gone.length === 0) return;
    for (const { id, endReason } of await findEndedTickets(this.options.db, gone)) {
      const event: TicketEvent = { type: 'ended', reason: endReason };
      for (const stream of this.tickets.get(id)?.streams ?? []) stream.close(event);
    }
  }

  /**
   * Every live ticket's position (0 = admitted). While an employee watches, from the full list
   * their queue needs anyway, which is then sent to them; otherwise from the lean query.
   */
  private async readPlaces(): Promise<Map<string, number>> {
    const { db, productNames } = this.options;
    if (this.queueStreams.size === 0) return listQueuePlaces(db);
    const live = await listLiveTickets(db);
    const event: QueueEvent = {
      type: 'queue',
      entries: live.map((ticket) => toQueueEntry(ticket, productNames)),
    };
    const text = encodeEvent(event);
    for (const stream of this.queueStreams.keys()) stream.updateEncoded(text);
    return new Map(live.map((ticket) => [ticket.id, ticket.position]));
  }

  /** Sends a ticket's streams its new place, only when it differs from what they were sent. */
  private sendPlace(watch: TicketWatch, position: number): void {
    const state = position === 0 ? 'admitted' : 'waiting';
    const key = `${state}:${position}`;
    if (key === watch.sentKey) return;
    watch.sentKey = key;
    // State is 'waiting' or 'admitted': nothing in it needs escaping.
    const text = watch.head + state + watch.middle + position + watch.tail;
    for (const stream of watch.streams) stream.updateEncoded(text);
  }
}
