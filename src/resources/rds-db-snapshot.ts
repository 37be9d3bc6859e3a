import { DeleteDBSnapshotCommand, RDSClient, paginateDescribeDBSnapshots } from '@aws-sdk/client-rds';
import type { Resource } from '../core/model.js';
import { iso, tagsOf, type ResourceType } from './resource-type.js';

/** DescribeDBSnapshots accepts 20..100 records per page. */
const PAGE_SIZE = 100;

export const rdsDbSnapshot: ResourceType = {
  type: 'rds:db-snapshot',
  description: 'RDS DB instance snapshots taken by hand (billed per GiB-month; automated ones go with their instance)',
  scope: 'region',
  permissions: {
    list: ['rds:DescribeDBSnapshots'],
    remove: ['rds:DeleteDBSnapshot'],
  },
  properties: {
    dbInstanceIdentifier: { type: 'string', description: 'the instance it was taken from', ref: { to: 'rds:db-instance', kind: 'none' } },
    snapshotType: { type: 'string', description: 'manual | automated | awsbackup | shared | public' },
    status: { type: 'string', description: 'creating | available | ...' },
    allocatedStorageGiB: { type: 'number', description: 'storage of the source instance in GiB' },
    engine: { type: 'string', description: 'e.g. mysql, postgres' },
  },
  // 1 DescribeDBSnapshots call per 100 snapshots; tags come in the same answer.
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateDescribeDBSnapshots({ client: ctx.client(RDSClient), stopOnSameToken: true }, { MaxRecords: PAGE_SIZE })) {
      for (const s of page.DBSnapshots ?? []) {
        if (!s.DBSnapshotIdentifier) continue;
        const tags = tagsOf(s.TagList);
        out.push({
          type: 'rds:db-snapshot',
          id: s.DBSnapshotIdentifier,
          arn: s.DBSnapshotArn,
          name: tags.Name ?? s.DBSnapshotIdentifier,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(s.SnapshotCreateTime ?? s.OriginalSnapshotCreateTime),
          tags,
          props: {
            dbInstanceIdentifier: s.DBInstanceIdentifier,
            snapshotType: s.SnapshotType,
            status: s.Status,
            allocatedStorageGiB: s.AllocatedStorage,
            engine: s.Engine,
          },
        });
      }
    }
    return out;
  },
  async remove(ctx, resource) {
    await ctx.client(RDSClient).send(new DeleteDBSnapshotCommand({ DBSnapshotIdentifier: resource.id }));
  },
  dependsOn: [],
  protect(resource) {
    const kind = resource.props.snapshotType;
    if (kind !== undefined && kind !== 'manual') return `${String(kind)} snapshot: AWS deletes it with its DB instance or backup plan`;
    if (resource.props.status === 'deleting') return 'already being deleted';
    return undefined;
  },
};
