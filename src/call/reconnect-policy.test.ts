import { expect } from '@open-wc/testing';
import { CallReconnectPolicy, RECONNECT_ONLINE_MS } from './room-controller.js';

describe('CallReconnectPolicy', () => {
  it('retries quickly after a drop, so a short network blip resumes the call in place', () => {
    const policy = new CallReconnectPolicy(() => true);
    const first = policy.nextRetryDelayInMs({ retryCount: 0, elapsedMs: 0 });
    expect(first).to.be.a('number').and.to.be.at.most(500);
    const delays = [1, 2, 3, 4].map((retryCount) => policy.nextRetryDelayInMs({ retryCount, elapsedMs: 1000 }));
    delays.forEach((delay) => expect(delay).to.be.a('number').and.to.be.at.most(2000));
  });

  it('gives up after a few seconds online, so the call comes back through a node that answers', () => {
    const policy = new CallReconnectPolicy(() => true);
    expect(policy.nextRetryDelayInMs({ retryCount: 7, elapsedMs: RECONNECT_ONLINE_MS })).to.equal(null);
    // Never waits past the budget.
    expect(policy.nextRetryDelayInMs({ retryCount: 7, elapsedMs: RECONNECT_ONLINE_MS - 100 })).to.be.at.most(100);
  });

  it('keeps trying while the browser is offline, and counts the budget from when it is back', () => {
    let online = false;
    const policy = new CallReconnectPolicy(() => online);
    expect(policy.nextRetryDelayInMs({ retryCount: 20, elapsedMs: 60_000 })).to.equal(1000);
    online = true;
    policy.cameOnline();
    expect(policy.nextRetryDelayInMs({ retryCount: 21, elapsedMs: 61_000 })).to.be.a('number');
  });
});
