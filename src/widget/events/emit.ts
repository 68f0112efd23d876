/** The events that carry a detail: every `CustomEvent` in the one map, `GlobalEventHandlersEventMap`. */
export type BalieEventName = {
  [K in keyof GlobalEventHandlersEventMap]: GlobalEventHandlersEventMap[K] extends CustomEvent ? K : never;
}[keyof GlobalEventHandlersEventMap];

/** The detail an event of the map carries. */
export type DetailOf<K extends BalieEventName> = GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never;

/**
 * Dispatches a bubbling, composed event, so a host page hears it through the shadow root. Typed
 * against `GlobalEventHandlersEventMap`, to which each event's own file (`events/balie-*.ts`) adds
 * itself: a misspelt name or a wrong detail is a compile error, and a listener takes the event's
 * exported type instead of restating its detail.
 */
export function emit<K extends BalieEventName>(target: EventTarget, type: K, detail: DetailOf<K>): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: true }));
}
