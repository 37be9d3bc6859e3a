import { Flags } from '@oclif/core';
import { DEFAULT_ACCOUNT_CONCURRENCY, DEFAULT_ORG_ROLE, parseShard, validateTargetOptions } from '../aws/targets/options.js';
import type { TargetOptions } from '../aws/targets/types.js';

const TARGETS = 'TARGET';

/**
 * Flags that choose the accounts a command works on (audit, inventory, nuke, cost, accounts).
 * Spread them into a command's flags: `...targetFlags`, then `targetOptionsFromFlags(flags)`.
 */
export const targetFlags = {
  profile: Flags.string({
    char: 'p',
    multiple: true,
    helpGroup: TARGETS,
    description: 'AWS profile (repeatable). Default: AWS_PROFILE or the default credential chain. With --org: the management account.',
  }),
  'all-profiles': Flags.boolean({
    helpGroup: TARGETS,
    description: 'Every profile with credentials in the AWS config and credentials files, one target per account + identity.',
  }),
  'sso-session': Flags.string({
    helpGroup: TARGETS,
    description: 'Every account an IAM Identity Center session reaches, with the token `aws sso login --sso-session NAME` cached.',
  }),
  'sso-role': Flags.string({
    multiple: true,
    helpGroup: TARGETS,
    description: 'With --sso-session: the role to use in each account (repeatable; the first one the account offers wins). Default: the first role listed.',
  }),
  org: Flags.boolean({
    helpGroup: TARGETS,
    description: 'Every active account of the AWS Organization (run as the management account or a delegated administrator).',
  }),
  'org-role': Flags.string({
    default: DEFAULT_ORG_ROLE,
    helpGroup: TARGETS,
    description: 'With --org: the role assumed in each member account.',
  }),
  ou: Flags.string({
    multiple: true,
    helpGroup: TARGETS,
    description: 'With --org: only accounts under this OU or root id, recursively (repeatable).',
  }),
  account: Flags.string({
    multiple: true,
    helpGroup: TARGETS,
    description: 'Only this account id (repeatable).',
  }),
  'exclude-account': Flags.string({
    multiple: true,
    helpGroup: TARGETS,
    description: 'Skip this account id (repeatable).',
  }),
  shard: Flags.string({
    helpGroup: TARGETS,
    description: 'Work on the I-th of N deterministic slices of the accounts (sorted by id), e.g. --shard 2/4, or --shard auto on a Kubernetes Indexed Job or AWS Batch array job (index and count from the environment, see docs/multi-account.md). Merge the parts with `costguard report merge`.',
  }),
  'account-concurrency': Flags.integer({
    default: DEFAULT_ACCOUNT_CONCURRENCY,
    min: 1,
    max: 64,
    helpGroup: TARGETS,
    description: 'Accounts worked on at once.',
  }),
};

/** The parsed values of `targetFlags` (any command's parsed flags object fits). */
export interface TargetFlagValues {
  profile?: string[];
  'all-profiles'?: boolean;
  'sso-session'?: string;
  'sso-role'?: string[];
  org?: boolean;
  'org-role'?: string;
  ou?: string[];
  account?: string[];
  'exclude-account'?: string[];
  shard?: string;
  'account-concurrency'?: number;
}

/** Parsed flags → validated TargetOptions; a bad combination is a UsageError (exit 2) naming the flags. */
export function targetOptionsFromFlags(flags: TargetFlagValues): TargetOptions {
  const nonEmpty = (v: string[] | undefined) => (v && v.length > 0 ? v : undefined);
  return validateTargetOptions({
    profiles: nonEmpty(flags.profile),
    allProfiles: flags['all-profiles'] || undefined,
    ssoSession: flags['sso-session'],
    ssoRoles: nonEmpty(flags['sso-role']),
    org: flags.org || undefined,
    orgRole: flags['org-role'],
    ous: nonEmpty(flags.ou),
    accounts: nonEmpty(flags.account),
    excludeAccounts: nonEmpty(flags['exclude-account']),
    shard: flags.shard !== undefined ? parseShard(flags.shard) : undefined,
    accountConcurrency: flags['account-concurrency'],
  });
}
