import { DeleteVpnConnectionCommand, DescribeVpnConnectionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { Resource } from '../core/model.js';
import { waitUntilGone } from '../aws/nuke/wait.js';
import { tagsOf, type ResourceType } from './resource-type.js';

export const ec2VpnConnection: ResourceType = {
  type: 'ec2:vpn-connection',
  description: 'Site-to-Site VPN connections (billed per connection-hour whether or not traffic flows)',
  scope: 'region',
  createdAt: false,
  permissions: {
    list: ['ec2:DescribeVpnConnections'],
    remove: ['ec2:DeleteVpnConnection', 'ec2:DescribeVpnConnections'],
  },
  properties: {
    state: { type: 'string', description: 'pending | available | deleting | deleted' },
    vpnType: { type: 'string', description: 'ipsec.1' },
    vpnGatewayId: { type: 'string', description: 'the virtual private gateway it ends on', ref: { to: 'ec2:vpn-gateway', kind: 'uses' } },
    transitGatewayId: { type: 'string', description: 'the transit gateway it ends on', ref: { to: 'ec2:transit-gateway', kind: 'uses' } },
    customerGatewayId: { type: 'string', description: 'the customer gateway (your side)', ref: { to: 'ec2:customer-gateway', kind: 'uses' } },
  },
  // 1 DescribeVpnConnections call: the API has no pagination. Tags come in the same answer; no creation time exists.
  // Deleted connections stay visible for a while and are left out.
  async list(ctx) {
    const page = await ctx.client(EC2Client).send(new DescribeVpnConnectionsCommand({}));
    return (page.VpnConnections ?? []).flatMap((v): Resource[] => {
      if (!v.VpnConnectionId || v.State === 'deleted') return [];
      const tags = tagsOf(v.Tags);
      return [
        {
          type: 'ec2:vpn-connection',
          id: v.VpnConnectionId,
          name: tags.Name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          tags,
          props: { state: v.State, vpnType: v.Type, vpnGatewayId: v.VpnGatewayId, transitGatewayId: v.TransitGatewayId, customerGatewayId: v.CustomerGatewayId },
        },
      ];
    });
  },
  // Its transit gateway attachment goes with it. Wait until it reads deleted so its gateways can go next.
  async remove(ctx, resource) {
    const ec2 = ctx.client(EC2Client);
    await ec2.send(new DeleteVpnConnectionCommand({ VpnConnectionId: resource.id }));
    await waitUntilGone(async () => {
      const v = (await ec2.send(new DescribeVpnConnectionsCommand({ VpnConnectionIds: [resource.id] }))).VpnConnections?.[0];
      return v === undefined || v.State === 'deleted';
    }, ctx.signal);
  },
  dependsOn: [],
  protect(resource) {
    if (resource.props.state === 'deleting') return 'already being deleted';
    return undefined;
  },
};
