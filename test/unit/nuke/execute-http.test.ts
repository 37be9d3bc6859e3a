// The executor with the real resource types and SDK clients, AWS answered at the HTTP layer: a
// DependencyViolation that clears on a later pass, a throttle, and a permanent failure in the receipt.
import { afterEach, describe, expect, it } from 'vitest';
import { CallStats } from '../../../src/aws/call-stats.js';
import { ClientFactory } from '../../../src/aws/client-factory.js';
import { executePlan } from '../../../src/app/nuke/execute.js';
import { nukeExitCode, nukeTypeInfo } from '../../../src/app/nuke/run.js';
import { planNuke } from '../../../src/core/nuke/plan.js';
import { renderReceiptTable } from '../../../src/core/nuke/render.js';
import type { NukePlan } from '../../../src/core/nuke/types.js';
import { resourceType } from '../../../src/resources/registry.js';
import { ec2Error, ec2Reply, fakeAws, ORIGINS, type FakeHandler } from '../resources/fake-aws.js';
import { allowed, config, inventory, NOW, res } from './helpers.js';

let factory: ClientFactory | undefined;
afterEach(() => factory?.destroy());

function labPlan(): NukePlan {
  return planNuke({
    inventory: inventory([res('ec2:vpc', 'vpc-1'), res('ec2:subnet', 'subnet-1', { props: { vpcId: 'vpc-1' } }), res('ec2:security-group', 'sg-1', { props: { vpcId: 'vpc-1', groupName: 'web' } })]),
    config: config({ types: { include: ['ec2:vpc', 'ec2:subnet', 'ec2:security-group'], exclude: [] } }),
    types: nukeTypeInfo(),
    accounts: [allowed()],
    now: NOW,
    version: 'test',
  });
}

function run(plan: NukePlan) {
  const stats = new CallStats();
  factory = new ClientFactory({ credentials: { accessKeyId: 'AKIATESTTESTTESTTEST', secretAccessKey: 'test-secret' }, stats, limiter: ClientFactory.newLimiter(), maxAttempts: 1 });
  const f = factory;
  return executePlan({
    plan,
    resourceType,
    context: (accountId, region, signal) => ({ accountId, region, resourceRegion: region, now: NOW, signal, client: (ctor) => f.client(ctor, region) }),
    concurrency: 4,
    maxWaitMs: 60_000,
    passDelayMs: 1,
    version: 'test',
    apiCalls: () => stats.count(),
  });
}

const ok = (action: string): FakeHandler => () => ec2Reply(action, '<return>true</return>');
const describeGroup: FakeHandler = () => ec2Reply('DescribeSecurityGroups', '<securityGroupInfo><item><groupId>sg-1</groupId><groupName>web</groupName><vpcId>vpc-1</vpcId></item></securityGroupInfo>');

const noInterfaces: FakeHandler = () => ec2Reply('DescribeNetworkInterfaces', '<networkInterfaceSet></networkInterfaceSet>');

describe('nuke executor over HTTP', () => {
  it('retries a DependencyViolation and a throttle in later passes, deleting the VPC last', async () => {
    const server = fakeAws(ORIGINS.ec2, {
      DeleteSubnet: [() => ec2Error('DependencyViolation', "The subnet 'subnet-1' has dependencies and cannot be deleted."), ok('DeleteSubnet')],
      DescribeSecurityGroups: describeGroup,
      DescribeNetworkInterfaces: noInterfaces,
      DeleteSecurityGroup: [() => ec2Error('RequestLimitExceeded', 'Request limit exceeded.', 503), ok('DeleteSecurityGroup')],
      DeleteVpc: ok('DeleteVpc'),
    });
    const receipt = await run(labPlan());
    expect(receipt.summary).toMatchObject({ deleted: 3, failed: 0 });
    expect(receipt.passes).toBe(2);
    const order = server.requests.map((r) => `${r.op}`);
    expect(order.lastIndexOf('DeleteSubnet')).toBeLessThan(order.indexOf('DeleteVpc'));
    expect(order.lastIndexOf('DeleteSecurityGroup')).toBeLessThan(order.indexOf('DeleteVpc'));
    expect(server.calls('DeleteVpc')).toHaveLength(1);
    expect(receipt.items.find((i) => i.id === 'subnet-1')).toMatchObject({ status: 'deleted', attempts: 2 });
    expect(receipt.items.find((i) => i.id === 'sg-1')).toMatchObject({ status: 'deleted', attempts: 2 });
    expect(receipt.summary.apiCalls).toBe(server.requests.length);
    expect(nukeExitCode({ plan: labPlan(), receipt })).toBe(0);
  });

  it('reports a permanent failure with its code and reason in the receipt, and exits 1', async () => {
    fakeAws(ORIGINS.ec2, {
      DeleteSubnet: () => ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403),
      DescribeSecurityGroups: describeGroup,
      DescribeNetworkInterfaces: noInterfaces,
      DeleteSecurityGroup: ok('DeleteSecurityGroup'),
      DeleteVpc: () => ec2Error('DependencyViolation', "The vpc 'vpc-1' has dependencies and cannot be deleted."),
    });
    const plan = labPlan();
    const receipt = await run(plan);
    expect(receipt.items.find((i) => i.id === 'subnet-1')).toMatchObject({ status: 'failed', code: 'UnauthorizedOperation', reason: 'You are not authorized to perform this operation.', attempts: 1 });
    expect(receipt.items.find((i) => i.id === 'sg-1')?.status).toBe('deleted');
    expect(receipt.items.find((i) => i.id === 'vpc-1')).toMatchObject({ status: 'failed', code: 'DependencyViolation' });
    expect(receipt.summary).toMatchObject({ deleted: 1, failed: 2 });
    expect(nukeExitCode({ plan, receipt })).toBe(1);
    const text = renderReceiptTable(receipt);
    expect(text).toMatch(/subnet-1\s+— UnauthorizedOperation: You are not authorized/);
    const json = JSON.parse(JSON.stringify(receipt)) as typeof receipt;
    expect(json.items.map((i) => i.status).sort()).toEqual(['deleted', 'failed', 'failed']);
  });
});
