import { array, object, optional, text, type Infer } from './schema.js';

/** A product a citizen can make a video call about, e.g. "Paspoort aanvragen". */
export const productSchema = object({
  /** Stable id used in the `product` attribute and on the wire. */
  id: text({ max: 64, pattern: /^[a-z0-9][a-z0-9-]*$/, expected: 'an id of lowercase letters, digits and dashes' }),
  name: text({ max: 120 }),
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
});

export type Product = Infer<typeof productSchema>;
export type BalieConfig = Infer<typeof balieConfigSchema>;
