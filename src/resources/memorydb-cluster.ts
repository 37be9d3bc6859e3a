import { DeleteClusterCommand, DescribeClustersCommand, ListTagsCommand, MemoryDBClient, paginateDescribeClusters } from '@aws-sdk/client-memorydb';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { tagsOf, type ResourceType, IN_A_VPC } from './resource-type.js';

/** DescribeClusters returns at most 100 clusters per page. */
const PAGE_SIZE = 100;

/**
 * Regions AWS offers no MemoryDB endpoint in: absent from AWS's endpoint data (botocore 1.43 `endpoints.json`,
 * service `memory-db`) and from the AWS General Reference table "Amazon MemoryDB endpoints and quotas"
 * (docs.aws.amazon.com/general/latest/gr/memorydb-service.html), which agree. No cluster can exist there, and the
 * call would only fail (a DNS error), making every audit of, say, ap-northeast-3 incomplete. A region missing from
 * this list (a new one) is asked as usual.
 */
const NOT_OFFERED = new Set([
  'af-south-1', 'ap-east-2', 'ap-northeast-3', 'ap-south-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6',
  'ap-southeast-7', 'ca-west-1', 'eu-central-2', 'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1',
]);

export const memorydbCluster: ResourceType = {
  type: 'memorydb:cluster',
  description: 'MemoryDB clusters (every node of every shard bills per node-hour)',
  scope: 'region',
  createdAt: false,
  permissions: {
    list: ['memorydb:DescribeClusters'],
    remove: ['memorydb:DeleteCluster', 'memorydb:DescribeClusters', 'memorydb:ListTags'],
  },
  properties: {
    status: { type: 'string', description: 'creating | available | updating | deleting | ...' },
    nodeType: { type: 'string', description: 'e.g. db.t4g.small' },
    numberOfShards: { type: 'number', description: 'shards' },
    nodeCount: { type: 'number', description: 'nodes across all shards (each bills)' },
    engine: { type: 'string', description: 'redis | valkey' },
  },
  // 1 DescribeClusters call per 100 clusters, shard details included (they give the node count); no creation time in
  // the API. Tags only for nuke (readTags: 1 ListTags per cluster). No call where MemoryDB is not offered.
  async list(ctx) {
    if (NOT_OFFERED.has(ctx.region)) return [];
    const out: Resource[] = [];
    for await (const page of paginateDescribeClusters({ client: ctx.client(MemoryDBClient), stopOnSameToken: true }, { MaxResults: PAGE_SIZE, ShowShardDetails: true })) {
      for (const c of page.Clusters ?? []) {
        if (!c.Name) continue;
        const shards = c.Shards ?? [];
        out.push({
          type: 'memorydb:cluster',
          id: c.Name,
          arn: c.ARN,
          name: c.Name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          tags: {},
          props: {
            status: c.Status,
            nodeType: c.NodeType,
            numberOfShards: c.NumberOfShards ?? shards.length,
            nodeCount: shards.length ? shards.reduce((n, s) => n + (s.NumberOfNodes ?? s.Nodes?.length ?? 0), 0) : (c.NumberOfShards ?? 0),
            engine: c.Engine,
          },
        });
      }
    }
    return out;
  },
  async readTags(ctx, resources) {
    const client = ctx.client(MemoryDBClient);
    const out = new Map<string, Record<string, string>>();
    await Promise.all(resources.map(async (r) => r.arn && out.set(r.id, tagsOf((await client.send(new ListTagsCommand({ ResourceArn: r.arn }))).TagList))));
    return out;
  },
  // No final snapshot (no FinalSnapshotName). Deleting takes minutes; wait so its subnet group can go next.
  async remove(ctx, resource) {
    const client = ctx.client(MemoryDBClient);
    await client.send(new DeleteClusterCommand({ ClusterName: resource.id }));
    await waitUntilGone(() => isNotFound(() => client.send(new DescribeClustersCommand({ ClusterName: resource.id }))), ctx.signal);
  },
  // It runs in subnets of a VPC: those, its security groups and the VPC are deleted after it.
  deleteBefore: IN_A_VPC,
  dependsOn: [],
  protect(resource) {
    if (resource.props.status === 'deleting') return 'already being deleted';
    return undefined;
  },
};
