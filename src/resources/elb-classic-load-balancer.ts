import {
  DeleteLoadBalancerCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingClient,
  paginateDescribeLoadBalancers,
  type LoadBalancerDescription,
} from '@aws-sdk/client-elastic-load-balancing';
import type { Resource } from '../core/model.js';
import { partitionOf } from '../aws/regions.js';
import { chunks, iso, tagsOf, type ResourceType } from './resource-type.js';

/** DescribeLoadBalancers (classic) accepts 1..400 items per page. */
const PAGE_SIZE = 400;
/** DescribeTags (classic) accepts at most 20 load balancer names per call. */
const TAGS_BATCH = 20;

export const elbClassicLoadBalancer: ResourceType = {
  type: 'elb:classic-load-balancer',
  description: 'Classic load balancers (billed per hour plus per GB)',
  scope: 'region',
  permissions: {
    list: ['elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:DescribeTags'],
    remove: ['elasticloadbalancing:DeleteLoadBalancer'],
  },
  properties: {
    scheme: { type: 'string', description: 'internet-facing | internal' },
    dnsName: { type: 'string', description: 'public DNS name' },
    vpcId: { type: 'string', description: 'VPC id (absent for EC2-Classic)', ref: { to: 'ec2:vpc', kind: 'uses' } },
    registeredTargetCount: { type: 'number', description: 'number of instances registered with the load balancer' },
  },
  // 1 DescribeLoadBalancers call per 400 load balancers; when there are any, 1 DescribeTags per 20.
  async list(ctx) {
    const elb = ctx.client(ElasticLoadBalancingClient);
    const lbs: LoadBalancerDescription[] = [];
    // The SDK paginator has no page-size key for this API: PageSize goes in the input.
    for await (const page of paginateDescribeLoadBalancers({ client: elb, stopOnSameToken: true }, { PageSize: PAGE_SIZE })) {
      for (const lb of page.LoadBalancerDescriptions ?? []) if (lb.LoadBalancerName) lbs.push(lb);
    }
    if (lbs.length === 0) return [];

    const answers = await Promise.all(
      chunks(lbs.map((lb) => lb.LoadBalancerName as string), TAGS_BATCH).map((names) =>
        elb.send(new DescribeTagsCommand({ LoadBalancerNames: names })),
      ),
    );
    const tags = new Map<string, Record<string, string>>();
    for (const a of answers) for (const d of a.TagDescriptions ?? []) if (d.LoadBalancerName) tags.set(d.LoadBalancerName, tagsOf(d.Tags));

    return lbs.map((lb): Resource => {
      const name = lb.LoadBalancerName as string;
      const t = tags.get(name) ?? {};
      return {
        type: 'elb:classic-load-balancer',
        id: name,
        arn: `arn:${partitionOf(ctx.region)}:elasticloadbalancing:${ctx.region}:${ctx.accountId}:loadbalancer/${name}`,
        name: t.Name ?? name,
        accountId: ctx.accountId,
        region: ctx.resourceRegion,
        createdAt: iso(lb.CreatedTime),
        tags: t,
        props: {
          scheme: lb.Scheme,
          dnsName: lb.DNSName,
          vpcId: lb.VPCId,
          registeredTargetCount: lb.Instances?.length ?? 0,
        },
      };
    });
  },
  async remove(ctx, resource) {
    await ctx.client(ElasticLoadBalancingClient).send(new DeleteLoadBalancerCommand({ LoadBalancerName: resource.id }));
  },
  dependsOn: [],
};
