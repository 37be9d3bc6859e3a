import { AsyncLocalStorage } from 'node:async_hooks';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, Logger } from '@smithy/types';
import pLimit, { type LimitFunction } from 'p-limit';
import { CallStats, isThrottle } from './call-stats.js';
import { FinalErrorAwareRetryStrategy } from './retry-strategy.js';

/** The smallest shape of an SDK v3 client that the factory needs. */
interface SdkClient {
  middlewareStack: {
    add: (middleware: never, options: { step: 'initialize' | 'deserialize'; name: string; priority?: 'high' | 'low' }) => void;
  };
  config: { signer?: (authScheme?: unknown) => Promise<unknown> };
  destroy(): void;
}

type ClientConfig = {
  region: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  maxAttempts?: number;
  retryStrategy?: FinalErrorAwareRetryStrategy;
  requestHandler?: { httpAgent: HttpAgent; httpsAgent: HttpsAgent };
  /** The SDK's handler cache per command class: for clients that serve many calls (ClientPool). */
  cacheMiddleware?: boolean;
  logger?: Logger;
};

/**
 * Calls of one service in one region of one account in flight at once. AWS throttles per account,
 * region and API, so this (with the run-wide limiter) is what keeps a run over many accounts from
 * bursting one account's buckets: EC2's Describe* bucket, Organizations', IAM's.
 */
export const PER_SERVICE_IN_FLIGHT = 8;

/**
 * One keep-alive connection pool for the whole process. Left to itself, every SDK client opens its
 * own agent, and a run over many accounts builds a client per account, region and service, so almost
 * every call paid for a new TCP (and TLS) connection: a CPU profile of 20 accounts showed ~1 ms of
 * connect per call. The SDK destroys a client's agents with the client; these ignore it.
 */
class SharedHttpAgent extends HttpAgent {
  override destroy(): void {}
}
class SharedHttpsAgent extends HttpsAgent {
  override destroy(): void {}
}
let sharedAgents: { httpAgent: HttpAgent; httpsAgent: HttpsAgent } | undefined;
function agents(): { httpAgent: HttpAgent; httpsAgent: HttpsAgent } {
  // maxSockets is per host (one service in one region): bounds a service's connections across accounts.
  sharedAgents ??= { httpAgent: new SharedHttpAgent({ keepAlive: true, maxSockets: 64 }), httpsAgent: new SharedHttpsAgent({ keepAlive: true, maxSockets: 64 }) };
  return sharedAgents;
}

export type ClientConstructor<C> = new (config: ClientConfig) => C;

/** IAM service prefix per SDK client name, so stats and errors speak in IAM action names. */
const SERVICE_PREFIX: Record<string, string> = {
  EC2Client: 'ec2',
  IAMClient: 'iam',
  STSClient: 'sts',
  ElasticLoadBalancingV2Client: 'elasticloadbalancing',
  ElasticLoadBalancingClient: 'elasticloadbalancing',
  RDSClient: 'rds',
  EKSClient: 'eks',
  KMSClient: 'kms',
  Route53Client: 'route53',
  SecretsManagerClient: 'secretsmanager',
  OrganizationsClient: 'organizations',
  SSOClient: 'sso',
  S3Client: 's3',
  CostExplorerClient: 'ce',
  BudgetsClient: 'budgets',
  CloudWatchClient: 'cloudwatch',
  CloudWatchLogsClient: 'logs',
  LambdaClient: 'lambda',
  DynamoDBClient: 'dynamodb',
  ECRClient: 'ecr',
  ECSClient: 'ecs',
  CloudFormationClient: 'cloudformation',
  SNSClient: 'sns',
  SQSClient: 'sqs',
  APIGatewayClient: 'apigateway',
  ApiGatewayV2Client: 'apigateway',
  ElastiCacheClient: 'elasticache',
  AutoScalingClient: 'autoscaling',
  IAMAccessAnalyzerClient: 'access-analyzer',
  AccountClient: 'account',
  // long tail (issue 13): clients whose IAM prefix is not their lower-cased name
  OpenSearchClient: 'es',
  EFSClient: 'elasticfilesystem',
  DirectoryServiceClient: 'ds',
  NetworkFirewallClient: 'network-firewall',
  EMRClient: 'elasticmapreduce',
  RedshiftServerlessClient: 'redshift-serverless',
};

export function servicePrefix(clientName: string | undefined): string {
  if (!clientName) return 'unknown';
  return SERVICE_PREFIX[clientName] ?? clientName.replace(/Client$/, '').toLowerCase();
}

export function operationName(commandName: string | undefined): string {
  return (commandName ?? 'Unknown').replace(/Command$/, '');
}

/** Annotation the factory puts on every error an SDK call throws: "ec2:DescribeNatGateways". */
export const OPERATION = Symbol.for('costguard.operation');

export function operationOf(error: unknown): string | undefined {
  if (error && typeof error === 'object' && OPERATION in error) return (error as Record<symbol, string>)[OPERATION];
  return undefined;
}

export interface ClientFactoryOptions {
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  stats: CallStats;
  /** Bounds the API calls in flight for the whole run (shared by every factory of a run). */
  limiter: LimitFunction;
  maxAttempts?: number;
  /**
   * Share SDK clients with every other account of the run (see ClientPool). Without it, this
   * factory builds its own client per (client class, region).
   */
  pool?: ClientPool;
}

type Credentials = AwsCredentialIdentity | AwsCredentialIdentityProvider;
type Send = (command: unknown, ...rest: unknown[]) => Promise<unknown>;

/**
 * The SDK's logger middleware calls `logger.info?.({ input, output })` after every call, and builds that
 * argument first: a copy of the whole answer with sensitive fields redacted (schemaLogFilter), ~4 % of
 * the profiled CPU of an audit of 2,000 resources. costguard never logs the SDK's answers, and a logger without
 * `info` skips the call and its argument. The SDK calls warn and debug unconditionally, so those stay.
 */
const SILENT = (): void => undefined;
export const NO_ANSWER_LOGGER = { debug: SILENT, warn: SILENT, error: SILENT, trace: SILENT } as unknown as Logger;

/**
 * The SDK's SigV4 config builds a new signer for every request: a copy of the whole client config
 * and a new SignatureV4 (resolveAwsSdkSigV4Config). The first call fixes the client's signing region
 * and service in its config, so every signer after it is the same; the region and service of each
 * request are passed to sign() anyway. One signer per client does the same work once (~3 % of the
 * profiled CPU of an Organization run). Credentials are still asked at signing time, per request.
 */
export function reuseSigner(client: SdkClient): void {
  const make = client.config.signer;
  if (typeof make !== 'function') return;
  let signer: Promise<unknown> | undefined;
  client.config.signer = (authScheme?: unknown) => {
    signer ??= make(authScheme).catch((error: unknown) => {
      signer = undefined;
      throw error;
    });
    return signer;
  };
}

function buildClient(ctor: ClientConstructor<unknown>, region: string, credentials: Credentials | undefined, maxAttempts: number, shared: boolean): SdkClient {
  const client = new ctor({
    region,
    credentials,
    maxAttempts,
    // The SDK's standard retries, minus the errors no retry can change (see retry-strategy.ts).
    retryStrategy: new FinalErrorAwareRetryStrategy(maxAttempts),
    requestHandler: agents(),
    logger: NO_ANSWER_LOGGER,
    ...(shared ? { cacheMiddleware: true } : {}),
  }) as unknown as SdkClient;
  reuseSigner(client);
  return client;
}

/** Counts calls, retries and throttles, bounds in-flight calls and names the failing operation on errors. */
function instrument(client: SdkClient, stats: CallStats, limiter: LimitFunction, perService?: LimitFunction): void {
  type Ctx = { clientName?: string; commandName?: string };
  type Next = (args: unknown) => Promise<{ output?: { $metadata?: { attempts?: number } } }>;

  const counted = (next: Next, context: Ctx, args: unknown) =>
    limiter(async () => {
      const service = servicePrefix(context.clientName);
      const operation = operationName(context.commandName);
      stats.recordCall(service, operation);
      try {
        const result = await next(args);
        stats.recordRetries(service, operation, (result.output?.$metadata?.attempts ?? 1) - 1);
        return result;
      } catch (error) {
        const meta = (error as { $metadata?: { attempts?: number } }).$metadata;
        stats.recordRetries(service, operation, (meta?.attempts ?? 1) - 1);
        stats.recordError(service, operation);
        if (error && typeof error === 'object') {
          Object.defineProperty(error, OPERATION, { value: `${service}:${operation}`, enumerable: false, configurable: true });
        }
        throw error;
      }
    });
  const perCall = perService
    ? (next: Next, context: Ctx) => async (args: unknown) => perService(() => counted(next, context, args))
    : (next: Next, context: Ctx) => async (args: unknown) => counted(next, context, args);

  const perAttempt = (next: Next, context: Ctx) => async (args: unknown) => {
    try {
      return await next(args);
    } catch (error) {
      const code = (error as { name?: string; Code?: string }).name;
      if (isThrottle(code)) stats.recordThrottle(servicePrefix(context.clientName), operationName(context.commandName));
      throw error;
    }
  };

  client.middlewareStack.add(perCall as never, { step: 'initialize', name: 'costguardCallStats', priority: 'high' });
  client.middlewareStack.add(perAttempt as never, { step: 'deserialize', name: 'costguardAttemptStats', priority: 'high' });
}

/**
 * SDK clients shared by every account of a run: one per (client class, region), not one per
 * account, region and service. Building a client (config resolution, middleware stack, the first
 * call's handler) costs about as much CPU as a call, and an audit of an Organization makes ~1.3
 * calls per client it would otherwise build, so sharing them halves the CPU of a large run and
 * keeps memory flat in the number of accounts.
 *
 * Each account reaches a shared client through its own view (ClientFactory.client): the view's
 * send() runs the call with the account's credentials in an AsyncLocalStorage, which the shared
 * client's credential provider reads, so every request is signed for the account that sent it.
 * Nothing per call can carry them instead: with cacheMiddleware the SDK resolves one handler (and one
 * handler context) per command class for every call, and its SigV4 signer asks the client's
 * credential provider at signing time rather than using the identity selected for the call. The
 * AsyncLocalStorage's price is its promise hooks (a few percent of the CPU of an Organization run).
 * Each view keeps its own per-service bound (PER_SERVICE_IN_FLIGHT).
 */
export class ClientPool {
  private readonly clients = new Map<string, SdkClient>();
  private readonly ids = new WeakMap<object, number>();
  private nextId = 0;
  private readonly current = new AsyncLocalStorage<Credentials>();
  /** The shared clients' credentials: those of the account whose view sent the call. */
  private readonly credentials: AwsCredentialIdentityProvider;

  constructor(private readonly options: { stats: CallStats; limiter: LimitFunction; maxAttempts?: number }) {
    const current = this.current;
    const provider = async (properties?: Record<string, unknown>) => {
      const credentials = current.getStore();
      if (!credentials) throw new Error('costguard: a shared SDK client was called outside an account (ClientPool)');
      return typeof credentials === 'function' ? credentials(properties) : credentials;
    };
    // Each account's provider caches (and refreshes) its own credentials; the SDK must not cache
    // the first account's answer for every other account.
    this.credentials = Object.assign(provider, { memoized: true });
  }

  /** The shared client of a class in a region. */
  client(ctor: ClientConstructor<unknown>, region: string): SdkClient {
    let id = this.ids.get(ctor);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(ctor, id);
    }
    const key = `${id}/${region}`;
    let client = this.clients.get(key);
    if (!client) {
      client = buildClient(ctor, region, this.credentials, this.options.maxAttempts ?? 5, true);
      instrument(client, this.options.stats, this.options.limiter);
      this.clients.set(key, client);
    }
    return client;
  }

  /** Run `call` with `credentials` as the shared clients' credentials. */
  runAs<T>(credentials: Credentials, call: () => T): T {
    return this.current.run(credentials, call);
  }

  destroy(): void {
    for (const c of this.clients.values()) c.destroy();
    this.clients.clear();
  }
}

/**
 * Builds SDK clients for one set of credentials, one per (client class, region), each wired to
 * count calls, retries and throttles, to bound in-flight calls, and to name the failing operation
 * on errors. AWS_ENDPOINT_URL keeps working: the SDK reads it itself.
 */
export class ClientFactory {
  private readonly cache = new Map<string, SdkClient>();
  private readonly ids = new WeakMap<object, number>();
  private nextId = 0;

  constructor(private readonly options: ClientFactoryOptions) {}

  static newLimiter(maxInFlight = 32): LimitFunction {
    return pLimit(maxInFlight);
  }

  get stats(): CallStats {
    return this.options.stats;
  }

  get credentials(): AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined {
    return this.options.credentials;
  }

  client<C>(ctor: ClientConstructor<C>, region: string): C {
    let id = this.ids.get(ctor);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(ctor, id);
    }
    const key = `${id}/${region}`;
    const cached = this.cache.get(key);
    if (cached) return cached as unknown as C;
    const { pool, credentials, stats, limiter } = this.options;
    // One bound per (service, region) of this factory's account, inside the run-wide one.
    const perService = pLimit(PER_SERVICE_IN_FLIGHT);
    let client: SdkClient;
    if (pool && credentials) {
      client = accountView(pool.client(ctor as ClientConstructor<unknown>, region), (call) => perService(() => pool.runAs(credentials, call)));
    } else {
      client = buildClient(ctor as ClientConstructor<unknown>, region, credentials, this.options.maxAttempts ?? 5, false);
      instrument(client, stats, limiter, perService);
    }
    this.cache.set(key, client);
    return client as unknown as C;
  }

  destroy(): void {
    for (const c of this.cache.values()) c.destroy();
    this.cache.clear();
  }
}

/**
 * One account's view of a shared client: the shared client itself (its prototype, so paginators'
 * and waiters' instanceof checks hold and config reads go through), with send() run by `around`
 * and destroy() left to the pool.
 */
function accountView(shared: SdkClient, around: (call: () => Promise<unknown>) => Promise<unknown>): SdkClient {
  const send = (shared as unknown as { send: Send }).send;
  return Object.create(shared, {
    send: { value: (command: unknown, ...rest: unknown[]) => around(() => send.call(shared, command, ...rest)) },
    destroy: { value: () => {} },
  }) as SdkClient;
}
