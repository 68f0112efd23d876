import type { PaymentMethod, PaymentStatus } from '../../protocol/index.js';

/** What the balie asks a provider to collect. */
export interface NewProviderPayment {
  /** Cents, from the config's fees; never from a browser. */
  amount: number;
  description: string;
  method: PaymentMethod;
  /** Where the citizen's checkout tab lands afterwards. */
  redirectUrl: string;
  /** Where the provider says "something changed" (with only the id). */
  webhookUrl: string;
  /** The same key gives the same payment: a retried or doubled request never charges twice. */
  idempotencyKey: string;
  /** Our own record's reference; never personal. */
  reference: string;
}

/** A payment as the provider reports it: the only source of its status. */
export interface ProviderPayment {
  id: string;
  status: PaymentStatus;
  /** Cents, as the provider holds it: compared with ours, a mismatch is never taken as paid. */
  amount: number;
  checkoutUrl?: string;
  paidAt?: Date;
}

/**
 * A payment service provider (PSP). One real adapter: Mollie ({@link createMollieProvider}); the
 * demo and the tests reach a simulator of Mollie's API through the same adapter.
 */
export interface PaymentProvider {
  /** `mollie`, kept with each record. */
  readonly name: string;
  create(payment: NewProviderPayment): Promise<ProviderPayment>;
  /** The payment's current state; `undefined` when the provider knows no such payment. */
  get(id: string): Promise<ProviderPayment | undefined>;
  /** Refunds the whole amount; returns the refund's id. */
  refund(id: string, amount: number, description: string): Promise<string>;
}

/** The provider did not answer, or answered with a fault of its own: nothing was done. */
export class ProviderUnavailable extends Error {
  constructor(cause: unknown) {
    super(`balie-payments: the payment provider did not answer (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
    this.name = 'ProviderUnavailable';
  }
}
