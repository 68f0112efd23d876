import type { BalieMode } from '../../protocol/index.js';

/** Fired by `<balie-mode-choice>`: an appointment, or calling now. Internal: `<digitale-balie>` handles it. */
export type BalieModeChosenEvent = CustomEvent<{ mode: BalieMode }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'balie-mode-chosen': BalieModeChosenEvent;
  }
}
