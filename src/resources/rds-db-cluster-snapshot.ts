import { DeleteDBClusterSnapshotCommand, RDSClient, paginateDescribeDBClusterSnapshots } from '@aws-sdk/client-rds';
import type { Resource } from '../core/model.js';
import { iso, tagsOf, type ResourceType } from './resource-type.js';

/** DescribeDBClusterSnapshots accepts 20..100 records per page. */
const PAGE_SIZE = 100;

export const rdsDbClusterSnapshot: ResourceType = {
  type: 'rds:db-cluster-snapshot',
  description: 'RDS DB cluster snapshots taken by hand (billed per GiB-month; automated ones go with their cluster)',
  scope: 'region',
  permissions: {
    list: ['rds:DescribeDBClusterSnapshots'],
    remove: ['rds:DeleteDBClusterSnapshot'],
  },
  properties: {
    dbClusterIdentifier: { type: 'string', description: 'the cluster it was taken from', ref: { to: 'rds:db-cluster', kind: 'none' } },
    snapshotType: { type: 'string', description: 'manual | automated | awsbackup | shared | public' },
    status: { type: 'string', description: 'creating | available | ...' },
    engine: { type: 'string', description: 'e.g. aurora-mysql' },
  },
  // 1 DescribeDBClusterSnapshots call per 100 snapshots; tags come in the same answer.
  async list(ctx) {
    const out: Resource[] = [];
    const pages = paginateDescribeDBClusterSnapshots({ client: ctx.client(RDSClient), stopOnSameToken: true }, { MaxRecords: PAGE_SIZE });
    for await (const page of pages) {
      for (const s of page.DBClusterSnapshots ?? []) {
        if (!s.DBClusterSnapshotIdentifier) continue;
        const tags = tagsOf(s.TagList);
        out.push({
          type: 'rds:db-cluster-snapshot',
          id: s.DBClusterSnapshotIdentifier,
          arn: s.DBClusterSnapshotArn,
          name: tags.Name ?? s.DBClusterSnapshotIdentifier,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(s.SnapshotCreateTime),
          tags,
          props: { dbClusterIdentifier: s.DBClusterIdentifier, snapshotType: s.SnapshotType, status: s.Status, engine: s.Engine },
        });
      }
    }
    return out;
  },
  async remove(ctx, resource) {
    await ctx.client(RDSClient).send(new DeleteDBClusterSnapshotCommand({ DBClusterSnapshotIdentifier: resource.id }));
  },
  dependsOn: [],
  protect(resource) {
    const kind = resource.props.snapshotType;
    if (kind !== undefined && kind !== 'manual') return `${String(kind)} snapshot: AWS deletes it with its cluster or backup plan`;
    if (resource.props.status === 'deleting') return 'already being deleted';
    return undefined;
  },
};
