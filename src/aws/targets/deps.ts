import type { AwsCredentialIdentityProvider } from '@smithy/types';
import pLimit, { type LimitFunction } from 'p-limit';
import type { CallStats } from '../call-stats.js';
import { ClientFactory } from '../client-factory.js';

export interface TargetDeps {
  stats: CallStats;
  /** The run's shared bound on API calls in flight. */
  limiter: LimitFunction;
  maxAttempts?: number;
}

/** Calls that fetch credentials (AssumeRole, GetRoleCredentials) run at most this many at once. */
const CREDENTIAL_CALLS_IN_FLIGHT = 8;

/**
 * Clients for the calls that fetch credentials. They are counted in the run's stats but bounded by
 * their own small limiter, not the run's: a collector call holds a slot of the run's limiter while
 * its client waits for credentials, so fetching those through the same limiter could deadlock once
 * every slot waits. The run's in-flight calls stay bounded: limiter + CREDENTIAL_CALLS_IN_FLIGHT.
 */
export class CredentialClients {
  private readonly limiter = pLimit(CREDENTIAL_CALLS_IN_FLIGHT);
  private readonly factories: ClientFactory[] = [];

  constructor(private readonly deps: TargetDeps) {}

  /** A factory for calls made with these credentials (undefined: calls that carry a bearer token, e.g. SSO portal). */
  factory(credentials?: AwsCredentialIdentityProvider): ClientFactory {
    const factory = new ClientFactory({ credentials, stats: this.deps.stats, limiter: this.limiter, maxAttempts: this.deps.maxAttempts });
    this.factories.push(factory);
    return factory;
  }

  dispose(): void {
    for (const f of this.factories.splice(0)) f.destroy();
  }
}
