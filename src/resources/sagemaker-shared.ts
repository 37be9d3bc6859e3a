// What the SageMaker resource types share: tags by ARN (for nuke only) and SageMaker's not-found errors.
import { ListTagsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { Resource } from '../core/model.js';
import type { CollectContext } from './resource-type.js';
import { tagsOf } from './resource-type.js';

/** SageMaker answers a Describe of a missing resource with ValidationException ("Could not find ..."). */
export const SAGEMAKER_NOT_FOUND = /NotFound|Could not find|does not exist/i;

/** Tags of SageMaker resources by id: 1 ListTags call per resource (ListTags takes one ARN). */
export async function sagemakerTags(ctx: CollectContext, resources: Resource[]): Promise<Map<string, Record<string, string>>> {
  const client = ctx.client(SageMakerClient);
  const out = new Map<string, Record<string, string>>();
  await Promise.all(
    resources.map(async (r) => {
      if (r.arn) out.set(r.id, tagsOf((await client.send(new ListTagsCommand({ ResourceArn: r.arn, MaxResults: 100 }))).Tags));
    }),
  );
  return out;
}
