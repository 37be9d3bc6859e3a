// A finding's monthly cost from a price book, for the finding's own region: the number, where the
// price came from, and — when a price is unknown — why. Never $0 for an unknown price.
import { asNumber } from './conditions/values.js';
import { lookupPath, renderTemplate, type TemplateScope } from './template.js';
import { evaluateCostExpression, expressionNames } from './policy/cost-expression.js';
import { resolveQuantity } from './policy/finding-text.js';
import type { RuleCost } from './policy/types.js';
import { pricingRegion, type KnownPrice, type PriceAnswer, type PriceBook, type PriceSource } from './price-book.js';
import { roundCents as toCents } from './money.js';

export interface PricedCost {
  monthlyCostUsd: number | null;
  priceSource?: PriceSource;
  priceRegion?: string;
  /** Why the cost is unknown (a price, or a value the quantity needs, is missing). */
  unknownReason?: string;
}

/** The least fresh source wins: one table price makes the whole cost a table cost. */
function weakest(prices: KnownPrice[]): PriceSource {
  if (prices.some((p) => p.source === 'table')) return 'table';
  if (prices.some((p) => p.source === 'cache')) return 'cache';
  return 'api';
}

function priceRegionOf(prices: KnownPrice[], region: string): string {
  const regions = [...new Set(prices.map((p) => p.region))];
  return regions.length === 1 ? regions[0] : region;
}

/** A user pack's own flat price is used only for keys no price table knows. */
function answer(book: PriceBook, key: string, region: string, packPrices: Record<string, unknown>): PriceAnswer {
  const found = book.price(key, region);
  if (found.usd !== null || !found.notInTable) return found;
  const flat = asNumber(lookupPath(packPrices, key));
  return flat === undefined ? { usd: null, reason: `no price "${key}"` } : { usd: flat, source: 'table', region: '*' };
}

function known(answers: PriceAnswer[]): answers is KnownPrice[] {
  return answers.every((a) => a.usd !== null);
}

export function priceCost(cost: RuleCost | undefined, book: PriceBook, packPrices: Record<string, unknown>, findingRegion: string, scope: TemplateScope): PricedCost {
  if (!cost) return { monthlyCostUsd: null };
  const region = pricingRegion(findingRegion);
  if (cost.usd !== undefined) {
    const keys = [...new Set(expressionNames(cost.usd).filter((n) => n.startsWith('prices.')).map((n) => n.slice('prices.'.length)))];
    const answers = keys.map((k) => [k, answer(book, k, region, packPrices)] as const);
    const prices = Object.fromEntries(answers.filter(([, a]) => a.usd !== null).map(([k, a]) => [k, a.usd]));
    const usd = evaluateCostExpression(cost.usd, { ...scope, prices });
    const used = answers.map(([, a]) => a).filter((a): a is KnownPrice => a.usd !== null);
    if (usd === undefined) {
      const missing = answers.map(([, a]) => a).filter((a) => a.usd === null);
      return { monthlyCostUsd: null, unknownReason: missing.length > 0 ? missing.map((m) => (m.usd === null ? m.reason : '')).join('; ') : 'a value the cost needs is missing' };
    }
    return { monthlyCostUsd: toCents(usd), ...(used.length > 0 ? { priceSource: weakest(used), priceRegion: priceRegionOf(used, region) } : {}) };
  }
  if (cost.price === undefined) return { monthlyCostUsd: null };
  const key = renderTemplate(cost.price, scope);
  const found = [answer(book, key, region, packPrices)];
  if (!known(found)) return { monthlyCostUsd: null, unknownReason: (found[0] as { reason: string }).reason };
  const quantity = resolveQuantity(cost.quantity, { ...scope, prices: { [key]: found[0].usd } });
  if (quantity === undefined) return { monthlyCostUsd: null, priceSource: found[0].source, priceRegion: found[0].region, unknownReason: 'the quantity the cost needs is missing' };
  return { monthlyCostUsd: toCents(found[0].usd * quantity), priceSource: found[0].source, priceRegion: found[0].region };
}
