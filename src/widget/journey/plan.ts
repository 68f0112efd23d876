import type { BalieConfig, BalieMode, Product } from '../../protocol/index.js';

/** The `mode` attribute: one way to reach the counter, or both (`beide`, the default). */
export type ModeAttribute = BalieMode | 'beide';

/** What the stage machine needs to know about the page and the config to pick the next stage. */
export interface JourneyContext {
  config: BalieConfig | null;
  /** The element's `product` attribute. */
  product: string | null;
  mode: ModeAttribute;
  /** Whether the citizen holds an identity session (kept in memory by the element). */
  identified: boolean;
}

export const emptyContext: JourneyContext = { config: null, product: null, mode: 'beide', identified: false };

/** Parses the `mode` attribute; anything unknown means both. */
export function modeAttribute(value: string | null): ModeAttribute {
  return value === 'afspraak' || value === 'direct' ? value : 'beide';
}

export function findProduct(config: BalieConfig | null, id: string): Product | undefined {
  return config?.products.find((p) => p.id === id);
}

/**
 * The modes this product offers on this page: the attribute, limited by the product's `modes`.
 * Without opening hours the counter takes no appointments (the walking skeleton's queue only).
 */
export function modesFor(context: JourneyContext, productId: string): BalieMode[] {
  const product = findProduct(context.config, productId);
  const offered = product?.modes ?? ['afspraak', 'direct'];
  return offered.filter(
    (mode) => (context.mode === 'beide' || context.mode === mode) && (mode === 'direct' || context.config?.openingHours),
  );
}

/** Whether the citizen must prove who they are (and has not yet) before booking or joining. */
export function needsIdentity(context: JourneyContext, productId: string): boolean {
  return !context.identified && !!findProduct(context.config, productId)?.levelOfAssurance;
}

/** A choice between two ways, or the one way "now" with the queue's hours (it may be closed). */
export function offersModeStage(modes: BalieMode[], context: JourneyContext): boolean {
  return modes.length === 2 || (modes[0] === 'direct' && !!context.config?.openingHours?.walkIn);
}

/**
 * Whether "Videobellen" goes straight to the camera check: one product, calling now its only way,
 * no hours to show and no login. Such a journey never needs the booking chunk.
 */
export function callsNowStraightAway(context: JourneyContext): boolean {
  const products = context.config?.products ?? [];
  if (!context.product && products.length > 1) return false;
  const product = context.product ?? products[0]?.id ?? '';
  const modes = modesFor(context, product);
  return modes.length === 1 && modes[0] === 'direct' && !offersModeStage(modes, context) && !needsIdentity(context, product);
}
