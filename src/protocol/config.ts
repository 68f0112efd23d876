import { array, object, optional, text, type Infer } from './schema.js';

/** A product a citizen can make a video call about, e.g. "Paspoort aanvragen". */
export const productSchema = object({
  /** Stable id used in the `product` attribute and on the wire. */
  id: text({ max: 64, pattern: /^[a-z0-9][a-z0-9-]*$/, expected: 'an id of lowercase letters, digits and dashes' }),
  name: text({ max: 120 }),
});

/** A prepared link the employee can send in the chat with one click. */
export const quickLinkSchema = object({
  label: text({ max: 80 }),
  url: text({ max: 500, pattern: /^https:\/\//, expected: 'an https URL' }),
});

/** Chat settings. Links to other domains are shown as plain text, never made clickable. */
export const chatConfigSchema = object({
  allowedLinkDomains: optional(array(text({ max: 253, pattern: /^[a-z0-9.-]+$/, expected: 'a domain name like voorbeeldstad.nl' }), { max: 50 })),
  quickLinks: optional(array(quickLinkSchema, { max: 30 })),
});

/**
 * The municipality's configuration as served by the balie server's config endpoint and read by
 * `<digitale-balie config-url>`. Issue #4 widens it (opening hours, identity, theme, texts).
 */
export const balieConfigSchema = object({
  municipality: object({ name: text({ max: 120 }) }),
  products: array(productSchema, { min: 1, max: 200 }),
  /**
   * Base URL of the balie server's API. Optional: by default the widget uses `/api/` on the
   * origin the config was loaded from.
   */
  apiBase: optional(text({ max: 500, pattern: /^https?:\/\//, expected: 'an http(s) URL' })),
  chat: optional(chatConfigSchema),
});

export type Product = Infer<typeof productSchema>;
export type BalieConfig = Infer<typeof balieConfigSchema>;
export type QuickLink = Infer<typeof quickLinkSchema>;
export type ChatConfig = Infer<typeof chatConfigSchema>;
