import { DeleteRouteTableCommand, DisassociateRouteTableCommand, EC2Client, paginateDescribeRouteTables } from '@aws-sdk/client-ec2';
import type { Resource } from '../core/model.js';
import { partitionOf } from '../aws/regions.js';
import { tagsOf, type ResourceType } from './resource-type.js';
import { ownDelete } from '../aws/nuke/own-call.js';

/** DescribeRouteTables accepts 5..100 items per page. */
const PAGE_SIZE = 100;

export const ec2RouteTable: ResourceType = {
  type: 'ec2:route-table',
  description: 'VPC route tables (free). Main route tables go with their VPC and are never deleted on their own',
  scope: 'region',
  createdAt: false,
  permissions: {
    list: ['ec2:DescribeRouteTables'],
    remove: ['ec2:DisassociateRouteTable', 'ec2:DeleteRouteTable'],
  },
  properties: {
    vpcId: { type: 'string', description: 'VPC id', ref: { to: 'ec2:vpc', kind: 'uses' } },
    main: { type: 'boolean', description: 'true for the main route table of its VPC' },
    subnetIds: { type: 'strings', description: 'subnets explicitly associated with it', ref: { to: 'ec2:subnet', kind: 'attached' } },
    associationIds: { type: 'strings', description: 'ids of its subnet and gateway associations (not the main one)' },
    gatewayIds: { type: 'strings', description: 'internet gateways, NAT gateways, VPC endpoints and other targets its routes use', ref: { to: ['ec2:internet-gateway', 'ec2:egress-only-internet-gateway', 'ec2:nat-gateway', 'ec2:vpc-endpoint'], kind: 'uses' } },
  },
  // 1 DescribeRouteTables call per 100 route tables. AWS reports no creation time for route tables.
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateDescribeRouteTables({ client: ctx.client(EC2Client), stopOnSameToken: true }, { MaxResults: PAGE_SIZE })) {
      for (const t of page.RouteTables ?? []) {
        if (!t.RouteTableId) continue;
        const tags = tagsOf(t.Tags);
        const associations = t.Associations ?? [];
        const gateways = new Set<string>();
        for (const r of t.Routes ?? []) {
          for (const id of [r.GatewayId, r.NatGatewayId, r.TransitGatewayId, r.VpcPeeringConnectionId, r.EgressOnlyInternetGatewayId, r.NetworkInterfaceId]) {
            if (id && id !== 'local') gateways.add(id);
          }
        }
        out.push({
          type: 'ec2:route-table',
          id: t.RouteTableId,
          arn: `arn:${partitionOf(ctx.region)}:ec2:${ctx.region}:${t.OwnerId ?? ctx.accountId}:route-table/${t.RouteTableId}`,
          name: tags.Name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          tags,
          props: {
            vpcId: t.VpcId,
            main: associations.some((a) => a.Main === true),
            subnetIds: associations.map((a) => a.SubnetId).filter((s): s is string => s !== undefined),
            associationIds: associations.filter((a) => a.Main !== true && a.RouteTableAssociationId).map((a) => a.RouteTableAssociationId as string),
            gatewayIds: [...gateways].sort(),
          },
        });
      }
    }
    return out;
  },
  async remove(ctx, resource) {
    const ec2 = ctx.client(EC2Client);
    for (const id of (resource.props.associationIds as string[] | undefined) ?? []) {
      try {
        await ec2.send(new DisassociateRouteTableCommand({ AssociationId: id }));
      } catch (error) {
        if (!/NotFound/.test((error as Error).name)) throw error;
      }
    }
    await ownDelete(ec2.send(new DeleteRouteTableCommand({ RouteTableId: resource.id })));
  },
  dependsOn: ['ec2:vpc-endpoint', 'cloudformation:stack'],
  // The planner must see its VPC.
  collectWith: ['ec2:vpc'],
  protect(resource) {
    if (resource.props.main === true) return 'the main route table goes with its VPC';
    return undefined;
  },
};
