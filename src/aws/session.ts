import type { LimitFunction } from 'p-limit';
import { GLOBAL_REGION, type CollectionError } from '../core/model.js';
import { CallStats } from './call-stats.js';
import { ClientFactory, type ClientConstructor, type ClientPool } from './client-factory.js';
import { globalApiRegion, partitionOf } from './regions.js';
import { resolveTargets } from './targets/resolve.js';
import type { ShardListing } from '../core/shard.js';
import type { ResolvedTarget, TargetOptions, TargetResolution } from './targets/types.js';

/** The region costguard asks when an account names no home region. */
export const DEFAULT_HOME_REGION = 'us-east-1';

/** What a resource type's list(), readTags() and remove() get: one account, one region, its clients. */
export interface AwsContext {
  accountId: string;
  /** The region the API is called in: the region itself, or the partition's global API region. */
  region: string;
  /** The region recorded on resources: the region itself, or "global". */
  resourceRegion: string;
  client<C>(ctor: ClientConstructor<C>): C;
  now: Date;
  signal?: AbortSignal;
}

export interface ClientOptions {
  stats: CallStats;
  /** Bounds the API calls in flight for the whole run (shared by every account of a run). */
  limiter: LimitFunction;
  maxAttempts?: number;
  /** SDK clients shared with the other accounts of the run (collection); without it, clients of its own. */
  pool?: ClientPool;
}

/** The SDK clients of one account: its factory, its home region and contexts per region. */
export class AccountClients {
  readonly accountId: string;
  readonly home: string;
  readonly factory: ClientFactory;

  constructor(target: ResolvedTarget, options: ClientOptions) {
    this.accountId = target.target.accountId;
    this.home = target.homeRegion ?? DEFAULT_HOME_REGION;
    this.factory = new ClientFactory({ credentials: target.credentials, stats: options.stats, limiter: options.limiter, maxAttempts: options.maxAttempts, pool: options.pool });
  }

  /** The API region for a resource region: "global" maps to the partition's global API region. */
  apiRegion(resourceRegion: string, partitionHint = this.home): string {
    return resourceRegion === GLOBAL_REGION ? globalApiRegion(partitionOf(partitionHint)) : resourceRegion;
  }

  /** A context calling `apiRegion` and recording `resourceRegion` on what it finds. */
  context(apiRegion: string, resourceRegion: string, now: Date, signal?: AbortSignal): AwsContext {
    const { accountId, factory } = this;
    return { accountId, region: apiRegion, resourceRegion, now, ...(signal ? { signal } : {}), client: (ctor) => factory.client(ctor, apiRegion) };
  }

  destroy(): void {
    this.factory.destroy();
  }
}

export interface SessionOptions {
  /** Most API calls in flight for the whole run. */
  maxInFlight: number;
  maxAttempts?: number;
  /** The run's call counter, when it made calls before the session (default: a new one). */
  stats?: CallStats;
}

/**
 * One run's AWS session: the resolved targets, the call counter, the in-flight limiter and one
 * client set per account. dispose() releases every client, the credential providers' too.
 */
export class AwsSession {
  readonly stats: CallStats;
  readonly limiter: LimitFunction;
  readonly maxAttempts?: number;
  private readonly accounts = new Map<string, AccountClients>();
  private resolution?: TargetResolution;

  private constructor(options: SessionOptions) {
    this.stats = options.stats ?? new CallStats();
    this.limiter = ClientFactory.newLimiter(options.maxInFlight);
    this.maxAttempts = options.maxAttempts;
  }

  /** Resolve the targets (profiles, SSO, Organizations); unreachable accounts land in `errors`. */
  static async open(targets: TargetOptions, options: SessionOptions): Promise<AwsSession> {
    const session = new AwsSession(options);
    session.resolution = await resolveTargets(targets, { stats: session.stats, limiter: session.limiter, maxAttempts: session.maxAttempts });
    return session;
  }

  get targets(): ResolvedTarget[] {
    return this.resolution?.targets ?? [];
  }

  /** Accounts that could not be reached. */
  get errors(): CollectionError[] {
    return this.resolution?.errors ?? [];
  }

  /** --shard: the accounts the shards split, as this run listed them. */
  get listing(): ShardListing | undefined {
    return this.resolution?.listing;
  }

  /** What collect and read-tags need to build their own clients. */
  get clientOptions(): ClientOptions {
    return { stats: this.stats, limiter: this.limiter, maxAttempts: this.maxAttempts };
  }

  /** The clients of one account, made once per session. */
  account(target: ResolvedTarget): AccountClients {
    let clients = this.accounts.get(target.target.accountId);
    if (!clients) {
      clients = new AccountClients(target, this.clientOptions);
      this.accounts.set(target.target.accountId, clients);
    }
    return clients;
  }

  /** Release every client of the session. Safe to call twice. */
  dispose(): void {
    for (const clients of this.accounts.values()) clients.destroy();
    this.accounts.clear();
    this.resolution?.dispose?.();
  }
}
