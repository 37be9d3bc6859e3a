// The identity check for local:profile: sts:GetCallerIdentity signed with each profile's own keys,
// through a ClientFactory so the calls are counted, bounded and retried like every other.
import type { LimitFunction } from 'p-limit';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { CallStats } from '../aws/call-stats.js';
import { ClientFactory } from '../aws/client-factory.js';
import type { CallerIdentityCheck } from './collect-local.js';

export interface StsCallerIdentityOptions {
  stats: CallStats;
  limiter: LimitFunction;
  /** STS region (default AWS_REGION or us-east-1). */
  region?: string;
  maxAttempts?: number;
}

export function stsCallerIdentity(options: StsCallerIdentityOptions): CallerIdentityCheck {
  return async (_profile, credentials) => {
    const factory = new ClientFactory({ credentials, stats: options.stats, limiter: options.limiter, maxAttempts: options.maxAttempts ?? 2 });
    try {
      const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
      const out = await factory.client(STSClient, region).send(new GetCallerIdentityCommand({}));
      return { account: out.Account ?? 'unknown', arn: out.Arn ?? 'unknown' };
    } finally {
      factory.destroy();
    }
  };
}
