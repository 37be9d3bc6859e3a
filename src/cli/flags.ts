import { availableParallelism } from 'node:os';
import { Flags } from '@oclif/core';
import { UsageError } from '../core/errors.js';
import { SEVERITIES } from '../core/model.js';
import type { TargetOptions } from '../aws/targets/types.js';
import { targetOptionsFromFlags, type TargetFlagValues } from './target-flags.js';

const FLAG_TEXT = {
  region: 'Only these regions (repeatable). Default: every region enabled for the account.',
  concurrency: 'Regions collected at once per account.',
  maxAttempts: 'Attempts per API call (the SDK retries throttles and transient errors).',
  allowPartial: 'Exit 0/1 instead of 3 when some data could not be collected.',
};

export type CollectionFlagName = 'region' | 'concurrency' | 'max-attempts' | 'allow-partial';

/**
 * The flags of commands that read AWS, one definition for all of them. Each command takes the ones
 * it has (accounts: only max-attempts) and may reword a description or change a default where its
 * meaning differs (nuke: concurrency is deletions in flight).
 */
export function collectionFlags<const K extends CollectionFlagName>(
  names: readonly K[],
  tweaks: { concurrencyDefault?: number; description?: Partial<Record<CollectionFlagName, string>> } = {},
) {
  const text = (name: CollectionFlagName, fallback: string) => tweaks.description?.[name] ?? fallback;
  const all = {
    region: Flags.string({ char: 'r', multiple: true, description: text('region', FLAG_TEXT.region) }),
    concurrency: Flags.integer({ default: tweaks.concurrencyDefault ?? 8, min: 1, max: 64, description: text('concurrency', FLAG_TEXT.concurrency) }),
    'max-attempts': Flags.integer({ default: 5, min: 1, max: 20, description: text('max-attempts', FLAG_TEXT.maxAttempts) }),
    'allow-partial': Flags.boolean({ default: false, description: text('allow-partial', FLAG_TEXT.allowPartial) }),
  };
  return Object.fromEntries(names.map((n) => [n, all[n]])) as Pick<typeof all, K>;
}

/** Flags that choose and tune policies (audit). */
export const policyFlags = {
  policy: Flags.string({ multiple: true, description: 'Add a policy pack file (repeatable).' }),
  pack: Flags.string({ multiple: true, description: 'Run only these packs (repeatable), e.g. --pack free-tier --pack iam.' }),
  param: Flags.string({ multiple: true, description: 'Override a pack param: name=value or pack.name=value (repeatable).' }),
  rule: Flags.string({ multiple: true, description: 'Run only these rules (ids or globs, repeatable).' }),
  'skip-rule': Flags.string({ multiple: true, description: 'Skip these rules (ids or globs, repeatable).' }),
};

export const failOnFlag = Flags.option({
  options: SEVERITIES.filter((s) => s !== 'info'),
  description: 'Exit 1 when a finding at or above this severity exists.',
})();

/** "name=value" list → record; names what is wrong on bad input. */
export function parseKeyValues(values: string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values ?? []) {
    const i = v.indexOf('=');
    if (i <= 0) throw new UsageError(`--${flag} "${v}": expected name=value`);
    out[v.slice(0, i).trim()] = v.slice(i + 1).trim();
  }
  return out;
}

/**
 * --workers N | auto (audit, inventory): processes of this machine that collect the accounts side
 * by side, each a slice of them (src/app/collect-workers.ts). For runs over many accounts.
 */
export const workersFlag = Flags.string({
  description:
    'Processes that collect the accounts side by side (many accounts: --org, --sso-session, --all-profiles, several --profile): a number, or auto for one per CPU core. ' +
    'Default: with --org or --sso-session one per 250 accounts listed, at most one per core (so one up to 499 accounts); otherwise 1.',
});

/**
 * --workers → a count; more than one needs a run over several accounts (UsageError otherwise).
 * Without it, a run over an Organization or SSO session fits the count to its accounts ('fit',
 * decided once they are listed: fittedWorkers); any other run is one process.
 */
export function workersFromFlag(value: string | undefined, targets: TargetOptions): number | 'fit' {
  if (value === undefined) return targets.org === true || targets.ssoSession !== undefined ? 'fit' : 1;
  const workers = value === 'auto' ? availableParallelism() : /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
    throw new UsageError(`--workers "${value}": expected a number from 1 to 64, or auto`, 'e.g. --workers 2, or --workers auto for one per CPU core');
  }
  const manyAccounts = targets.org === true || targets.ssoSession !== undefined || targets.allProfiles === true || (targets.profiles?.length ?? 0) > 1;
  if (workers > 1 && !manyAccounts) {
    throw new UsageError(`--workers ${value} splits the accounts of a run over several processes, and this run has one account`, 'Use it with --org, --sso-session, --all-profiles or several --profile.');
  }
  return workers;
}

/** The live source of audit and inventory (the use cases' InventorySource of kind "aws"): the accounts, regions and how the collection runs. */
export interface LiveSource {
  kind: 'aws';
  targets: TargetOptions;
  regions?: string[];
  concurrency: number;
  maxAttempts: number;
  workers: number | 'fit';
}

export function liveSourceFromFlags(flags: TargetFlagValues & { region?: string[]; concurrency: number; 'max-attempts': number; workers?: string }): LiveSource {
  const targets = targetOptionsFromFlags(flags);
  return { kind: 'aws', targets, regions: flags.region, concurrency: flags.concurrency, maxAttempts: flags['max-attempts'], workers: workersFromFlag(flags.workers, targets) };
}

