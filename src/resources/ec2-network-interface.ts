import { DeleteNetworkInterfaceCommand, EC2Client, paginateDescribeNetworkInterfaces } from '@aws-sdk/client-ec2';
import type { Resource } from '../core/model.js';
import { partitionOf } from '../aws/regions.js';
import { tagsOf, type ResourceType } from './resource-type.js';

/** EC2 Describe* calls accept at most 1000 items per page. */
const PAGE_SIZE = 1000;

export const ec2NetworkInterface: ResourceType = {
  type: 'ec2:network-interface',
  description: 'Elastic network interfaces (each public IPv4 on one is billed)',
  scope: 'region',
  createdAt: false,
  ownedVia: 'networkInterfaceIds',
  permissions: {
    list: ['ec2:DescribeNetworkInterfaces'],
    remove: ['ec2:DeleteNetworkInterface'],
  },
  properties: {
    status: { type: 'string', description: 'available | in-use | attaching | detaching | associated' },
    interfaceType: { type: 'string', description: 'interface, nat_gateway, vpc_endpoint, network_load_balancer, lambda, ...' },
    description: { type: 'string', description: 'the description AWS or the owner gave the interface' },
    attachmentInstanceId: { type: 'string', description: 'instance the interface is attached to, if any', ref: { to: 'ec2:instance', kind: 'both' } },
    publicIp: { type: 'string', description: 'public IPv4 associated with the primary private address, if any' },
    publicIpOwner: { type: 'string', description: '"amazon" for an auto-assigned public IPv4, otherwise the owner id of the Elastic IP' },
    isElasticIp: { type: 'boolean', description: 'true when the public IPv4 is an Elastic IP' },
    publicIpCount: { type: 'number', description: 'number of public IPv4 addresses on the interface (all private addresses)' },
    vpcId: { type: 'string', description: 'VPC id', ref: { to: 'ec2:vpc', kind: 'uses' } },
    subnetId: { type: 'string', description: 'subnet id', ref: { to: 'ec2:subnet', kind: 'uses' } },
    requesterManaged: { type: 'boolean', description: 'true when an AWS service created and manages the interface' },
    securityGroupIds: { type: 'strings', description: 'security groups of the interface', ref: { to: 'ec2:security-group', kind: 'uses' } },
  },
  // 1 DescribeNetworkInterfaces call per 1000 interfaces.
  async list(ctx) {
    const out: Resource[] = [];
    const pages = paginateDescribeNetworkInterfaces({ client: ctx.client(EC2Client), stopOnSameToken: true }, { MaxResults: PAGE_SIZE });
    for await (const page of pages) {
      for (const ni of page.NetworkInterfaces ?? []) {
        if (!ni.NetworkInterfaceId) continue;
        const tags = tagsOf(ni.TagSet);
        const assoc = ni.Association;
        const publicIp = assoc?.PublicIp;
        const publicIps = new Set<string>();
        if (publicIp) publicIps.add(publicIp);
        for (const p of ni.PrivateIpAddresses ?? []) if (p.Association?.PublicIp) publicIps.add(p.Association.PublicIp);
        out.push({
          type: 'ec2:network-interface',
          id: ni.NetworkInterfaceId,
          arn: `arn:${partitionOf(ctx.region)}:ec2:${ctx.region}:${ni.OwnerId ?? ctx.accountId}:network-interface/${ni.NetworkInterfaceId}`,
          name: tags.Name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          tags,
          props: {
            status: ni.Status,
            interfaceType: ni.InterfaceType,
            description: ni.Description || undefined,
            attachmentInstanceId: ni.Attachment?.InstanceId,
            publicIp,
            publicIpOwner: assoc?.IpOwnerId,
            isElasticIp: publicIp !== undefined && (assoc?.AllocationId !== undefined || (assoc?.IpOwnerId !== undefined && assoc.IpOwnerId !== 'amazon')),
            publicIpCount: publicIps.size,
            vpcId: ni.VpcId,
            subnetId: ni.SubnetId,
            requesterManaged: ni.RequesterManaged,
            securityGroupIds: (ni.Groups ?? []).map((g) => g.GroupId).filter((g): g is string => g !== undefined),
          },
        });
      }
    }
    return out;
  },
  async remove(ctx, resource) {
    await ctx.client(EC2Client).send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: resource.id }));
  },
  dependsOn: [
    'ec2:instance',
    'ec2:nat-gateway',
    'ec2:vpc-endpoint',
    'elbv2:load-balancer',
    'elb:classic-load-balancer',
    'lambda:function',
    'rds:db-instance',
    'elasticache:cache-cluster',
    'eks:cluster',
    'ecs:service',
  ],
  // The planner must see the NAT gateway that owns an interface.
  collectWith: ['ec2:nat-gateway'],
  protect(resource) {
    if (resource.props.requesterManaged === true) return 'managed by an AWS service (requester-managed); it goes when its owner goes';
    const kind = resource.props.interfaceType;
    if (kind !== undefined && kind !== 'interface') return `managed by AWS (interface type ${String(kind)})`;
    // Only detached interfaces are deleted on their own; an attached one goes with (or stays with) its instance.
    if (resource.props.attachmentInstanceId) return `attached to instance ${String(resource.props.attachmentInstanceId)}: it goes or stays with the instance`;
    return undefined;
  },
};
