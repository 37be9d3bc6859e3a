// The price table (policies/prices.yml): per key, per region, monthly USD with its source, and how the
// Price List API is asked for it. Reading and checking the file; the lookups live in price-book.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { yaml } from './yaml.js';
import { InputFileError } from './errors.js';
import { packageRoot } from './package-root.js';
import { precompiled } from './precompiled.js';
import { schemaValidator } from './schema-validator.js';

/** How GetProducts finds one price key (member "{{name}}" of a family substituted). */
export interface PriceQuery {
  /** Price List service code: AmazonEC2, AmazonVPC, AWSELB, ... */
  service: string;
  /** TERM_MATCH filters (regionCode is added); each is checked again on every product. */
  filters: Record<string, string>;
  /** Family member → the value "{{name}}" stands for in filters, when it differs from the member. */
  names?: Record<string, string>;
  /** Usage type after its optional region prefix ("NatGateway-Hours" matches "APN2-NatGateway-Hours"). */
  usagetype?: string;
  /** Unit of the On-Demand price dimension: "Hrs", "GB-Mo", ... */
  unit: string;
  /** hour: monthly = price × hoursPerMonth; month: already monthly. */
  per: 'hour' | 'month';
}

export interface RegionPrice {
  /** Monthly USD: one number, or one per family member. */
  usd: number | Record<string, number>;
  source: string;
}

export interface PriceKeySpec {
  query?: PriceQuery;
  /** Region ("us-east-1", or "*" for the same price in every commercial region) → price. */
  regions: Record<string, RegionPrice>;
}

export interface PriceTable {
  hoursPerMonth: number;
  keys: Record<string, PriceKeySpec>;
}

/** Every region any built-in table lists explicitly. */
export const TABLE_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-southeast-1'] as const;

/** The JSON Schema of price tables (policies/schema/price-table.schema.json). */
export function priceTableSchema(): object {
  return JSON.parse(readFileSync(join(packageRoot(), 'policies', 'schema', 'price-table.schema.json'), 'utf8')) as object;
}

function validate(data: unknown, file: string): PriceTable {
  const validator = schemaValidator('priceTable', priceTableSchema);
  if (!validator(data)) {
    throw new InputFileError((validator.errors ?? []).map((e) => ({ file, path: e.instancePath || '/', message: e.message ?? 'invalid' })));
  }
  return data as PriceTable;
}

/** Parse and check a price table (shipped YAML or a local JSON table). */
export function parsePriceTable(text: string, file: string): PriceTable {
  let data: unknown;
  try {
    data = yaml().parse(text);
  } catch (error) {
    throw new InputFileError([{ file, message: `invalid YAML: ${(error as Error).message.split('\n')[0]}` }]);
  }
  return validate(data, file);
}

export function shippedPriceTablePath(): string {
  return join(packageRoot(), 'policies', 'prices.yml');
}

let shipped: PriceTable | undefined;

/** The table as shipped with this version: what snapshots and the demo always use (parsed and checked by the build when bundled). */
export function loadShippedPriceTable(): PriceTable {
  shipped ??= (precompiled?.priceTable as PriceTable | undefined) ?? parsePriceTable(readFileSync(shippedPriceTablePath(), 'utf8'), shippedPriceTablePath());
  return shipped;
}

/** "ec2InstanceMonthly.t3.large" → ["ec2InstanceMonthly", "t3.large"] when the first part is a table key. */
export function splitPriceKey(table: PriceTable, key: string): { key: string; member?: string } | undefined {
  if (table.keys[key]) return { key };
  const dot = key.indexOf('.');
  if (dot < 0) return undefined;
  const head = key.slice(0, dot);
  return table.keys[head] ? { key: head, member: key.slice(dot + 1) } : undefined;
}

/** The query for one key (family member substituted), or undefined when the key is table-only. */
export function queryFor(table: PriceTable, key: string): PriceQuery | undefined {
  const parts = splitPriceKey(table, key);
  const query = parts ? table.keys[parts.key].query : undefined;
  if (!parts || !query) return undefined;
  const value = parts.member === undefined ? undefined : (query.names?.[parts.member] ?? parts.member);
  const fill = (text: string): string => (value === undefined ? text : text.replaceAll('{{name}}', value));
  if (value === undefined && JSON.stringify(query).includes('{{name}}')) return undefined;
  const filters = Object.fromEntries(Object.entries(query.filters).map(([k, v]) => [k, fill(v)]));
  return { service: query.service, filters, ...(query.usagetype ? { usagetype: fill(query.usagetype) } : {}), unit: query.unit, per: query.per };
}

/** The members of a family the table knows in any region (what `prices update` refreshes). */
export function tableKeys(table: PriceTable): string[] {
  const keys: string[] = [];
  for (const [key, spec] of Object.entries(table.keys)) {
    const members = new Set<string>();
    for (const price of Object.values(spec.regions)) {
      if (typeof price.usd === 'object') for (const m of Object.keys(price.usd)) members.add(m);
    }
    if (members.size === 0) keys.push(key);
    else for (const m of [...members].sort()) keys.push(`${key}.${m}`);
  }
  return keys;
}
