// What the ElastiCache resource types share: tags by ARN, read for nuke only.
import { ElastiCacheClient, ListTagsForResourceCommand } from '@aws-sdk/client-elasticache';
import type { Resource } from '../core/model.js';
import { tagsOf, type CollectContext } from './resource-type.js';

/** Tags of ElastiCache resources by id: 1 ListTagsForResource call per resource (it takes one ARN). */
export async function elasticacheTags(ctx: CollectContext, resources: Resource[]): Promise<Map<string, Record<string, string>>> {
  const client = ctx.client(ElastiCacheClient);
  const out = new Map<string, Record<string, string>>();
  await Promise.all(
    resources.map(async (r) => {
      if (r.arn) out.set(r.id, tagsOf((await client.send(new ListTagsForResourceCommand({ ResourceName: r.arn }))).TagList));
    }),
  );
  return out;
}
