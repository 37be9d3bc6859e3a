import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { LimitFunction } from 'p-limit';
import { CredentialsError } from '../../core/errors.js';
import { describeAwsError, isCredentialsError } from '../aws-errors.js';
import type { CallStats } from '../call-stats.js';
import { ClientFactory } from '../client-factory.js';
import { callerIdentity, memoizeProvider } from './identify.js';
import type { ResolvedTarget, TargetOptions, TargetResolution } from './types.js';

export type { ResolvedTarget, TargetOptions, TargetResolution } from './types.js';

export interface TargetDeps {
  stats: CallStats;
  limiter: LimitFunction;
  maxAttempts?: number;
}

/** The region a profile names (or AWS_REGION / AWS_DEFAULT_REGION), used as the first API region. */
async function homeRegionOf(profile: string | undefined): Promise<string> {
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

/** One named profile (or the default chain) as a target, checked with sts:GetCallerIdentity. */
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

function credentialsFailure(profile: string | undefined, error: unknown): CredentialsError {
  const { code, message } = describeAwsError(error);
  const who = profile ? `profile "${profile}"` : 'the default credentials';
  return new CredentialsError(`No usable AWS credentials for ${who}: ${code}: ${message}`, loginHint(profile));
}

/**
 * Resolve who a run works on. Without options: the default credential chain (AWS_PROFILE, env,
 * SSO, ...). With --profile (repeatable): each profile, deduplicated by account + caller identity.
 */
export async function resolveTargets(options: TargetOptions, deps: TargetDeps): Promise<TargetResolution> {
  const profiles = options.profiles && options.profiles.length > 0 ? options.profiles : [undefined];
  const targets: ResolvedTarget[] = [];
  const errors: TargetResolution['errors'] = [];
  const seen = new Set<string>();
  const settled = await Promise.allSettled(profiles.map((p) => profileTarget(p, deps)));
  settled.forEach((result, i) => {
    const profile = profiles[i];
    if (result.status === 'fulfilled') {
      const key = `${result.value.target.accountId}|${result.value.callerArn}`;
      if (!seen.has(key)) {
        seen.add(key);
        targets.push(result.value);
      }
      return;
    }
    if (profiles.length === 1 || isCredentialsError(result.reason)) {
      if (profiles.length === 1) throw credentialsFailure(profile, result.reason);
    }
    const { code, message, operation } = describeAwsError(result.reason);
    errors.push({
      accountId: 'unknown',
      region: 'global',
      operation: operation ?? 'sts:GetCallerIdentity',
      code,
      message: `profile ${profile}: ${message}. ${loginHint(profile)}`,
      resourceTypes: ['*'],
    });
  });
  if (targets.length === 0 && errors.length > 0) {
    throw new CredentialsError(`No usable AWS credentials for any profile: ${errors.map((e) => e.message).join('; ')}`, loginHint(undefined));
  }
  return { targets, errors };
}
