import { DeleteEgressOnlyInternetGatewayCommand, EC2Client, paginateDescribeEgressOnlyInternetGateways } from '@aws-sdk/client-ec2';
import type { Resource } from '../core/model.js';
import { partitionOf } from '../aws/regions.js';
import { tagsOf, type ResourceType } from './resource-type.js';

/** DescribeEgressOnlyInternetGateways accepts 5..255 items per page. */
const PAGE_SIZE = 255;

export const ec2EgressOnlyInternetGateway: ResourceType = {
  type: 'ec2:egress-only-internet-gateway',
  description: 'Egress-only internet gateways (IPv6 outbound; free)',
  scope: 'region',
  createdAt: false,
  permissions: {
    list: ['ec2:DescribeEgressOnlyInternetGateways'],
    remove: ['ec2:DeleteEgressOnlyInternetGateway'],
  },
  properties: {
    vpcIds: { type: 'strings', description: 'VPCs it is attached to', ref: { to: 'ec2:vpc', kind: 'both' } },
  },
  // 1 DescribeEgressOnlyInternetGateways call per 255 gateways. AWS reports no creation time for them.
  async list(ctx) {
    const out: Resource[] = [];
    const pages = paginateDescribeEgressOnlyInternetGateways({ client: ctx.client(EC2Client), stopOnSameToken: true }, { MaxResults: PAGE_SIZE });
    for await (const page of pages) {
      for (const g of page.EgressOnlyInternetGateways ?? []) {
        if (!g.EgressOnlyInternetGatewayId) continue;
        const tags = tagsOf(g.Tags);
        out.push({
          type: 'ec2:egress-only-internet-gateway',
          id: g.EgressOnlyInternetGatewayId,
          arn: `arn:${partitionOf(ctx.region)}:ec2:${ctx.region}:${ctx.accountId}:egress-only-internet-gateway/${g.EgressOnlyInternetGatewayId}`,
          name: tags.Name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          tags,
          props: { vpcIds: (g.Attachments ?? []).map((a) => a.VpcId).filter((v): v is string => v !== undefined) },
        });
      }
    }
    return out;
  },
  async remove(ctx, resource) {
    await ctx.client(EC2Client).send(new DeleteEgressOnlyInternetGatewayCommand({ EgressOnlyInternetGatewayId: resource.id }));
  },
  dependsOn: ['cloudformation:stack'],
};
