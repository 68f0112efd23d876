import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Calls `tick` every `intervalMs` while its host is on the page: a stage that waits for the
 * server to come back tries again by itself, and stops when the citizen moves on.
 */
export class RetryClockController implements ReactiveController {
  private timer?: ReturnType<typeof setInterval>;

  constructor(
    host: ReactiveControllerHost,
    private readonly intervalMs: number,
    private readonly tick: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    clearInterval(this.timer);
    this.timer = setInterval(this.tick, this.intervalMs);
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
  }
}
