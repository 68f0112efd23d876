import { integer, object, optional, text, type Infer } from './schema.js';

/**
 * `POST /api/tickets/current/feedback`: after a call, one question — how was it, 1 (very bad)
 * to 5 (very good) — and an optional remark. Stored for the municipality's satisfaction figure.
 */
export const callFeedbackSchema = object({
  score: integer(1, 5),
  comment: optional(text({ max: 1000, lines: true })),
});
export type CallFeedback = Infer<typeof callFeedbackSchema>;
