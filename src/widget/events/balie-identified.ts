/**
 * Fired by `<digitale-balie>` when the citizen came back from the identity provider identified.
 * Carries no name and no national number: only which provider and how sure.
 */
export type BalieIdentifiedEvent = CustomEvent<{ provider: string; levelOfAssurance: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'balie-identified': BalieIdentifiedEvent;
  }
}
