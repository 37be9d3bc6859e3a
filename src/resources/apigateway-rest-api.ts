import { APIGatewayClient, DeleteRestApiCommand, paginateGetRestApis } from '@aws-sdk/client-api-gateway';
import type { Resource } from '../core/model.js';
import { partitionOf } from '../aws/regions.js';
import { iso, type ResourceType } from './resource-type.js';

/** GetRestApis accepts up to 500 items per page. */
const PAGE_SIZE = 500;

export const apigatewayRestApi: ResourceType = {
  type: 'apigateway:rest-api',
  description: 'API Gateway REST APIs (billed per request; caches per hour). AWS allows about one delete per 30 s per account',
  scope: 'region',
  permissions: {
    list: ['apigateway:GET'],
    remove: ['apigateway:DELETE'],
  },
  properties: {
    endpointTypes: { type: 'strings', description: 'EDGE | REGIONAL | PRIVATE' },
    description: { type: 'string', description: 'the description given at creation' },
    apiKeySource: { type: 'string', description: 'HEADER | AUTHORIZER' },
  },
  // 1 GetRestApis call per 500 APIs; tags come in the same answer.
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateGetRestApis({ client: ctx.client(APIGatewayClient), stopOnSameToken: true }, { limit: PAGE_SIZE })) {
      for (const api of page.items ?? []) {
        if (!api.id) continue;
        out.push({
          type: 'apigateway:rest-api',
          id: api.id,
          arn: `arn:${partitionOf(ctx.region)}:apigateway:${ctx.region}::/restapis/${api.id}`,
          name: api.name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(api.createdDate),
          tags: { ...(api.tags ?? {}) },
          props: { endpointTypes: api.endpointConfiguration?.types ?? [], description: api.description, apiKeySource: api.apiKeySource },
        });
      }
    }
    return out;
  },
  async remove(ctx, resource) {
    await ctx.client(APIGatewayClient).send(new DeleteRestApiCommand({ restApiId: resource.id }));
  },
  dependsOn: ['cloudformation:stack'],
};
