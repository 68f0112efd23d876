import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { EventStreamRefused, readEventStream, type PaymentChangedEvent, type QueueEntry, type QueueEvent } from '../protocol/index.js';

/**
 * `reconnecting`: the server cannot be reached. `unavailable`: the server is there but its
 * database is not, so the queue shown may be out of date.
 */
export type QueueStatus = 'connecting' | 'open' | 'reconnecting' | 'unavailable' | 'signed-out';

/**
 * The employee's live queue: follows `GET /api/console/events` while the console is on screen
 * and reconnects after a drop. A 401 means the session is gone: the console shows sign-in. While
 * the database is down (an `unavailable` event, or a 503) it says so and keeps trying.
 */
export class QueueStreamController implements ReactiveController {
  status: QueueStatus = 'connecting';
  entries: QueueEntry[] = [];
  /**
   * The last payment nudge (issue 16): a new object each time, so the payment request of the
   * call it names reads its payments again. Also renewed when the stream (re)opens, since a
   * nudge sent while it was down is lost.
   */
  payment?: PaymentChangedEvent | { type: 'reopened' };
  private abort?: AbortController;
  private timer?: ReturnType<typeof setTimeout>;
  private active = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly url: () => string,
  ) {
    host.addController(this);
  }

  /** Starts following the queue (after sign-in). */
  start(): void {
    this.active = true;
    this.connect();
  }

  hostConnected(): void {
    if (this.active) this.connect();
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.abort?.abort();
  }

  private connect(): void {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    readEventStream(
      this.url(),
      { credentials: 'same-origin', signal: abort.signal, cache: 'no-store' },
      (event) => this.onEvent(event as QueueEvent),
      () => {
        this.payment = { type: 'reopened' };
        this.set('open');
      },
    ).then(
      () => this.retry(abort, 'reconnecting'),
      (error: unknown) => {
        if (error instanceof EventStreamRefused && error.status === 401) return this.set('signed-out');
        this.retry(abort, error instanceof EventStreamRefused && error.status === 503 ? 'unavailable' : 'reconnecting');
      },
    );
  }

  private onEvent(event: QueueEvent): void {
    if (event.type === 'unavailable') return this.set('unavailable');
    if (event.type === 'payment') this.payment = event;
    // Document nudges are read by the call's <balie-documents>, which follows the stream itself.
    else if (event.type === 'queue') this.entries = event.entries;
    this.set('open');
  }

  private retry(abort: AbortController, status: 'reconnecting' | 'unavailable'): void {
    if (abort.signal.aborted) return;
    this.set(status);
    this.timer = setTimeout(() => this.connect(), 1000);
  }

  private set(status: QueueStatus): void {
    this.status = status;
    this.host.requestUpdate();
  }
}
