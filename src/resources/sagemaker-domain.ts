import { DeleteDomainCommand, DescribeDomainCommand, SageMakerClient, paginateListDomains } from '@aws-sdk/client-sagemaker';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { iso, type ResourceType, IN_A_VPC } from './resource-type.js';
import { SAGEMAKER_NOT_FOUND, sagemakerTags } from './sagemaker-shared.js';

/** ListDomains accepts 1..100 results per page. */
const PAGE_SIZE = 100;

export const sagemakerDomain: ResourceType = {
  type: 'sagemaker:domain',
  description: 'SageMaker Studio domains (free themselves; their home EFS file system bills storage until deleted with them)',
  scope: 'region',
  permissions: {
    list: ['sagemaker:ListDomains'],
    remove: ['sagemaker:DeleteDomain', 'sagemaker:DescribeDomain', 'sagemaker:ListTags'],
  },
  properties: {
    status: { type: 'string', description: 'Deleting | Failed | InService | Pending | Updating ...' },
  },
  // 1 ListDomains call per 100 domains. Tags only for nuke (1 ListTags per domain).
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateListDomains({ client: ctx.client(SageMakerClient), stopOnSameToken: true }, { MaxResults: PAGE_SIZE })) {
      for (const d of page.Domains ?? []) {
        if (!d.DomainId) continue;
        out.push({
          type: 'sagemaker:domain',
          id: d.DomainId,
          arn: d.DomainArn,
          name: d.DomainName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(d.CreationTime),
          tags: {},
          props: { status: d.Status },
        });
      }
    }
    return out;
  },
  readTags: sagemakerTags,
  // Deletes its home EFS file system too (the default, Retain, leaves it billing). Fails while user
  // profiles remain (reported).
  async remove(ctx, resource) {
    const client = ctx.client(SageMakerClient);
    await client.send(new DeleteDomainCommand({ DomainId: resource.id, RetentionPolicy: { HomeEfsFileSystem: 'Delete' } }));
    await waitUntilGone(() => isNotFound(() => client.send(new DescribeDomainCommand({ DomainId: resource.id })), SAGEMAKER_NOT_FOUND), ctx.signal);
  },
  // It runs in subnets of a VPC: those, its security groups and the VPC are deleted after it.
  deleteBefore: IN_A_VPC,
  dependsOn: ['sagemaker:app', 'sagemaker:space'],
  protect(resource) {
    return resource.props.status === 'Deleting' ? 'already being deleted' : undefined;
  },
};
