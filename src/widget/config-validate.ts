import { balieConfigSchema, type BalieConfig } from '../protocol/config.js';
import { formatIssues, parse } from '../protocol/schema.js';

/**
 * Checks a fetched config against the protocol. Its own chunk, fetched while the config itself
 * is on the way: the schema is most of the validator's bytes, and the launcher's first script
 * stays within its size budget without dropping a single check.
 */
export function validateConfig(json: unknown): { ok: true; config: BalieConfig } | { ok: false; problem: string } {
  const parsed = parse(balieConfigSchema, json);
  return parsed.ok ? { ok: true, config: parsed.value } : { ok: false, problem: formatIssues(parsed.issues) };
}
