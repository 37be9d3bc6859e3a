import { DescribeClusterCommand, EMRClient, TerminateJobFlowsCommand, paginateListClusters } from '@aws-sdk/client-emr';
import type { Resource } from '../core/model.js';
import { waitUntilGone } from '../aws/nuke/wait.js';
import { iso, type ResourceType, IN_A_VPC } from './resource-type.js';

/** The states in which a cluster still runs (and bills) its instances. */
const ACTIVE = ['STARTING', 'BOOTSTRAPPING', 'RUNNING', 'WAITING'] as const;

export const emrCluster: ResourceType = {
  type: 'emr:cluster',
  description: 'EMR clusters not yet terminated (every instance bills EC2 plus the EMR uplift, WAITING included)',
  scope: 'region',
  permissions: {
    list: ['elasticmapreduce:ListClusters'],
    remove: ['elasticmapreduce:TerminateJobFlows', 'elasticmapreduce:DescribeCluster'],
  },
  properties: {
    state: { type: 'string', description: 'STARTING | BOOTSTRAPPING | RUNNING | WAITING | TERMINATING' },
    normalizedInstanceHours: { type: 'number', description: 'instance-hours used so far, normalized to m1.small' },
  },
  // ListClusters returns a fixed 50 per call: 1 call per 50 active clusters; terminated ones are not listed.
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateListClusters({ client: ctx.client(EMRClient), stopOnSameToken: true }, { ClusterStates: [...ACTIVE, 'TERMINATING'] })) {
      for (const c of page.Clusters ?? []) {
        if (!c.Id) continue;
        out.push({
          type: 'emr:cluster',
          id: c.Id,
          arn: c.ClusterArn,
          name: c.Name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(c.Status?.Timeline?.CreationDateTime),
          tags: {},
          props: { state: c.Status?.State, normalizedInstanceHours: c.NormalizedInstanceHours },
        });
      }
    }
    return out;
  },
  // A termination-protected cluster makes TerminateJobFlows fail (reported). Waits until TERMINATED
  // (1-5 minutes) so the cluster's security groups and subnets can go next.
  async remove(ctx, resource) {
    const emr = ctx.client(EMRClient);
    await emr.send(new TerminateJobFlowsCommand({ JobFlowIds: [resource.id] }));
    await waitUntilGone(async () => {
      const state = (await emr.send(new DescribeClusterCommand({ ClusterId: resource.id }))).Cluster?.Status?.State;
      return state === 'TERMINATED' || state === 'TERMINATED_WITH_ERRORS';
    }, ctx.signal);
  },
  // It runs in subnets of a VPC: those, its security groups and the VPC are deleted after it.
  deleteBefore: IN_A_VPC,
  dependsOn: [],
  protect(resource) {
    return resource.props.state === 'TERMINATING' ? 'already terminating' : undefined;
  },
};
