import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { IAMClient, ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
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
    const out = await factory.client(IAMClient, region).send(new ListAccountAliasesCommand({}));
    return out.AccountAliases?.[0];
  } catch {
    return undefined;
  }
}

/** Memoise a provider so every client of a target shares one credential fetch. */
export function memoizeProvider(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  let current: ReturnType<AwsCredentialIdentityProvider> | undefined;
  let expiresAt = 0;
  return async () => {
    if (current && Date.now() < expiresAt - 60_000) return current;
    current = provider();
    try {
      const creds = await current;
      expiresAt = creds.expiration ? creds.expiration.getTime() : Number.POSITIVE_INFINITY;
      return creds;
    } catch (error) {
      current = undefined;
      throw error;
    }
  };
}
