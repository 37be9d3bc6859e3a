import { DeleteDBInstanceCommand, DescribeDBInstancesCommand, RDSClient, paginateDescribeDBInstances } from '@aws-sdk/client-rds';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { iso, tagsOf, type ResourceType } from './resource-type.js';

/** DescribeDBInstances accepts 20..100 records per page. */
const PAGE_SIZE = 100;

export const rdsDbInstance: ResourceType = {
  type: 'rds:db-instance',
  description: 'RDS DB instances, including Aurora cluster members (billed per hour plus storage)',
  scope: 'region',
  permissions: {
    list: ['rds:DescribeDBInstances'],
    remove: ['rds:DeleteDBInstance', 'rds:DescribeDBInstances'],
  },
  properties: {
    dbInstanceClass: { type: 'string', description: 'e.g. db.t3.micro' },
    engine: { type: 'string', description: 'e.g. mysql, postgres, aurora-mysql' },
    engineVersion: { type: 'string', description: 'engine version' },
    status: { type: 'string', description: 'available | stopped | creating | ...' },
    multiAZ: { type: 'boolean', description: 'true for a Multi-AZ deployment' },
    allocatedStorageGiB: { type: 'number', description: 'allocated storage in GiB' },
    storageType: { type: 'string', description: 'gp2 | gp3 | io1 | io2 | standard | aurora' },
    iops: { type: 'number', description: 'provisioned IOPS' },
    dbClusterIdentifier: { type: 'string', description: 'cluster the instance belongs to (Aurora, Multi-AZ clusters)', ref: { to: 'rds:db-cluster', kind: 'uses' } },
    isAurora: { type: 'boolean', description: 'true when the engine is an Aurora engine' },
  },
  // 1 DescribeDBInstances call per 100 instances; tags come in the same answer.
  async list(ctx) {
    const out: Resource[] = [];
    const pages = paginateDescribeDBInstances({ client: ctx.client(RDSClient), stopOnSameToken: true }, { MaxRecords: PAGE_SIZE });
    for await (const page of pages) {
      for (const db of page.DBInstances ?? []) {
        if (!db.DBInstanceIdentifier) continue;
        const tags = tagsOf(db.TagList);
        out.push({
          type: 'rds:db-instance',
          id: db.DBInstanceIdentifier,
          arn: db.DBInstanceArn,
          name: tags.Name ?? db.DBInstanceIdentifier,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(db.InstanceCreateTime),
          tags,
          props: {
            dbInstanceClass: db.DBInstanceClass,
            engine: db.Engine,
            engineVersion: db.EngineVersion,
            status: db.DBInstanceStatus,
            multiAZ: db.MultiAZ,
            allocatedStorageGiB: db.AllocatedStorage,
            storageType: db.StorageType,
            iops: db.Iops,
            dbClusterIdentifier: db.DBClusterIdentifier,
            isAurora: (db.Engine ?? '').startsWith('aurora'),
          },
        });
      }
    }
    return out;
  },
  // No final snapshot and no retained automated backups: a lab database goes entirely. Deletion protection
  // makes the call fail (reported). Deleting takes minutes; wait so its subnets and security groups can go next.
  async remove(ctx, resource) {
    const rds = ctx.client(RDSClient);
    await rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: resource.id, SkipFinalSnapshot: true, DeleteAutomatedBackups: true }));
    await waitUntilGone(() => isNotFound(() => rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: resource.id }))), ctx.signal);
  },
  dependsOn: [],
  protect(resource) {
    if (resource.props.status === 'deleting') return 'already being deleted';
    return undefined;
  },
};
