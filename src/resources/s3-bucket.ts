import { DeleteBucketCommand, GetBucketTaggingCommand, S3Client, paginateListBuckets, type Bucket } from '@aws-sdk/client-s3';
import type { Resource } from '../core/model.js';
import { partitionOf } from '../aws/regions.js';
import { emptyBucket } from '../aws/nuke/s3-empty.js';
import { iso, tagsOf, type ResourceType } from './resource-type.js';
import { ownCall, ownDelete } from '../aws/nuke/own-call.js';

/** ListBuckets accepts up to 10,000 buckets per page. */
const PAGE_SIZE = 10_000;

async function bucketTags(s3: S3Client, bucket: string): Promise<Record<string, string>> {
  try {
    return tagsOf((await s3.send(new GetBucketTaggingCommand({ Bucket: bucket }))).TagSet);
  } catch (error) {
    if ((error as Error).name === 'NoSuchTagSet' || (error as { Code?: string }).Code === 'NoSuchTagSet') return {};
    throw error;
  }
}

export const s3Bucket: ResourceType = {
  type: 's3:bucket',
  description: 'S3 general purpose buckets (storage billed per GiB-month); deleting one empties it first, every version',
  scope: 'region',
  permissions: {
    list: ['s3:ListAllMyBuckets', 's3:GetBucketTagging'],
    remove: ['s3:ListBucketVersions', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:ListBucketMultipartUploads', 's3:AbortMultipartUpload', 's3:DeleteBucket'],
  },
  properties: {
    bucketName: { type: 'string', description: 'bucket name' },
  },
  // 1 ListBuckets call per region (BucketRegion filter, up to 10,000 buckets a page), then 1 GetBucketTagging
  // per bucket: the listing carries no tags.
  async list(ctx) {
    const s3 = ctx.client(S3Client);
    const buckets: Bucket[] = [];
    for await (const page of paginateListBuckets({ client: s3, stopOnSameToken: true }, { BucketRegion: ctx.region, MaxBuckets: PAGE_SIZE })) {
      for (const b of page.Buckets ?? []) if (b.Name && (!b.BucketRegion || b.BucketRegion === ctx.region)) buckets.push(b);
    }
    return Promise.all(
      buckets.map(async (b): Promise<Resource> => {
        const name = b.Name as string;
        const tags = await bucketTags(s3, name);
        return {
          type: 's3:bucket',
          id: name,
          arn: `arn:${partitionOf(ctx.region)}:s3:::${name}`,
          name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(b.CreationDate),
          tags,
          props: { bucketName: name },
        };
      }),
    );
  },
  // Streams the versions listing into batched deletes (1,000 keys a call, a few calls at once), so memory
  // stays flat however many objects there are, then deletes the bucket.
  async remove(ctx, resource) {
    const s3 = ctx.client(S3Client);
    // Emptying names the bucket in every call: a NoSuchBucket from it is the bucket itself gone (what
    // an object's own "not found" says is an entry of DeleteObjects' answer, never an error).
    await ownCall(emptyBucket(s3, resource.id, { signal: ctx.signal, concurrency: 4 }), /NoSuchBucket/);
    await ownDelete(s3.send(new DeleteBucketCommand({ Bucket: resource.id })));
  },
  dependsOn: ['cloudformation:stack'],
};
