import { DeleteCustomerGatewayCommand, DescribeCustomerGatewaysCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { Resource } from '../core/model.js';
import { tagsOf, type ResourceType } from './resource-type.js';

export const ec2CustomerGateway: ResourceType = {
  type: 'ec2:customer-gateway',
  description: 'Customer gateways (free; your side of a Site-to-Site VPN)',
  scope: 'region',
  createdAt: false,
  permissions: {
    list: ['ec2:DescribeCustomerGateways'],
    remove: ['ec2:DeleteCustomerGateway'],
  },
  properties: {
    state: { type: 'string', description: 'pending | available | deleting | deleted' },
    ipAddress: { type: 'string', description: 'public IP address of your device' },
  },
  // 1 DescribeCustomerGateways call: the API has no pagination. Tags come in the same answer; deleted ones are left out.
  async list(ctx) {
    const page = await ctx.client(EC2Client).send(new DescribeCustomerGatewaysCommand({}));
    return (page.CustomerGateways ?? []).flatMap((g): Resource[] => {
      if (!g.CustomerGatewayId || g.State === 'deleted') return [];
      const tags = tagsOf(g.Tags);
      return [{ type: 'ec2:customer-gateway', id: g.CustomerGatewayId, name: tags.Name, accountId: ctx.accountId, region: ctx.resourceRegion, tags, props: { state: g.State, ipAddress: g.IpAddress } }];
    });
  },
  async remove(ctx, resource) {
    await ctx.client(EC2Client).send(new DeleteCustomerGatewayCommand({ CustomerGatewayId: resource.id }));
  },
  dependsOn: ['ec2:vpn-connection'],
  protect(resource) {
    if (resource.props.state === 'deleting') return 'already being deleted';
    return undefined;
  },
};
