import type { Slot } from './booking.js';
import type { ApiErrorBody, ErrorCode } from './errors.js';

// Apart from client.ts so that code which only tells errors apart (the widget's launcher) does
// not bundle the client: Rollup keeps a module whole in one chunk, so the widget's entry would
// otherwise carry `callRoute` that only its lazy stages call.

/** A failed call to the balie server, with the protocol's code (or `network`). */
export class BalieApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'network',
    message: string,
    readonly status = 0,
    /** The error body, for codes that carry more (`slot_taken` has `nextFree`). */
    readonly body?: ApiErrorBody & { nextFree?: Slot[] },
  ) {
    super(message);
    this.name = 'BalieApiError';
  }
}
