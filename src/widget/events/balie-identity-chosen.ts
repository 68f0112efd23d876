/** Fired by `<balie-identity-choice>` with the id of the identity provider the citizen chose. Internal: `<digitale-balie>` handles it. */
export type BalieIdentityChosenEvent = CustomEvent<{ provider: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'balie-identity-chosen': BalieIdentityChosenEvent;
  }
}
