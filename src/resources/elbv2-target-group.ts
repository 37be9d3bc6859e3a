import {
  DeleteTargetGroupCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeTargetGroups,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Resource } from '../core/model.js';
import { tagsOf, type ResourceType } from './resource-type.js';

/** DescribeTargetGroups accepts 1..400 items per page. */
const PAGE_SIZE = 400;
/** DescribeTags accepts at most 20 ARNs per call. */
const TAGS_BATCH = 20;

export const elbv2TargetGroup: ResourceType = {
  type: 'elbv2:target-group',
  description: 'ELBv2 target groups (free; listeners and Auto Scaling groups send traffic to them)',
  scope: 'region',
  createdAt: false,
  permissions: {
    list: ['elasticloadbalancing:DescribeTargetGroups', 'elasticloadbalancing:DescribeTags'],
    remove: ['elasticloadbalancing:DeleteTargetGroup'],
  },
  properties: {
    targetType: { type: 'string', description: 'instance | ip | lambda | alb' },
    protocol: { type: 'string', description: 'HTTP, HTTPS, TCP, ...' },
    port: { type: 'number', description: 'target port' },
    vpcId: { type: 'string', description: 'VPC id', ref: { to: 'ec2:vpc', kind: 'uses' } },
    loadBalancerArns: { type: 'strings', description: 'load balancers whose listeners forward to it', ref: { to: 'elbv2:load-balancer', kind: 'attached' } },
  },
  // 1 DescribeTargetGroups call per 400 groups; when there are any, 1 DescribeTags per 20. AWS reports no creation time.
  async list(ctx) {
    const elb = ctx.client(ElasticLoadBalancingV2Client);
    const groups: TargetGroup[] = [];
    for await (const page of paginateDescribeTargetGroups({ client: elb, stopOnSameToken: true }, { PageSize: PAGE_SIZE })) {
      for (const tg of page.TargetGroups ?? []) if (tg.TargetGroupArn) groups.push(tg);
    }
    const tags = new Map<string, Record<string, string>>();
    for (let i = 0; i < groups.length; i += TAGS_BATCH) {
      const arns = groups.slice(i, i + TAGS_BATCH).map((g) => g.TargetGroupArn as string);
      const out = await elb.send(new DescribeTagsCommand({ ResourceArns: arns }));
      for (const d of out.TagDescriptions ?? []) if (d.ResourceArn) tags.set(d.ResourceArn, tagsOf(d.Tags));
    }
    return groups.map((tg): Resource => {
      const arn = tg.TargetGroupArn as string;
      const t = tags.get(arn) ?? {};
      return {
        type: 'elbv2:target-group',
        id: tg.TargetGroupName ?? arn,
        arn,
        name: t.Name ?? tg.TargetGroupName,
        accountId: ctx.accountId,
        region: ctx.resourceRegion,
        tags: t,
        props: { targetType: tg.TargetType, protocol: tg.Protocol, port: tg.Port, vpcId: tg.VpcId, loadBalancerArns: tg.LoadBalancerArns ?? [] },
      };
    });
  },
  async remove(ctx, resource) {
    await ctx.client(ElasticLoadBalancingV2Client).send(new DeleteTargetGroupCommand({ TargetGroupArn: resource.arn }));
  },
  dependsOn: ['elbv2:load-balancer', 'autoscaling:group', 'ecs:service', 'cloudformation:stack'],
};
