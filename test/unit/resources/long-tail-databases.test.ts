// Long-tail data stores: OpenSearch, Redshift, ElastiCache replication groups and serverless caches, MemoryDB, DAX,
// and DynamoDB's provisioned capacity.
import { afterEach, describe, expect, it } from 'vitest';
import { daxCluster } from '../../../src/resources/dax-cluster.js';
import { dynamodbTable } from '../../../src/resources/dynamodb-table.js';
import { elasticacheReplicationGroup } from '../../../src/resources/elasticache-replication-group.js';
import { elasticacheServerlessCache } from '../../../src/resources/elasticache-serverless-cache.js';
import { memorydbCluster } from '../../../src/resources/memorydb-cluster.js';
import { opensearchDomain } from '../../../src/resources/opensearch-domain.js';
import { redshiftCluster } from '../../../src/resources/redshift-cluster.js';
import { testCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { pagedCollectorCases, regionOfferCases } from './collector-cases.js';
import { fakeAws, jsonError, jsonReply, queryError, queryReply, type FakeReply, type FakeRequest, fastPolls } from './fake-aws.js';

const origin = (host: string) => `https://${host}.us-east-1.amazonaws.com`;
const THROTTLE = jsonError('ThrottlingException', 'Rate exceeded');
const base = { accountId: '1', region: 'us-east-1', tags: {}, props: {} };

let t: TestCollectContext;
fastPolls();
afterEach(() => t?.dispose());

describe('opensearch:domain', () => {
  const route = (req: Omit<FakeRequest, 'op'>) => {
    if (req.method === 'GET' && req.path === '/2021-01-01/domain') return 'ListDomainNames';
    if (req.method === 'POST' && req.path === '/2021-01-01/opensearch/domain-info') return 'DescribeDomains';
    if (req.method === 'DELETE' && req.path.startsWith('/2021-01-01/opensearch/domain/')) return 'DeleteDomain';
    if (req.method === 'GET' && req.path.startsWith('/2021-01-01/opensearch/domain/')) return 'DescribeDomain';
    return undefined;
  };
  const status = (name: string) => ({
    DomainId: `111111111111/${name}`,
    DomainName: name,
    ARN: `arn:aws:es:us-east-1:111111111111:domain/${name}`,
    EngineVersion: 'OpenSearch_2.11',
    ClusterConfig: { InstanceType: 'r6g.large.search', InstanceCount: 3, DedicatedMasterEnabled: true, DedicatedMasterType: 'm6g.large.search', DedicatedMasterCount: 3 },
    EBSOptions: { EBSEnabled: true, VolumeType: 'gp3', VolumeSize: 20 },
    Processing: false,
    Deleted: false,
  });

  it('lists every domain in one call and describes them 5 at a time', async () => {
    t = testCollectContext();
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const server = fakeAws(
      origin('es'),
      {
        ListDomainNames: () => jsonReply({ DomainNames: names.map((DomainName) => ({ DomainName, EngineType: 'OpenSearch' })) }, 'application/json'),
        DescribeDomains: (req) => jsonReply({ DomainStatusList: (req.json?.DomainNames as string[]).map(status) }, 'application/json'),
      },
      { route },
    );
    const domains = await opensearchDomain.list(t.ctx);
    expect(domains.map((d) => d.id)).toEqual(names);
    expect(server.calls('DescribeDomains').map((c) => (c.json?.DomainNames as string[]).length)).toEqual([5, 2]);
    expect(domains[0]).toMatchObject({ type: 'opensearch:domain', arn: 'arn:aws:es:us-east-1:111111111111:domain/a', tags: {} });
    expect(domains[0]).not.toHaveProperty('createdAt');
    expect(domains[0].props).toEqual({
      engineVersion: 'OpenSearch_2.11',
      instanceType: 'r6g.large.search',
      instanceCount: 3,
      dedicatedMasterEnabled: true,
      dedicatedMasterType: 'm6g.large.search',
      dedicatedMasterCount: 3,
      warmCount: 0,
      ebsVolumeType: 'gp3',
      ebsVolumeSizeGiB: 20,
      ebsTotalGiB: 60,
      processing: false,
      deleted: false,
    });
    expect(t.op('es', 'ListDomainNames').calls).toBe(1);
  });

  it('makes no describe call when there is no domain, and names a refused listing', async () => {
    t = testCollectContext();
    const server = fakeAws(origin('es'), { ListDomainNames: () => jsonReply({ DomainNames: [] }, 'application/json') }, { route });
    expect(await opensearchDomain.list(t.ctx)).toEqual([]);
    expect(server.requests.map((r) => r.op)).toEqual(['ListDomainNames']);
  });

  it('deletes and waits until the domain is gone; a domain being deleted is protected', async () => {
    t = testCollectContext();
    const server = fakeAws(
      origin('es'),
      {
        DeleteDomain: () => jsonReply({ DomainStatus: status('a') }, 'application/json'),
        DescribeDomain: [() => jsonReply({ DomainStatus: { ...status('a'), Deleted: true } }, 'application/json'), () => jsonError('ResourceNotFoundException', 'Domain not found: a', 409, 'application/json')],
      },
      { route },
    );
    await opensearchDomain.remove?.(t.ctx, { ...base, type: 'opensearch:domain', id: 'a' });
    expect(server.requests.map((r) => r.op)).toEqual(['DeleteDomain', 'DescribeDomain', 'DescribeDomain']);
    expect(opensearchDomain.protect?.({ ...base, type: 'opensearch:domain', id: 'a', props: { deleted: true } })).toBe('already being deleted');
  });
});

describe('redshift:cluster', () => {
  const NS = 'http://redshift.amazonaws.com/doc/2012-12-01/';
  const cluster = (id: string) =>
    `<Cluster><ClusterIdentifier>${id}</ClusterIdentifier><NodeType>ra3.xlplus</NodeType><ClusterStatus>available</ClusterStatus><ClusterAvailabilityStatus>Available</ClusterAvailabilityStatus><NumberOfNodes>2</NumberOfNodes><ClusterCreateTime>2025-01-01T00:00:00Z</ClusterCreateTime><VpcId>vpc-1</VpcId><Tags><Tag><Key>Name</Key><Value>dw</Value></Tag></Tags></Cluster>`;
  const page = (ids: string[], next?: string) => queryReply('DescribeClusters', `<Clusters>${ids.map(cluster).join('')}</Clusters>${next ? `<Marker>${next}</Marker>` : ''}`, NS);

  it('maps a cluster with its inline tags', async () => {
    t = testCollectContext();
    fakeAws(origin('redshift'), { DescribeClusters: () => page(['dw']) });
    const [c] = await redshiftCluster.list(t.ctx);
    expect(c).toEqual({
      type: 'redshift:cluster',
      id: 'dw',
      name: 'dw',
      accountId: '111111111111',
      region: 'us-east-1',
      createdAt: '2025-01-01T00:00:00.000Z',
      tags: { Name: 'dw' },
      props: { status: 'available', availabilityStatus: 'Available', nodeType: 'ra3.xlplus', numberOfNodes: 2, vpcId: 'vpc-1' },
    });
  });

  it('deletes without a final snapshot and waits until it is gone', async () => {
    t = testCollectContext();
    const server = fakeAws(origin('redshift'), {
      DeleteCluster: () => queryReply('DeleteCluster', `<Cluster><ClusterIdentifier>dw</ClusterIdentifier></Cluster>`, NS),
      DescribeClusters: [() => page(['dw']), () => queryError('ClusterNotFound', 'Cluster dw not found.', 404)],
    });
    await redshiftCluster.remove?.(t.ctx, { ...base, type: 'redshift:cluster', id: 'dw' });
    expect(server.calls('DeleteCluster')[0].form.get('SkipFinalClusterSnapshot')).toBe('true');
    expect(server.calls('DescribeClusters')).toHaveLength(2);
  });

  pagedCollectorCases({
    type: redshiftCluster,
    origin: origin('redshift'),
    service: 'redshift',
    op: 'DescribeClusters',
    pageSize: { name: 'MaxRecords', max: 100 },
    tokenParam: 'Marker',
    page,
    throttle: queryError('Throttling', 'Rate exceeded'),
    denied: queryError('AccessDenied', 'not authorized', 403),
    deniedCode: 'AccessDenied',
  });
});

describe('elasticache:replication-group and elasticache:serverless-cache', () => {
  const NS = 'http://elasticache.amazonaws.com/doc/2015-02-02/';
  const group = (id: string) =>
    `<ReplicationGroup><ReplicationGroupId>${id}</ReplicationGroupId><Status>available</Status><Engine>redis</Engine><CacheNodeType>cache.t3.micro</CacheNodeType><ClusterEnabled>false</ClusterEnabled><ARN>arn:aws:elasticache:us-east-1:111111111111:replicationgroup:${id}</ARN><ReplicationGroupCreateTime>2025-01-01T00:00:00Z</ReplicationGroupCreateTime><MemberClusters><ClusterId>${id}-001</ClusterId><ClusterId>${id}-002</ClusterId></MemberClusters></ReplicationGroup>`;
  const groups = (ids: string[], next?: string) => queryReply('DescribeReplicationGroups', `<ReplicationGroups>${ids.map(group).join('')}</ReplicationGroups>${next ? `<Marker>${next}</Marker>` : ''}`, NS);
  const cache = (id: string) =>
    `<member><ServerlessCacheName>${id}</ServerlessCacheName><Status>available</Status><Engine>valkey</Engine><MajorEngineVersion>8</MajorEngineVersion><CreateTime>2025-01-01T00:00:00Z</CreateTime><ARN>arn:aws:elasticache:us-east-1:111111111111:serverlesscache:${id}</ARN></member>`;
  const caches = (ids: string[], next?: string) => queryReply('DescribeServerlessCaches', `<ServerlessCaches>${ids.map(cache).join('')}</ServerlessCaches>${next ? `<NextToken>${next}</NextToken>` : ''}`, NS);

  it('maps a replication group with its member count, and deletes it without a final snapshot', async () => {
    t = testCollectContext();
    const server = fakeAws(origin('elasticache'), {
      DescribeReplicationGroups: [() => groups(['rg']), () => groups(['rg']), () => queryError('ReplicationGroupNotFoundFault', 'not found', 404)],
      DeleteReplicationGroup: () => queryReply('DeleteReplicationGroup', group('rg'), NS),
    });
    const [rg] = await elasticacheReplicationGroup.list(t.ctx);
    expect(rg).toMatchObject({ id: 'rg', createdAt: '2025-01-01T00:00:00.000Z', props: { status: 'available', engine: 'redis', cacheNodeType: 'cache.t3.micro', nodeCount: 2, clusterEnabled: false, memberClusters: ['rg-001', 'rg-002'] } });
    await elasticacheReplicationGroup.remove?.(t.ctx, rg);
    const del = server.calls('DeleteReplicationGroup')[0].form;
    expect(del.get('RetainPrimaryCluster')).toBe('false');
    expect(del.get('FinalSnapshotIdentifier')).toBeNull();
  });

  it('maps a serverless cache', async () => {
    t = testCollectContext();
    fakeAws(origin('elasticache'), { DescribeServerlessCaches: () => caches(['sc']) });
    const [sc] = await elasticacheServerlessCache.list(t.ctx);
    expect(sc).toMatchObject({ id: 'sc', arn: 'arn:aws:elasticache:us-east-1:111111111111:serverlesscache:sc', createdAt: '2025-01-01T00:00:00.000Z', props: { status: 'available', engine: 'valkey', majorEngineVersion: '8' } });
  });

  pagedCollectorCases({
    type: elasticacheReplicationGroup,
    origin: origin('elasticache'),
    service: 'elasticache',
    op: 'DescribeReplicationGroups',
    pageSize: { name: 'MaxRecords', max: 100 },
    tokenParam: 'Marker',
    page: groups,
    throttle: queryError('Throttling', 'Rate exceeded'),
    denied: queryError('AccessDenied', 'not authorized', 403),
    deniedCode: 'AccessDenied',
  });

  pagedCollectorCases({
    type: elasticacheServerlessCache,
    origin: origin('elasticache'),
    service: 'elasticache',
    op: 'DescribeServerlessCaches',
    pageSize: { name: 'MaxResults', max: 100 },
    tokenParam: 'NextToken',
    page: caches,
    throttle: queryError('Throttling', 'Rate exceeded'),
    denied: queryError('AccessDenied', 'not authorized', 403),
    deniedCode: 'AccessDenied',
  });
});

describe('memorydb:cluster and dax:cluster', () => {
  const memorydb = (ids: string[], next?: string): FakeReply =>
    jsonReply({
      Clusters: ids.map((Name) => ({ Name, ARN: `arn:aws:memorydb:us-east-1:111111111111:cluster/${Name}`, Status: 'available', NodeType: 'db.t4g.small', Engine: 'valkey', NumberOfShards: 2, Shards: [{ NumberOfNodes: 2 }, { NumberOfNodes: 2 }] })),
      ...(next ? { NextToken: next } : {}),
    });
  const dax = (ids: string[], next?: string): FakeReply =>
    jsonReply({ Clusters: ids.map((ClusterName) => ({ ClusterName, ClusterArn: `arn:aws:dax:us-east-1:111111111111:cache/${ClusterName}`, Status: 'available', NodeType: 'dax.t3.small', TotalNodes: 3 })), ...(next ? { NextToken: next } : {}) });

  it('counts MemoryDB nodes across shards (shard details in the same call)', async () => {
    t = testCollectContext();
    const server = fakeAws(origin('memory-db'), { DescribeClusters: () => memorydb(['mdb']) });
    const [c] = await memorydbCluster.list(t.ctx);
    expect(c.props).toEqual({ status: 'available', nodeType: 'db.t4g.small', numberOfShards: 2, nodeCount: 4, engine: 'valkey' });
    expect(server.calls('DescribeClusters')[0].json).toMatchObject({ ShowShardDetails: true });
  });

  it('maps DAX clusters and deletes one, waiting until it is gone', async () => {
    t = testCollectContext();
    const server = fakeAws(origin('dax'), {
      DescribeClusters: [() => dax(['d1']), () => dax(['d1']), () => jsonError('ClusterNotFoundFault', 'Cluster not found')],
      DeleteCluster: () => jsonReply({ Cluster: { ClusterName: 'd1' } }),
    });
    const [c] = await daxCluster.list(t.ctx);
    expect(c).toMatchObject({ id: 'd1', props: { status: 'available', nodeType: 'dax.t3.small', totalNodes: 3 } });
    await daxCluster.remove?.(t.ctx, c);
    expect(server.calls('DeleteCluster')[0].json).toEqual({ ClusterName: 'd1' });
    expect(server.calls('DescribeClusters')).toHaveLength(3);
  });

  regionOfferCases({
    service: 'MemoryDB',
    types: [memorydbCluster],
    origin: (region) => `https://memory-db.${region}.amazonaws.com`,
    handlers: { DescribeClusters: () => memorydb(['mdb']) },
    absent: ['ap-northeast-3'],
    present: { region: 'eu-north-1', why: 'where it is offered', ids: ['mdb'] },
  });

  regionOfferCases({
    service: 'DAX',
    types: [daxCluster],
    origin: (region) => `https://dax.${region}.amazonaws.com`,
    handlers: { DescribeClusters: () => dax(['d1']) },
    absent: ['ap-northeast-2'],
    present: { region: 'xx-new-1', why: 'a region it does not know', ids: ['d1'] },
  });

  pagedCollectorCases({
    type: memorydbCluster,
    origin: origin('memory-db'),
    service: 'memorydb',
    op: 'DescribeClusters',
    pageSize: { name: 'MaxResults', max: 100 },
    tokenParam: 'NextToken',
    page: memorydb,
    throttle: THROTTLE,
    denied: jsonError('AccessDeniedException', 'not authorized'),
    deniedCode: 'AccessDeniedException',
  });

  pagedCollectorCases({
    type: daxCluster,
    origin: origin('dax'),
    service: 'dax',
    op: 'DescribeClusters',
    pageSize: { name: 'MaxResults', max: 100 },
    tokenParam: 'NextToken',
    page: dax,
    throttle: THROTTLE,
    denied: jsonError('AccessDeniedException', 'not authorized'),
    deniedCode: 'AccessDeniedException',
  });
});

describe('dynamodb:table capacity', () => {
  const JSON10 = 'application/x-amz-json-1.0';
  it('sums provisioned capacity of the table and its indexes, and reports 0 for on-demand tables', async () => {
    t = testCollectContext();
    const tables: Record<string, object> = {
      big: { BillingModeSummary: { BillingMode: 'PROVISIONED' }, ProvisionedThroughput: { ReadCapacityUnits: 20, WriteCapacityUnits: 10 }, GlobalSecondaryIndexes: [{ IndexName: 'g', ProvisionedThroughput: { ReadCapacityUnits: 10, WriteCapacityUnits: 5 } }] },
      old: { ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } },
      ondemand: { BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' }, ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 0 } },
    };
    fakeAws(origin('dynamodb'), {
      ListTables: () => jsonReply({ TableNames: Object.keys(tables) }, JSON10),
      DescribeTable: (req) => jsonReply({ Table: { TableName: req.json?.TableName, TableStatus: 'ACTIVE', ...tables[String(req.json?.TableName)] } }, JSON10),
    });
    const byId = Object.fromEntries((await dynamodbTable.list(t.ctx)).map((r) => [r.id, r.props]));
    expect(byId.big).toMatchObject({ billingMode: 'PROVISIONED', readCapacityUnits: 30, writeCapacityUnits: 15 });
    expect(byId.old).toMatchObject({ billingMode: 'PROVISIONED', readCapacityUnits: 5, writeCapacityUnits: 5 });
    expect(byId.ondemand).toMatchObject({ billingMode: 'PAY_PER_REQUEST', readCapacityUnits: 0, writeCapacityUnits: 0 });
  });
});
