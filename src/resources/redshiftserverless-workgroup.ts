import { DeleteWorkgroupCommand, GetWorkgroupCommand, RedshiftServerlessClient, paginateListWorkgroups } from '@aws-sdk/client-redshift-serverless';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { iso, type ResourceType, IN_A_VPC } from './resource-type.js';

/** ListWorkgroups accepts 1..100 results per page. */
const PAGE_SIZE = 100;

export const redshiftServerlessWorkgroup: ResourceType = {
  type: 'redshiftserverless:workgroup',
  description: 'Redshift Serverless workgroups (RPU-hours while queries run, $0.375/RPU-h from a base of at least 8 RPUs; idle compute is free)',
  scope: 'region',
  permissions: {
    list: ['redshift-serverless:ListWorkgroups'],
    remove: ['redshift-serverless:DeleteWorkgroup', 'redshift-serverless:GetWorkgroup'],
  },
  properties: {
    status: { type: 'string', description: 'CREATING | AVAILABLE | MODIFYING | DELETING' },
    baseCapacity: { type: 'number', description: 'base RPUs a query starts with' },
    maxCapacity: { type: 'number', description: 'RPU ceiling (absent when unset)' },
    namespaceName: { type: 'string', description: 'the namespace holding its data', ref: { to: 'redshiftserverless:namespace', kind: 'uses', byName: true } },
    publiclyAccessible: { type: 'boolean', description: 'true when reachable from the internet' },
  },
  // 1 ListWorkgroups call per 100 workgroups.
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateListWorkgroups({ client: ctx.client(RedshiftServerlessClient), stopOnSameToken: true }, { maxResults: PAGE_SIZE })) {
      for (const w of page.workgroups ?? []) {
        if (!w.workgroupName) continue;
        out.push({
          type: 'redshiftserverless:workgroup',
          id: w.workgroupName,
          arn: w.workgroupArn,
          name: w.workgroupName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(w.creationDate),
          tags: {},
          props: { status: w.status, baseCapacity: w.baseCapacity, maxCapacity: w.maxCapacity, namespaceName: w.namespaceName, publiclyAccessible: w.publiclyAccessible },
        });
      }
    }
    return out;
  },
  // Waits until it is gone: its namespace can only go after it.
  async remove(ctx, resource) {
    const client = ctx.client(RedshiftServerlessClient);
    await client.send(new DeleteWorkgroupCommand({ workgroupName: resource.id }));
    await waitUntilGone(() => isNotFound(() => client.send(new GetWorkgroupCommand({ workgroupName: resource.id })), /ResourceNotFound/), ctx.signal);
  },
  // It runs in subnets of a VPC: those, its security groups and the VPC are deleted after it.
  deleteBefore: IN_A_VPC,
  dependsOn: [],
  protect(resource) {
    return resource.props.status === 'DELETING' ? 'already being deleted' : undefined;
  },
};
