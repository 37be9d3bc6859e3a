import { DeleteDBClusterCommand, DescribeDBClustersCommand, RDSClient, paginateDescribeDBClusters } from '@aws-sdk/client-rds';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { iso, tagsOf, type ResourceType } from './resource-type.js';

/** DescribeDBClusters accepts 20..100 records per page. */
const PAGE_SIZE = 100;

export const rdsDbCluster: ResourceType = {
  type: 'rds:db-cluster',
  description: 'RDS DB clusters (Aurora and Multi-AZ DB clusters)',
  scope: 'region',
  permissions: {
    list: ['rds:DescribeDBClusters'],
    remove: ['rds:DeleteDBCluster', 'rds:DescribeDBClusters'],
  },
  properties: {
    engine: { type: 'string', description: 'e.g. aurora-mysql, aurora-postgresql, mysql' },
    status: { type: 'string', description: 'available | stopped | creating | ...' },
    engineMode: { type: 'string', description: 'provisioned | serverless | parallelquery | global | multimaster' },
    multiAZ: { type: 'boolean', description: 'true when the cluster has instances in several AZs' },
    isAurora: { type: 'boolean', description: 'true when the engine is an Aurora engine' },
  },
  // 1 DescribeDBClusters call per 100 clusters; tags come in the same answer.
  async list(ctx) {
    const out: Resource[] = [];
    const pages = paginateDescribeDBClusters({ client: ctx.client(RDSClient), stopOnSameToken: true }, { MaxRecords: PAGE_SIZE });
    for await (const page of pages) {
      for (const c of page.DBClusters ?? []) {
        if (!c.DBClusterIdentifier) continue;
        const tags = tagsOf(c.TagList);
        out.push({
          type: 'rds:db-cluster',
          id: c.DBClusterIdentifier,
          arn: c.DBClusterArn,
          name: tags.Name ?? c.DBClusterIdentifier,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(c.ClusterCreateTime),
          tags,
          props: {
            engine: c.Engine,
            status: c.Status,
            engineMode: c.EngineMode,
            multiAZ: c.MultiAZ,
            isAurora: (c.Engine ?? '').startsWith('aurora'),
          },
        });
      }
    }
    return out;
  },
  // Its instances go first; no final snapshot. Wait until gone so its subnets and security groups can go next.
  async remove(ctx, resource) {
    const rds = ctx.client(RDSClient);
    await rds.send(new DeleteDBClusterCommand({ DBClusterIdentifier: resource.id, SkipFinalSnapshot: true }));
    await waitUntilGone(() => isNotFound(() => rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: resource.id }))), ctx.signal);
  },
  dependsOn: ['rds:db-instance'],
  protect(resource) {
    if (resource.props.status === 'deleting') return 'already being deleted';
    return undefined;
  },
};
