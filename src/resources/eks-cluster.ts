import { DeleteClusterCommand, DescribeClusterCommand, EKSClient, paginateListClusters } from '@aws-sdk/client-eks';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { iso, type ResourceType } from './resource-type.js';

/** ListClusters accepts 1..100 items per page. */
const PAGE_SIZE = 100;

export const eksCluster: ResourceType = {
  type: 'eks:cluster',
  description: 'EKS clusters (control plane billed per hour; more in extended support)',
  scope: 'region',
  permissions: {
    list: ['eks:ListClusters', 'eks:DescribeCluster'],
    remove: ['eks:DeleteCluster', 'eks:DescribeCluster'],
  },
  properties: {
    status: { type: 'string', description: 'CREATING | ACTIVE | DELETING | FAILED | UPDATING | PENDING' },
    version: { type: 'string', description: 'Kubernetes version, e.g. 1.29' },
    platformVersion: { type: 'string', description: 'EKS platform version, e.g. eks.7' },
  },
  // 1 ListClusters call per 100 clusters, then 1 DescribeCluster per cluster: ListClusters returns names only and
  // the API has no batch describe.
  async list(ctx) {
    const eks = ctx.client(EKSClient);
    const names: string[] = [];
    for await (const page of paginateListClusters({ client: eks, stopOnSameToken: true }, { maxResults: PAGE_SIZE })) {
      names.push(...(page.clusters ?? []));
    }
    const described = await Promise.all(names.map((name) => eks.send(new DescribeClusterCommand({ name }))));
    return described.map((d, n): Resource => {
      const c = d.cluster;
      const tags = { ...(c?.tags ?? {}) };
      return {
        type: 'eks:cluster',
        id: c?.name ?? names[n],
        arn: c?.arn,
        name: c?.name ?? names[n],
        accountId: ctx.accountId,
        region: ctx.resourceRegion,
        createdAt: iso(c?.createdAt),
        tags,
        props: {
          status: c?.status,
          version: c?.version,
          platformVersion: c?.platformVersion,
        },
      };
    });
  },
  // Node groups go first. Deleting the control plane takes minutes; wait so its subnets and security groups can go next.
  async remove(ctx, resource) {
    const eks = ctx.client(EKSClient);
    await eks.send(new DeleteClusterCommand({ name: resource.id }));
    await waitUntilGone(() => isNotFound(() => eks.send(new DescribeClusterCommand({ name: resource.id }))), ctx.signal);
  },
  dependsOn: ['eks:nodegroup'],
  protect(resource) {
    if (resource.props.status === 'DELETING') return 'already being deleted';
    return undefined;
  },
};
