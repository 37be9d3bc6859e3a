import { DAXClient, DeleteClusterCommand, DescribeClustersCommand, ListTagsCommand, type Cluster } from '@aws-sdk/client-dax';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { tagsOf, type ResourceType, IN_A_VPC } from './resource-type.js';

/** DescribeClusters returns at most 100 clusters per page. */
const PAGE_SIZE = 100;

/**
 * Regions AWS offers no DAX endpoint in (AWS's endpoint data, botocore 1.43 `endpoints.json`): no cluster can exist
 * there, and the call would only fail (DNS error on AWS, HTTP 500 on emulators), making every audit of, say,
 * ap-northeast-2 incomplete. A region missing from this list (a new one) is asked as usual.
 */
const NOT_OFFERED = new Set([
  'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-2', 'ap-southeast-3', 'ap-southeast-4',
  'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7', 'ca-central-1', 'ca-west-1', 'eu-central-2', 'eu-south-1', 'il-central-1',
  'me-central-1', 'me-south-1', 'mx-central-1', 'us-gov-east-1', 'us-gov-west-1',
]);

export const daxCluster: ResourceType = {
  type: 'dax:cluster',
  description: 'DynamoDB Accelerator (DAX) clusters (every node bills per node-hour)',
  scope: 'region',
  createdAt: false,
  permissions: {
    list: ['dax:DescribeClusters'],
    remove: ['dax:DeleteCluster', 'dax:DescribeClusters', 'dax:ListTags'],
  },
  properties: {
    status: { type: 'string', description: 'creating | available | deleting | modifying' },
    nodeType: { type: 'string', description: 'e.g. dax.t3.small' },
    totalNodes: { type: 'number', description: 'nodes in the cluster (each bills)' },
  },
  // 1 DescribeClusters call per 100 clusters (the SDK has no paginator for it); no creation time in the API.
  // Tags only for nuke (readTags: 1 ListTags per cluster). No call where DAX is not offered.
  async list(ctx) {
    if (NOT_OFFERED.has(ctx.region)) return [];
    const client = ctx.client(DAXClient);
    const clusters: Cluster[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new DescribeClustersCommand({ MaxResults: PAGE_SIZE, NextToken: token }));
      clusters.push(...(page.Clusters ?? []));
      token = page.NextToken;
    } while (token);
    return clusters.flatMap((c): Resource[] =>
      c.ClusterName
        ? [
            {
              type: 'dax:cluster',
              id: c.ClusterName,
              arn: c.ClusterArn,
              name: c.ClusterName,
              accountId: ctx.accountId,
              region: ctx.resourceRegion,
              tags: {},
              props: { status: c.Status, nodeType: c.NodeType, totalNodes: c.TotalNodes },
            },
          ]
        : [],
    );
  },
  async readTags(ctx, resources) {
    const client = ctx.client(DAXClient);
    const out = new Map<string, Record<string, string>>();
    await Promise.all(resources.map(async (r) => r.arn && out.set(r.id, tagsOf((await client.send(new ListTagsCommand({ ResourceName: r.arn }))).Tags))));
    return out;
  },
  // Deleting takes minutes; wait so its subnet group and parameter group can go next.
  async remove(ctx, resource) {
    const client = ctx.client(DAXClient);
    await client.send(new DeleteClusterCommand({ ClusterName: resource.id }));
    await waitUntilGone(() => isNotFound(() => client.send(new DescribeClustersCommand({ ClusterNames: [resource.id] }))), ctx.signal);
  },
  // It runs in subnets of a VPC: those, its security groups and the VPC are deleted after it.
  deleteBefore: IN_A_VPC,
  dependsOn: [],
  protect(resource) {
    if (resource.props.status === 'deleting') return 'already being deleted';
    return undefined;
  },
};
