// S3 buckets: regional listing with tags, and emptying every version in 1,000-key batches with bounded
// concurrency and flat memory before the bucket is deleted.
import { afterEach, describe, expect, it } from 'vitest';
import { ListObjectVersionsCommand, DeleteObjectsCommand, type S3Client } from '@aws-sdk/client-s3';
import { emptyBucket, S3_BATCH } from '../../../src/aws/nuke/s3-empty.js';
import { s3Bucket } from '../../../src/resources/s3-bucket.js';
import { testCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { fakeAws } from '../resources/fake-aws.js';

let t: TestCollectContext;
afterEach(() => t?.dispose());

/**
 * A fake S3 client holding `total` object versions, listing what is left page by page like
 * ListObjectVersions. `hideOnFirstListing`: keys the first full listing leaves out, as a listing that
 * runs while its earlier pages are deleted can.
 */
function fakeS3(total: number, options: { deleteDelayMs?: number; failKey?: string; hideOnFirstListing?: (i: number) => boolean } = {}) {
  const stats = { listCalls: 0, deleteCalls: 0, deleted: 0, maxKeysPerDelete: 0, inFlight: 0, maxInFlight: 0, maxBuffered: 0 };
  const key = (i: number) => `k${String(i).padStart(9, '0')}`;
  const gone = new Uint8Array(total);
  let firstListing = true;
  const client = {
    async send(command: unknown) {
      if (command instanceof ListObjectVersionsCommand) {
        stats.listCalls++;
        const input = command.input;
        let i = input.KeyMarker ? Number(input.KeyMarker.slice(1)) + 1 : 0;
        const versions: Array<{ Key: string; VersionId: string }> = [];
        let last = -1;
        for (; i < total && versions.length < (input.MaxKeys ?? 1000); i++) {
          if (gone[i] || (firstListing && options.hideOnFirstListing?.(i))) continue;
          versions.push({ Key: key(i), VersionId: `v${i}` });
          last = i;
        }
        while (i < total && gone[i]) i++;
        const truncated = i < total;
        if (!truncated) firstListing = false;
        return { Versions: versions, DeleteMarkers: [], IsTruncated: truncated, NextKeyMarker: truncated ? key(last) : undefined, NextVersionIdMarker: truncated ? `v${last}` : undefined };
      }
      if (command instanceof DeleteObjectsCommand) {
        stats.deleteCalls++;
        const objects = command.input.Delete?.Objects ?? [];
        stats.maxKeysPerDelete = Math.max(stats.maxKeysPerDelete, objects.length);
        stats.inFlight++;
        stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
        await new Promise((r) => setTimeout(r, options.deleteDelayMs ?? 0));
        stats.inFlight--;
        const failed = objects.find((o) => o.Key === options.failKey);
        if (failed) return { Errors: [{ Key: failed.Key, Code: 'AccessDenied', Message: 'Access Denied' }] };
        for (const o of objects) gone[Number(o.Key?.slice(1))] = 1;
        stats.deleted += objects.length;
        return { Deleted: [] };
      }
      return {};
    },
  } as unknown as S3Client;
  return { client, stats };
}

describe('emptyBucket', () => {
  it('deletes every version in batches of 1,000 keys, one DeleteObjects per listed page, with bounded concurrency', async () => {
    const { client, stats } = fakeS3(10_500, { deleteDelayMs: 3 });
    const result = await emptyBucket(client, 'big', { concurrency: 3 });
    // 11 pages, then one listing from the start that finds the bucket empty.
    expect(result).toEqual({ deleted: 10_500, batches: 11, listPages: 12 });
    expect(stats.deleted).toBe(10_500);
    expect(stats.maxKeysPerDelete).toBe(S3_BATCH);
    expect(stats.maxInFlight).toBeLessThanOrEqual(3);
    expect(stats.maxInFlight).toBeGreaterThan(1);
  });

  it('keeps memory flat: a million versions empty without holding more than a few pages', async () => {
    const { client, stats } = fakeS3(1_000_000);
    const before = process.memoryUsage().heapUsed;
    const result = await emptyBucket(client, 'huge', { concurrency: 4 });
    expect(result.deleted).toBe(1_000_000);
    expect(stats.deleteCalls).toBe(1000);
    // Holding a million keys would take well over 100 MB; streaming keeps a few 1,000-key pages.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(60 * 1024 * 1024);
  }, 60_000);

  it('lists again from the start until nothing is left, when a listing skipped versions while they were being deleted', async () => {
    const { client, stats } = fakeS3(3000, { hideOnFirstListing: (i) => i % 7 === 0 });
    const result = await emptyBucket(client, 'moving', { concurrency: 2 });
    expect(stats.deleted).toBe(3000);
    expect(result.deleted).toBe(3000);
  });

  it('fails (to be retried) when S3 refuses some keys', async () => {
    const { client } = fakeS3(2500, { failKey: 'k000001500' });
    await expect(emptyBucket(client, 'b', { concurrency: 2 })).rejects.toThrow(/could not be deleted, e.g. k000001500: AccessDenied/);
  });
});

describe('s3:bucket', () => {
  it('lists the buckets of one region with their tags, empties and deletes one', async () => {
    t = testCollectContext();
    const xml = { 'content-type': 'application/xml' };
    const account = fakeAws('https://s3.us-east-1.amazonaws.com', {
      ListBuckets: () => ({ body: '<ListAllMyBucketsResult><Buckets><Bucket><Name>lab-data</Name><CreationDate>2026-11-20T08:00:00.000Z</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>', headers: xml }),
    }, { route: () => 'ListBuckets' });
    const bucket = fakeAws(
      'https://lab-data.s3.us-east-1.amazonaws.com',
      {
        GetBucketTagging: () => ({ body: '<Tagging><TagSet><Tag><Key>lab</Key><Value>day1</Value></Tag></TagSet></Tagging>', headers: xml }),
        // The bucket's two entries, then (once they are deleted) an empty listing.
        ListObjectVersions: (_r, n) => ({
          body:
            n === 0
              ? '<ListVersionsResult><IsTruncated>false</IsTruncated><Version><Key>a.txt</Key><VersionId>v1</VersionId></Version><DeleteMarker><Key>a.txt</Key><VersionId>v2</VersionId></DeleteMarker></ListVersionsResult>'
              : '<ListVersionsResult><IsTruncated>false</IsTruncated></ListVersionsResult>',
          headers: xml,
        }),
        DeleteObjects: () => ({ body: '<DeleteResult></DeleteResult>', headers: xml }),
        ListMultipartUploads: () => ({ body: '<ListMultipartUploadsResult><IsTruncated>false</IsTruncated></ListMultipartUploadsResult>', headers: xml }),
        DeleteBucket: () => ({ status: 204, body: '' }),
      },
      {
        route: (r) =>
          r.query.has('tagging') ? 'GetBucketTagging' : r.query.has('versions') ? 'ListObjectVersions' : r.query.has('delete') ? 'DeleteObjects' : r.query.has('uploads') ? 'ListMultipartUploads' : r.method === 'DELETE' ? 'DeleteBucket' : undefined,
      },
    );
    const resources = await s3Bucket.list(t.ctx);
    const listing = account.calls('ListBuckets')[0].query;
    expect([listing.get('bucket-region'), listing.get('max-buckets')]).toEqual(['us-east-1', '10000']);
    expect(resources).toEqual([
      { type: 's3:bucket', id: 'lab-data', arn: 'arn:aws:s3:::lab-data', name: 'lab-data', accountId: '111111111111', region: 'us-east-1', createdAt: '2026-11-20T08:00:00.000Z', tags: { lab: 'day1' }, props: { bucketName: 'lab-data' } },
    ]);

    await s3Bucket.remove?.({ ...t.ctx, signal: new AbortController().signal }, resources[0]);
    const body = [...bucket.calls('DeleteObjects')[0].form.entries()].map(([k, v]) => `${k}=${v}`).join('&');
    expect([...body.matchAll(/<VersionId>([^<]+)<\/VersionId>/g)].map((m) => m[1]).sort()).toEqual(['v1', 'v2']);
    expect(bucket.requests.map((r) => r.op)).toEqual(['GetBucketTagging', 'ListObjectVersions', 'DeleteObjects', 'ListObjectVersions', 'ListMultipartUploads', 'DeleteBucket']);
  });
});
