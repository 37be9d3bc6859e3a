import { DeleteVpnGatewayCommand, DescribeVpnGatewaysCommand, DetachVpnGatewayCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { Resource } from '../core/model.js';
import { waitUntilGone } from '../aws/nuke/wait.js';
import { tagsOf, type ResourceType } from './resource-type.js';
import { ownCall, ownDelete } from '../aws/nuke/own-call.js';

export const ec2VpnGateway: ResourceType = {
  type: 'ec2:vpn-gateway',
  description: 'Virtual private gateways (free themselves; the VPN side of a VPC)',
  scope: 'region',
  createdAt: false,
  permissions: {
    list: ['ec2:DescribeVpnGateways'],
    remove: ['ec2:DetachVpnGateway', 'ec2:DeleteVpnGateway', 'ec2:DescribeVpnGateways'],
  },
  properties: {
    state: { type: 'string', description: 'pending | available | deleting | deleted' },
    attachedVpcIds: { type: 'strings', description: 'VPCs it is attached to', ref: { to: 'ec2:vpc', kind: 'attached' } },
  },
  // 1 DescribeVpnGateways call: the API has no pagination. Tags come in the same answer; deleted gateways are left out.
  async list(ctx) {
    const page = await ctx.client(EC2Client).send(new DescribeVpnGatewaysCommand({}));
    return (page.VpnGateways ?? []).flatMap((g): Resource[] => {
      if (!g.VpnGatewayId || g.State === 'deleted') return [];
      const tags = tagsOf(g.Tags);
      const attachedVpcIds = (g.VpcAttachments ?? []).filter((a) => a.State === 'attached' || a.State === 'attaching').flatMap((a) => (a.VpcId ? [a.VpcId] : []));
      return [{ type: 'ec2:vpn-gateway', id: g.VpnGatewayId, name: tags.Name, accountId: ctx.accountId, region: ctx.resourceRegion, tags, props: { state: g.State, attachedVpcIds } }];
    });
  },
  // Its VPN connections go first; then it is detached from its VPCs (it is being deleted in this run), the detach is
  // waited for, and it is deleted.
  async remove(ctx, resource) {
    const ec2 = ctx.client(EC2Client);
    const attachments = async () =>
      ((await ownCall(ec2.send(new DescribeVpnGatewaysCommand({ VpnGatewayIds: [resource.id] })), /InvalidVpnGatewayID\.NotFound/)).VpnGateways?.[0]?.VpcAttachments ?? []).filter((a) => a.State !== 'detached');
    for (const a of await attachments()) {
      if (!a.VpcId || a.State === 'detaching') continue;
      try {
        await ec2.send(new DetachVpnGatewayCommand({ VpnGatewayId: resource.id, VpcId: a.VpcId }));
      } catch (error) {
        // Detached meanwhile, or its VPC is gone: nothing left to detach.
        if (!/NotFound/.test((error as Error).name)) throw error;
      }
    }
    await waitUntilGone(async () => (await attachments()).length === 0, ctx.signal);
    await ownDelete(ec2.send(new DeleteVpnGatewayCommand({ VpnGatewayId: resource.id })));
  },
  dependsOn: ['ec2:vpn-connection'],
  protect(resource) {
    if (resource.props.state === 'deleting') return 'already being deleted';
    return undefined;
  },
};
