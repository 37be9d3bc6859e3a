import { DeleteModelCommand, SageMakerClient, paginateListModels } from '@aws-sdk/client-sagemaker';
import type { Resource } from '../core/model.js';
import { iso, type ResourceType } from './resource-type.js';
import { sagemakerTags } from './sagemaker-shared.js';

/** ListModels accepts 1..100 results per page. */
const PAGE_SIZE = 100;

export const sagemakerModel: ResourceType = {
  type: 'sagemaker:model',
  description: 'SageMaker models (free themselves; artifacts in S3 bill as S3)',
  scope: 'region',
  permissions: {
    list: ['sagemaker:ListModels'],
    remove: ['sagemaker:DeleteModel', 'sagemaker:ListTags'],
  },
  properties: {
    modelName: { type: 'string', description: 'the model name endpoint configurations refer to' },
  },
  // 1 ListModels call per 100 models (names, ARNs and creation times only).
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateListModels({ client: ctx.client(SageMakerClient), stopOnSameToken: true }, { MaxResults: PAGE_SIZE })) {
      for (const m of page.Models ?? []) {
        if (!m.ModelName) continue;
        out.push({
          type: 'sagemaker:model',
          id: m.ModelName,
          arn: m.ModelArn,
          name: m.ModelName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(m.CreationTime),
          tags: {},
          props: { modelName: m.ModelName },
        });
      }
    }
    return out;
  },
  readTags: sagemakerTags,
  async remove(ctx, resource) {
    await ctx.client(SageMakerClient).send(new DeleteModelCommand({ ModelName: resource.id }));
  },
  // Endpoints first, then their configs, then the models (an endpoint keeps its execution role and model until it is gone).
  dependsOn: ['sagemaker:endpoint', 'sagemaker:endpoint-config'],
};
