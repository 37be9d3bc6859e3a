import { DeleteClusterCommand, DescribeClustersCommand, RedshiftClient, paginateDescribeClusters } from '@aws-sdk/client-redshift';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { iso, tagsOf, type ResourceType, IN_A_VPC } from './resource-type.js';

/** DescribeClusters accepts 20..100 records per page. */
const PAGE_SIZE = 100;

export const redshiftCluster: ResourceType = {
  type: 'redshift:cluster',
  description: 'Redshift provisioned clusters (node-hours while available; paused clusters bill storage only)',
  scope: 'region',
  permissions: {
    list: ['redshift:DescribeClusters'],
    remove: ['redshift:DeleteCluster', 'redshift:DescribeClusters'],
  },
  properties: {
    status: { type: 'string', description: 'available | paused | creating | deleting | final-snapshot | ...' },
    availabilityStatus: { type: 'string', description: 'Available | Unavailable | Maintenance | Modifying | Failed | Paused' },
    nodeType: { type: 'string', description: 'e.g. ra3.xlplus, dc2.large' },
    numberOfNodes: { type: 'number', description: 'compute nodes' },
    vpcId: { type: 'string', description: 'the VPC the cluster runs in', ref: { to: 'ec2:vpc', kind: 'uses' } },
  },
  // 1 DescribeClusters call per 100 clusters; tags come in the same answer.
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateDescribeClusters({ client: ctx.client(RedshiftClient), stopOnSameToken: true }, { MaxRecords: PAGE_SIZE })) {
      for (const c of page.Clusters ?? []) {
        if (!c.ClusterIdentifier) continue;
        const tags = tagsOf(c.Tags);
        out.push({
          type: 'redshift:cluster',
          id: c.ClusterIdentifier,
          name: tags.Name ?? c.ClusterIdentifier,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(c.ClusterCreateTime),
          tags,
          props: {
            status: c.ClusterStatus,
            availabilityStatus: c.ClusterAvailabilityStatus,
            nodeType: c.NodeType,
            numberOfNodes: c.NumberOfNodes,
            vpcId: c.VpcId,
          },
        });
      }
    }
    return out;
  },
  // No final snapshot (its default retention is forever, so it would keep billing): a lab cluster goes entirely.
  // Deleting takes minutes; wait so its subnet group and security groups can go next.
  async remove(ctx, resource) {
    const client = ctx.client(RedshiftClient);
    await client.send(new DeleteClusterCommand({ ClusterIdentifier: resource.id, SkipFinalClusterSnapshot: true }));
    await waitUntilGone(() => isNotFound(() => client.send(new DescribeClustersCommand({ ClusterIdentifier: resource.id }))), ctx.signal);
  },
  // It runs in subnets of a VPC: those, its security groups and the VPC are deleted after it.
  deleteBefore: IN_A_VPC,
  dependsOn: [],
  protect(resource) {
    if (resource.props.status === 'deleting' || resource.props.status === 'final-snapshot') return 'already being deleted';
    return undefined;
  },
};
