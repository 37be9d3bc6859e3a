import { DeleteVpcEndpointsCommand, DescribeVpcEndpointsCommand, EC2Client, paginateDescribeVpcEndpoints } from '@aws-sdk/client-ec2';
import type { Resource } from '../core/model.js';
import { partitionOf } from '../aws/regions.js';
import { waitUntilGone } from '../aws/nuke/wait.js';
import { iso, tagsOf, type ResourceType } from './resource-type.js';

/** DescribeVpcEndpoints returns at most 1000 items per page. */
const PAGE_SIZE = 1000;

export const ec2VpcEndpoint: ResourceType = {
  type: 'ec2:vpc-endpoint',
  description: 'VPC endpoints (interface endpoints are billed per hour per AZ; gateway endpoints are free)',
  scope: 'region',
  permissions: {
    list: ['ec2:DescribeVpcEndpoints'],
    remove: ['ec2:DeleteVpcEndpoints', 'ec2:DescribeVpcEndpoints'],
  },
  properties: {
    vpcEndpointType: { type: 'string', description: 'Interface | Gateway | GatewayLoadBalancer | Resource | ServiceNetwork' },
    serviceName: { type: 'string', description: 'e.g. com.amazonaws.us-east-1.s3' },
    state: { type: 'string', description: 'pendingAcceptance | pending | available | deleting | rejected | failed | expired | partial (deleted endpoints are not listed)' },
    vpcId: { type: 'string', description: 'VPC id', ref: { to: 'ec2:vpc', kind: 'uses' } },
    subnetCount: { type: 'number', description: 'number of subnets (one per AZ) the endpoint has network interfaces in; 0 for gateway endpoints' },
  },
  // 1 DescribeVpcEndpoints call per 1000 endpoints.
  async list(ctx) {
    const out: Resource[] = [];
    const pages = paginateDescribeVpcEndpoints({ client: ctx.client(EC2Client), stopOnSameToken: true }, { MaxResults: PAGE_SIZE });
    for await (const page of pages) {
      for (const ep of page.VpcEndpoints ?? []) {
        if (!ep.VpcEndpointId || String(ep.State).toLowerCase() === 'deleted') continue;
        const tags = tagsOf(ep.Tags);
        out.push({
          type: 'ec2:vpc-endpoint',
          id: ep.VpcEndpointId,
          arn: `arn:${partitionOf(ctx.region)}:ec2:${ctx.region}:${ep.OwnerId ?? ctx.accountId}:vpc-endpoint/${ep.VpcEndpointId}`,
          name: tags.Name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(ep.CreationTimestamp),
          tags,
          props: {
            vpcEndpointType: ep.VpcEndpointType,
            serviceName: ep.ServiceName,
            state: ep.State,
            vpcId: ep.VpcId,
            subnetCount: ep.SubnetIds?.length ?? 0,
          },
        });
      }
    }
    return out;
  },
  // DeleteVpcEndpoints reports per-endpoint failures in its answer rather than as an error; then wait until the
  // endpoint is gone, so its subnets, security groups and route tables can go next.
  async remove(ctx, resource) {
    const ec2 = ctx.client(EC2Client);
    const out = await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [resource.id] }));
    const failed = out.Unsuccessful?.find((u) => u.ResourceId === resource.id)?.Error;
    if (failed && !/NotFound/.test(failed.Code ?? '')) throw Object.assign(new Error(failed.Message ?? failed.Code ?? 'delete failed'), { name: failed.Code ?? 'DeleteFailed' });
    await waitUntilGone(async () => {
      try {
        const state = (await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [resource.id] }))).VpcEndpoints?.[0]?.State;
        return state === undefined || String(state).toLowerCase() === 'deleted';
      } catch (error) {
        if (/NotFound/.test((error as Error).name)) return true;
        throw error;
      }
    }, ctx.signal);
  },
  dependsOn: [],
};
