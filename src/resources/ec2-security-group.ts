import {
  DeleteSecurityGroupCommand,
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
    remove: ['ec2:DescribeSecurityGroups', 'ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress', 'ec2:DeleteSecurityGroup'],
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
  // Groups that refer to each other cannot be deleted while the references stand: revoke this group's
  // rules that point at other groups first (read fresh), then delete. A group still referenced by
  // another one fails with DependencyViolation and is retried once that one has revoked its rules.
  async remove(ctx, resource) {
    const ec2 = ctx.client(EC2Client);
    const current = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [resource.id] }))).SecurityGroups?.[0];
    if (current) {
      const ingress = groupReferences(current.IpPermissions, resource.id);
      const egress = groupReferences(current.IpPermissionsEgress, resource.id);
      if (ingress.length > 0) await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: resource.id, IpPermissions: ingress }));
      if (egress.length > 0) await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: resource.id, IpPermissions: egress }));
    }
    await ec2.send(new DeleteSecurityGroupCommand({ GroupId: resource.id }));
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
