import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { createMollieClient, MollieApiError as ApiError, PaymentMethod as MollieMethod, type MollieClient, type Payment } from '@mollie/api-client';
import { paymentStatuses, type PaymentStatus } from '../../protocol/index.js';
import { ProviderUnavailable, type NewProviderPayment, type PaymentProvider, type ProviderPayment } from './payment-provider.js';

/** How the balie reaches Mollie: `BALIE_MOLLIE_*`. */
export interface MollieOptions {
  apiKey: string;
  /** Default Mollie's own; the demo and tests point it at the payment simulator. */
  apiEndpoint?: string;
  /** A PEM CA to trust instead of the public ones: the simulator's test CA, never in production. */
  caFile?: string;
}

/**
 * The Mollie adapter, on Mollie's official client (`@mollie/api-client`), which covers iDEAL and
 * Bancontact. Amounts go out as Mollie's `"84.30"` strings and come back as cents.
 */
export function createMollieProvider(options: MollieOptions): PaymentProvider {
  const client = createMollieClient({
    apiKey: options.apiKey,
    ...(options.apiEndpoint ? { apiEndpoint: options.apiEndpoint } : {}),
  });
  if (options.caFile) trustOnly(client, readFileSync(options.caFile, 'utf8'));
  return {
    name: 'mollie',
    async create(payment: NewProviderPayment) {
      const created = await call(() =>
        client.payments.create({
          amount: { currency: 'EUR', value: euros(payment.amount) },
          description: payment.description,
          method: payment.method === 'ideal' ? MollieMethod.ideal : MollieMethod.bancontact,
          redirectUrl: payment.redirectUrl,
          webhookUrl: payment.webhookUrl,
          metadata: { reference: payment.reference },
          idempotencyKey: payment.idempotencyKey,
        }),
      );
      return fromMollie(created);
    },
    async get(id: string) {
      try {
        return fromMollie(await call(() => client.payments.get(id)));
      } catch (error) {
        if (error instanceof ApiError && error.statusCode === 404) return undefined;
        throw error;
      }
    },
    async refund(id: string, amount: number, description: string) {
      const refund = await call(() =>
        client.paymentRefunds.create({ paymentId: id, amount: { currency: 'EUR', value: euros(amount) }, description }),
      );
      return refund.id;
    },
  };
}

/** `8430` → `"84.30"`, as Mollie's API wants amounts. */
function euros(cents: number): string {
  return (cents / 100).toFixed(2);
}

function fromMollie(payment: Payment): ProviderPayment {
  const status = (paymentStatuses as readonly string[]).includes(payment.status) ? (payment.status as PaymentStatus) : 'open';
  return {
    id: payment.id,
    status,
    amount: Math.round(Number(payment.amount.value) * 100),
    checkoutUrl: payment.getCheckoutUrl() ?? undefined,
    paidAt: payment.paidAt ? new Date(payment.paidAt) : undefined,
  };
}

/**
 * Runs a client call; a network fault or a 5xx becomes {@link ProviderUnavailable}. A 4xx is the
 * provider's "no" to what we asked, and stays an `ApiError`.
 */
async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    const status = error instanceof ApiError ? error.statusCode : undefined;
    if (status !== undefined && status < 500) throw error;
    throw new ProviderUnavailable(error);
  }
}

/**
 * The client trusts only the CAs it bundles and takes no agent of its own, so the one way to reach
 * the simulator's test CA is its network client's `request(path, init)`, which spreads `init` over
 * the bundled agent. If a new client version moves it, this fails at start-up, loudly.
 */
function trustOnly(client: MollieClient, ca: string): void {
  const agent = new Agent({ ca });
  type Request = (path: string, init?: object) => Promise<unknown>;
  const transforming = (client.payments as unknown as { networkClient?: { networkClient?: { request?: Request } } }).networkClient;
  const network = transforming?.networkClient;
  if (typeof network?.request !== 'function') {
    throw new Error('balie-payments: BALIE_MOLLIE_CA_FILE: this @mollie/api-client has no request function to give the CA to');
  }
  const request = network.request;
  network.request = (path, init) => request(path, { ...init, agent });
}
