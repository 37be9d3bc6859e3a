// Local hygiene: what the machine costguard runs on keeps in the user's home directory. Runs once per
// audit (not per account or region). Resources carry accountId "local" and region "local".
import { userInfo } from 'node:os';
import type { CallStatsSummary, CollectionError, Inventory, Resource } from '../core/model.js';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { collectAwsFiles } from './aws-files.js';
import { collectKeyFiles } from './key-files.js';
import { LOCAL_ACCOUNT, LOCAL_CREDENTIALS_FILE, LOCAL_KEY_FILE, LOCAL_PROFILE, LOCAL_PROFILE_IDENTITY, LOCAL_REGION } from './types.js';

export interface LocalCallerIdentity {
  account: string;
  arn: string;
}

/** Who a profile's keys belong to: sts:GetCallerIdentity signed with them (see stsCallerIdentity); credentials come from the SDK's fromIni. */
export type CallerIdentityCheck = (profile: string, credentials: AwsCredentialIdentityProvider) => Promise<LocalCallerIdentity>;

export interface CollectLocalOptions {
  /** The home directory to inspect (--home; default os.homedir()). */
  home: string;
  now?: Date;
  /** Without it, profiles are listed but not identified, and local-root-access-key is "not evaluated". */
  callerIdentity?: CallerIdentityCheck;
  /** Override ~/.aws/credentials and ~/.aws/config (AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE). */
  credentialsFile?: string;
  configFile?: string;
  platform?: NodeJS.Platform;
  /** User name for %u in ssh config (default: the current user). */
  user?: string;
}

export interface LocalCollection {
  resources: Resource[];
  errors: CollectionError[];
  /** Add these to Inventory.collectedTypes. */
  collectedTypes: string[];
  /** API calls made (the identity checks), when counted. */
  stats?: CallStatsSummary;
}

/** STS answers that mean "these keys do not work": a fact about the profile, not a collection error. */
const KEYS_REJECTED = new Set(['InvalidClientTokenId', 'SignatureDoesNotMatch', 'ExpiredToken', 'ExpiredTokenException']);

function describe(error: unknown): { code: string; message: string } {
  const e = error as { name?: string; Code?: string; message?: string };
  return { code: e?.Code ?? e?.name ?? 'Error', message: (e?.message ?? String(error)).split('\n')[0].slice(0, 300) };
}

function localError(operation: string, types: string[], error: unknown, prefix = ''): CollectionError {
  const { code, message } = describe(error);
  return { accountId: LOCAL_ACCOUNT, region: LOCAL_REGION, operation, code, message: `${prefix}${message}`, resourceTypes: types };
}

/** Collect the local resource types from a home directory. Never throws; problems are errors. */
export async function collectLocal(options: CollectLocalOptions): Promise<LocalCollection> {
  const resources: Resource[] = [];
  const errors: CollectionError[] = [];
  const collectedTypes = [LOCAL_KEY_FILE.type, LOCAL_CREDENTIALS_FILE.type, LOCAL_PROFILE.type];
  const user = options.user ?? safeUser();
  try {
    resources.push(...collectKeyFiles({ home: options.home, user, platform: options.platform }));
  } catch (error) {
    errors.push(localError('local:ReadSshKeys', [LOCAL_KEY_FILE.type], error));
  }
  let aws: Awaited<ReturnType<typeof collectAwsFiles>> | undefined;
  try {
    aws = await collectAwsFiles(options);
    resources.push(...aws.files, ...aws.profiles);
  } catch (error) {
    errors.push(localError('local:ReadAwsFiles', [LOCAL_CREDENTIALS_FILE.type, LOCAL_PROFILE.type], error));
  }
  if (options.callerIdentity && aws) {
    collectedTypes.push(LOCAL_PROFILE_IDENTITY);
    const check = options.callerIdentity;
    await Promise.all(
      aws.profiles.map(async (resource) => {
        const secret = aws?.keyProfiles.get(resource.id);
        if (!secret) return;
        if ('unchecked' in secret) {
          // Not asked: the rules that need the answer are not evaluated rather than passed.
          resource.props.identityError = 'NotChecked';
          errors.push(localError('sts:GetCallerIdentity', [LOCAL_PROFILE_IDENTITY], Object.assign(new Error(secret.unchecked), { name: 'NotChecked' }), `profile ${secret.profile} in ${secret.file}: `));
          return;
        }
        try {
          const identity = await check(secret.profile, secret.credentials);
          resource.props.callerArn = identity.arn;
          resource.props.callerAccount = identity.account;
          resource.props.isRoot = /^arn:aws[a-z-]*:iam::\d{12}:root$/.test(identity.arn);
        } catch (error) {
          const { code } = describe(error);
          // STS refusing the keys is an answer about them (deleted, deactivated, wrong secret, expired), not missing data.
          if (KEYS_REJECTED.has(code)) {
            resource.props.keysRejected = code;
            resource.props.isRoot = false;
            return;
          }
          resource.props.identityError = code;
          errors.push(localError('sts:GetCallerIdentity', [LOCAL_PROFILE_IDENTITY], error, `profile ${secret.profile} in ${secret.file}: `));
        }
      }),
    );
  }
  return { resources: resources.sort((a, b) => a.type.localeCompare(b.type) || a.id.localeCompare(b.id)), errors, collectedTypes: collectedTypes.sort() };
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? '';
  }
}

/** Whether the selected rules need local data (their resource types include local:*). */
export function needsLocal(types: readonly string[]): boolean {
  return types.some((t) => t.startsWith('local:'));
}

/**
 * The inventory with the local resources, errors, collected types and API calls added. Local data
 * the inventory already held (a snapshot taken on another machine, the demo's) is replaced.
 */
export function mergeLocal(inventory: Inventory, local: LocalCollection): Inventory {
  const aws = <T extends { accountId: string }>(items: T[]) => items.filter((i) => i.accountId !== LOCAL_ACCOUNT);
  return {
    ...inventory,
    collectedTypes: [...new Set([...inventory.collectedTypes.filter((t) => !t.startsWith('local:')), ...local.collectedTypes])].sort(),
    resources: [...aws(inventory.resources), ...local.resources],
    errors: [...aws(inventory.errors), ...local.errors],
    ...(inventory.stats && local.stats ? { stats: mergeStats(inventory.stats, local.stats) } : {}),
  };
}

function mergeStats(a: CallStatsSummary, b: CallStatsSummary): CallStatsSummary {
  const byKey = new Map(a.byOperation.map((o) => [`${o.service}:${o.operation}`, { ...o }]));
  for (const o of b.byOperation) {
    const e = byKey.get(`${o.service}:${o.operation}`);
    if (e) {
      e.calls += o.calls;
      e.retries += o.retries;
      e.throttles += o.throttles;
      e.errors += o.errors;
    } else byKey.set(`${o.service}:${o.operation}`, { ...o });
  }
  return {
    apiCalls: a.apiCalls + b.apiCalls,
    retries: a.retries + b.retries,
    throttles: a.throttles + b.throttles,
    byOperation: [...byKey.values()].sort((x, y) => x.service.localeCompare(y.service) || x.operation.localeCompare(y.operation)),
    durationMs: a.durationMs,
    ...(a.firstApiCallMs === undefined && b.firstApiCallMs === undefined
      ? {}
      : { firstApiCallMs: Math.min(a.firstApiCallMs ?? Infinity, b.firstApiCallMs ?? Infinity) }),
  };
}
