import { DeleteCacheClusterCommand, DescribeCacheClustersCommand, ElastiCacheClient, ListTagsForResourceCommand, paginateDescribeCacheClusters, type CacheCluster } from '@aws-sdk/client-elasticache';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { iso, tagsOf, type ResourceType } from './resource-type.js';

/** DescribeCacheClusters accepts 20..100 records per page. */
const PAGE_SIZE = 100;

export const elasticacheCacheCluster: ResourceType = {
  type: 'elasticache:cache-cluster',
  description: 'ElastiCache clusters (Memcached, and Redis/Valkey nodes outside replication groups; billed per node-hour)',
  scope: 'region',
  permissions: {
    list: ['elasticache:DescribeCacheClusters', 'elasticache:ListTagsForResource'],
    remove: ['elasticache:DeleteCacheCluster', 'elasticache:DescribeCacheClusters'],
  },
  properties: {
    engine: { type: 'string', description: 'redis | valkey | memcached' },
    status: { type: 'string', description: 'available | creating | deleting | ...' },
    cacheNodeType: { type: 'string', description: 'e.g. cache.t3.micro' },
    numCacheNodes: { type: 'number', description: 'number of nodes' },
    replicationGroupId: { type: 'string', description: 'the replication group it is a member of (it goes with the group)' },
  },
  // 1 DescribeCacheClusters call per 100 clusters, then 1 ListTagsForResource per cluster.
  async list(ctx) {
    const client = ctx.client(ElastiCacheClient);
    const clusters: CacheCluster[] = [];
    for await (const page of paginateDescribeCacheClusters({ client, stopOnSameToken: true }, { MaxRecords: PAGE_SIZE })) {
      for (const c of page.CacheClusters ?? []) if (c.CacheClusterId) clusters.push(c);
    }
    return Promise.all(
      clusters.map(async (c): Promise<Resource> => {
        const tags = c.ARN ? tagsOf((await client.send(new ListTagsForResourceCommand({ ResourceName: c.ARN }))).TagList) : {};
        return {
          type: 'elasticache:cache-cluster',
          id: c.CacheClusterId as string,
          arn: c.ARN,
          name: c.CacheClusterId,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(c.CacheClusterCreateTime),
          tags,
          props: { engine: c.Engine, status: c.CacheClusterStatus, cacheNodeType: c.CacheNodeType, numCacheNodes: c.NumCacheNodes, replicationGroupId: c.ReplicationGroupId },
        };
      }),
    );
  },
  // Deleting takes minutes; wait so its subnets and security groups can go next.
  async remove(ctx, resource) {
    const client = ctx.client(ElastiCacheClient);
    await client.send(new DeleteCacheClusterCommand({ CacheClusterId: resource.id }));
    await waitUntilGone(() => isNotFound(() => client.send(new DescribeCacheClustersCommand({ CacheClusterId: resource.id }))), ctx.signal);
  },
  dependsOn: ['cloudformation:stack'],
  protect(resource) {
    if (resource.props.replicationGroupId) return `member of replication group ${String(resource.props.replicationGroupId)}: it goes with the group`;
    if (resource.props.status === 'deleting') return 'already being deleted';
    return undefined;
  },
};
