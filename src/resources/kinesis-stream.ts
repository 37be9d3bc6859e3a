import { DeleteStreamCommand, DescribeStreamSummaryCommand, KinesisClient as SdkKinesisClient, ListTagsForResourceCommand, paginateListStreams, type KinesisClientConfig, type StreamSummary } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { iso, tagsOf, type ResourceType } from './resource-type.js';

/**
 * The Kinesis client speaks HTTP/2 by default (for SubscribeToShard, which costguard never calls); the control-plane
 * calls here work over HTTP/1.1 like every other client, which keeps AWS_ENDPOINT_URL emulators and nock working.
 */
const KinesisClient = class KinesisClient extends SdkKinesisClient {
  constructor(config: KinesisClientConfig) {
    super({ ...config, requestHandler: new NodeHttpHandler() });
  }
};

/** ListStreams accepts a Limit up to 10000 but returns at most 100 streams per call. */
const PAGE_SIZE = 10000;

export const kinesisStream: ResourceType = {
  type: 'kinesis:stream',
  description: 'Kinesis Data Streams (provisioned: per shard-hour; on-demand: per stream-hour plus data)',
  scope: 'region',
  permissions: {
    list: ['kinesis:ListStreams', 'kinesis:DescribeStreamSummary'],
    remove: ['kinesis:DeleteStream', 'kinesis:DescribeStreamSummary', 'kinesis:ListTagsForResource'],
  },
  properties: {
    status: { type: 'string', description: 'CREATING | DELETING | ACTIVE | UPDATING' },
    streamMode: { type: 'string', description: 'PROVISIONED | ON_DEMAND' },
    openShardCount: { type: 'number', description: 'open shards (each bills per hour in provisioned mode)' },
    retentionHours: { type: 'number', description: 'hours records are kept (over 24 bills extended retention)' },
  },
  // 1 ListStreams call per 100 streams, then 1 DescribeStreamSummary per stream: the shard count is in no listing.
  // Bounded by the streams in the region. Tags only for nuke (readTags: 1 ListTagsForResource per stream).
  async list(ctx) {
    const client = ctx.client(KinesisClient);
    const streams: StreamSummary[] = [];
    for await (const page of paginateListStreams({ client, stopOnSameToken: true }, { Limit: PAGE_SIZE })) {
      if (page.StreamSummaries?.length) streams.push(...page.StreamSummaries.filter((s) => s.StreamName));
      else for (const name of page.StreamNames ?? []) streams.push({ StreamName: name } as StreamSummary);
    }
    return Promise.all(
      streams.map(async (s): Promise<Resource> => {
        const d = (await client.send(new DescribeStreamSummaryCommand({ StreamName: s.StreamName }))).StreamDescriptionSummary;
        return {
          type: 'kinesis:stream',
          id: s.StreamName as string,
          arn: s.StreamARN ?? d?.StreamARN,
          name: s.StreamName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(s.StreamCreationTimestamp ?? d?.StreamCreationTimestamp),
          tags: {},
          props: {
            status: d?.StreamStatus ?? s.StreamStatus,
            streamMode: d?.StreamModeDetails?.StreamMode ?? s.StreamModeDetails?.StreamMode ?? 'PROVISIONED',
            openShardCount: d?.OpenShardCount,
            retentionHours: d?.RetentionPeriodHours,
          },
        };
      }),
    );
  },
  async readTags(ctx, resources) {
    const client = ctx.client(KinesisClient);
    const out = new Map<string, Record<string, string>>();
    await Promise.all(resources.map(async (r) => r.arn && out.set(r.id, tagsOf((await client.send(new ListTagsForResourceCommand({ ResourceARN: r.arn }))).Tags))));
    return out;
  },
  // Registered consumers go with it (EnforceConsumerDeletion). Wait until it is gone.
  async remove(ctx, resource) {
    const client = ctx.client(KinesisClient);
    await client.send(new DeleteStreamCommand({ StreamName: resource.id, EnforceConsumerDeletion: true }));
    await waitUntilGone(() => isNotFound(() => client.send(new DescribeStreamSummaryCommand({ StreamName: resource.id }))), ctx.signal);
  },
  // Firehose streams reading from it go first.
  dependsOn: ['firehose:delivery-stream'],
  protect(resource) {
    if (resource.props.status === 'DELETING') return 'already being deleted';
    return undefined;
  },
};
