import { afterEach, describe, expect, it } from 'vitest';
import { rdsDbInstance } from '../../../src/resources/rds-db-instance.js';
import { testCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { pagedCollectorCases } from './collector-cases.js';
import { fakeAws, ORIGINS, queryError, queryReply, type FakeReply } from './fake-aws.js';

const NS = 'http://rds.amazonaws.com/doc/2014-10-31/';
const db = (id: string, inner = '<Engine>mysql</Engine><DBInstanceStatus>available</DBInstanceStatus>') =>
  `<DBInstance><DBInstanceIdentifier>${id}</DBInstanceIdentifier><DBInstanceArn>arn:aws:rds:us-east-1:111111111111:db:${id}</DBInstanceArn>${inner}</DBInstance>`;
const page = (items: string[], next?: string): FakeReply =>
  queryReply('DescribeDBInstances', `<DBInstances>${items.join('')}</DBInstances>${next ? `<Marker>${next}</Marker>` : ''}`, NS);

describe('rds:db-instance', () => {
  let t: TestCollectContext;
  afterEach(() => t?.dispose());

  it('maps a Multi-AZ MySQL instance and an Aurora cluster member', async () => {
    t = testCollectContext();
    fakeAws(ORIGINS.rds, {
      DescribeDBInstances: () =>
        page([
          db(
            'lab-db',
            `<DBInstanceClass>db.t3.micro</DBInstanceClass><Engine>mysql</Engine><EngineVersion>8.0.35</EngineVersion><DBInstanceStatus>available</DBInstanceStatus>
             <AllocatedStorage>20</AllocatedStorage><InstanceCreateTime>2025-01-10T10:00:00.000Z</InstanceCreateTime><MultiAZ>true</MultiAZ>
             <StorageType>gp3</StorageType><Iops>3000</Iops><TagList><Tag><Key>env</Key><Value>lab</Value></Tag></TagList>`,
          ),
          db(
            'aurora-1',
            `<DBInstanceClass>db.r6g.large</DBInstanceClass><Engine>aurora-postgresql</Engine><EngineVersion>15.4</EngineVersion><DBInstanceStatus>stopped</DBInstanceStatus>
             <AllocatedStorage>1</AllocatedStorage><MultiAZ>false</MultiAZ><StorageType>aurora</StorageType><DBClusterIdentifier>aurora</DBClusterIdentifier><TagList/>`,
          ),
        ]),
    });
    const [mysql, aurora] = await rdsDbInstance.list(t.ctx);
    expect(mysql).toEqual({
      type: 'rds:db-instance',
      id: 'lab-db',
      arn: 'arn:aws:rds:us-east-1:111111111111:db:lab-db',
      name: 'lab-db',
      accountId: '111111111111',
      region: 'us-east-1',
      createdAt: '2025-01-10T10:00:00.000Z',
      tags: { env: 'lab' },
      props: {
        dbInstanceClass: 'db.t3.micro',
        engine: 'mysql',
        engineVersion: '8.0.35',
        status: 'available',
        multiAZ: true,
        allocatedStorageGiB: 20,
        storageType: 'gp3',
        iops: 3000,
        dbClusterIdentifier: undefined,
        isAurora: false,
      },
    });
    expect(aurora.props).toMatchObject({ engine: 'aurora-postgresql', status: 'stopped', multiAZ: false, dbClusterIdentifier: 'aurora', isAurora: true, iops: undefined });
  });

  pagedCollectorCases({
    type: rdsDbInstance,
    origin: ORIGINS.rds,
    service: 'rds',
    op: 'DescribeDBInstances',
    pageSize: { name: 'MaxRecords', max: 100 },
    tokenParam: 'Marker',
    page: (ids, next) => page(ids.map((id) => db(id)), next),
    throttle: queryError('Throttling', 'Rate exceeded'),
    denied: queryError('AccessDenied', 'User is not authorized to perform: rds:DescribeDBInstances', 403),
    deniedCode: 'AccessDenied',
  });
});
