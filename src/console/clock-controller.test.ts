import { expect, waitUntil } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ClockController } from './clock-controller.js';
import { RetryController } from './retry-controller.js';

/** A host that counts its re-renders and connects its controllers like an element on the page. */
function host() {
  const controllers: ReactiveController[] = [];
  const counted = {
    renders: 0,
    addController: (c: ReactiveController) => void controllers.push(c),
    removeController: () => {},
    requestUpdate: () => void counted.renders++,
    updateComplete: Promise.resolve(true),
    connect: () => controllers.forEach((c) => c.hostConnected?.()),
    disconnect: () => controllers.forEach((c) => c.hostDisconnected?.()),
  };
  return counted satisfies ReactiveControllerHost;
}

/** Waits for `count` ticks of a fresh 5 ms clock: time enough for a timer that should not fire to show it did. */
async function ticksOfAnotherClock(count: number): Promise<void> {
  const reference = host();
  let ticks = 0;
  new ClockController(reference, 5, () => ticks++);
  reference.connect();
  await waitUntil(() => ticks >= count, 'the reference clock never ticked');
  reference.disconnect();
}

describe('<balie-medewerker> timers', () => {
  it('re-renders the console and keeps its session alive on every tick while it is on the page', async () => {
    const page = host();
    let ticks = 0;
    new ClockController(page, 5, () => ticks++);
    page.connect();
    await waitUntil(() => ticks >= 2, 'the clock never ticked');
    expect(page.renders).to.be.at.least(2);
    page.disconnect();
    const stopped = ticks;
    await ticksOfAnotherClock(3);
    expect(ticks).to.equal(stopped);
  });

  it('runs no rejoin attempt for a console that left the page', async () => {
    const page = host();
    const retry = new RetryController(page);
    let attempts = 0;
    retry.schedule(() => attempts++, 5);
    page.disconnect();
    await ticksOfAnotherClock(3);
    expect(attempts).to.equal(0);
  });

  it('runs one rejoin attempt when scheduled twice', async () => {
    const retry = new RetryController(host());
    let attempts = 0;
    retry.schedule(() => attempts++, 5);
    retry.schedule(() => attempts++, 5);
    await waitUntil(() => attempts > 0, 'no attempt');
    await ticksOfAnotherClock(3);
    expect(attempts).to.equal(1);
  });
});
