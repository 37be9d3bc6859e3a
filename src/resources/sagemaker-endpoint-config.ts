import { DeleteEndpointConfigCommand, SageMakerClient, paginateListEndpointConfigs } from '@aws-sdk/client-sagemaker';
import type { Resource } from '../core/model.js';
import { iso, type ResourceType } from './resource-type.js';
import { sagemakerTags } from './sagemaker-shared.js';

/** ListEndpointConfigs accepts 1..100 results per page. */
const PAGE_SIZE = 100;

export const sagemakerEndpointConfig: ResourceType = {
  type: 'sagemaker:endpoint-config',
  description: 'SageMaker endpoint configurations (free themselves; what an endpoint runs)',
  scope: 'region',
  permissions: {
    list: ['sagemaker:ListEndpointConfigs'],
    remove: ['sagemaker:DeleteEndpointConfig', 'sagemaker:ListTags'],
  },
  properties: {
    configName: { type: 'string', description: 'the endpoint configuration name endpoints refer to' },
  },
  // 1 ListEndpointConfigs call per 100 configs (names, ARNs and creation times only).
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateListEndpointConfigs({ client: ctx.client(SageMakerClient), stopOnSameToken: true }, { MaxResults: PAGE_SIZE })) {
      for (const c of page.EndpointConfigs ?? []) {
        if (!c.EndpointConfigName) continue;
        out.push({
          type: 'sagemaker:endpoint-config',
          id: c.EndpointConfigName,
          arn: c.EndpointConfigArn,
          name: c.EndpointConfigName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(c.CreationTime),
          tags: {},
          props: { configName: c.EndpointConfigName },
        });
      }
    }
    return out;
  },
  readTags: sagemakerTags,
  async remove(ctx, resource) {
    await ctx.client(SageMakerClient).send(new DeleteEndpointConfigCommand({ EndpointConfigName: resource.id }));
  },
  // The endpoints running a config go first (an endpoint that stays keeps its config through its reference).
  dependsOn: ['sagemaker:endpoint'],
};
