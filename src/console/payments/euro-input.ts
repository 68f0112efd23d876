/**
 * The employee's typed amount in euro cents: `12,50`, `12.50`, `12` or `€ 12,50`. `undefined` when
 * it is not an amount of at most two decimals; the server checks the bounds.
 */
export function parseEuroCents(text: string): number | undefined {
  const match = /^(?:€\s*)?(\d{1,5})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
  return cents > 0 ? cents : undefined;
}
