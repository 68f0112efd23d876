/** Fired by `<balie-product-choice>` with the id of the product the citizen chose. Internal: `<digitale-balie>` handles it. */
export type BalieProductChosenEvent = CustomEvent<{ product: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'balie-product-chosen': BalieProductChosenEvent;
  }
}
