import { DeleteNamespaceCommand, GetNamespaceCommand, RedshiftServerlessClient, paginateListNamespaces } from '@aws-sdk/client-redshift-serverless';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { iso, type ResourceType } from './resource-type.js';

/** ListNamespaces accepts 1..100 results per page. */
const PAGE_SIZE = 100;

export const redshiftServerlessNamespace: ResourceType = {
  type: 'redshiftserverless:namespace',
  description: 'Redshift Serverless namespaces (the data: managed storage bills per GB-month until the namespace is deleted)',
  scope: 'region',
  permissions: {
    list: ['redshift-serverless:ListNamespaces'],
    remove: ['redshift-serverless:DeleteNamespace', 'redshift-serverless:GetNamespace'],
  },
  properties: {
    status: { type: 'string', description: 'AVAILABLE | MODIFYING | DELETING' },
    dbName: { type: 'string', description: 'the default database name' },
  },
  // 1 ListNamespaces call per 100 namespaces.
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateListNamespaces({ client: ctx.client(RedshiftServerlessClient), stopOnSameToken: true }, { maxResults: PAGE_SIZE })) {
      for (const n of page.namespaces ?? []) {
        if (!n.namespaceName) continue;
        out.push({
          type: 'redshiftserverless:namespace',
          id: n.namespaceName,
          arn: n.namespaceArn,
          name: n.namespaceName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(n.creationDate),
          tags: {},
          props: { status: n.status, dbName: n.dbName },
        });
      }
    }
    return out;
  },
  // No final snapshot (it would bill as storage); waits until the namespace is gone.
  async remove(ctx, resource) {
    const client = ctx.client(RedshiftServerlessClient);
    await client.send(new DeleteNamespaceCommand({ namespaceName: resource.id }));
    await waitUntilGone(() => isNotFound(() => client.send(new GetNamespaceCommand({ namespaceName: resource.id })), /ResourceNotFound/), ctx.signal);
  },
  dependsOn: ['redshiftserverless:workgroup'],
  protect(resource) {
    return resource.props.status === 'DELETING' ? 'already being deleted' : undefined;
  },
};
