import { UsageError } from '../../core/errors.js';
import type { TargetOptions } from './types.js';

export const DEFAULT_ORG_ROLE = 'OrganizationAccountAccessRole';
/**
 * Accounts resolved and collected at once (--account-concurrency). AWS throttles per account, region
 * and API, and each account's calls are bounded per service (PER_SERVICE_IN_FLIGHT), so more accounts
 * at once do not call any one account faster; at 4, a 50 ms round trip kept a 1,000-account run
 * waiting on its 32 calls in flight (bench/README.md).
 */
export const DEFAULT_ACCOUNT_CONCURRENCY = 16;

const ACCOUNT_ID = /^\d{12}$/;
const OU_OR_ROOT_ID = /^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32})$/;
const ROLE_NAME = /^[\w+=,.@/-]{1,64}$/;

const AUTO_HINT =
  'On a Kubernetes Indexed Job set COSTGUARD_SHARD_COUNT to the Job\'s completions (the index comes from JOB_COMPLETION_INDEX); ' +
  'on an AWS Batch array job set AWS_BATCH_JOB_ARRAY_SIZE (or COSTGUARD_SHARD_COUNT) to the array size (Batch sets AWS_BATCH_JOB_ARRAY_INDEX). See docs/multi-account.md.';

function envCount(env: NodeJS.ProcessEnv, names: string[]): { name: string; value: string } | undefined {
  for (const name of names) if (env[name] !== undefined && env[name] !== '') return { name, value: env[name] as string };
  return undefined;
}

/**
 * `--shard auto`: this worker's slice from the environment of an indexed batch job. The index is
 * 0-based there (JOB_COMPLETION_INDEX for Kubernetes Indexed Jobs, AWS_BATCH_JOB_ARRAY_INDEX for AWS
 * Batch array jobs); the count comes from COSTGUARD_SHARD_COUNT, or AWS_BATCH_JOB_ARRAY_SIZE on Batch.
 */
export function shardFromEnvironment(env: NodeJS.ProcessEnv = process.env): { index: number; count: number } {
  const index = envCount(env, ['JOB_COMPLETION_INDEX', 'AWS_BATCH_JOB_ARRAY_INDEX']);
  if (!index) throw new UsageError('--shard auto: neither JOB_COMPLETION_INDEX nor AWS_BATCH_JOB_ARRAY_INDEX is set', AUTO_HINT);
  const count = envCount(env, index.name === 'JOB_COMPLETION_INDEX' ? ['COSTGUARD_SHARD_COUNT'] : ['AWS_BATCH_JOB_ARRAY_SIZE', 'COSTGUARD_SHARD_COUNT']);
  if (!count) throw new UsageError(`--shard auto: ${index.name} is set but the number of shards is not`, AUTO_HINT);
  const i = /^\d+$/.test(index.value.trim()) ? Number(index.value) : NaN;
  const n = /^\d+$/.test(count.value.trim()) ? Number(count.value) : NaN;
  if (!(n >= 1) || !(i >= 0) || i >= n) {
    throw new UsageError(`--shard auto: ${index.name}=${index.value} and ${count.name}=${count.value} do not make a shard (0 <= index < count)`, AUTO_HINT);
  }
  return { index: i + 1, count: n };
}

/** "2/4" → { index: 2, count: 4 }; "auto" → from the environment (shardFromEnvironment); a usage error naming the flag otherwise. */
export function parseShard(text: string, env: NodeJS.ProcessEnv = process.env): { index: number; count: number } {
  if (text.trim() === 'auto') return shardFromEnvironment(env);
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard "${text}": expected I/N with 1 <= I <= N`, 'For example --shard 1/4 ... --shard 4/4 split the accounts into four deterministic parts.');
  }
  return { index, count };
}

function checkAccountIds(ids: string[] | undefined, flag: string): void {
  const bad = (ids ?? []).find((id) => !ACCOUNT_ID.test(id));
  if (bad !== undefined) throw new UsageError(`--${flag} "${bad}": an AWS account id is 12 digits`);
}

/** Reject combinations that cannot mean anything, naming the flags. Returns the options with defaults filled in. */
export function validateTargetOptions(options: TargetOptions): TargetOptions {
  const profiles = options.profiles ?? [];
  const ways = [
    profiles.length > 0 ? '--profile' : undefined,
    options.allProfiles ? '--all-profiles' : undefined,
    options.ssoSession !== undefined ? '--sso-session' : undefined,
    options.org ? '--org' : undefined,
  ].filter((w): w is string => w !== undefined);

  if (options.allProfiles && (profiles.length > 0 || options.ssoSession !== undefined || options.org)) {
    throw new UsageError(`--all-profiles cannot be combined with ${ways.filter((w) => w !== '--all-profiles').join(', ')}`);
  }
  if (options.ssoSession !== undefined && (profiles.length > 0 || options.org)) {
    throw new UsageError(`--sso-session cannot be combined with ${ways.filter((w) => w !== '--sso-session').join(', ')}`,
      'An SSO session reaches its accounts with its own token; drop the other flags.');
  }
  if (options.org && profiles.length > 1) {
    throw new UsageError('--org takes at most one --profile: the management (or delegated administrator) account to list the Organization with');
  }
  if (options.ssoSession !== undefined && !/^[\w+=,.@-]+$/.test(options.ssoSession)) {
    throw new UsageError(`--sso-session "${options.ssoSession}" is not a session name`);
  }
  if ((options.ssoRoles ?? []).length > 0 && options.ssoSession === undefined) {
    throw new UsageError('--sso-role needs --sso-session NAME');
  }
  for (const role of options.ssoRoles ?? []) {
    if (!ROLE_NAME.test(role)) throw new UsageError(`--sso-role "${role}" is not a role name`);
  }
  if (options.orgRole !== undefined && options.orgRole !== DEFAULT_ORG_ROLE && !options.org) {
    throw new UsageError('--org-role needs --org');
  }
  if (options.orgRole !== undefined && !ROLE_NAME.test(options.orgRole)) {
    throw new UsageError(`--org-role "${options.orgRole}" is not a role name`);
  }
  if ((options.ous ?? []).length > 0 && !options.org) throw new UsageError('--ou needs --org');
  const badOu = (options.ous ?? []).find((ou) => !OU_OR_ROOT_ID.test(ou));
  if (badOu !== undefined) throw new UsageError(`--ou "${badOu}" is not an OU id (ou-xxxx-xxxxxxxx) or a root id (r-xxxx)`);
  checkAccountIds(options.accounts, 'account');
  checkAccountIds(options.excludeAccounts, 'exclude-account');
  if (options.shard && (options.shard.count < 1 || options.shard.index < 1 || options.shard.index > options.shard.count)) {
    throw new UsageError(`--shard ${options.shard.index}/${options.shard.count}: expected I/N with 1 <= I <= N`);
  }
  if (options.accountConcurrency !== undefined && (!Number.isInteger(options.accountConcurrency) || options.accountConcurrency < 1)) {
    throw new UsageError('--account-concurrency must be a whole number of at least 1');
  }
  return {
    ...options,
    orgRole: options.org ? (options.orgRole ?? DEFAULT_ORG_ROLE) : options.orgRole,
    accountConcurrency: options.accountConcurrency ?? DEFAULT_ACCOUNT_CONCURRENCY,
  };
}

/** --account / --exclude-account on anything that has an account id. */
export function accountFilter(options: Pick<TargetOptions, 'accounts' | 'excludeAccounts'>): (accountId: string) => boolean {
  const only = options.accounts && options.accounts.length > 0 ? new Set(options.accounts) : undefined;
  const never = new Set(options.excludeAccounts ?? []);
  return (accountId) => (!only || only.has(accountId)) && !never.has(accountId);
}
