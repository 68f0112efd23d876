import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { EventStreamRefused, readEventStream, type QueueEntry, type QueueEvent } from '../protocol/index.js';

export type QueueStatus = 'connecting' | 'open' | 'reconnecting' | 'signed-out';

/**
 * The employee's live queue: follows `GET /api/console/events` while the console is on screen
 * and reconnects after a drop. A 401 means the session is gone: the console shows sign-in.
 */
export class QueueStreamController implements ReactiveController {
  status: QueueStatus = 'connecting';
  entries: QueueEntry[] = [];
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
      (event) => {
        this.entries = (event as QueueEvent).entries;
        this.host.requestUpdate();
      },
      () => this.set('open'),
    ).then(
      () => this.retry(abort),
      (error: unknown) => {
        if (error instanceof EventStreamRefused && error.status === 401) return this.set('signed-out');
        this.retry(abort);
      },
    );
  }

  private retry(abort: AbortController): void {
    if (abort.signal.aborted) return;
    this.set('reconnecting');
    this.timer = setTimeout(() => this.connect(), 1000);
  }

  private set(status: QueueStatus): void {
    this.status = status;
    this.host.requestUpdate();
  }
}
