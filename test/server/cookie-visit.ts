/**
 * A browser's request to an identity provider, as far as a login needs one: the cookies it holds
 * for the provider go along and come back updated; redirects are not followed, so a test can read
 * each `Location`.
 */
export async function visitWithCookies(
  cookies: Map<string, string>,
  url: URL,
  form?: Record<string, string>,
): Promise<Response> {
  const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const response = await fetch(url, {
    redirect: 'manual',
    method: form ? 'POST' : 'GET',
    headers: { cookie, ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    ...(form ? { body: new URLSearchParams(form).toString() } : {}),
  });
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair!.indexOf('=');
    cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
  }
  return response;
}
