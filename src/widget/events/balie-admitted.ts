/**
 * Fired by `<balie-waiting-room>` when an employee admitted the citizen and the page is in front of
 * them. Internal: `<digitale-balie>` handles it, and says `announcement` (the waiting room's own
 * text for it, in the citizen's language) in a live region of its own, which stays while the
 * waiting room gives way to the call.
 */
export type BalieAdmittedEvent = CustomEvent<{ announcement: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'balie-admitted': BalieAdmittedEvent;
  }
}
