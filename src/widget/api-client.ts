import { BalieApiError } from '../protocol/balie-api-error.js';

// The widget calls the balie server through the typed `callRoute` of protocol/client.ts; the
// error is re-exported here, where the widget's elements and events have always imported it.
export { BalieApiError };

/** Headers for a citizen's ticket requests. The secret never goes in a URL (logs, Referer). */
export function bearer(secret: string): Record<string, string> {
  return { authorization: `Bearer ${secret}` };
}
