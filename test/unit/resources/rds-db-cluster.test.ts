import { afterEach, describe, expect, it } from 'vitest';
import { rdsDbCluster } from '../../../src/resources/rds-db-cluster.js';
import { testCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { pagedCollectorCases } from './collector-cases.js';
import { fakeAws, ORIGINS, queryError, queryReply, type FakeReply } from './fake-aws.js';

const NS = 'http://rds.amazonaws.com/doc/2014-10-31/';
const cluster = (id: string, inner = '<Engine>aurora-mysql</Engine><Status>available</Status>') =>
  `<DBCluster><DBClusterIdentifier>${id}</DBClusterIdentifier><DBClusterArn>arn:aws:rds:us-east-1:111111111111:cluster:${id}</DBClusterArn>${inner}</DBCluster>`;
const page = (items: string[], next?: string): FakeReply =>
  queryReply('DescribeDBClusters', `<DBClusters>${items.join('')}</DBClusters>${next ? `<Marker>${next}</Marker>` : ''}`, NS);

describe('rds:db-cluster', () => {
  let t: TestCollectContext;
  afterEach(() => t?.dispose());

  it('maps an Aurora cluster and a Multi-AZ DB cluster', async () => {
    t = testCollectContext();
    fakeAws(ORIGINS.rds, {
      DescribeDBClusters: () =>
        page([
          cluster(
            'aurora',
            `<Engine>aurora-postgresql</Engine><Status>available</Status><EngineMode>provisioned</EngineMode><MultiAZ>false</MultiAZ>
             <ClusterCreateTime>2025-02-02T02:02:02.000Z</ClusterCreateTime><TagList><Tag><Key>Name</Key><Value>Aurora lab</Value></Tag></TagList>`,
          ),
          cluster('maz', '<Engine>postgres</Engine><Status>stopped</Status><EngineMode>provisioned</EngineMode><MultiAZ>true</MultiAZ>'),
        ]),
    });
    const [aurora, maz] = await rdsDbCluster.list(t.ctx);
    expect(aurora).toEqual({
      type: 'rds:db-cluster',
      id: 'aurora',
      arn: 'arn:aws:rds:us-east-1:111111111111:cluster:aurora',
      name: 'Aurora lab',
      accountId: '111111111111',
      region: 'us-east-1',
      createdAt: '2025-02-02T02:02:02.000Z',
      tags: { Name: 'Aurora lab' },
      props: { engine: 'aurora-postgresql', status: 'available', engineMode: 'provisioned', multiAZ: false, isAurora: true },
    });
    expect(maz.props).toEqual({ engine: 'postgres', status: 'stopped', engineMode: 'provisioned', multiAZ: true, isAurora: false });
  });

  pagedCollectorCases({
    type: rdsDbCluster,
    origin: ORIGINS.rds,
    service: 'rds',
    op: 'DescribeDBClusters',
    pageSize: { name: 'MaxRecords', max: 100 },
    tokenParam: 'Marker',
    page: (ids, next) => page(ids.map((id) => cluster(id)), next),
    throttle: queryError('Throttling', 'Rate exceeded'),
    denied: queryError('AccessDenied', 'User is not authorized to perform: rds:DescribeDBClusters', 403),
    deniedCode: 'AccessDenied',
  });
});
