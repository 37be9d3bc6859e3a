import { DeleteNatGatewayCommand, DescribeNatGatewaysCommand, EC2Client, paginateDescribeNatGateways } from '@aws-sdk/client-ec2';
import type { Resource } from '../core/model.js';
import { partitionOf } from '../aws/regions.js';
import { waitUntilGone } from '../aws/nuke/wait.js';
import { iso, tagsOf, type ResourceType } from './resource-type.js';

/** DescribeNatGateways accepts 5..1000 items per page. */
const PAGE_SIZE = 1000;

export const ec2NatGateway: ResourceType = {
  type: 'ec2:nat-gateway',
  description: 'NAT gateways (billed per hour and per GB processed, no free allowance)',
  scope: 'region',
  permissions: {
    list: ['ec2:DescribeNatGateways'],
    remove: ['ec2:DeleteNatGateway', 'ec2:DescribeNatGateways'],
  },
  properties: {
    state: { type: 'string', description: 'pending | available | deleting | failed (deleted gateways are not listed)' },
    connectivityType: { type: 'string', description: 'public | private' },
    vpcId: { type: 'string', description: 'VPC id', ref: { to: 'ec2:vpc', kind: 'uses' } },
    subnetId: { type: 'string', description: 'subnet id', ref: { to: 'ec2:subnet', kind: 'uses' } },
    publicIp: { type: 'string', description: 'primary public IPv4 address (public gateways)' },
    allocationId: { type: 'string', description: 'allocation id of the Elastic IP behind the primary public address', ref: { to: 'ec2:elastic-ip', kind: 'uses' } },
    networkInterfaceIds: { type: 'strings', description: 'the network interfaces AWS made for the gateway (they go with it)', ref: { to: 'ec2:network-interface', kind: 'uses' } },
  },
  // 1 DescribeNatGateways call per 1000 gateways.
  async list(ctx) {
    const out: Resource[] = [];
    const pages = paginateDescribeNatGateways({ client: ctx.client(EC2Client), stopOnSameToken: true }, { MaxResults: PAGE_SIZE });
    for await (const page of pages) {
      for (const ng of page.NatGateways ?? []) {
        // AWS keeps deleted gateways visible for about an hour; they no longer exist or bill.
        if (!ng.NatGatewayId || ng.State === 'deleted') continue;
        const tags = tagsOf(ng.Tags);
        const addresses = ng.NatGatewayAddresses ?? [];
        const primary = addresses.find((a) => a.IsPrimary) ?? addresses.find((a) => a.PublicIp) ?? addresses[0];
        out.push({
          type: 'ec2:nat-gateway',
          id: ng.NatGatewayId,
          arn: `arn:${partitionOf(ctx.region)}:ec2:${ctx.region}:${ctx.accountId}:natgateway/${ng.NatGatewayId}`,
          name: tags.Name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(ng.CreateTime),
          tags,
          props: {
            state: ng.State,
            connectivityType: ng.ConnectivityType,
            vpcId: ng.VpcId,
            subnetId: ng.SubnetId,
            publicIp: primary?.PublicIp,
            allocationId: primary?.AllocationId,
            networkInterfaceIds: [...new Set(addresses.flatMap((a) => (a.NetworkInterfaceId ? [a.NetworkInterfaceId] : [])))],
          },
        });
      }
    }
    return out;
  },
  // Deleting takes about a minute; wait for "deleted" so its Elastic IP, subnet and internet gateway can go next.
  async remove(ctx, resource) {
    const ec2 = ctx.client(EC2Client);
    await ec2.send(new DeleteNatGatewayCommand({ NatGatewayId: resource.id }));
    await waitUntilGone(async () => {
      try {
        const state = (await ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [resource.id] }))).NatGateways?.[0]?.State;
        return state === undefined || state === 'deleted';
      } catch (error) {
        if (/NotFound/.test((error as Error).name)) return true;
        throw error;
      }
    }, ctx.signal);
  },
  dependsOn: [],
};
