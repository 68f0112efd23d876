/**
 * Every part the stage elements' templates name. A part lives in its stage element's own shadow
 * root, which sits inside `<digitale-balie>`'s: a page rule `digitale-balie::part(slot-button)`
 * reaches it only when the stage element forwards it with `exportparts`
 * (https://drafts.csswg.org/css-shadow-parts/#exportparts-attr). `BalieStage` forwards this list,
 * `<digitale-balie>`'s `@csspart` JSDoc names it, and `stage-parts.test.ts` fails when a template,
 * the list and that JSDoc disagree.
 */
export const stageParts = [
  'heading',
  'button',
  'message',
  'choice-button',
  'day-nav',
  'day-button',
  'slot-button',
  'field',
  'input',
  'error',
  'consent',
  'calendar-button',
  'position',
  'preview',
] as const;

/** `stageParts` as an `exportparts` value: each part under its own name. */
export const stageExportParts = stageParts.join(', ');
