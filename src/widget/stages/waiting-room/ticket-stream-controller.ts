import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  EventStreamRefused,
  isApiErrorBody,
  readEventStream,
  type EndReason,
  type TicketEvent,
  type WaitingTicketView,
} from '../../../protocol/index.js';
import { BalieApiError, bearer } from '../../api-client.js';

/**
 * `reconnecting`: the balie server cannot be reached. `unavailable`: it answers, but cannot reach
 * its database; the place in the queue is kept there all the same.
 */
export type StreamStatus = 'connecting' | 'open' | 'reconnecting' | 'unavailable' | 'ended' | 'failed';

/** Backoff for reconnects: quick at first (a blip), then every few seconds, never giving up. */
const retryDelays = [250, 1000, 2000, 4000];

/**
 * Keeps the citizen's waiting-room stream open: position and state as the server sees them. A
 * dropped network is retried for as long as the host is connected — the place in the queue lives
 * on the server, so nothing is lost while offline. A refusal (unknown or expired ticket) is final.
 * While the server's database is down (an `unavailable` event, or a 503) it says so and waits for
 * the next event, or retries, likewise.
 */
export class TicketStreamController implements ReactiveController {
  status: StreamStatus = 'connecting';
  ticket?: WaitingTicketView;
  endReason?: EndReason;
  error?: BalieApiError;

  private abort?: AbortController;
  private retryTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => { url: string; secret: string } | undefined,
    /**
     * A payment of the call was asked or changed (issue 16), or the stream (re)opened and one
     * may have changed meanwhile: the payments are to be read again.
     */
    private readonly onPaymentNews?: (why: 'opened' | 'payment') => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connect(0);
  }

  hostDisconnected(): void {
    clearTimeout(this.retryTimer);
    this.abort?.abort();
  }

  private connect(attempt: number): void {
    const source = this.source();
    if (!source) return;
    const abort = (this.abort = new AbortController());
    readEventStream(
      source.url,
      { headers: bearer(source.secret), signal: abort.signal, cache: 'no-store' },
      (event) => this.onEvent(event as TicketEvent),
      () => {
        attempt = 0;
        this.set('open');
        this.onPaymentNews?.('opened');
      },
    ).then(
      () => this.retry(abort, attempt),
      (error: unknown) => {
        if (error instanceof EventStreamRefused && error.status === 503) {
          return this.retry(abort, attempt, 'unavailable');
        }
        // Too many streams of this ticket for now (another tab, or one just closed that the server
        // has not seen go yet): the place is kept; try again.
        if (error instanceof EventStreamRefused && error.status === 429) return this.retry(abort, attempt);
        if (error instanceof EventStreamRefused && error.status >= 400 && error.status < 500) {
          const body = error.body;
          this.error = isApiErrorBody(body)
            ? new BalieApiError(body.error.code, body.error.message, error.status)
            : new BalieApiError('internal', error.message, error.status);
          return this.set('failed');
        }
        this.retry(abort, attempt);
      },
    );
  }

  private retry(
    abort: AbortController,
    attempt: number,
    status: 'reconnecting' | 'unavailable' = 'reconnecting',
  ): void {
    if (abort.signal.aborted || this.status === 'ended' || this.status === 'failed') return;
    this.set(status);
    const delay = retryDelays[Math.min(attempt, retryDelays.length - 1)];
    this.retryTimer = setTimeout(() => this.connect(attempt + 1), delay);
  }

  private onEvent(event: TicketEvent): void {
    if (event.type === 'ticket') {
      this.ticket = event.ticket;
      this.set('open');
    } else if (event.type === 'payment') {
      this.onPaymentNews?.('payment');
    } else if (event.type === 'unavailable') {
      this.set('unavailable');
    } else if (event.type === 'ended') {
      this.endReason = event.reason;
      this.abort?.abort();
      this.set('ended');
    }
  }

  private set(status: StreamStatus): void {
    this.status = status;
    this.host.requestUpdate();
  }
}
