import { Flags } from '@oclif/core';
import { UsageError } from '../core/errors.js';
import { SEVERITIES } from '../core/model.js';

/** Flags shared by commands that read AWS (audit, inventory, nuke, cost). */
export const collectionFlags = {
  region: Flags.string({ char: 'r', multiple: true, description: 'Only these regions (repeatable). Default: every region enabled for the account.' }),
  concurrency: Flags.integer({ default: 8, min: 1, max: 64, description: 'Regions collected at once per account.' }),
  'max-attempts': Flags.integer({ default: 5, min: 1, max: 20, description: 'Attempts per API call (the SDK retries throttles and transient errors).' }),
  'allow-partial': Flags.boolean({ default: false, description: 'Exit 0/1 instead of 3 when some data could not be collected.' }),
};

/** Flags that choose and tune policies (audit, nuke --findings). */
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
