import { DeleteInternetGatewayCommand, DetachInternetGatewayCommand, EC2Client, paginateDescribeInternetGateways } from '@aws-sdk/client-ec2';
import type { Resource } from '../core/model.js';
import { partitionOf } from '../aws/regions.js';
import { tagsOf, type ResourceType } from './resource-type.js';
import { ownDelete } from '../aws/nuke/own-call.js';

/** DescribeInternetGateways accepts 5..1000 items per page. */
const PAGE_SIZE = 1000;

export const ec2InternetGateway: ResourceType = {
  type: 'ec2:internet-gateway',
  description: 'Internet gateways (free; the default VPC\'s is never deleted unless asked)',
  scope: 'region',
  createdAt: false,
  permissions: {
    list: ['ec2:DescribeInternetGateways'],
    remove: ['ec2:DetachInternetGateway', 'ec2:DeleteInternetGateway'],
  },
  properties: {
    vpcIds: { type: 'strings', description: 'VPCs it is attached to', ref: { to: 'ec2:vpc', kind: 'both' } },
    attached: { type: 'boolean', description: 'true when attached to a VPC' },
  },
  // 1 DescribeInternetGateways call per 1000 gateways. AWS reports no creation time for them.
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateDescribeInternetGateways({ client: ctx.client(EC2Client), stopOnSameToken: true }, { MaxResults: PAGE_SIZE })) {
      for (const g of page.InternetGateways ?? []) {
        if (!g.InternetGatewayId) continue;
        const tags = tagsOf(g.Tags);
        const vpcIds = (g.Attachments ?? []).map((a) => a.VpcId).filter((v): v is string => v !== undefined);
        out.push({
          type: 'ec2:internet-gateway',
          id: g.InternetGatewayId,
          arn: `arn:${partitionOf(ctx.region)}:ec2:${ctx.region}:${g.OwnerId ?? ctx.accountId}:internet-gateway/${g.InternetGatewayId}`,
          name: tags.Name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          tags,
          props: { vpcIds, attached: vpcIds.length > 0 },
        });
      }
    }
    return out;
  },
  // Detach from every VPC, then delete. Detaching fails with DependencyViolation while the VPC still has
  // public addresses mapped (instances, Elastic IPs, NAT gateways): retried after those are gone.
  async remove(ctx, resource) {
    const ec2 = ctx.client(EC2Client);
    for (const vpcId of (resource.props.vpcIds as string[] | undefined) ?? []) {
      try {
        await ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: resource.id, VpcId: vpcId }));
      } catch (error) {
        // Not attached any more, or the VPC (or the gateway: the delete below says so) is gone.
        if ((error as Error).name !== 'Gateway.NotAttached' && !/NotFound/.test((error as Error).name)) throw error;
      }
    }
    await ownDelete(ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: resource.id })));
  },
  dependsOn: ['ec2:instance', 'ec2:elastic-ip', 'ec2:nat-gateway', 'elbv2:load-balancer', 'elb:classic-load-balancer', 'rds:db-instance', 'cloudformation:stack'],
  // The default VPC's gateway came with it.
  guard(resource, ctx) {
    if (ctx.includeDefaultVpc) return undefined;
    const defaults = ctx.defaultVpcs.get(`${resource.accountId}|${resource.region}`);
    const vpcs = Array.isArray(resource.props.vpcIds) ? (resource.props.vpcIds as unknown[]) : [];
    return defaults && vpcs.some((v) => typeof v === 'string' && defaults.has(v)) ? 'part of the default VPC (pass --include-default-vpc to delete it)' : undefined;
  },
  // The planner must see whether its VPC is the default one.
  collectWith: ['ec2:vpc'],
};
