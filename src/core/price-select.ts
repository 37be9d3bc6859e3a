// Picking the one right product out of a GetProducts answer. Pure. Every filter of the query is checked
// again on each product (an answer may hold more than was asked for), the usage type must end the
// way the query says after an optional region prefix, and the product must have exactly one On-Demand
// price in the query's unit. Exactly one product must be left: never "the first product".
import type { PriceQuery } from './price-table.js';

export interface PriceListProduct {
  product?: { productFamily?: string; attributes?: Record<string, string>; sku?: string };
  terms?: { OnDemand?: Record<string, { priceDimensions?: Record<string, { unit?: string; pricePerUnit?: Record<string, string>; description?: string }> }> };
}

export type SelectedPrice = { unitUsd: number; sku: string; description?: string } | { reason: string };

/** Each PriceList element is a JSON string; unparsable ones are skipped. */
export function parsePriceList(priceList: readonly string[]): PriceListProduct[] {
  const products: PriceListProduct[] = [];
  for (const item of priceList) {
    try {
      products.push(JSON.parse(item) as PriceListProduct);
    } catch {
      // not a product
    }
  }
  return products;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function attributesMatch(product: PriceListProduct, query: PriceQuery, region: string): boolean {
  const attributes = product.product?.attributes ?? {};
  const wanted: Record<string, string> = { ...query.filters, regionCode: region };
  for (const [field, value] of Object.entries(wanted)) {
    const actual = field === 'productFamily' ? (product.product?.productFamily ?? attributes.productFamily) : attributes[field];
    if (actual !== value) return false;
  }
  if (query.usagetype !== undefined) {
    // Region prefixes look like USE1-, APN2-, CAN1-, EU- (Ireland) or Global-; "TS-" and the like are part of another usage type.
    const pattern = new RegExp(`^((?:[A-Z]{2,3}\\d|EU|Global)-)?${escapeRegex(query.usagetype)}$`);
    if (!pattern.test(attributes.usagetype ?? '')) return false;
  }
  return true;
}

/** The On-Demand USD prices of a product in the wanted unit. */
function onDemandPrices(product: PriceListProduct, unit: string): Array<{ usd: number; description?: string }> {
  const prices: Array<{ usd: number; description?: string }> = [];
  for (const term of Object.values(product.terms?.OnDemand ?? {})) {
    for (const dimension of Object.values(term.priceDimensions ?? {})) {
      const usd = Number(dimension.pricePerUnit?.USD);
      if (dimension.unit === unit && Number.isFinite(usd)) prices.push({ usd, description: dimension.description });
    }
  }
  return prices;
}

export function selectPrice(products: readonly PriceListProduct[], query: PriceQuery, region: string): SelectedPrice {
  const matching = products.filter((p) => attributesMatch(p, query, region));
  const priced = matching
    .map((p) => ({ sku: p.product?.sku ?? '?', prices: onDemandPrices(p, query.unit) }))
    .filter((p) => p.prices.length > 0);
  const what = `${query.service} ${Object.entries(query.filters).map(([k, v]) => `${k}=${v}`).join(', ')}${query.usagetype ? `, usagetype *${query.usagetype}` : ''} in ${region}`;
  if (priced.length === 0) return { reason: `the AWS Price List has no On-Demand ${query.unit} price for ${what} (${products.length} products answered, ${matching.length} matched)` };
  const skus = new Set(priced.map((p) => p.sku));
  if (skus.size > 1 || priced[0].prices.length > 1) return { reason: `the AWS Price List has several prices for ${what} (SKUs ${[...skus].join(', ')}); none was chosen` };
  const [{ usd, description }] = priced[0].prices;
  if (usd <= 0) return { reason: `the AWS Price List gives $0 for ${what} (SKU ${priced[0].sku}); a $0 price is treated as unknown` };
  return { unitUsd: usd, sku: priced[0].sku, ...(description ? { description } : {}) };
}
