// Price books: where a finding's price comes from. Pure: the live answers are looked up by the app and
// handed in as a resolved map; the core only asks a book "key in region?".
import { GLOBAL_REGION } from './model.js';
import { splitPriceKey, type PriceTable } from './price-table.js';

export type PriceSource = 'api' | 'cache' | 'table';

export interface KnownPrice {
  usd: number;
  source: PriceSource;
  /** The region the number is the price of ("*" for a price that is the same everywhere). */
  region: string;
}

export interface UnknownPrice {
  usd: null;
  reason: string;
  /** The key is in no price table (a user pack's own price): the pack's flat number may be used. */
  notInTable?: boolean;
}

export type PriceAnswer = KnownPrice | UnknownPrice;

export interface PriceBook {
  price(key: string, region: string): PriceAnswer;
}

/**
 * Account-wide findings (aggregates per account, region "global") have no region of their own: they
 * are priced at us-east-1 list prices, and the finding says so through priceRegion.
 */
export const ACCOUNT_WIDE_PRICE_REGION = 'us-east-1';

export function pricingRegion(region: string): string {
  return region === GLOBAL_REGION || region === '*' || region === '' ? ACCOUNT_WIDE_PRICE_REGION : region;
}

export function priceId(key: string, region: string): string {
  return `${key}@${region}`;
}

/** Prices from tables, the first table that has a price for the key in the region winning. */
export function tablePriceBook(tables: PriceTable[], label = 'the shipped price table'): PriceBook {
  return {
    price(key, region) {
      let known = false;
      for (const table of tables) {
        const parts = splitPriceKey(table, key);
        if (!parts) continue;
        known = true;
        const spec = table.keys[parts.key];
        for (const where of [region, '*']) {
          const entry = spec.regions[where];
          if (!entry) continue;
          const usd = typeof entry.usd === 'number' ? (parts.member === undefined ? entry.usd : undefined) : parts.member === undefined ? undefined : entry.usd[parts.member];
          if (usd !== undefined && usd > 0) return { usd, source: 'table', region: where };
        }
      }
      if (!known) return { usd: null, reason: `no price key "${key}" in ${label}`, notInTable: true };
      return {
        usd: null,
        reason: `no list price for ${key} in ${region} in ${label}; a live audit asks the AWS Price List API (or run: costguard prices update --region ${region})`,
      };
    },
  };
}

/** Live answers first (api or cache), then the fallback book; a live "not found" keeps its reason. */
export function resolvedPriceBook(resolved: ReadonlyMap<string, PriceAnswer>, fallback: PriceBook): PriceBook {
  return {
    price(key, region) {
      const live = resolved.get(priceId(key, region));
      if (live && live.usd !== null) return live;
      const table = fallback.price(key, region);
      if (table.usd !== null || !live) return table;
      return { usd: null, reason: `${live.reason}; ${table.reason}`, ...(table.notInTable ? { notInTable: true } : {}) };
    },
  };
}

/** A book that notes every (key, region) it is asked about: what a live lookup must resolve. */
export class RecordingPriceBook implements PriceBook {
  readonly asked = new Map<string, { key: string; region: string }>();

  constructor(private readonly inner: PriceBook) {}

  price(key: string, region: string): PriceAnswer {
    this.asked.set(priceId(key, region), { key, region });
    return this.inner.price(key, region);
  }
}
