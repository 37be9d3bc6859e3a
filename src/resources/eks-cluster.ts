import { DescribeClusterCommand, EKSClient, paginateListClusters } from '@aws-sdk/client-eks';
import type { Resource } from '../core/model.js';
import { iso, type ResourceType } from './resource-type.js';

/** ListClusters accepts 1..100 items per page. */
const PAGE_SIZE = 100;

export const eksCluster: ResourceType = {
  type: 'eks:cluster',
  description: 'EKS clusters (control plane billed per hour; more in extended support)',
  scope: 'region',
  permissions: {
    list: ['eks:ListClusters', 'eks:DescribeCluster'],
  },
  properties: {
    status: 'CREATING | ACTIVE | DELETING | FAILED | UPDATING | PENDING',
    version: 'Kubernetes version, e.g. 1.29',
    platformVersion: 'EKS platform version, e.g. eks.7',
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
};
