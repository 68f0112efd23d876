/** A piece of a chat message: plain text, or a link the reader may follow. */
export type MessagePart = { text: string } | { text: string; href: string };

// Only http(s) URLs are ever candidates: `javascript:`, `data:` and friends stay text by design.
const urlPattern = /\bhttps?:\/\/[^\s<>"'`]+/gi;
// Punctuation that ends a sentence rather than the URL ("zie https://x.nl/a.").
const trailing = /[.,;:!?)\]]+$/;

/** True when `host` is one of `domains` or a subdomain of one (`www.voorbeeldstad.nl`). */
export function isAllowedHost(host: string, domains: readonly string[]): boolean {
  const h = host.toLowerCase();
  return domains.some((d) => h === d || h.endsWith(`.${d}`));
}

/**
 * Splits chat text into text and links. A URL becomes a link only when its host is on the
 * municipality's allowlist; everything else, however it looks, stays text. Rendering the parts
 * as text nodes (never as HTML) keeps hostile messages inert.
 */
export function linkify(message: string, allowedDomains: readonly string[]): MessagePart[] {
  const parts: MessagePart[] = [];
  let last = 0;
  for (const match of message.matchAll(urlPattern)) {
    const raw = match[0].replace(trailing, '');
    let url: URL | undefined;
    try {
      url = new URL(raw);
    } catch {
      url = undefined; // not a URL after all: it stays part of the text
    }
    if (!url || !isAllowedHost(url.hostname, allowedDomains) || url.username || url.password) continue;
    if (match.index > last) parts.push({ text: message.slice(last, match.index) });
    parts.push({ text: raw, href: url.href });
    last = match.index + raw.length;
  }
  if (last < message.length) parts.push({ text: message.slice(last) });
  return parts;
}
