/**
 * Whether `error` means the database cannot be reached right now — refused, dropped, shutting
 * down, out of connections, or a store already closed — rather than a fault in a query. Such
 * errors become a 503 `unavailable` the client can retry, not a 500.
 */
export function isStoreUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code))
      return true;
    // SQLSTATE class 08 (connection exception), 57P01–57P03 (shutdown, cannot connect now),
    // 53300 (too many connections).
    if (/^08...$/.test(code) || /^57P0[123]$/.test(code) || code === '53300') return true;
  }
  return (
    typeof message === 'string' &&
    /^(PGlite is closed|Cannot use a pool after calling end|Connection terminated|timeout exceeded when trying to connect)/.test(message)
  );
}
