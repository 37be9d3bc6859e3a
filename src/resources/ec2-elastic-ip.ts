import { DescribeAddressesCommand, EC2Client, ReleaseAddressCommand, DisassociateAddressCommand } from '@aws-sdk/client-ec2';
import type { Resource } from '../core/model.js';
import { tagsOf, type ResourceType } from './resource-type.js';
import { ownDelete } from '../aws/nuke/own-call.js';

export const ec2ElasticIp: ResourceType = {
  type: 'ec2:elastic-ip',
  description: 'Elastic IP addresses (public IPv4 allocated to the account)',
  scope: 'region',
  createdAt: false,
  permissions: {
    list: ['ec2:DescribeAddresses'],
    remove: ['ec2:DisassociateAddress', 'ec2:ReleaseAddress'],
  },
  properties: {
    publicIp: { type: 'string', description: 'the public IPv4 address' },
    allocationId: { type: 'string', description: 'allocation id (VPC addresses)' },
    associationId: { type: 'string', description: 'association id; absent when the address is not attached' },
    instanceId: { type: 'string', description: 'instance the address is attached to', ref: { to: 'ec2:instance', kind: 'attached' } },
    networkInterfaceId: { type: 'string', description: 'network interface the address is attached to', ref: { to: 'ec2:network-interface', kind: 'attached' } },
    domain: { type: 'string', description: 'vpc or standard' },
  },
  // DescribeAddresses is not paginated: one call returns every address in the region.
  async list(ctx) {
    const out = await ctx.client(EC2Client).send(new DescribeAddressesCommand({}));
    return (out.Addresses ?? []).map(
      (a): Resource => ({
        type: 'ec2:elastic-ip',
        id: a.AllocationId ?? a.PublicIp ?? 'unknown',
        arn: a.AllocationId ? `arn:aws:ec2:${ctx.region}:${ctx.accountId}:elastic-ip/${a.AllocationId}` : undefined,
        name: tagsOf(a.Tags).Name,
        accountId: ctx.accountId,
        region: ctx.resourceRegion,
        tags: tagsOf(a.Tags),
        props: {
          publicIp: a.PublicIp,
          allocationId: a.AllocationId,
          associationId: a.AssociationId,
          instanceId: a.InstanceId,
          networkInterfaceId: a.NetworkInterfaceId,
          domain: a.Domain,
        },
      }),
    );
  },
  // Disassociate first (an association that is already gone is fine), then release. An address held by a NAT
  // gateway or a network load balancer is released after that goes.
  async remove(ctx, resource) {
    const ec2 = ctx.client(EC2Client);
    if (resource.props.associationId) {
      try {
        await ec2.send(new DisassociateAddressCommand({ AssociationId: String(resource.props.associationId) }));
      } catch (error) {
        if (!/NotFound/.test((error as Error).name)) throw error;
      }
    }
    await ownDelete(ec2.send(new ReleaseAddressCommand({ AllocationId: resource.id })));
  },
  dependsOn: ['ec2:nat-gateway', 'elbv2:load-balancer'],
};
