// Errors are data: which (account, region) a rule could not be evaluated in, and why.
import { GLOBAL_REGION, type CollectionError, type Inventory } from '../model.js';
import type { Rule } from './types.js';

/** Region of not-evaluated entries that cover every region ("not collected"). */
export const ALL_REGIONS = '*';

export function errorReason(errors: CollectionError[]): string {
  const parts = errors.map((e) => `${e.operation} failed with ${e.code}`);
  return [...new Set(parts)].join('; ');
}

/** The collection errors that touch one rule's data, indexed for the questions evaluation asks. */
export class RuleErrors {
  readonly all: CollectionError[];

  constructor(rule: Rule, errors: CollectionError[]) {
    const needed = new Set(rule.requires);
    // "*" marks an account that could not be reached at all: every rule misses its data there.
    this.all = errors.filter((e) => e.resourceTypes.some((type) => type === '*' || needed.has(type)));
  }

  inAccount(accountId: string): CollectionError[] {
    return this.all.filter((e) => e.accountId === accountId);
  }

  /** Errors that leave data missing in one region: errors there, and account-wide ("global") errors. */
  at(accountId: string, region: string): CollectionError[] {
    return this.all.filter((e) => e.accountId === accountId && (e.region === region || e.region === GLOBAL_REGION));
  }

  blocksAccount(accountId: string): boolean {
    return this.all.some((e) => e.accountId === accountId && e.region === GLOBAL_REGION);
  }

  /** Distinct (account, region) places with errors, each with its errors. */
  places(): Array<{ accountId: string; region: string; errors: CollectionError[] }> {
    const byPlace = new Map<string, { accountId: string; region: string; errors: CollectionError[] }>();
    for (const error of this.all) {
      const key = `${error.accountId}\u0000${error.region}`;
      const place = byPlace.get(key) ?? { accountId: error.accountId, region: error.region, errors: [] };
      place.errors.push(error);
      byPlace.set(key, place);
    }
    return [...byPlace.values()];
  }
}

export function notCollectedTypes(rule: Rule, inventory: Inventory): string[] {
  const collected = new Set(inventory.collectedTypes ?? []);
  return rule.requires.filter((type) => !collected.has(type));
}

/** accountId of what the local pack collects on the machine the audit runs on (src/local). */
export const LOCAL_ACCOUNT_ID = 'local';

/**
 * The accounts a rule is about: local rules (every type local:*) the machine only; AWS rules every
 * account of the run except the machine.
 */
export function accountsForRule(rule: Rule, inventory: Inventory): string[] {
  const local = rule.requires.length > 0 && rule.requires.every((t) => t.startsWith('local:'));
  const accounts = accountsOf(inventory).filter((a) => (a === LOCAL_ACCOUNT_ID) === local);
  return local && accounts.length === 0 ? [LOCAL_ACCOUNT_ID] : accounts;
}

/** Accounts the run covers: the targets, plus any account that appears in resources or errors. */
export function accountsOf(inventory: Inventory): string[] {
  const ids = [
    ...inventory.targets.map((t) => t.accountId),
    ...inventory.resources.map((r) => r.accountId),
    ...inventory.errors.map((e) => e.accountId),
  ];
  return [...new Set(ids)];
}
