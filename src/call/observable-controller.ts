import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Observable, Subscription } from 'rxjs';

/**
 * Binds an Observable to a Lit host: the one place that subscribes to components-core streams
 * (as React's `useObservableState` does for components-js). Subscribes when given a source while
 * connected, unsubscribes on `hostDisconnected` or when the source is replaced.
 */
export class ObservableController<T> implements ReactiveController {
  value: T;
  private source?: Observable<T>;
  private subscription?: Subscription;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly initial: T,
  ) {
    this.value = initial;
    host.addController(this);
  }

  /** Follows `source` from now on; `undefined` stops following and resets to the initial value. */
  observe(source: Observable<T> | undefined): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    this.source = source;
    if (!source) this.value = this.initial;
    if (this.connected) this.subscribe();
  }

  hostConnected(): void {
    this.connected = true;
    this.subscribe();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  private subscribe(): void {
    if (!this.source || this.subscription) return;
    this.subscription = this.source.subscribe((value) => {
      this.value = value;
      this.host.requestUpdate();
    });
  }
}
