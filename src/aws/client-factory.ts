import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import pLimit, { type LimitFunction } from 'p-limit';
import { CallStats, isThrottle } from './call-stats.js';
import { FinalErrorAwareRetryStrategy } from './retry-strategy.js';

/** The smallest shape of an SDK v3 client that the factory needs. */
interface SdkClient {
  middlewareStack: {
    add: (middleware: never, options: { step: 'initialize' | 'deserialize'; name: string; priority?: 'high' | 'low' }) => void;
  };
  destroy(): void;
}

type ClientConfig = {
  region: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  maxAttempts?: number;
  retryStrategy?: FinalErrorAwareRetryStrategy;
  requestHandler?: { httpAgent: HttpAgent; httpsAgent: HttpsAgent };
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
    const maxAttempts = this.options.maxAttempts ?? 5;
    const client = new ctor({
      region,
      credentials: this.options.credentials,
      maxAttempts,
      // The SDK's standard retries, minus the errors no retry can change (see retry-strategy.ts).
      retryStrategy: new FinalErrorAwareRetryStrategy(maxAttempts),
      requestHandler: agents(),
    }) as unknown as SdkClient;
    this.instrument(client);
    this.cache.set(key, client);
    return client as unknown as C;
  }

  private instrument(client: SdkClient): void {
    const { stats, limiter } = this.options;
    // One client per (service, region) of this factory's account: its own bound inside the run-wide one.
    const perService = pLimit(PER_SERVICE_IN_FLIGHT);
    type Ctx = { clientName?: string; commandName?: string };
    type Next = (args: unknown) => Promise<{ output?: { $metadata?: { attempts?: number } } }>;

    const perCall = (next: Next, context: Ctx) => async (args: unknown) =>
      perService(() => limiter(async () => {
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
      }));

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

  destroy(): void {
    for (const c of this.cache.values()) c.destroy();
    this.cache.clear();
  }
}
