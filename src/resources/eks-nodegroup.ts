import { DeleteNodegroupCommand, DescribeNodegroupCommand, EKSClient, paginateListClusters, paginateListNodegroups } from '@aws-sdk/client-eks';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { iso, type ResourceType } from './resource-type.js';

/** ListClusters and ListNodegroups accept 1..100 items per page. */
const PAGE_SIZE = 100;

function parts(resource: Resource): { clusterName: string; nodegroupName: string } {
  return { clusterName: String(resource.props.clusterName), nodegroupName: String(resource.props.nodegroupName) };
}

export const eksNodegroup: ResourceType = {
  type: 'eks:nodegroup',
  description: 'EKS managed node groups (their EC2 instances are billed); they go before their cluster',
  scope: 'region',
  // What it creates carries this tag and goes with it (nuke never deletes such a resource by itself).
  ownerTag: { tag: 'eks:nodegroup-name', words: 'EKS node group', rank: 3 },
  permissions: {
    list: ['eks:ListClusters', 'eks:ListNodegroups', 'eks:DescribeNodegroup'],
    remove: ['eks:DeleteNodegroup', 'eks:DescribeNodegroup'],
  },
  properties: {
    clusterName: { type: 'string', description: 'the cluster it belongs to', ref: { to: 'eks:cluster', kind: 'uses', byName: true } },
    nodegroupName: { type: 'string', description: 'node group name' },
    status: { type: 'string', description: 'CREATING | ACTIVE | UPDATING | DELETING | ...' },
    instanceTypes: { type: 'strings', description: 'EC2 instance types' },
    desiredSize: { type: 'number', description: 'desired number of nodes' },
    nodeRole: { type: 'string', description: 'ARN of the node IAM role', ref: { to: 'iam:role', kind: 'uses' } },
    subnetIds: { type: 'strings', description: 'subnets the nodes run in', ref: { to: 'ec2:subnet', kind: 'uses' } },
    autoScalingGroups: { type: 'strings', description: 'the Auto Scaling groups EKS manages for it', ref: { to: 'autoscaling:group', kind: 'uses' } },
  },
  // 1 ListClusters call per 100 clusters, 1 ListNodegroups per 100 node groups of each, 1 DescribeNodegroup per node group.
  async list(ctx) {
    const eks = ctx.client(EKSClient);
    const clusters: string[] = [];
    for await (const page of paginateListClusters({ client: eks, stopOnSameToken: true }, { maxResults: PAGE_SIZE })) clusters.push(...(page.clusters ?? []));
    const pairs: Array<{ clusterName: string; nodegroupName: string }> = [];
    for (const clusterName of clusters) {
      for await (const page of paginateListNodegroups({ client: eks, stopOnSameToken: true }, { clusterName, maxResults: PAGE_SIZE })) {
        for (const nodegroupName of page.nodegroups ?? []) pairs.push({ clusterName, nodegroupName });
      }
    }
    return Promise.all(
      pairs.map(async ({ clusterName, nodegroupName }): Promise<Resource> => {
        const n = (await eks.send(new DescribeNodegroupCommand({ clusterName, nodegroupName }))).nodegroup;
        return {
          type: 'eks:nodegroup',
          id: `${clusterName}/${nodegroupName}`,
          arn: n?.nodegroupArn,
          name: nodegroupName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(n?.createdAt),
          tags: { ...(n?.tags ?? {}) },
          props: {
            clusterName,
            nodegroupName,
            status: n?.status,
            instanceTypes: n?.instanceTypes ?? [],
            desiredSize: n?.scalingConfig?.desiredSize,
            nodeRole: n?.nodeRole,
            subnetIds: n?.subnets ?? [],
            autoScalingGroups: (n?.resources?.autoScalingGroups ?? []).map((g) => g.name).filter((g): g is string => g !== undefined),
          },
        };
      }),
    );
  },
  // Node groups take minutes to delete; wait so the cluster (and subnets) can go next.
  async remove(ctx, resource) {
    const eks = ctx.client(EKSClient);
    const { clusterName, nodegroupName } = parts(resource);
    await eks.send(new DeleteNodegroupCommand({ clusterName, nodegroupName }));
    await waitUntilGone(() => isNotFound(() => eks.send(new DescribeNodegroupCommand({ clusterName, nodegroupName }))), ctx.signal);
  },
  dependsOn: ['cloudformation:stack'],
  protect(resource) {
    if (resource.props.status === 'DELETING') return 'already being deleted';
    return undefined;
  },
};
