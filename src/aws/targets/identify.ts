import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { ClientFactory } from '../client-factory.js';

export interface CallerIdentity {
  accountId: string;
  arn: string;
}

/** sts:GetCallerIdentity through a factory built for these credentials (counted like every call). */
export async function callerIdentity(factory: ClientFactory, region: string): Promise<CallerIdentity> {
  const out = await factory.client(STSClient, region).send(new GetCallerIdentityCommand({}));
  return { accountId: out.Account ?? 'unknown', arn: out.Arn ?? 'unknown' };
}

/** The account alias (iam:ListAccountAliases), or undefined when none is set or the call is refused. */
export async function accountAlias(factory: ClientFactory, region: string): Promise<string | undefined> {
  try {
    // IAM's client loads only for the runs that show an alias (accounts, nuke), not for every audit.
    const { IAMClient, ListAccountAliasesCommand } = await import('@aws-sdk/client-iam');
    const out = await factory.client(IAMClient, region).send(new ListAccountAliasesCommand({}));
    return out.AccountAliases?.[0];
  } catch {
    return undefined;
  }
}

/** Credentials are fetched again this long before they expire. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * Memoise a provider so every client of a target shares one credential fetch: concurrent callers
 * share the fetch in flight, and a new fetch happens only near expiry (or after a failure).
 */
export function memoizeProvider(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  let cached: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  return async (properties) => {
    if (cached && (!cached.expiration || Date.now() < cached.expiration.getTime() - REFRESH_MARGIN_MS)) return cached;
    if (!pending) {
      pending = (async () => {
        try {
          cached = await provider(properties);
          return cached;
        } finally {
          pending = undefined;
        }
      })();
    }
    return pending;
  };
}

/**
 * A caller ARN without its session part, so two profiles that assume the same role (each with its
 * own random session name) count as one identity: ".../assumed-role/Admin/aws-sdk-js-123" → ".../assumed-role/Admin".
 */
export function identityKey(accountId: string, callerArn: string | undefined): string {
  const arn = callerArn ?? '';
  const m = /^(arn:[^:]+:sts::\d+:assumed-role\/[^/]+)\/.+$/.exec(arn);
  return `${accountId}|${m ? m[1] : arn}`;
}

/** "aws", "aws-cn", "aws-us-gov" from any ARN; "aws" when it cannot tell. */
export function partitionOfArn(arn: string | undefined): string {
  const m = /^arn:([^:]+):/.exec(arn ?? '');
  return m ? m[1] : 'aws';
}
