import { expect, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { WakeLockController } from './wake-lock-controller.js';

class WakeLockHost extends LitElement {
  readonly wakeLock = new WakeLockController(this);
}
customElements.define('wake-lock-host', WakeLockHost);

describe('WakeLockController', () => {
  it('keeps the screen on while its element is on the page, and lets go when it leaves', async () => {
    const host = document.createElement('wake-lock-host') as WakeLockHost;
    document.body.append(host);
    await waitUntil(() => host.wakeLock.held, 'the screen wake lock was not acquired');
    host.remove();
    expect(host.wakeLock.held).to.equal(false);
  });

  it('asks again when the page becomes visible after the browser let go', async () => {
    const host = document.createElement('wake-lock-host') as WakeLockHost;
    document.body.append(host);
    await waitUntil(() => host.wakeLock.held, 'the screen wake lock was not acquired');
    // What the browser does when the page is hidden: it releases the lock itself.
    await (host.wakeLock as unknown as { sentinel: { release(): Promise<void> } }).sentinel.release();
    expect(host.wakeLock.held).to.equal(false);
    document.dispatchEvent(new Event('visibilitychange'));
    await waitUntil(() => host.wakeLock.held, 'the lock was not asked again on visibilitychange');
    host.remove();
  });

  it('changes nothing where the browser has no Screen Wake Lock', async () => {
    const own = Object.getOwnPropertyDescriptor(Navigator.prototype, 'wakeLock')!;
    Object.defineProperty(Navigator.prototype, 'wakeLock', { configurable: true, get: () => undefined });
    try {
      const host = document.createElement('wake-lock-host') as WakeLockHost;
      document.body.append(host);
      await host.updateComplete;
      expect(host.wakeLock.held).to.equal(false);
      host.remove();
    } finally {
      Object.defineProperty(Navigator.prototype, 'wakeLock', own);
    }
  });
});
