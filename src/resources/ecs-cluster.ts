import { DeleteClusterCommand, DescribeClustersCommand, ECSClient, ListTasksCommand, StopTaskCommand, paginateListClusters } from '@aws-sdk/client-ecs';
import type { Resource } from '../core/model.js';
import { tagsOf, type ResourceType } from './resource-type.js';
import { ownCall, ownDelete, partCall } from '../aws/nuke/own-call.js';

/** ListClusters returns at most 100 ARNs per page; DescribeClusters takes 100. */
const PAGE_SIZE = 100;

export const ecsCluster: ResourceType = {
  type: 'ecs:cluster',
  description: 'ECS clusters (free themselves; their services, tasks and container instances cost)',
  scope: 'region',
  createdAt: false,
  permissions: {
    list: ['ecs:ListClusters', 'ecs:DescribeClusters'],
    remove: ['ecs:ListTasks', 'ecs:StopTask', 'ecs:DeleteCluster'],
  },
  properties: {
    status: { type: 'string', description: 'ACTIVE | PROVISIONING | DEPROVISIONING | FAILED (INACTIVE clusters are not listed)' },
    activeServicesCount: { type: 'number', description: 'services in the cluster' },
    runningTasksCount: { type: 'number', description: 'running tasks' },
    registeredContainerInstancesCount: { type: 'number', description: 'EC2 container instances registered' },
  },
  // 1 ListClusters call per 100 clusters, 1 DescribeClusters per 100 (tags included). AWS reports no creation time.
  async list(ctx) {
    const ecs = ctx.client(ECSClient);
    const arns: string[] = [];
    for await (const page of paginateListClusters({ client: ecs, stopOnSameToken: true }, { maxResults: PAGE_SIZE })) arns.push(...(page.clusterArns ?? []));
    const out: Resource[] = [];
    for (let i = 0; i < arns.length; i += PAGE_SIZE) {
      const described = await ecs.send(new DescribeClustersCommand({ clusters: arns.slice(i, i + PAGE_SIZE), include: ['TAGS'] }));
      for (const c of described.clusters ?? []) {
        if (!c.clusterArn || c.status === 'INACTIVE') continue;
        out.push({
          type: 'ecs:cluster',
          id: c.clusterName ?? c.clusterArn,
          arn: c.clusterArn,
          name: c.clusterName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          tags: tagsOf((c.tags ?? []).map((t) => ({ Key: t.key, Value: t.value }))),
          props: {
            status: c.status,
            activeServicesCount: c.activeServicesCount,
            runningTasksCount: c.runningTasksCount,
            registeredContainerInstancesCount: c.registeredContainerInstancesCount,
          },
        });
      }
    }
    return out;
  },
  // Stand-alone tasks keep a cluster alive: stop them, then delete. Container instances still registered
  // (their Auto Scaling group goes first) make DeleteCluster fail with a retryable error.
  async remove(ctx, resource) {
    const ecs = ctx.client(ECSClient);
    const cluster = resource.arn ?? resource.id;
    let nextToken: string | undefined;
    do {
      const page = await ownCall(ecs.send(new ListTasksCommand({ cluster, nextToken, maxResults: PAGE_SIZE })), /ClusterNotFound/);
      await Promise.all((page.taskArns ?? []).map((task) => partCall(ecs.send(new StopTaskCommand({ cluster, task, reason: 'costguard nuke' })))));
      nextToken = page.nextToken;
    } while (nextToken);
    await ownDelete(ecs.send(new DeleteClusterCommand({ cluster })));
  },
  dependsOn: ['ecs:service', 'autoscaling:group', 'cloudformation:stack'],
};
