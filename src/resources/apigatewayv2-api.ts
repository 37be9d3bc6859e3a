import { ApiGatewayV2Client, DeleteApiCommand, GetApisCommand, type Api } from '@aws-sdk/client-apigatewayv2';
import type { Resource } from '../core/model.js';
import { partitionOf } from '../aws/regions.js';
import { iso, type ResourceType } from './resource-type.js';

/** GetApis returns up to 500 items per page (MaxResults is a string in this API). */
const PAGE_SIZE = '500';

export const apigatewayv2Api: ResourceType = {
  type: 'apigatewayv2:api',
  description: 'API Gateway HTTP and WebSocket APIs (billed per request or message)',
  scope: 'region',
  permissions: {
    list: ['apigateway:GET'],
    remove: ['apigateway:DELETE'],
  },
  properties: {
    protocolType: { type: 'string', description: 'HTTP | WEBSOCKET' },
    apiEndpoint: { type: 'string', description: 'the default endpoint' },
    description: { type: 'string', description: 'the description given at creation' },
  },
  // 1 GetApis call per 500 APIs; tags come in the same answer.
  async list(ctx) {
    const client = ctx.client(ApiGatewayV2Client);
    const apis: Api[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(new GetApisCommand({ MaxResults: PAGE_SIZE, NextToken: nextToken }));
      apis.push(...(page.Items ?? []));
      nextToken = page.NextToken;
    } while (nextToken);
    return apis
      .filter((a) => a.ApiId)
      .map(
        (a): Resource => ({
          type: 'apigatewayv2:api',
          id: a.ApiId as string,
          arn: `arn:${partitionOf(ctx.region)}:apigateway:${ctx.region}::/apis/${a.ApiId}`,
          name: a.Name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(a.CreatedDate),
          tags: { ...(a.Tags ?? {}) },
          props: { protocolType: a.ProtocolType, apiEndpoint: a.ApiEndpoint, description: a.Description },
        }),
      );
  },
  async remove(ctx, resource) {
    await ctx.client(ApiGatewayV2Client).send(new DeleteApiCommand({ ApiId: resource.id }));
  },
  dependsOn: ['cloudformation:stack'],
};
