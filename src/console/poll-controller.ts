import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Asks `read` every `intervalMs` while the host is connected and `active` is true, keeping the
 * last answer in `value`. For the rare, low-traffic views (guests of one call) where a polled
 * GET is simpler and sturdier than another event stream.
 */
export class PollController<T> implements ReactiveController {
  value?: T;
  error?: Error;
  private timer?: ReturnType<typeof setTimeout>;
  private connected = false;
  private active = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly read: () => Promise<T>,
    private readonly intervalMs = 1500,
  ) {
    host.addController(this);
  }

  /** Starts (or stops) polling; starting asks at once. */
  setActive(active: boolean): void {
    if (active === this.active) return;
    this.active = active;
    clearTimeout(this.timer);
    if (active && this.connected) void this.tick();
  }

  hostConnected(): void {
    this.connected = true;
    if (this.active) void this.tick();
  }

  hostDisconnected(): void {
    this.connected = false;
    clearTimeout(this.timer);
  }

  private async tick(): Promise<void> {
    try {
      this.value = await this.read();
      this.error = undefined;
    } catch (error) {
      this.error = error as Error;
    }
    this.host.requestUpdate();
    if (this.active && this.connected) this.timer = setTimeout(() => void this.tick(), this.intervalMs);
  }
}
