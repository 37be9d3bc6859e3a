import { DeleteRepositoryCommand, ECRClient, ListTagsForResourceCommand, paginateDescribeRepositories, type Repository } from '@aws-sdk/client-ecr';
import type { Resource } from '../core/model.js';
import { iso, tagsOf, type ResourceType } from './resource-type.js';

/** DescribeRepositories accepts 1..1000 items per page. */
const PAGE_SIZE = 1000;

export const ecrRepository: ResourceType = {
  type: 'ecr:repository',
  description: 'ECR repositories (image storage billed per GiB-month); deleting one deletes its images',
  scope: 'region',
  permissions: {
    list: ['ecr:DescribeRepositories', 'ecr:ListTagsForResource'],
    remove: ['ecr:DeleteRepository', 'ecr:BatchDeleteImage'],
  },
  properties: {
    repositoryUri: { type: 'string', description: 'URI to push and pull' },
    imageTagMutability: { type: 'string', description: 'MUTABLE | IMMUTABLE' },
    scanOnPush: { type: 'boolean', description: 'true when images are scanned on push' },
  },
  // 1 DescribeRepositories call per 1000 repositories, then 1 ListTagsForResource per repository.
  async list(ctx) {
    const ecr = ctx.client(ECRClient);
    const repos: Repository[] = [];
    for await (const page of paginateDescribeRepositories({ client: ecr, stopOnSameToken: true }, { maxResults: PAGE_SIZE })) {
      for (const r of page.repositories ?? []) if (r.repositoryName) repos.push(r);
    }
    return Promise.all(
      repos.map(async (r): Promise<Resource> => {
        const tags = r.repositoryArn ? tagsOf((await ecr.send(new ListTagsForResourceCommand({ resourceArn: r.repositoryArn }))).tags) : {};
        return {
          type: 'ecr:repository',
          id: r.repositoryName as string,
          arn: r.repositoryArn,
          name: r.repositoryName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(r.createdAt),
          tags,
          props: { repositoryUri: r.repositoryUri, imageTagMutability: r.imageTagMutability, scanOnPush: r.imageScanningConfiguration?.scanOnPush === true },
        };
      }),
    );
  },
  async remove(ctx, resource) {
    await ctx.client(ECRClient).send(new DeleteRepositoryCommand({ repositoryName: resource.id, force: true }));
  },
  dependsOn: ['cloudformation:stack'],
};
