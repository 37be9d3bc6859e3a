import {
  DeleteSecurityGroupCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  paginateDescribeSecurityGroups,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import type { Resource } from '../core/model.js';
import { partitionOf } from '../aws/regions.js';
import { tagsOf, type ResourceType } from './resource-type.js';
import { ownDelete } from '../aws/nuke/own-call.js';

/** DescribeSecurityGroups accepts 5..1000 items per page. */
const PAGE_SIZE = 1000;

/** The rules of a permission list that point at other security groups, reduced to those group pairs. */
function groupReferences(permissions: IpPermission[] | undefined, self: string): IpPermission[] {
  return (permissions ?? [])
    .map((p) => ({ ...p, IpRanges: undefined, Ipv6Ranges: undefined, PrefixListIds: undefined, UserIdGroupPairs: (p.UserIdGroupPairs ?? []).filter((g) => g.GroupId && g.GroupId !== self) }))
    .filter((p) => p.UserIdGroupPairs.length > 0);
}

export const ec2SecurityGroup: ResourceType = {
  type: 'ec2:security-group',
  description: 'VPC security groups (free). Default groups go with their VPC and are never deleted on their own',
  scope: 'region',
  createdAt: false,
  permissions: {
    list: ['ec2:DescribeSecurityGroups'],
    remove: ['ec2:DescribeSecurityGroups', 'ec2:DescribeNetworkInterfaces', 'ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress', 'ec2:DeleteSecurityGroup'],
  },
  properties: {
    vpcId: { type: 'string', description: 'VPC id', ref: { to: 'ec2:vpc', kind: 'uses' } },
    groupName: { type: 'string', description: 'group name ("default" for the default group of a VPC)' },
    description: { type: 'string', description: 'the description given at creation' },
    referencedGroupIds: { type: 'strings', description: 'other security groups its rules refer to', ref: { to: 'ec2:security-group', kind: 'uses' } },
    ingressRuleCount: { type: 'number', description: 'number of inbound rules' },
    egressRuleCount: { type: 'number', description: 'number of outbound rules' },
  },
  // 1 DescribeSecurityGroups call per 1000 groups. AWS reports no creation time for security groups.
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateDescribeSecurityGroups({ client: ctx.client(EC2Client), stopOnSameToken: true }, { MaxResults: PAGE_SIZE })) {
      for (const g of page.SecurityGroups ?? []) {
        if (!g.GroupId) continue;
        const tags = tagsOf(g.Tags);
        const referenced = new Set<string>();
        for (const p of [...groupReferences(g.IpPermissions, g.GroupId), ...groupReferences(g.IpPermissionsEgress, g.GroupId)]) {
          for (const pair of p.UserIdGroupPairs ?? []) if (pair.GroupId) referenced.add(pair.GroupId);
        }
        out.push({
          type: 'ec2:security-group',
          id: g.GroupId,
          arn: `arn:${partitionOf(ctx.region)}:ec2:${ctx.region}:${g.OwnerId ?? ctx.accountId}:security-group/${g.GroupId}`,
          name: tags.Name ?? g.GroupName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          tags,
          props: {
            vpcId: g.VpcId,
            groupName: g.GroupName,
            description: g.Description || undefined,
            referencedGroupIds: [...referenced].sort(),
            ingressRuleCount: g.IpPermissions?.length ?? 0,
            egressRuleCount: g.IpPermissionsEgress?.length ?? 0,
          },
        });
      }
    }
    return out;
  },
  // Groups that refer to each other cannot be deleted while the references stand. Nothing is changed
  // unless the delete is certain in this run: when a group or an interface that this run does not
  // delete still refers to the group, remove() fails without touching anything. Otherwise it revokes
  // this group's own rules that point at other groups (read fresh), then deletes it; a group still
  // referenced by another planned one fails with DependencyViolation and is retried once that one
  // has revoked its own rules. Rules of other groups are never revoked here.
  async remove(ctx, resource) {
    const ec2 = ctx.client(EC2Client);
    // Already gone: the delete below says so (a NotFound from ownDelete() is counted as gone).
    const current = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [resource.id] })).then(
      (out) => out.SecurityGroups?.[0],
      (error: unknown) => {
        if (/NotFound/.test((error as Error).name)) return undefined;
        throw error;
      },
    );
    if (!current) {
      await ownDelete(ec2.send(new DeleteSecurityGroupCommand({ GroupId: resource.id })));
      return;
    }
    const planned = (type: string, id: string) => ctx.isPlanned?.(type, id) ?? false;
    const referrers: string[] = [];
    const filters = current.VpcId ? [{ Name: 'vpc-id', Values: [current.VpcId] }] : undefined;
    for await (const page of paginateDescribeSecurityGroups({ client: ec2, stopOnSameToken: true }, { ...(filters ? { Filters: filters } : {}), MaxResults: PAGE_SIZE })) {
      for (const g of page.SecurityGroups ?? []) {
        if (!g.GroupId || g.GroupId === resource.id) continue;
        const rules = [...groupReferences(g.IpPermissions, g.GroupId), ...groupReferences(g.IpPermissionsEgress, g.GroupId)];
        if (rules.some((p) => (p.UserIdGroupPairs ?? []).some((pair) => pair.GroupId === resource.id))) referrers.push(g.GroupId);
      }
    }
    const outside = referrers.filter((g) => !planned('ec2:security-group', g));
    if (outside.length > 0) {
      throw Object.assign(new Error(`still referenced by security group ${outside.join(', ')}, which this run does not delete; nothing was changed`), { name: 'InUseByKeptResource' });
    }
    const interfaces = (await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'group-id', Values: [resource.id] }] }))).NetworkInterfaces ?? [];
    const users = interfaces.filter((ni) => !(ni.NetworkInterfaceId && planned('ec2:network-interface', ni.NetworkInterfaceId)) && !(ni.Attachment?.InstanceId && planned('ec2:instance', ni.Attachment.InstanceId)));
    if (users.some((ni) => ni.RequesterManaged !== true)) {
      const ids = users.filter((ni) => ni.RequesterManaged !== true).map((ni) => ni.NetworkInterfaceId).join(', ');
      throw Object.assign(new Error(`still used by network interface ${ids}, which this run does not delete; nothing was changed`), { name: 'InUseByKeptResource' });
    }
    if (users.length > 0) {
      // An interface an AWS service manages (a Lambda function's, a load balancer's) goes when its owner goes: wait for it.
      throw Object.assign(new Error(`still used by network interface ${users.map((ni) => ni.NetworkInterfaceId).join(', ')} (managed by an AWS service); nothing was changed`), { name: 'DependencyViolation' });
    }
    const ingress = groupReferences(current.IpPermissions, resource.id);
    const egress = groupReferences(current.IpPermissionsEgress, resource.id);
    // A rule that names a group deleted meanwhile (its partner in this run) cannot be revoked by name
    // any more (InvalidGroup.NotFound); it no longer stands in the way of the delete.
    const unlessGone = (error: unknown) => {
      if (!/NotFound/.test((error as Error).name)) throw error;
    };
    if (ingress.length > 0) await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: resource.id, IpPermissions: ingress })).catch(unlessGone);
    if (egress.length > 0) await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: resource.id, IpPermissions: egress })).catch(unlessGone);
    await ownDelete(ec2.send(new DeleteSecurityGroupCommand({ GroupId: resource.id })));
  },
  dependsOn: [
    'ec2:instance',
    'ec2:network-interface',
    'ec2:vpc-endpoint',
    'ec2:launch-template',
    'elbv2:load-balancer',
    'elb:classic-load-balancer',
    'rds:db-instance',
    'rds:db-cluster',
    'lambda:function',
    'elasticache:cache-cluster',
    'eks:cluster',
    'eks:nodegroup',
    'ecs:service',
    'autoscaling:group',
    'cloudformation:stack',
  ],
  // The planner must see its VPC, and the instances that use it.
  collectWith: ['ec2:vpc', 'ec2:instance'],
  protect(resource) {
    if (resource.props.groupName === 'default') return 'the default security group goes with its VPC';
    return undefined;
  },
};
