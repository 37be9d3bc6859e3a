// Long-tail file systems and streams: EFS, FSx, MSK, Kinesis Data Streams, Firehose.
import { afterEach, describe, expect, it } from 'vitest';
import { efsFileSystem } from '../../../src/resources/efs-file-system.js';
import { firehoseDeliveryStream } from '../../../src/resources/firehose-delivery-stream.js';
import { fsxFileSystem } from '../../../src/resources/fsx-file-system.js';
import { kafkaCluster } from '../../../src/resources/kafka-cluster.js';
import { kinesisStream } from '../../../src/resources/kinesis-stream.js';
import { testCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { pagedCollectorCases } from './collector-cases.js';
import { efsRoute, fakeAws, jsonError, jsonReply, type FakeReply, type FakeRequest, fastPolls } from './fake-aws.js';

const origin = (host: string) => `https://${host}.us-east-1.amazonaws.com`;
const THROTTLE = jsonError('ThrottlingException', 'Rate exceeded');
const REST = 'application/json';

let t: TestCollectContext;
fastPolls();
afterEach(() => t?.dispose());

describe('efs:file-system', () => {
  const route = efsRoute;
  const fs = (id: string) => ({
    FileSystemId: id,
    FileSystemArn: `arn:aws:elasticfilesystem:us-east-1:111111111111:file-system/${id}`,
    OwnerId: '111111111111',
    CreationToken: id,
    CreationTime: 1735689600,
    LifeCycleState: 'available',
    NumberOfMountTargets: 2,
    SizeInBytes: { Value: 12 * 1024 ** 3 },
    PerformanceMode: 'generalPurpose',
    ThroughputMode: 'bursting',
    Tags: [{ Key: 'Name', Value: 'home' }],
  });
  const page = (ids: string[], next?: string): FakeReply => jsonReply({ FileSystems: ids.map(fs), ...(next ? { NextMarker: next } : {}) }, REST);

  it('maps stored size in GiB with inline tags', async () => {
    t = testCollectContext();
    fakeAws(origin('elasticfilesystem'), { DescribeFileSystems: () => page(['fs-1']) }, { route });
    const [f] = await efsFileSystem.list(t.ctx);
    expect(f).toMatchObject({ id: 'fs-1', name: 'home', createdAt: '2025-01-01T00:00:00.000Z', tags: { Name: 'home' } });
    expect(f.props).toMatchObject({ lifeCycleState: 'available', sizeGiB: 12, numberOfMountTargets: 2, throughputMode: 'bursting' });
  });

  it('deletes its mount targets first, waits until none is left, then deletes the file system and waits', async () => {
    t = testCollectContext();
    const server = fakeAws(
      origin('elasticfilesystem'),
      {
        DescribeMountTargets: [
          () => jsonReply({ MountTargets: [{ MountTargetId: 'fsmt-1', FileSystemId: 'fs-1', LifeCycleState: 'available' }, { MountTargetId: 'fsmt-2', FileSystemId: 'fs-1', LifeCycleState: 'deleting' }] }, REST),
          () => jsonReply({ MountTargets: [{ MountTargetId: 'fsmt-1', FileSystemId: 'fs-1', LifeCycleState: 'deleting' }] }, REST),
          () => jsonReply({ MountTargets: [] }, REST),
        ],
        DeleteMountTarget: () => ({ status: 204, body: '' }),
        DeleteFileSystem: () => ({ status: 204, body: '' }),
        DescribeFileSystems: [() => page(['fs-1']), () => jsonError('FileSystemNotFound', 'File system fs-1 does not exist.', 404, REST)],
      },
      { route },
    );
    await efsFileSystem.remove?.(t.ctx, { type: 'efs:file-system', id: 'fs-1', accountId: '1', region: 'us-east-1', tags: {}, props: {} });
    expect(server.requests.map((r) => r.op)).toEqual(['DescribeMountTargets', 'DeleteMountTarget', 'DescribeMountTargets', 'DescribeMountTargets', 'DeleteFileSystem', 'DescribeFileSystems', 'DescribeFileSystems']);
    expect(server.calls('DeleteMountTarget')[0].path).toBe('/2015-02-01/mount-targets/fsmt-1');
  });

  pagedCollectorCases({
    type: efsFileSystem,
    origin: origin('elasticfilesystem'),
    service: 'elasticfilesystem',
    op: 'DescribeFileSystems',
    pageSize: { name: 'MaxItems', max: 100 },
    tokenParam: 'Marker',
    page,
    throttle: jsonError('ThrottlingException', 'Rate exceeded', 429, REST),
    denied: jsonError('AccessDeniedException', 'not authorized', 403, REST),
    deniedCode: 'AccessDeniedException',
    route,
  });
});

describe('fsx:file-system', () => {
  const fs = (id: string, type = 'WINDOWS') => ({
    FileSystemId: id,
    FileSystemType: type,
    Lifecycle: 'AVAILABLE',
    StorageCapacity: 32,
    StorageType: 'SSD',
    VpcId: 'vpc-1',
    CreationTime: 1735689600,
    ResourceARN: `arn:aws:fsx:us-east-1:111111111111:file-system/${id}`,
    Tags: [{ Key: 'Name', Value: 'share' }],
    ...(type === 'WINDOWS' ? { WindowsConfiguration: { DeploymentType: 'MULTI_AZ_1', ThroughputCapacity: 32 } } : {}),
    ...(type === 'OPENZFS' ? { OpenZFSConfiguration: { DeploymentType: 'SINGLE_AZ_1', ThroughputCapacity: 64 } } : {}),
    ...(type === 'ONTAP' ? { OntapConfiguration: { DeploymentType: 'SINGLE_AZ_1', ThroughputCapacity: 128 } } : {}),
  });
  const page = (ids: string[], next?: string): FakeReply => jsonReply({ FileSystems: ids.map((id) => fs(id)), ...(next ? { NextToken: next } : {}) });

  it('maps a Windows file system and deletes it without a final backup; ONTAP is protected', async () => {
    t = testCollectContext();
    const server = fakeAws(origin('fsx'), {
      DescribeFileSystems: [() => jsonReply({ FileSystems: [fs('fs-w'), fs('fs-o', 'ONTAP'), fs('fs-z', 'OPENZFS')] }), () => jsonError('FileSystemNotFound', 'not found'), () => jsonError('FileSystemNotFound', 'not found')],
      DeleteFileSystem: () => jsonReply({ FileSystemId: 'x', Lifecycle: 'DELETING' }),
    });
    const [w, o, z] = await fsxFileSystem.list(t.ctx);
    expect(w).toMatchObject({ id: 'fs-w', name: 'share', createdAt: '2025-01-01T00:00:00.000Z', props: { fileSystemType: 'WINDOWS', storageCapacityGiB: 32, deploymentType: 'MULTI_AZ_1', throughputCapacity: 32, vpcId: 'vpc-1' } });
    expect(fsxFileSystem.protect?.(o)).toMatch(/ONTAP/);
    expect(fsxFileSystem.protect?.(w)).toBeUndefined();
    await fsxFileSystem.remove?.(t.ctx, w);
    await fsxFileSystem.remove?.(t.ctx, z);
    const [delW, delZ] = server.calls('DeleteFileSystem').map((c) => c.json);
    expect(delW).toMatchObject({ FileSystemId: 'fs-w', WindowsConfiguration: { SkipFinalBackup: true } });
    expect(delZ).toMatchObject({ FileSystemId: 'fs-z', OpenZFSConfiguration: { SkipFinalBackup: true, Options: ['DELETE_CHILD_VOLUMES_AND_SNAPSHOTS'] } });
  });

  it('waits while the file system is DELETING, and counts an answer that no longer lists it as gone', async () => {
    t = testCollectContext();
    const server = fakeAws(origin('fsx'), {
      DescribeFileSystems: [() => jsonReply({ FileSystems: [{ ...fs('fs-w'), Lifecycle: 'DELETING' }] }), () => jsonReply({ FileSystems: [] })],
      DeleteFileSystem: () => jsonReply({ FileSystemId: 'fs-w', Lifecycle: 'DELETING' }),
    });
    await fsxFileSystem.remove?.(t.ctx, { accountId: '1', region: 'us-east-1', tags: {}, type: 'fsx:file-system', id: 'fs-w', props: { fileSystemType: 'WINDOWS' } });
    expect(server.calls('DescribeFileSystems')).toHaveLength(2);
  });

  pagedCollectorCases({
    type: fsxFileSystem,
    origin: origin('fsx'),
    service: 'fsx',
    op: 'DescribeFileSystems',
    pageSize: { name: 'MaxResults', max: 2147483647 },
    tokenParam: 'NextToken',
    page,
    throttle: THROTTLE,
    denied: jsonError('AccessDeniedException', 'not authorized'),
    deniedCode: 'AccessDeniedException',
  });
});

describe('kafka:cluster', () => {
  const route = (req: Omit<FakeRequest, 'op'>) => {
    if (req.method === 'GET' && req.path === '/api/v2/clusters') return 'ListClustersV2';
    if (req.method === 'GET' && req.path.startsWith('/api/v2/clusters/')) return 'DescribeClusterV2';
    if (req.method === 'DELETE' && req.path.startsWith('/v1/clusters/')) return 'DeleteCluster';
    return undefined;
  };
  const arn = (name: string) => `arn:aws:kafka:us-east-1:111111111111:cluster/${name}/uuid`;
  const info = (name: string) => ({
    clusterArn: arn(name),
    clusterName: name,
    clusterType: 'PROVISIONED',
    state: 'ACTIVE',
    creationTime: '2025-01-01T00:00:00.000Z',
    tags: { lab: 'msk' },
    provisioned: { numberOfBrokerNodes: 3, brokerNodeGroupInfo: { instanceType: 'kafka.t3.small', clientSubnets: ['s1'], storageInfo: { ebsStorageInfo: { volumeSize: 100 } } } },
  });
  const page = (ids: string[], next?: string): FakeReply => jsonReply({ clusterInfoList: ids.map(info), ...(next ? { nextToken: next } : {}) }, REST);

  it('maps provisioned and serverless clusters from one listing', async () => {
    t = testCollectContext();
    fakeAws(
      origin('kafka'),
      { ListClustersV2: () => jsonReply({ clusterInfoList: [info('prov'), { clusterArn: arn('sls'), clusterName: 'sls', clusterType: 'SERVERLESS', state: 'ACTIVE', serverless: { vpcConfigs: [] } }] }, REST) },
      { route },
    );
    const [p, s] = await kafkaCluster.list(t.ctx);
    expect(p).toMatchObject({ id: arn('prov'), name: 'prov', createdAt: '2025-01-01T00:00:00.000Z', tags: { lab: 'msk' } });
    expect(p.props).toEqual({ clusterType: 'PROVISIONED', state: 'ACTIVE', instanceType: 'kafka.t3.small', brokerNodes: 3, storageGiBPerBroker: 100, storageGiB: 300 });
    expect(s.props).toMatchObject({ clusterType: 'SERVERLESS', brokerNodes: 0, instanceType: undefined });
  });

  it('deletes by ARN and waits until it is gone', async () => {
    t = testCollectContext();
    const server = fakeAws(
      origin('kafka'),
      { DeleteCluster: () => jsonReply({ clusterArn: arn('prov'), state: 'DELETING' }, REST), DescribeClusterV2: () => jsonError('NotFoundException', 'not found', 404, REST) },
      { route },
    );
    await kafkaCluster.remove?.(t.ctx, { type: 'kafka:cluster', id: arn('prov'), accountId: '1', region: 'us-east-1', tags: {}, props: {} });
    expect(decodeURIComponent(server.calls('DeleteCluster')[0].path)).toBe(`/v1/clusters/${arn('prov')}`);
    expect(server.calls('DescribeClusterV2')).toHaveLength(1);
  });

  pagedCollectorCases({
    type: kafkaCluster,
    origin: origin('kafka'),
    service: 'kafka',
    op: 'ListClustersV2',
    pageSize: { name: 'maxResults', max: 100 },
    tokenParam: 'nextToken',
    page,
    throttle: jsonError('TooManyRequestsException', 'Rate exceeded', 429, REST),
    denied: jsonError('ForbiddenException', 'not authorized', 403, REST),
    deniedCode: 'ForbiddenException',
    route,
    idOf: arn,
  });
});

describe('kinesis:stream', () => {
  const summary = (name: string, mode = 'PROVISIONED') => ({ StreamName: name, StreamARN: `arn:aws:kinesis:us-east-1:111111111111:stream/${name}`, StreamStatus: 'ACTIVE', StreamModeDetails: { StreamMode: mode }, StreamCreationTimestamp: 1735689600 });
  const page = (ids: string[], next?: string): FakeReply => jsonReply({ StreamNames: ids, StreamSummaries: ids.map((id) => summary(id)), HasMoreStreams: next !== undefined, ...(next ? { NextToken: next } : {}) });
  const describeSummary = (req: FakeRequest) =>
    jsonReply({ StreamDescriptionSummary: { ...summary(String(req.json?.StreamName), String(req.json?.StreamName).startsWith('od') ? 'ON_DEMAND' : 'PROVISIONED'), OpenShardCount: 2, RetentionPeriodHours: 24 } });

  it('maps shard count and mode from the stream summary', async () => {
    t = testCollectContext();
    fakeAws(origin('kinesis'), { ListStreams: () => page(['clicks', 'od-events']), DescribeStreamSummary: describeSummary });
    const [p, od] = await kinesisStream.list(t.ctx);
    expect(p).toMatchObject({ id: 'clicks', arn: 'arn:aws:kinesis:us-east-1:111111111111:stream/clicks', createdAt: '2025-01-01T00:00:00.000Z', props: { status: 'ACTIVE', streamMode: 'PROVISIONED', openShardCount: 2, retentionHours: 24 } });
    expect(od.props).toMatchObject({ streamMode: 'ON_DEMAND' });
  });

  it('deletes with its consumers and waits until it is gone', async () => {
    t = testCollectContext();
    const server = fakeAws(origin('kinesis'), { DeleteStream: () => jsonReply({}), DescribeStreamSummary: () => jsonError('ResourceNotFoundException', 'Stream clicks not found') });
    await kinesisStream.remove?.(t.ctx, { type: 'kinesis:stream', id: 'clicks', accountId: '1', region: 'us-east-1', tags: {}, props: {} });
    expect(server.calls('DeleteStream')[0].json).toEqual({ StreamName: 'clicks', EnforceConsumerDeletion: true });
  });

  pagedCollectorCases({
    type: kinesisStream,
    origin: origin('kinesis'),
    service: 'kinesis',
    op: 'ListStreams',
    pageSize: { name: 'Limit', max: 10000 },
    tokenParam: 'NextToken',
    page,
    throttle: THROTTLE,
    denied: jsonError('AccessDeniedException', 'not authorized'),
    deniedCode: 'AccessDeniedException',
    extra: { DescribeStreamSummary: describeSummary },
  });
});

describe('firehose:delivery-stream', () => {
  const describeStream = (req: FakeRequest) =>
    jsonReply({
      DeliveryStreamDescription: {
        DeliveryStreamName: req.json?.DeliveryStreamName,
        DeliveryStreamARN: `arn:aws:firehose:us-east-1:111111111111:deliverystream/${String(req.json?.DeliveryStreamName)}`,
        DeliveryStreamStatus: 'ACTIVE',
        DeliveryStreamType: 'KinesisStreamAsSource',
        CreateTimestamp: 1735689600,
        VersionId: '1',
        HasMoreDestinations: false,
        Source: { KinesisStreamSourceDescription: { KinesisStreamARN: 'arn:aws:kinesis:us-east-1:111111111111:stream/clicks' } },
        Destinations: [{ DestinationId: 'd1', AmazonopensearchserviceDestinationDescription: { VpcConfigurationDescription: { SubnetIds: ['s1'], RoleARN: 'r', SecurityGroupIds: ['sg'], VpcId: 'vpc-1' } } }],
      },
    });

  it('follows every page by the last name, describes each stream once, and maps VPC delivery and its source', async () => {
    t = testCollectContext();
    const server = fakeAws(origin('firehose'), {
      ListDeliveryStreams: [() => jsonReply({ DeliveryStreamNames: ['a', 'b'], HasMoreDeliveryStreams: true }), () => jsonReply({ DeliveryStreamNames: ['c'], HasMoreDeliveryStreams: false })],
      DescribeDeliveryStream: describeStream,
    });
    const streams = await firehoseDeliveryStream.list(t.ctx);
    expect(streams.map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(server.calls('ListDeliveryStreams').map((c) => c.json)).toEqual([{ Limit: 10000 }, { Limit: 10000, ExclusiveStartDeliveryStreamName: 'b' }]);
    expect(server.calls('DescribeDeliveryStream')).toHaveLength(3);
    expect(streams[0]).toMatchObject({ createdAt: '2025-01-01T00:00:00.000Z', props: { status: 'ACTIVE', deliveryStreamType: 'KinesisStreamAsSource', vpcDelivery: true, sourceStreamArn: 'arn:aws:kinesis:us-east-1:111111111111:stream/clicks' } });
  });

  it('rejects naming the listing when it is refused', async () => {
    t = testCollectContext();
    fakeAws(origin('firehose'), { ListDeliveryStreams: () => jsonError('AccessDeniedException', 'not authorized') });
    await expect(firehoseDeliveryStream.list(t.ctx)).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('deletes and waits until it is gone; a stream still being created is protected', async () => {
    t = testCollectContext();
    const server = fakeAws(origin('firehose'), { DeleteDeliveryStream: () => jsonReply({}), DescribeDeliveryStream: () => jsonError('ResourceNotFoundException', 'not found') });
    const stream = { type: 'firehose:delivery-stream', id: 'a', accountId: '1', region: 'us-east-1', tags: {}, props: { status: 'CREATING' } };
    expect(firehoseDeliveryStream.protect?.(stream)).toMatch(/being created/);
    await firehoseDeliveryStream.remove?.(t.ctx, stream);
    expect(server.calls('DeleteDeliveryStream')[0].json).toEqual({ DeliveryStreamName: 'a', AllowForceDelete: true });
  });
});
