/**
 * The parts of `<balie-call>` (and of the chat and the documents inside it) that `<digitale-balie>` forwards, so a
 * page rule `digitale-balie::part(leave-button)` reaches the call too
 * (https://drafts.csswg.org/css-shadow-parts/#exportparts-attr). `button` and `input` share their
 * names with the stages' on purpose: one house style for every button and field of the widget.
 * `stage-parts.test.ts` holds this list to `<balie-call>`'s template and the element's JSDoc.
 */
export const callParts = ['call', 'tile', 'screen-tile', 'controls', 'button', 'leave-button', 'log', 'input', 'documents', 'send-button'] as const;

/** `callParts` as an `exportparts` value. */
export const callExportParts = callParts.join(', ');
