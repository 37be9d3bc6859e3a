import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import pLimit from 'p-limit';
import { CredentialsError, IncompleteError, UsageError } from '../../core/errors.js';
import { didYouMean } from '../../core/policy/did-you-mean.js';
import { describeAwsError } from '../aws-errors.js';
import { ClientFactory } from '../client-factory.js';
import { callerIdentity, identityKey, memoizeProvider } from './identify.js';
import { applyShard, shardListing } from '../../core/shard.js';
import { accountFilter } from './options.js';
import { unreachableError } from './resolution.js';
import type { TargetDeps } from './deps.js';
import type { ResolvedTarget, TargetOptions, TargetResolution, UnreachableTarget } from './types.js';

/** Keys that make a profile a source of credentials, as the SDK's own providers read them. */
const CREDENTIAL_KEYS = [
  'aws_access_key_id',
  'role_arn',
  'credential_process',
  'sso_session',
  'sso_start_url',
  'sso_account_id',
  'web_identity_token_file',
  'login_session',
];

/** Config-file sections that are not profiles ("sso-session.NAME", "services.NAME"). */
const NON_PROFILE_SECTION = /^(sso-session|services)\./;

export interface ProfileListing {
  /** Profiles that carry credentials, "default" first, then by name. */
  withCredentials: string[];
  /** Profiles with only settings (region, output, ...): nothing to resolve. */
  withoutCredentials: string[];
}

/** Every profile of the config and credentials files (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE / HOME honoured). */
export async function listProfiles(): Promise<ProfileListing> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const merged = new Map<string, Record<string, string | undefined>>();
  for (const [name, section] of Object.entries(configFile)) {
    if (!NON_PROFILE_SECTION.test(name)) merged.set(name, { ...section });
  }
  for (const [name, section] of Object.entries(credentialsFile)) {
    merged.set(name, { ...(merged.get(name) ?? {}), ...section });
  }
  const names = [...merged.keys()].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
  const hasCredentials = (name: string) => CREDENTIAL_KEYS.some((k) => merged.get(name)?.[k] !== undefined);
  return { withCredentials: names.filter(hasCredentials), withoutCredentials: names.filter((n) => !hasCredentials(n)) };
}

/** The region a profile names (or AWS_REGION / AWS_DEFAULT_REGION), used as the first API region. */
export async function homeRegionOf(profile: string | undefined): Promise<string> {
  const fromEnv = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (fromEnv) return fromEnv;
  try {
    const { configFile } = await loadSharedConfigFiles();
    const region = configFile[profile ?? process.env.AWS_PROFILE ?? 'default']?.region;
    if (region) return region;
  } catch {
    // no config files: fall through
  }
  return 'us-east-1';
}

export function loginHint(profile: string | undefined): string {
  const p = profile ?? process.env.AWS_PROFILE;
  return p
    ? `Refresh the credentials of profile "${p}" (for SSO: aws sso login --profile ${p}), or pick another with --profile.`
    : 'Configure credentials: aws configure, or aws sso login --profile NAME and pass --profile NAME (or set AWS_PROFILE).';
}

/**
 * One named profile (or the default chain) as a target, checked with sts:GetCallerIdentity. The
 * SDK's own chain resolves it: static keys, role_arn + source_profile, credential_process, SSO
 * (legacy and sso_session), web identity.
 */
export async function profileTarget(profile: string | undefined, deps: TargetDeps): Promise<ResolvedTarget> {
  const credentials = memoizeProvider(fromNodeProviderChain(profile ? { profile } : {}));
  const homeRegion = await homeRegionOf(profile);
  const factory = new ClientFactory({ credentials, stats: deps.stats, limiter: deps.limiter, maxAttempts: deps.maxAttempts });
  try {
    const identity = await callerIdentity(factory, homeRegion);
    return {
      target: { accountId: identity.accountId, source: profile ? `profile:${profile}` : 'default' },
      credentials,
      callerArn: identity.arn,
      homeRegion,
    };
  } finally {
    factory.destroy();
  }
}

/** Network failures: the endpoint could not be reached or its URL is not one. */
const NETWORK_CODES = /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE|ERR_INVALID_URL|UND_ERR_\w+|TimeoutError)$/;

function networkCode(error: unknown): string | undefined {
  const e = error as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  for (const c of [e?.code, e?.cause?.code, e?.name]) if (c && NETWORK_CODES.test(c)) return c;
  if (e instanceof TypeError && /Invalid URL/i.test(e.message ?? '')) return 'ERR_INVALID_URL';
  return undefined;
}

/** The STS endpoint a run talks to: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, or AWS's own. */
export function stsEndpoint(): string {
  return process.env.AWS_ENDPOINT_URL_STS ?? process.env.AWS_ENDPOINT_URL ?? 'https://sts.amazonaws.com (AWS default)';
}

/** A named profile must exist in the config or credentials file: a typo is bad input (exit 2) with a did-you-mean. */
export async function checkProfilesExist(profiles: readonly string[]): Promise<void> {
  if (profiles.length === 0) return;
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const known = new Set([...Object.keys(configFile).filter((n) => !NON_PROFILE_SECTION.test(n)), ...Object.keys(credentialsFile)]);
  for (const profile of profiles) {
    if (known.has(profile)) continue;
    const guess = didYouMean(profile, known);
    throw new UsageError(
      `profile ${profile} is not in ~/.aws/config or ~/.aws/credentials${guess ? `; did you mean ${guess}?` : ''}`,
      known.size > 0 ? `Known profiles: ${[...known].sort().join(', ')}.` : 'Create it with: aws configure --profile NAME (or aws configure sso).',
    );
  }
}

/**
 * Why a profile gives no credentials, in the SDK's own words: the provider chain only says "Could not
 * load credentials from any providers"; the profile's own provider says which step failed and why.
 */
export async function explainCredentialsFailure(profile: string | undefined, error: unknown): Promise<Error> {
  if (profile && /Could not load credentials from any providers/i.test(describeAwsError(error).message)) {
    try {
      await fromIni({ profile, ignoreCache: true })();
    } catch (specific) {
      const { configFile } = await loadSharedConfigFiles({ ignoreCache: true }).catch(() => ({ configFile: {} as Record<string, Record<string, string | undefined>> }));
      const via = configFile[profile]?.credential_process ? ' (its credential_process failed)' : '';
      const { message } = describeAwsError(specific);
      return new CredentialsError(`No usable AWS credentials for profile "${profile}"${via}: ${message.trim()}`, loginHint(profile));
    }
  }
  return credentialsFailure(profile, error);
}

export function credentialsFailure(profile: string | undefined, error: unknown): CredentialsError | IncompleteError {
  const network = networkCode(error);
  if (network) {
    const { message } = describeAwsError(error);
    return new IncompleteError(
      `cannot reach the AWS endpoint ${stsEndpoint()}: ${network}: ${message}`,
      'Check AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_STS, the network and any proxy; the credentials were not checked.',
    );
  }
  const { code, message } = describeAwsError(error);
  const who = profile ? `profile "${profile}"` : 'the default credentials';
  return new CredentialsError(`No usable AWS credentials for ${who}: ${code}: ${message}`, loginHint(profile));
}

/**
 * --profile (repeatable), --all-profiles, or neither (the default chain). Profiles that fail become
 * errors when others work; deduplicated by account id + caller identity (role sessions ignored).
 */
export async function resolveProfiles(options: TargetOptions, deps: TargetDeps): Promise<TargetResolution> {
  let profiles: Array<string | undefined>;
  let skippedProfiles: string[] | undefined;
  if (options.allProfiles) {
    const listing = await listProfiles();
    if (listing.withCredentials.length === 0) {
      throw new CredentialsError('--all-profiles: no profile with credentials in the AWS config or credentials file', loginHint(undefined));
    }
    profiles = listing.withCredentials;
    skippedProfiles = listing.withoutCredentials;
  } else {
    profiles = options.profiles && options.profiles.length > 0 ? [...new Set(options.profiles)] : [undefined];
    await checkProfilesExist(profiles.filter((p): p is string => p !== undefined));
  }

  const limit = pLimit(Math.max(8, options.accountConcurrency ?? 4));
  const settled = await Promise.allSettled(profiles.map((p) => limit(() => profileTarget(p, deps))));
  if (profiles.length === 1 && settled[0].status === 'rejected') throw await explainCredentialsFailure(profiles[0], settled[0].reason);

  const keep = accountFilter(options);
  const seen = new Set<string>();
  const targets: ResolvedTarget[] = [];
  const failed: Array<{ profile: string | undefined; reason: unknown }> = [];
  settled.forEach((result, i) => {
    if (result.status === 'rejected') {
      failed.push({ profile: profiles[i], reason: result.reason });
      return;
    }
    const key = identityKey(result.value.target.accountId, result.value.callerArn);
    if (seen.has(key) || !keep(result.value.target.accountId)) return;
    seen.add(key);
    targets.push(result.value);
  });

  if (targets.length === 0 && failed.length > 0) {
    const unreachable = failed.find((f) => networkCode(f.reason));
    if (unreachable) throw credentialsFailure(unreachable.profile, unreachable.reason);
    const detail = failed.map((f) => `${f.profile}: ${describeAwsError(f.reason).message}`).join('; ');
    throw new CredentialsError(`No usable AWS credentials for any profile: ${detail}`, loginHint(undefined));
  }

  // Profiles that never said which account they are shard by name, so each failure is reported by exactly one shard.
  const targetKey = (t: ResolvedTarget) => `${t.target.accountId}|${t.target.source}`;
  const failureKey = (f: { profile: string | undefined }) => f.profile ?? '';
  const shardedTargets = applyShard(targets, options.shard, targetKey);
  const shardedFailures = applyShard(failed, options.shard, failureKey);
  const unreachable: UnreachableTarget[] = shardedFailures.map(({ profile, reason }) => {
    const { code, message, operation } = describeAwsError(reason);
    return {
      accountId: 'unknown',
      source: profile ? `profile:${profile}` : 'default',
      operation: operation ?? 'sts:GetCallerIdentity',
      code,
      message: `${message}. ${loginHint(profile)}`,
    };
  });
  if (!options.shard || options.shard.index === 1) {
    for (const wanted of options.accounts ?? []) {
      if (targets.some((t) => t.target.accountId === wanted)) continue;
      unreachable.push({
        accountId: wanted,
        source: options.allProfiles ? 'all-profiles' : profiles.map((p) => (p ? `profile:${p}` : 'default')).join(','),
        operation: 'sts:GetCallerIdentity',
        code: 'NotResolved',
        message: `--account ${wanted}: no ${options.allProfiles ? 'profile' : 'credentials given'} reached this account`,
      });
    }
  }
  return {
    targets: shardedTargets,
    errors: unreachable.map(unreachableError),
    unreachable,
    ...(skippedProfiles ? { skippedProfiles } : {}),
    ...(options.shard ? { listing: shardListing(options.shard, [...targets.map(targetKey), ...failed.map(failureKey)]) } : {}),
  };
}
