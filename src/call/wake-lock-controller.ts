import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What the controller needs of `navigator.wakeLock` (Screen Wake Lock API). */
interface WakeLockLike {
  request(type: 'screen'): Promise<{ released: boolean; release(): Promise<void> }>;
}

/**
 * Keeps the screen on while its host is connected: a phone that goes dark in the waiting room or
 * during a call would otherwise drop the citizen from view and lock the camera
 * (https://w3c.github.io/screen-wake-lock/). The browser releases the lock whenever the page is
 * hidden, so it is asked again each time the page becomes visible. Where the API is missing
 * (Firefox before 126, older Safari) or refuses (battery saver, no user activation) nothing breaks:
 * the screen simply follows the phone's own setting.
 */
export class WakeLockController implements ReactiveController {
  private sentinel?: { released: boolean; release(): Promise<void> };
  private connected = false;

  /** Whether the screen is held on right now (the browser lets go when the page is hidden). */
  get held(): boolean {
    return !!this.sentinel && !this.sentinel.released;
  }

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    document.addEventListener('visibilitychange', this.onVisibilityChange);
    void this.acquire();
  }

  hostDisconnected(): void {
    this.connected = false;
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
    const sentinel = this.sentinel;
    this.sentinel = undefined;
    // Already released when the page went hidden; the browser then owes us nothing to undo.
    if (sentinel && !sentinel.released) void sentinel.release();
  }

  private onVisibilityChange = () => {
    if (document.visibilityState === 'visible') void this.acquire();
  };

  private async acquire(): Promise<void> {
    const wakeLock = (navigator as Navigator & { wakeLock?: WakeLockLike }).wakeLock;
    if (!wakeLock || document.visibilityState !== 'visible') return;
    if (this.sentinel && !this.sentinel.released) return;
    try {
      const sentinel = await wakeLock.request('screen');
      if (!this.connected) {
        void sentinel.release();
        return;
      }
      this.sentinel = sentinel;
    } catch (error) {
      // NotAllowedError (power saving, policy): the call works on; the screen may dim as usual.
      console.info(`[digitale-balie] wake lock: ${(error as Error).message}`);
    }
  }
}
