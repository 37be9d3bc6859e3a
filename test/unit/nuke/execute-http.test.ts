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
import { ec2Error, ec2Reply, efsRoute, fakeAws, fastPolls, jsonError, jsonReply, ORIGINS, type FakeHandler } from '../resources/fake-aws.js';
import { allowed, config, inventory, NOW, res } from './helpers.js';

let factory: ClientFactory | undefined;
fastPolls();
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

// The receipt's "already gone" must be about the resource itself: a previous lab saw an EFS file
// system reported deleted because one of its mount targets said MountTargetNotFound, while the file
// system stayed. Only the resource's own calls (its delete, or a read of it) may say it is gone.
describe('"already gone" over HTTP, with the real types', () => {
  const EFS = 'https://elasticfilesystem.us-east-1.amazonaws.com';
  const REST = 'application/json';
  const route = efsRoute;
  const plan = (type: string, id: string) =>
    planNuke({ inventory: inventory([res(type, id)]), config: config({ types: { include: [type], exclude: [] } }), types: nukeTypeInfo(), accounts: [allowed()], now: NOW, version: 'test' });
  const fsNotFound = () => jsonError('FileSystemNotFound', 'File system fs-1 does not exist.', 404, REST);
  const mountTargets = (...ids: string[]) => () => jsonReply({ MountTargets: ids.map((id) => ({ MountTargetId: id, FileSystemId: 'fs-1', LifeCycleState: 'available' })) }, REST);

  it('a mount target already gone is skipped, and the file system is still deleted by its own delete (not "already gone")', async () => {
    const server = fakeAws(
      EFS,
      {
        DescribeMountTargets: [mountTargets('fsmt-1'), mountTargets()],
        DeleteMountTarget: () => jsonError('MountTargetNotFound', 'Mount target fsmt-1 does not exist.', 404, REST),
        DeleteFileSystem: () => ({ status: 204, body: '' }),
        DescribeFileSystems: fsNotFound,
      },
      { route },
    );
    const receipt = await run(plan('efs:file-system', 'fs-1'));
    expect(server.requests.map((r) => r.op)).toEqual(['DescribeMountTargets', 'DeleteMountTarget', 'DescribeMountTargets', 'DeleteFileSystem', 'DescribeFileSystems']);
    const item = receipt.items.find((i) => i.id === 'fs-1');
    expect(item).toMatchObject({ status: 'deleted' });
    expect(item?.reason).toBeUndefined();
  });

  it('the file system\'s own delete saying FileSystemNotFound is "already gone"', async () => {
    fakeAws(EFS, { DescribeMountTargets: mountTargets(), DeleteFileSystem: fsNotFound }, { route });
    const receipt = await run(plan('efs:file-system', 'fs-1'));
    expect(receipt.items.find((i) => i.id === 'fs-1')).toMatchObject({ status: 'deleted', reason: 'already gone' });
  });

  it('so is its mount-target listing saying FileSystemNotFound (it names the file system itself)', async () => {
    const server = fakeAws(EFS, { DescribeMountTargets: fsNotFound }, { route });
    const receipt = await run(plan('efs:file-system', 'fs-1'));
    expect(receipt.items.find((i) => i.id === 'fs-1')).toMatchObject({ status: 'deleted', reason: 'already gone' });
    expect(server.calls('DeleteFileSystem')).toHaveLength(0);
  });

  // ReleaseHosts and TerminateWorkspaces refuse inside a successful answer, with codes of their own:
  // the resource's own read decides between "already gone" and a failure.
  const hostRefused = () => ec2Reply('ReleaseHosts', '<successful/><unsuccessful><item><resourceId>h-1</resourceId><error><code>Client.InvalidHost.Unknown</code><message>cannot release h-1</message></error></item></unsuccessful>');
  const hostIs = (state: string) => () => ec2Reply('DescribeHosts', `<hostSet><item><hostId>h-1</hostId><state>${state}</state></item></hostSet>`);

  it.each([
    ['says released', hostIs('released')],
    ['no longer finds it', () => ec2Error('InvalidHostID.NotFound', "The host ID 'h-1' does not exist")],
  ])('a Dedicated Host whose release is refused in the answer is "already gone" when its own read %s', async (_, read) => {
    const server = fakeAws(ORIGINS.ec2, { ReleaseHosts: hostRefused, DescribeHosts: read });
    const receipt = await run(plan('ec2:host', 'h-1'));
    expect(receipt.items.find((i) => i.id === 'h-1')).toMatchObject({ status: 'deleted', reason: 'already gone' });
    expect(server.requests.map((r) => r.op)).toEqual(['ReleaseHosts', 'DescribeHosts']);
  });

  it('a Dedicated Host whose release is refused while its own read says available fails with the refusal', async () => {
    fakeAws(ORIGINS.ec2, { ReleaseHosts: hostRefused, DescribeHosts: hostIs('available') });
    const item = (await run(plan('ec2:host', 'h-1'))).items.find((i) => i.id === 'h-1');
    expect(item).toMatchObject({ status: 'failed' });
    expect(item?.reason).toMatch(/ReleaseHosts refused h-1: Client.InvalidHost.Unknown cannot release h-1/);
  });

  it.each([
    ['finds nothing', [], { status: 'deleted', reason: 'already gone' }],
    ['says TERMINATED', [{ WorkspaceId: 'ws-1', State: 'TERMINATED' }], { status: 'deleted', reason: 'already gone' }],
    ['says AVAILABLE', [{ WorkspaceId: 'ws-1', State: 'AVAILABLE' }], { status: 'failed', reason: 'ResourceNotFound.Workspace: cannot terminate ws-1' }],
  ])('a WorkSpace whose termination is refused in the answer, when its own read %s', async (_, workspaces, expected) => {
    const refused = () => jsonReply({ FailedRequests: [{ WorkspaceId: 'ws-1', ErrorCode: 'ResourceNotFound.Workspace', ErrorMessage: 'cannot terminate ws-1' }] });
    fakeAws('https://workspaces.us-east-1.amazonaws.com', { TerminateWorkspaces: refused, DescribeWorkspaces: () => jsonReply({ Workspaces: workspaces }) });
    expect((await run(plan('workspaces:workspace', 'ws-1'))).items.find((i) => i.id === 'ws-1')).toMatchObject(expected);
  });

  it('a Directory Service directory whose delete (the first call its remove() makes) says EntityDoesNotExist is "already gone"', async () => {
    fakeAws('https://ds.us-east-1.amazonaws.com', { DeleteDirectory: () => jsonError('EntityDoesNotExistException', 'Directory d-1 does not exist.') });
    const receipt = await run(plan('ds:directory', 'd-1'));
    expect(receipt.items.find((i) => i.id === 'd-1')).toMatchObject({ status: 'deleted', reason: 'already gone' });
  });
});
