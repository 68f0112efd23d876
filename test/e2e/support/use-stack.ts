import { after, before } from 'node:test';
import { startStack, type Stack, type StackOptions } from '../../../demo/stack.js';
import { launchChromium, type TestBrowser } from './browser.js';
import { chromiumPath, livekitBin } from './provisioned.js';

/** What {@link useStack} gives a suite once its `before` hook ran. */
export interface StackFixture {
  stack: Stack;
  chromium: TestBrowser;
}

/**
 * Starts the demo stack (livekit-server, balie server, municipal site) and one Chromium before the
 * suite's tests, and stops both after them, also when a test failed. Read the fields inside tests,
 * not at definition time: they are set by the `before` hook.
 */
export function useStack(
  options: Omit<StackOptions, 'livekitBin'> = {},
  browserOptions: Parameters<typeof launchChromium>[0] = {},
): StackFixture {
  const fixture = {} as StackFixture;
  before(async () => {
    await chromiumPath();
    fixture.stack = await startStack({ livekitBin: await livekitBin(), ...options });
    fixture.chromium = await launchChromium(browserOptions);
  });
  after(async () => {
    await fixture.chromium?.close();
    await fixture.stack?.close();
  });
  return fixture;
}
