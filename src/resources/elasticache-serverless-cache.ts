import { DeleteServerlessCacheCommand, DescribeServerlessCachesCommand, ElastiCacheClient, paginateDescribeServerlessCaches } from '@aws-sdk/client-elasticache';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { iso, type ResourceType, IN_A_VPC } from './resource-type.js';
import { elasticacheTags } from './elasticache-shared.js';

/** DescribeServerlessCaches returns at most 100 caches per page (default 50). */
const PAGE_SIZE = 100;

export const elasticacheServerlessCache: ResourceType = {
  type: 'elasticache:serverless-cache',
  description: 'ElastiCache Serverless caches (a minimum of stored data bills every hour, used or not)',
  scope: 'region',
  permissions: {
    list: ['elasticache:DescribeServerlessCaches'],
    remove: ['elasticache:DeleteServerlessCache', 'elasticache:DescribeServerlessCaches', 'elasticache:ListTagsForResource'],
  },
  properties: {
    status: { type: 'string', description: 'creating | available | deleting | create-failed | modifying' },
    engine: { type: 'string', description: 'redis | valkey | memcached' },
    majorEngineVersion: { type: 'string', description: 'e.g. 7, 8' },
  },
  // 1 DescribeServerlessCaches call per 100 caches; tags only for nuke (readTags).
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateDescribeServerlessCaches({ client: ctx.client(ElastiCacheClient), stopOnSameToken: true }, { MaxResults: PAGE_SIZE })) {
      for (const c of page.ServerlessCaches ?? []) {
        if (!c.ServerlessCacheName) continue;
        out.push({
          type: 'elasticache:serverless-cache',
          id: c.ServerlessCacheName,
          arn: c.ARN,
          name: c.ServerlessCacheName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(c.CreateTime),
          tags: {},
          props: { status: c.Status, engine: c.Engine, majorEngineVersion: c.MajorEngineVersion },
        });
      }
    }
    return out;
  },
  readTags: elasticacheTags,
  // No final snapshot (no FinalSnapshotName). Wait until gone so its subnets and security groups can go next.
  async remove(ctx, resource) {
    const client = ctx.client(ElastiCacheClient);
    await client.send(new DeleteServerlessCacheCommand({ ServerlessCacheName: resource.id }));
    await waitUntilGone(() => isNotFound(() => client.send(new DescribeServerlessCachesCommand({ ServerlessCacheName: resource.id }))), ctx.signal);
  },
  // It runs in subnets of a VPC: those, its security groups and the VPC are deleted after it.
  deleteBefore: IN_A_VPC,
  dependsOn: [],
  protect(resource) {
    if (resource.props.status === 'deleting') return 'already being deleted';
    return undefined;
  },
};
