import {
  DeleteLoadBalancerCommand,
  DescribeTagsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeLoadBalancers,
  paginateDescribeTargetGroups,
  type LoadBalancer,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Resource } from '../core/model.js';
import { chunks, iso, tagsOf, type ResourceType } from './resource-type.js';

/** DescribeLoadBalancers and DescribeTargetGroups accept 1..400 items per page. */
const PAGE_SIZE = 400;
/** DescribeTags accepts at most 20 ARNs per call. */
const TAGS_BATCH = 20;

export const elbv2LoadBalancer: ResourceType = {
  type: 'elbv2:load-balancer',
  description: 'Application, Network and Gateway load balancers (billed per hour plus capacity units)',
  scope: 'region',
  permissions: {
    list: ['elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:DescribeTargetGroups', 'elasticloadbalancing:DescribeTargetHealth', 'elasticloadbalancing:DescribeTags'],
    remove: ['elasticloadbalancing:DeleteLoadBalancer'],
  },
  properties: {
    lbType: { type: 'string', description: 'application | network | gateway' },
    scheme: { type: 'string', description: 'internet-facing | internal' },
    state: { type: 'string', description: 'provisioning | active | active_impaired | failed' },
    dnsName: { type: 'string', description: 'public DNS name' },
    vpcId: { type: 'string', description: 'VPC id', ref: { to: 'ec2:vpc', kind: 'uses' } },
    targetGroupCount: { type: 'number', description: 'number of target groups attached to the load balancer' },
    registeredTargetCount: { type: 'number', description: 'number of targets registered in those target groups' },
  },
  // 1 DescribeLoadBalancers call per 400 load balancers; when there are any: 1 DescribeTargetGroups per 400 target
  // groups, 1 DescribeTags per 20 load balancers, and 1 DescribeTargetHealth per attached target group (the API has
  // no batch form).
  async list(ctx) {
    const elb = ctx.client(ElasticLoadBalancingV2Client);
    const lbs: LoadBalancer[] = [];
    for await (const page of paginateDescribeLoadBalancers({ client: elb, stopOnSameToken: true }, { PageSize: PAGE_SIZE })) {
      for (const lb of page.LoadBalancers ?? []) if (lb.LoadBalancerArn) lbs.push(lb);
    }
    if (lbs.length === 0) return [];
    const lbArns = new Set(lbs.map((lb) => lb.LoadBalancerArn as string));

    const listTargetGroups = async (): Promise<TargetGroup[]> => {
      const groups: TargetGroup[] = [];
      for await (const page of paginateDescribeTargetGroups({ client: elb, stopOnSameToken: true }, { PageSize: PAGE_SIZE })) {
        for (const tg of page.TargetGroups ?? []) {
          if (tg.TargetGroupArn && (tg.LoadBalancerArns ?? []).some((arn) => lbArns.has(arn))) groups.push(tg);
        }
      }
      return groups;
    };
    const listTags = async (): Promise<Map<string, Record<string, string>>> => {
      const answers = await Promise.all(
        chunks([...lbArns], TAGS_BATCH).map((arns) => elb.send(new DescribeTagsCommand({ ResourceArns: arns }))),
      );
      const tags = new Map<string, Record<string, string>>();
      for (const a of answers) for (const d of a.TagDescriptions ?? []) if (d.ResourceArn) tags.set(d.ResourceArn, tagsOf(d.Tags));
      return tags;
    };
    const [groups, tags] = await Promise.all([listTargetGroups(), listTags()]);

    const targetCounts = await Promise.all(
      groups.map(async (tg) => {
        const health = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg.TargetGroupArn }));
        return health.TargetHealthDescriptions?.length ?? 0;
      }),
    );
    const groupCount = new Map<string, number>();
    const targetCount = new Map<string, number>();
    groups.forEach((tg, n) => {
      for (const arn of tg.LoadBalancerArns ?? []) {
        groupCount.set(arn, (groupCount.get(arn) ?? 0) + 1);
        targetCount.set(arn, (targetCount.get(arn) ?? 0) + targetCounts[n]);
      }
    });

    return lbs.map((lb): Resource => {
      const arn = lb.LoadBalancerArn as string;
      const t = tags.get(arn) ?? {};
      return {
        type: 'elbv2:load-balancer',
        id: lb.LoadBalancerName ?? arn,
        arn,
        name: t.Name ?? lb.LoadBalancerName,
        accountId: ctx.accountId,
        region: ctx.resourceRegion,
        createdAt: iso(lb.CreatedTime),
        tags: t,
        props: {
          lbType: lb.Type,
          scheme: lb.Scheme,
          state: lb.State?.Code,
          dnsName: lb.DNSName,
          vpcId: lb.VpcId,
          targetGroupCount: groupCount.get(arn) ?? 0,
          registeredTargetCount: targetCount.get(arn) ?? 0,
        },
      };
    });
  },
  async remove(ctx, resource) {
    await ctx.client(ElasticLoadBalancingV2Client).send(new DeleteLoadBalancerCommand({ LoadBalancerArn: resource.arn }));
  },
  dependsOn: [],
};
