// Empty an S3 bucket of every object version and delete marker: the listing is streamed page by page
// (ListObjectVersions, 1,000 keys a page) and each page goes out as one DeleteObjects call (1,000 keys
// is its limit), with a bounded number of batches in flight. Memory holds at most `concurrency` pages
// whatever the bucket size, so millions of objects cost no more memory than a thousand.
import {
  AbortMultipartUploadCommand,
  DeleteObjectsCommand,
  ListMultipartUploadsCommand,
  ListObjectVersionsCommand,
  type ObjectIdentifier,
  type S3Client,
} from '@aws-sdk/client-s3';
import { StoppedError } from './wait.js';

/** DeleteObjects takes at most 1,000 keys; ListObjectVersions returns at most 1,000 a page. */
export const S3_BATCH = 1000;

export interface EmptyBucketOptions {
  /** DeleteObjects calls in flight at once (default 4). */
  concurrency?: number;
  signal?: AbortSignal;
  /** Called after each batch with the running total. */
  onProgress?: (deleted: number) => void;
}

export interface EmptyBucketResult {
  deleted: number;
  batches: number;
  listPages: number;
}

export class S3DeleteObjectsError extends Error {
  constructor(
    readonly bucket: string,
    readonly failures: Array<{ Key?: string; Code?: string; Message?: string }>,
  ) {
    const first = failures[0];
    super(`${failures.length} object(s) of ${bucket} could not be deleted, e.g. ${first?.Key}: ${first?.Code} ${first?.Message ?? ''}`.trim());
    // Named like S3's own "not empty" so the executor retries the bucket in a later pass.
    this.name = first?.Code === 'AccessDenied' ? 'AccessDenied' : 'BucketNotEmpty';
  }
}

/**
 * Delete every object version and delete marker in the bucket (works for unversioned buckets too).
 * A listing that runs while its earlier pages are being deleted can skip entries (its markers may
 * name versions that are already gone), so the bucket is listed again from the start until a
 * listing finds nothing: one extra ListObjectVersions call when the first sweep got everything.
 */
export async function emptyBucket(s3: S3Client, bucket: string, options: EmptyBucketOptions = {}): Promise<EmptyBucketResult> {
  const total: EmptyBucketResult = { deleted: 0, batches: 0, listPages: 0 };
  for (;;) {
    const before = total.deleted;
    const sweep = await sweepBucket(s3, bucket, { ...options, onProgress: options.onProgress && ((n) => options.onProgress?.(before + n)) });
    total.deleted += sweep.deleted;
    total.batches += sweep.batches;
    total.listPages += sweep.listPages;
    if (sweep.deleted === 0) break;
  }
  await abortMultipartUploads(s3, bucket);
  return total;
}

/** One pass over the listing, deleting each full page as it arrives. */
async function sweepBucket(s3: S3Client, bucket: string, options: EmptyBucketOptions): Promise<EmptyBucketResult> {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const inFlight = new Set<Promise<void>>();
  const result: EmptyBucketResult = { deleted: 0, batches: 0, listPages: 0 };
  let failure: unknown;

  const send = (objects: ObjectIdentifier[]): Promise<void> => {
    const p = (async () => {
      const out = await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects, Quiet: true } }));
      if (out.Errors && out.Errors.length > 0) throw new S3DeleteObjectsError(bucket, out.Errors);
      result.deleted += objects.length;
      result.batches++;
      options.onProgress?.(result.deleted);
    })().catch((error: unknown) => {
      failure ??= error;
    });
    const tracked = p.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    return tracked;
  };

  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  let pending: ObjectIdentifier[] = [];
  for (;;) {
    if (options.signal?.aborted) throw new StoppedError('stopped while emptying the bucket');
    if (failure) break;
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker, MaxKeys: S3_BATCH }));
    result.listPages++;
    for (const v of [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]) {
      if (v.Key === undefined) continue;
      pending.push(v.VersionId ? { Key: v.Key, VersionId: v.VersionId } : { Key: v.Key });
      if (pending.length === S3_BATCH) {
        void send(pending);
        pending = [];
        while (inFlight.size >= concurrency) await Promise.race(inFlight);
      }
    }
    if (!page.IsTruncated) break;
    keyMarker = page.NextKeyMarker;
    versionIdMarker = page.NextVersionIdMarker;
  }
  if (pending.length > 0 && !failure) void send(pending);
  await Promise.all(inFlight);
  if (failure) throw failure;
  return result;
}

/** Incomplete multipart uploads keep storage (and cost) until aborted. */
async function abortMultipartUploads(s3: S3Client, bucket: string): Promise<void> {
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  for (;;) {
    let page;
    try {
      page = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker, MaxUploads: S3_BATCH }));
    } catch {
      return; // not every endpoint implements it; DeleteBucket reports what is left
    }
    await Promise.all(
      (page.Uploads ?? [])
        .filter((u) => u.Key && u.UploadId)
        .map((u) =>
          s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: u.Key, UploadId: u.UploadId })).catch((error: unknown) => {
            // Completed or aborted meanwhile: one upload less (never a sign the bucket is gone).
            if ((error as Error).name !== 'NoSuchUpload') throw error;
          }),
        ),
    );
    if (!page.IsTruncated) return;
    keyMarker = page.NextKeyMarker;
    uploadIdMarker = page.NextUploadIdMarker;
  }
}
