/**
 * Binds a DigiD login to the browser that started it (login cross-site request forgery, issue 14
 * #5): without it, someone who starts a login and sends the return link to another person's
 * browser logs that person's widget in as themselves.
 *
 * The secret has to outlive the full-page redirect to the provider and back, so memory will not
 * do, and a cookie of the balie server is third-party here (blocked or partitioned). It lives in
 * the municipality's own `sessionStorage`, first-party on the page the citizen returns to, one
 * tab, until the exchange takes it. ARCHITECTURE.md keeps session tokens out of browser storage;
 * this is no token: alone it grants nothing (the server keeps only its hash, and it only proves
 * "this tab started the login" next to the one-time code from the fragment), and it is gone after
 * one exchange.
 */

const STORAGE_KEY = 'digitale-balie:login-binding';

/** A fresh binding, kept for the exchange; returns its SHA-256 in hex, for `POST /api/identity/start`. */
export async function newBrowserBinding(): Promise<string> {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const value = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  sessionStorage.setItem(STORAGE_KEY, value);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The binding this tab kept when it started a login, taken once; `undefined` when it started none. */
export function takeBrowserBinding(): string | undefined {
  const value = sessionStorage.getItem(STORAGE_KEY) ?? undefined;
  sessionStorage.removeItem(STORAGE_KEY);
  return value;
}
