// A CollectContext backed by a real ClientFactory (real SDK clients, real retry, the real stats and limiter
// middleware), for tests that answer the HTTP layer with nock.
import type { OperationCount } from '../../src/core/model.js';
import { GLOBAL_REGION } from '../../src/core/model.js';
import { CallStats } from '../../src/aws/call-stats.js';
import { ClientFactory } from '../../src/aws/client-factory.js';
import type { CollectContext } from '../../src/resources/resource-type.js';

export const TEST_ACCOUNT_ID = '111111111111';

export interface TestCollectContext {
  ctx: CollectContext;
  stats: CallStats;
  factory: ClientFactory;
  /** Counters for one operation, e.g. op('ec2', 'DescribeVolumes'); zeros when it was never called. */
  op(service: string, operation: string): OperationCount;
  /** Destroys the SDK clients. */
  dispose(): void;
}

export interface TestCollectOptions {
  region?: string;
  /** "global" for global types; the region otherwise. */
  resourceRegion?: string;
  accountId?: string;
  maxAttempts?: number;
  now?: Date;
}

export function testCollectContext(options: TestCollectOptions = {}): TestCollectContext {
  const region = options.region ?? 'us-east-1';
  const stats = new CallStats();
  const factory = new ClientFactory({
    credentials: { accessKeyId: 'AKIATESTTESTTESTTEST', secretAccessKey: 'test-secret' },
    stats,
    limiter: ClientFactory.newLimiter(),
    maxAttempts: options.maxAttempts ?? 3,
  });
  const ctx: CollectContext = {
    accountId: options.accountId ?? TEST_ACCOUNT_ID,
    region,
    resourceRegion: options.resourceRegion ?? region,
    now: options.now ?? new Date(),
    client: (ctor) => factory.client(ctor, region),
  };
  return {
    ctx,
    stats,
    factory,
    op(service, operation) {
      const found = stats.summary().byOperation.find((e) => e.service === service && e.operation === operation);
      return found ?? { service, operation, calls: 0, retries: 0, throttles: 0, errors: 0 };
    },
    dispose: () => factory.destroy(),
  };
}

/** A context for a global resource type: API region us-east-1, resources recorded in "global". */
export function testGlobalCollectContext(options: Omit<TestCollectOptions, 'region' | 'resourceRegion'> = {}): TestCollectContext {
  return testCollectContext({ ...options, region: 'us-east-1', resourceRegion: GLOBAL_REGION });
}
