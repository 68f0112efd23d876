import { after, before } from 'node:test';
import type { BalieConfig } from '../../src/protocol/index.js';
import { startServer, type RunningServer, type StartServerOptions } from '../../src/server/main.js';
import { createMollieProvider } from '../../src/server/payments/mollie-provider.js';
import type { Db } from '../../src/server/store/index.js';
import { freePort } from '../../demo/free-port.js';
import { startDemoMailbox, type DemoMailbox } from '../../demo/mailbox.js';
import { SIMULATOR_API_KEY, SIMULATOR_CA_FILE, startPaymentSimulator, type PaymentSimulator } from '../../demo/payment-simulator/payment-simulator.js';
import { ACCESS_CODE, testLivekit } from './helpers.js';

/** What {@link usePaymentServer} started; filled in by its `before` hook. */
export interface PaymentStack {
  server: RunningServer;
  simulator: PaymentSimulator;
  /** Only with `mail: true`. */
  mailbox: DemoMailbox;
}

/**
 * For a suite about payments (issue 16): before it, the Mollie simulator as a server of its own, a
 * real SMTP mailbox when `mail` is asked, and a balie server on a free port whose Mollie adapter
 * reaches the simulator through its `apiEndpoint`, as production reaches Mollie; after it, all
 * closed. `extra` adds or overrides server options (called in the hook, so it may read other
 * fixtures). Rate limits are off: the limits have tests of their own.
 */
export function usePaymentServer(options: {
  db: Db;
  config: BalieConfig;
  mail?: boolean;
  extra?: () => Partial<StartServerOptions>;
}): PaymentStack {
  const stack = {} as PaymentStack;
  before(async () => {
    stack.simulator = await startPaymentSimulator();
    if (options.mail) stack.mailbox = await startDemoMailbox();
    const port = await freePort();
    stack.server = await startServer({
      port,
      config: options.config,
      db: options.db,
      livekit: testLivekit,
      allowedOrigins: [],
      consoleAccessCode: ACCESS_CODE,
      rateLimits: {},
      ...(options.mail
        ? { mail: { smtpUrl: stack.mailbox.url, from: 'Gemeente Testdorp <noreply@testdorp.nl>', retryDelayMs: 50, pollIntervalMs: 50 } }
        : {}),
      payments: {
        provider: createMollieProvider({ apiKey: SIMULATOR_API_KEY, apiEndpoint: stack.simulator.apiEndpoint, caFile: SIMULATOR_CA_FILE }),
        publicUrl: `http://127.0.0.1:${port}`,
      },
      ...options.extra?.(),
    });
  });
  after(async () => {
    await stack.server?.close();
    await stack.simulator?.close();
    await stack.mailbox?.close();
  });
  return stack;
}
