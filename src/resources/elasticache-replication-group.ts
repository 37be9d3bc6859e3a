import { DeleteReplicationGroupCommand, DescribeReplicationGroupsCommand, ElastiCacheClient, paginateDescribeReplicationGroups } from '@aws-sdk/client-elasticache';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { iso, type ResourceType, IN_A_VPC } from './resource-type.js';
import { elasticacheTags } from './elasticache-shared.js';

/** DescribeReplicationGroups accepts 20..100 records per page. */
const PAGE_SIZE = 100;

export const elasticacheReplicationGroup: ResourceType = {
  type: 'elasticache:replication-group',
  description: 'ElastiCache Redis/Valkey replication groups (every member node bills per node-hour)',
  scope: 'region',
  permissions: {
    list: ['elasticache:DescribeReplicationGroups'],
    remove: ['elasticache:DeleteReplicationGroup', 'elasticache:DescribeReplicationGroups', 'elasticache:ListTagsForResource'],
  },
  properties: {
    status: { type: 'string', description: 'creating | available | modifying | deleting | create-failed | snapshotting' },
    engine: { type: 'string', description: 'redis | valkey' },
    cacheNodeType: { type: 'string', description: 'e.g. cache.t3.micro' },
    nodeCount: { type: 'number', description: 'member nodes (each bills)' },
    clusterEnabled: { type: 'boolean', description: 'true in cluster mode (shards)' },
    memberClusters: { type: 'strings', description: 'its member cache clusters (they go with the group)', ref: { to: 'elasticache:cache-cluster', kind: 'none' } },
  },
  // 1 DescribeReplicationGroups call per 100 groups; tags only for nuke (readTags: 1 ListTagsForResource per group).
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateDescribeReplicationGroups({ client: ctx.client(ElastiCacheClient), stopOnSameToken: true }, { MaxRecords: PAGE_SIZE })) {
      for (const g of page.ReplicationGroups ?? []) {
        if (!g.ReplicationGroupId) continue;
        out.push({
          type: 'elasticache:replication-group',
          id: g.ReplicationGroupId,
          arn: g.ARN,
          name: g.ReplicationGroupId,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(g.ReplicationGroupCreateTime),
          tags: {},
          props: {
            status: g.Status,
            engine: g.Engine,
            cacheNodeType: g.CacheNodeType,
            nodeCount: g.MemberClusters?.length ?? 0,
            clusterEnabled: g.ClusterEnabled === true,
            memberClusters: g.MemberClusters ?? [],
          },
        });
      }
    }
    return out;
  },
  readTags: elasticacheTags,
  // No final snapshot (no FinalSnapshotIdentifier) and the primary goes too: a lab cache goes entirely. Deleting takes
  // minutes; wait so its subnet group and security groups can go next.
  async remove(ctx, resource) {
    const client = ctx.client(ElastiCacheClient);
    await client.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: resource.id, RetainPrimaryCluster: false }));
    await waitUntilGone(() => isNotFound(() => client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: resource.id }))), ctx.signal);
  },
  // It runs in subnets of a VPC: those, its security groups and the VPC are deleted after it.
  deleteBefore: IN_A_VPC,
  dependsOn: [],
  protect(resource) {
    if (resource.props.status === 'deleting') return 'already being deleted';
    return undefined;
  },
};
