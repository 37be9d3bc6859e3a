import {
  DeleteTransitGatewayPeeringAttachmentCommand,
  DeleteTransitGatewayVpcAttachmentCommand,
  DescribeTransitGatewayAttachmentsCommand,
  EC2Client,
  paginateDescribeTransitGatewayAttachments,
} from '@aws-sdk/client-ec2';
import type { Resource } from '../core/model.js';
import { waitUntilGone } from '../aws/nuke/wait.js';
import { iso, tagsOf, type ResourceType, IN_A_VPC } from './resource-type.js';
import { ownDelete } from '../aws/nuke/own-call.js';

/** DescribeTransitGatewayAttachments accepts 5..1000 results per page. */
const PAGE_SIZE = 1000;
const GONE = new Set(['deleted', 'deleting', 'failed', 'rejected']);

export const ec2TransitGatewayAttachment: ResourceType = {
  type: 'ec2:transit-gateway-attachment',
  description: 'Transit gateway attachments (VPC, VPN, peering, Connect, Direct Connect; each bills per attachment-hour)',
  scope: 'region',
  permissions: {
    list: ['ec2:DescribeTransitGatewayAttachments'],
    remove: ['ec2:DeleteTransitGatewayVpcAttachment', 'ec2:DeleteTransitGatewayPeeringAttachment', 'ec2:DescribeTransitGatewayAttachments'],
  },
  properties: {
    resourceType: { type: 'string', description: 'vpc | vpn | peering | tgw-peering | connect | direct-connect-gateway | network-function | ...' },
    state: { type: 'string', description: 'available | pending | pendingAcceptance | modifying | deleting | deleted | failed | rejected | ...' },
    transitGatewayId: { type: 'string', description: 'the transit gateway it attaches to', ref: { to: 'ec2:transit-gateway', kind: 'attached' } },
    resourceId: { type: 'string', description: 'what it attaches (a VPC id for vpc attachments)', ref: { to: 'ec2:vpc', kind: 'attached' } },
    resourceOwnerId: { type: 'string', description: 'the account owning the attached resource' },
  },
  // 1 DescribeTransitGatewayAttachments call per 1000 attachments; tags come in the same answer. Deleted ones are left out.
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateDescribeTransitGatewayAttachments({ client: ctx.client(EC2Client), stopOnSameToken: true }, { MaxResults: PAGE_SIZE })) {
      for (const a of page.TransitGatewayAttachments ?? []) {
        if (!a.TransitGatewayAttachmentId || a.State === 'deleted') continue;
        const tags = tagsOf(a.Tags);
        out.push({
          type: 'ec2:transit-gateway-attachment',
          id: a.TransitGatewayAttachmentId,
          name: tags.Name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(a.CreationTime),
          tags,
          props: { resourceType: a.ResourceType, state: a.State, transitGatewayId: a.TransitGatewayId, resourceId: a.ResourceId, resourceOwnerId: a.ResourceOwnerId },
        });
      }
    }
    return out;
  },
  // VPC and peering attachments are deleted here; wait until deleted so the gateway (and the VPC's subnets) can go next.
  async remove(ctx, resource) {
    const ec2 = ctx.client(EC2Client);
    if (resource.props.resourceType === 'vpc') await ownDelete(ec2.send(new DeleteTransitGatewayVpcAttachmentCommand({ TransitGatewayAttachmentId: resource.id })));
    else await ownDelete(ec2.send(new DeleteTransitGatewayPeeringAttachmentCommand({ TransitGatewayAttachmentId: resource.id })));
    await waitUntilGone(async () => {
      const a = (await ec2.send(new DescribeTransitGatewayAttachmentsCommand({ TransitGatewayAttachmentIds: [resource.id] }))).TransitGatewayAttachments?.[0];
      return a === undefined || a.State === 'deleted';
    }, ctx.signal);
  },
  // It runs in subnets of a VPC: those, its security groups and the VPC are deleted after it.
  deleteBefore: IN_A_VPC,
  dependsOn: [],
  protect(resource) {
    if (GONE.has(String(resource.props.state))) return `already ${String(resource.props.state)}`;
    const kind = String(resource.props.resourceType);
    if (kind === 'vpn') return 'a VPN attachment goes with its VPN connection';
    if (kind !== 'vpc' && kind !== 'peering') return `${kind} attachments are not deleted by costguard yet`;
    return undefined;
  },
};
