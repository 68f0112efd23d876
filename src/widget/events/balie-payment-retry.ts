/** Fired by the payment card when the citizen tries a failed payment again. Internal: `<balie-payments>` handles it. */
export type BaliePaymentRetryEvent = CustomEvent<{ paymentId: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'balie-payment-retry': BaliePaymentRetryEvent;
  }
}
