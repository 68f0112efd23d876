import { AccessToken } from 'livekit-server-sdk';
import { startStack, type Stack } from '../../../demo/stack.js';
import { launchChromium, type TestBrowser } from '../../e2e/support/browser.js';
import { chromiumPath, livekitBin } from '../../e2e/support/provisioned.js';
import type { CallGrant } from '../../../src/protocol/index.js';

/** The real stack (livekit-server, balie server, Voorbeeldstad) and Chromium, shared by the browser benchmarks. */
export interface BrowserBench {
  stack: Stack;
  chromium: TestBrowser;
  close(): Promise<void>;
}

export async function startBrowserBench(): Promise<BrowserBench> {
  await chromiumPath();
  const stack = await startStack({ livekitBin: await livekitBin() });
  try {
    const chromium = await launchChromium();
    return {
      stack,
      chromium,
      close: async () => {
        await chromium.close();
        await stack.close();
      },
    };
  } catch (error) {
    await stack.close();
    throw error;
  }
}

/**
 * A grant for `room` minted here, as a bare LiveKit app's backend would: the same grants as the
 * balie server's token policy, without the balie server.
 */
export async function mintGrant(stack: Stack, room: string, identity: string): Promise<CallGrant> {
  const { apiKey, apiSecret, url } = stack.livekit;
  const token = new AccessToken(apiKey, apiSecret, { identity, ttl: 600, metadata: JSON.stringify({ role: 'citizen' }) });
  token.addGrant({ room, roomJoin: true, canPublish: true, canSubscribe: true });
  return { url, token: await token.toJwt(), identity, role: 'citizen', expiresIn: 600 };
}
