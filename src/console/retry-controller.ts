import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * One attempt scheduled for later, at most: `schedule` replaces an earlier one, `cancel` drops
 * it, and leaving the page drops it too, so no retry runs for a console that is gone.
 */
export class RetryController implements ReactiveController {
  private timer?: ReturnType<typeof setTimeout>;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Runs `attempt` after `delayMs`, instead of any attempt scheduled before. */
  schedule(attempt: () => void, delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(attempt, delayMs);
  }

  cancel(): void {
    clearTimeout(this.timer);
  }

  hostDisconnected(): void {
    this.cancel();
  }
}
