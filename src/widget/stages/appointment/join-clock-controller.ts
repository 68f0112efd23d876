import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Re-renders its host once the moment `at()` returns has come, so a button can appear on time
 * ("Naar de wachtkamer" from `joinOpensAt`) without the citizen reloading.
 */
export class JoinClockController implements ReactiveController {
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly at: () => string | undefined,
  ) {
    host.addController(this);
  }

  /** Whether the moment has come. */
  get reached(): boolean {
    const at = this.at();
    return !!at && Date.parse(at) <= Date.now();
  }

  hostUpdated(): void {
    clearTimeout(this.timer);
    const at = this.at();
    if (!at || this.reached) return;
    // setTimeout's limit is about 24.8 days; re-check at most daily for far-off appointments.
    const wait = Math.min(Date.parse(at) - Date.now(), 86_400_000);
    this.timer = setTimeout(() => this.host.requestUpdate(), wait);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }
}
