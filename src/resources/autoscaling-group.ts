import { AutoScalingClient, DeleteAutoScalingGroupCommand, DescribeAutoScalingGroupsCommand, paginateDescribeAutoScalingGroups } from '@aws-sdk/client-auto-scaling';
import type { Resource } from '../core/model.js';
import { waitUntilGone } from '../aws/nuke/wait.js';
import { iso, tagsOf, type ResourceType } from './resource-type.js';

/** DescribeAutoScalingGroups accepts at most 100 records per page. */
const PAGE_SIZE = 100;

export const autoscalingGroup: ResourceType = {
  type: 'autoscaling:group',
  description: 'Auto Scaling groups (free themselves; they keep launching the instances they own)',
  scope: 'region',
  // What it creates carries this tag and goes with it (nuke never deletes such a resource by itself).
  ownerTag: { tag: 'aws:autoscaling:groupName', words: 'Auto Scaling group', rank: 2 },
  permissions: {
    list: ['autoscaling:DescribeAutoScalingGroups'],
    remove: ['autoscaling:DeleteAutoScalingGroup', 'autoscaling:DescribeAutoScalingGroups'],
  },
  properties: {
    minSize: { type: 'number', description: 'minimum size' },
    maxSize: { type: 'number', description: 'maximum size' },
    desiredCapacity: { type: 'number', description: 'desired number of instances' },
    instanceIds: { type: 'strings', description: 'instances it owns (they go with it)', ref: { to: 'ec2:instance', kind: 'uses' } },
    launchTemplateId: { type: 'string', description: 'launch template it launches from', ref: { to: 'ec2:launch-template', kind: 'uses' } },
    launchConfigurationName: { type: 'string', description: 'launch configuration it launches from' },
    subnetIds: { type: 'strings', description: 'subnets it launches into', ref: { to: 'ec2:subnet', kind: 'uses' } },
    targetGroupArns: { type: 'strings', description: 'load balancer target groups it registers with', ref: { to: 'elbv2:target-group', kind: 'uses' } },
    status: { type: 'string', description: 'set while the group is being deleted ("Delete in progress")' },
  },
  // 1 DescribeAutoScalingGroups call per 100 groups; tags come in the same answer.
  async list(ctx) {
    const out: Resource[] = [];
    const pages = paginateDescribeAutoScalingGroups({ client: ctx.client(AutoScalingClient), stopOnSameToken: true }, { MaxRecords: PAGE_SIZE });
    for await (const page of pages) {
      for (const g of page.AutoScalingGroups ?? []) {
        if (!g.AutoScalingGroupName) continue;
        const tags = tagsOf(g.Tags);
        const template = g.LaunchTemplate ?? g.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
        out.push({
          type: 'autoscaling:group',
          id: g.AutoScalingGroupName,
          arn: g.AutoScalingGroupARN,
          name: g.AutoScalingGroupName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(g.CreatedTime),
          tags,
          props: {
            minSize: g.MinSize,
            maxSize: g.MaxSize,
            desiredCapacity: g.DesiredCapacity,
            instanceIds: (g.Instances ?? []).map((i) => i.InstanceId).filter((i): i is string => i !== undefined),
            launchTemplateId: template?.LaunchTemplateId,
            launchConfigurationName: g.LaunchConfigurationName,
            subnetIds: (g.VPCZoneIdentifier ?? '').split(',').map((s) => s.trim()).filter(Boolean),
            targetGroupArns: g.TargetGroupARNs ?? [],
            status: g.Status,
          },
        });
      }
    }
    return out;
  },
  // ForceDelete terminates the group's instances with it; wait until the group is gone so that what it
  // used (subnets, security groups, launch templates) can go next.
  async remove(ctx, resource) {
    const autoscaling = ctx.client(AutoScalingClient);
    await autoscaling.send(new DeleteAutoScalingGroupCommand({ AutoScalingGroupName: resource.id, ForceDelete: true }));
    await waitUntilGone(async () => {
      const out = await autoscaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [resource.id] }));
      return (out.AutoScalingGroups ?? []).length === 0;
    }, ctx.signal);
  },
  dependsOn: ['cloudformation:stack'],
  // The planner must see the instances it owns.
  collectWith: ['ec2:instance'],
  protect(resource) {
    if (typeof resource.props.status === 'string' && /delete/i.test(resource.props.status)) return 'already being deleted';
    return undefined;
  },
};
