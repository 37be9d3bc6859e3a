import { DeleteTransitGatewayCommand, DescribeTransitGatewaysCommand, EC2Client, paginateDescribeTransitGateways } from '@aws-sdk/client-ec2';
import type { Resource } from '../core/model.js';
import { waitUntilGone } from '../aws/nuke/wait.js';
import { iso, tagsOf, type ResourceType } from './resource-type.js';

/** DescribeTransitGateways accepts 5..1000 results per page. */
const PAGE_SIZE = 1000;
const GONE = new Set(['deleted', 'deleting']);

export const ec2TransitGateway: ResourceType = {
  type: 'ec2:transit-gateway',
  description: 'Transit gateways (free themselves; every attachment bills per hour)',
  scope: 'region',
  permissions: {
    list: ['ec2:DescribeTransitGateways'],
    remove: ['ec2:DeleteTransitGateway', 'ec2:DescribeTransitGateways'],
  },
  properties: {
    state: { type: 'string', description: 'pending | available | modifying | deleting | deleted' },
    ownerId: { type: 'string', description: 'the account that owns it (a shared gateway belongs to another account)' },
  },
  // 1 DescribeTransitGateways call per 1000 gateways; tags come in the same answer. Deleted gateways stay visible for
  // a while and are left out.
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateDescribeTransitGateways({ client: ctx.client(EC2Client), stopOnSameToken: true }, { MaxResults: PAGE_SIZE })) {
      for (const g of page.TransitGateways ?? []) {
        if (!g.TransitGatewayId || g.State === 'deleted') continue;
        const tags = tagsOf(g.Tags);
        out.push({
          type: 'ec2:transit-gateway',
          id: g.TransitGatewayId,
          arn: g.TransitGatewayArn,
          name: tags.Name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(g.CreationTime),
          tags,
          props: { state: g.State, ownerId: g.OwnerId },
        });
      }
    }
    return out;
  },
  // Its attachments and VPN connections go first. Wait until it reads deleted (or is gone).
  async remove(ctx, resource) {
    const ec2 = ctx.client(EC2Client);
    await ec2.send(new DeleteTransitGatewayCommand({ TransitGatewayId: resource.id }));
    await waitUntilGone(async () => {
      const g = (await ec2.send(new DescribeTransitGatewaysCommand({ TransitGatewayIds: [resource.id] }))).TransitGateways?.[0];
      return g === undefined || g.State === 'deleted';
    }, ctx.signal);
  },
  dependsOn: ['ec2:transit-gateway-attachment', 'ec2:vpn-connection'],
  protect(resource) {
    if (GONE.has(String(resource.props.state))) return 'already being deleted';
    if (resource.props.ownerId !== undefined && resource.props.ownerId !== resource.accountId) return `shared from account ${String(resource.props.ownerId)}`;
    return undefined;
  },
};
