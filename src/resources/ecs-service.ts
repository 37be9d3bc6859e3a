import { DeleteServiceCommand, DescribeServicesCommand, ECSClient, UpdateServiceCommand, paginateListClusters, paginateListServices, type Service } from '@aws-sdk/client-ecs';
import type { Resource } from '../core/model.js';
import { waitUntilGone } from '../aws/nuke/wait.js';
import { iso, tagsOf, type ResourceType } from './resource-type.js';
import { ownCall, ownDelete } from '../aws/nuke/own-call.js';

/** ListClusters and ListServices return at most 100 ARNs per page; DescribeServices takes 10. */
const PAGE_SIZE = 100;
const DESCRIBE_BATCH = 10;

export const ecsService: ResourceType = {
  type: 'ecs:service',
  description: 'ECS services (their running tasks are billed: Fargate per vCPU-hour, or the EC2 capacity)',
  scope: 'region',
  permissions: {
    list: ['ecs:ListClusters', 'ecs:ListServices', 'ecs:DescribeServices'],
    remove: ['ecs:UpdateService', 'ecs:DeleteService', 'ecs:DescribeServices'],
  },
  properties: {
    serviceName: { type: 'string', description: 'service name' },
    clusterArn: { type: 'string', description: 'the cluster it runs in', ref: { to: 'ecs:cluster', kind: 'uses' } },
    status: { type: 'string', description: 'ACTIVE | DRAINING (INACTIVE services are not listed)' },
    desiredCount: { type: 'number', description: 'desired number of tasks' },
    runningCount: { type: 'number', description: 'running tasks' },
    launchType: { type: 'string', description: 'FARGATE | EC2 | EXTERNAL' },
    targetGroupArns: { type: 'strings', description: 'load balancer target groups it registers with', ref: { to: 'elbv2:target-group', kind: 'uses' } },
    subnetIds: { type: 'strings', description: 'subnets of its awsvpc configuration', ref: { to: 'ec2:subnet', kind: 'uses' } },
    securityGroupIds: { type: 'strings', description: 'security groups of its awsvpc configuration', ref: { to: 'ec2:security-group', kind: 'uses' } },
  },
  // 1 ListClusters call per 100 clusters, 1 ListServices per 100 services of each, 1 DescribeServices per 10 (tags included).
  async list(ctx) {
    const ecs = ctx.client(ECSClient);
    const clusters: string[] = [];
    for await (const page of paginateListClusters({ client: ecs, stopOnSameToken: true }, { maxResults: PAGE_SIZE })) clusters.push(...(page.clusterArns ?? []));
    const services: Service[] = [];
    for (const cluster of clusters) {
      const arns: string[] = [];
      for await (const page of paginateListServices({ client: ecs, stopOnSameToken: true }, { cluster, maxResults: PAGE_SIZE })) arns.push(...(page.serviceArns ?? []));
      for (let i = 0; i < arns.length; i += DESCRIBE_BATCH) {
        const out = await ecs.send(new DescribeServicesCommand({ cluster, services: arns.slice(i, i + DESCRIBE_BATCH), include: ['TAGS'] }));
        services.push(...(out.services ?? []));
      }
    }
    return services
      .filter((s) => s.serviceArn && s.status !== 'INACTIVE')
      .map((s): Resource => {
        const tags = tagsOf((s.tags ?? []).map((t) => ({ Key: t.key, Value: t.value })));
        const network = s.networkConfiguration?.awsvpcConfiguration;
        return {
          type: 'ecs:service',
          id: s.serviceArn as string,
          arn: s.serviceArn,
          name: s.serviceName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(s.createdAt),
          tags,
          props: {
            serviceName: s.serviceName,
            clusterArn: s.clusterArn,
            status: s.status,
            desiredCount: s.desiredCount,
            runningCount: s.runningCount,
            launchType: s.launchType,
            targetGroupArns: (s.loadBalancers ?? []).map((lb) => lb.targetGroupArn).filter((a): a is string => a !== undefined),
            subnetIds: network?.subnets ?? [],
            securityGroupIds: network?.securityGroups ?? [],
          },
        };
      });
  },
  // Scale to zero, delete (force), and wait until the service is INACTIVE so its cluster can go.
  async remove(ctx, resource) {
    const ecs = ctx.client(ECSClient);
    const cluster = String(resource.props.clusterArn);
    // Both calls name the service itself: a ServiceNotFound (or ClusterNotFound) from either means it is gone.
    if (resource.props.desiredCount !== 0) await ownCall(ecs.send(new UpdateServiceCommand({ cluster, service: resource.id, desiredCount: 0 })));
    await ownDelete(ecs.send(new DeleteServiceCommand({ cluster, service: resource.id, force: true })));
    await waitUntilGone(async () => {
      const out = await ecs.send(new DescribeServicesCommand({ cluster, services: [resource.id] }));
      const s = out.services?.[0];
      return s === undefined || s.status === 'INACTIVE';
    }, ctx.signal);
  },
  dependsOn: ['cloudformation:stack'],
  protect(resource) {
    if (resource.props.status === 'DRAINING') return 'already being deleted';
    return undefined;
  },
};
