import { DeleteEndpointCommand, DescribeEndpointCommand, DescribeEndpointConfigCommand, SageMakerClient, paginateListEndpoints, type EndpointSummary } from '@aws-sdk/client-sagemaker';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { iso, type ResourceType } from './resource-type.js';
import { SAGEMAKER_NOT_FOUND, sagemakerTags } from './sagemaker-shared.js';

/** ListEndpoints accepts 1..100 results per page. */
const PAGE_SIZE = 100;

export const sagemakerEndpoint: ResourceType = {
  type: 'sagemaker:endpoint',
  description: 'SageMaker real-time inference endpoints (every instance of every production variant bills per hour while the endpoint exists)',
  scope: 'region',
  permissions: {
    list: ['sagemaker:ListEndpoints', 'sagemaker:DescribeEndpoint', 'sagemaker:DescribeEndpointConfig'],
    remove: ['sagemaker:DeleteEndpoint', 'sagemaker:DescribeEndpoint', 'sagemaker:ListTags'],
  },
  properties: {
    status: { type: 'string', description: 'OutOfService | Creating | Updating | SystemUpdating | RollingBack | InService | Deleting | Failed | UpdateRollbackFailed' },
    endpointConfigName: {
      type: 'string',
      description: 'the endpoint configuration it runs',
      ref: { to: 'sagemaker:endpoint-config', kind: 'uses', byName: true },
    },
    instanceType: { type: 'string', description: 'instance type of the first instance-backed production variant, e.g. ml.m5.large' },
    instanceCount: { type: 'number', description: 'instances running across all production variants (0 for serverless endpoints)' },
    serverless: { type: 'boolean', description: 'true when every variant is serverless (no idle instance charge)' },
  },
  // 1 ListEndpoints call per 100 endpoints, then 1 DescribeEndpoint and 1 DescribeEndpointConfig per endpoint: the
  // instance count and type are in no listing. Bounded by the endpoints in the region (each costs $80+ a month, so few).
  async list(ctx) {
    const client = ctx.client(SageMakerClient);
    const summaries: EndpointSummary[] = [];
    for await (const page of paginateListEndpoints({ client, stopOnSameToken: true }, { MaxResults: PAGE_SIZE })) {
      for (const e of page.Endpoints ?? []) if (e.EndpointName) summaries.push(e);
    }
    return Promise.all(
      summaries.map(async (e): Promise<Resource> => {
        const endpoint = await client.send(new DescribeEndpointCommand({ EndpointName: e.EndpointName }));
        const config = endpoint.EndpointConfigName
          ? await client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: endpoint.EndpointConfigName }))
          : undefined;
        const variants = config?.ProductionVariants ?? [];
        const instanceVariant = variants.find((v) => v.InstanceType !== undefined);
        const running = endpoint.ProductionVariants ?? [];
        const instanceCount = running.length
          ? running.reduce((n, v) => n + (v.CurrentServerlessConfig ? 0 : (v.CurrentInstanceCount ?? 0)), 0)
          : variants.reduce((n, v) => n + (v.ServerlessConfig ? 0 : (v.InitialInstanceCount ?? 0)), 0);
        return {
          type: 'sagemaker:endpoint',
          id: e.EndpointName as string,
          arn: e.EndpointArn,
          name: e.EndpointName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(e.CreationTime),
          tags: {},
          props: {
            status: e.EndpointStatus,
            endpointConfigName: endpoint.EndpointConfigName,
            instanceType: instanceVariant?.InstanceType,
            instanceCount,
            serverless: variants.length > 0 && variants.every((v) => v.ServerlessConfig !== undefined),
          },
        };
      }),
    );
  },
  readTags: sagemakerTags,
  // Deleting an endpoint is asynchronous: wait until it is gone so its endpoint config and models can go next.
  async remove(ctx, resource) {
    const client = ctx.client(SageMakerClient);
    await client.send(new DeleteEndpointCommand({ EndpointName: resource.id }));
    await waitUntilGone(() => isNotFound(() => client.send(new DescribeEndpointCommand({ EndpointName: resource.id })), SAGEMAKER_NOT_FOUND), ctx.signal);
  },
  dependsOn: [],
  protect(resource) {
    if (resource.props.status === 'Deleting') return 'already being deleted';
    return undefined;
  },
};
