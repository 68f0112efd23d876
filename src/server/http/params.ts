import { ApiError } from './api-error.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A route parameter that must be a uuid, lower-cased. Checked before any query: Postgres throws on
 * malformed uuid text, and that must be the caller's 400, not our 500.
 */
export function requireUuid(value: string, plugin: string, what: string): string {
  if (!uuid.test(value)) {
    throw new ApiError(400, 'bad_request', `${plugin}: "${value.slice(0, 60)}" is not ${what} (a uuid)`);
  }
  return value.toLowerCase();
}
