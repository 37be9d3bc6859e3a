import { EC2Client, paginateDescribeClientVpnEndpoints } from '@aws-sdk/client-ec2';
import type { Resource } from '../core/model.js';
import { partitionOf } from '../aws/regions.js';
import { iso, tagsOf, type ResourceType } from './resource-type.js';

/** DescribeClientVpnEndpoints accepts 5..1000 items per page. */
const PAGE_SIZE = 1000;

export const ec2ClientVpnEndpoint: ResourceType = {
  type: 'ec2:client-vpn-endpoint',
  description: 'Client VPN endpoints (billed per hour per associated subnet and per connection)',
  scope: 'region',
  permissions: {
    list: ['ec2:DescribeClientVpnEndpoints'],
  },
  properties: {
    status: { type: 'string', description: 'pending-associate | available | deleting (deleted endpoints are not listed)' },
    description: { type: 'string', description: 'the description the owner gave the endpoint' },
    vpcId: { type: 'string', description: 'VPC id', ref: { to: 'ec2:vpc', kind: 'uses' } },
    transportProtocol: { type: 'string', description: 'udp | tcp' },
  },
  // 1 DescribeClientVpnEndpoints call per 1000 endpoints; no per-endpoint calls (subnet associations are not read).
  async list(ctx) {
    const out: Resource[] = [];
    const pages = paginateDescribeClientVpnEndpoints({ client: ctx.client(EC2Client), stopOnSameToken: true }, { MaxResults: PAGE_SIZE });
    for await (const page of pages) {
      for (const ep of page.ClientVpnEndpoints ?? []) {
        if (!ep.ClientVpnEndpointId || ep.Status?.Code === 'deleted') continue;
        const tags = tagsOf(ep.Tags);
        out.push({
          type: 'ec2:client-vpn-endpoint',
          id: ep.ClientVpnEndpointId,
          arn: `arn:${partitionOf(ctx.region)}:ec2:${ctx.region}:${ctx.accountId}:client-vpn-endpoint/${ep.ClientVpnEndpointId}`,
          name: tags.Name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(ep.CreationTime),
          tags,
          props: {
            status: ep.Status?.Code,
            description: ep.Description || undefined,
            vpcId: ep.VpcId,
            transportProtocol: ep.TransportProtocol,
          },
        });
      }
    }
    return out;
  },
};
