import { DeleteDeliveryStreamCommand, DescribeDeliveryStreamCommand, FirehoseClient, ListDeliveryStreamsCommand, ListTagsForDeliveryStreamCommand } from '@aws-sdk/client-firehose';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { iso, tagsOf, type ResourceType } from './resource-type.js';

/** ListDeliveryStreams accepts a Limit of 1..10000 (default 10); the SDK has no paginator for it. */
const PAGE_SIZE = 10000;

export const firehoseDeliveryStream: ResourceType = {
  type: 'firehose:delivery-stream',
  description: 'Amazon Data Firehose streams (billed per GB ingested; VPC delivery also bills per AZ-hour)',
  scope: 'region',
  permissions: {
    list: ['firehose:ListDeliveryStreams', 'firehose:DescribeDeliveryStream'],
    remove: ['firehose:DeleteDeliveryStream', 'firehose:DescribeDeliveryStream', 'firehose:ListTagsForDeliveryStream'],
  },
  properties: {
    status: { type: 'string', description: 'CREATING | CREATING_FAILED | DELETING | DELETING_FAILED | ACTIVE' },
    deliveryStreamType: { type: 'string', description: 'DirectPut | KinesisStreamAsSource | MSKAsSource | DatabaseAsSource' },
    vpcDelivery: { type: 'boolean', description: 'true when a destination is delivered inside a VPC (bills per AZ-hour)' },
    sourceStreamArn: { type: 'string', description: 'the Kinesis stream it reads from', ref: { to: 'kinesis:stream', kind: 'uses' } },
  },
  // 1 ListDeliveryStreams call per page (names only), then 1 DescribeDeliveryStream per stream: status, type and
  // destinations are in no listing. Bounded by the streams in the region. Tags only for nuke (readTags).
  async list(ctx) {
    const client = ctx.client(FirehoseClient);
    const names: string[] = [];
    let more = true;
    while (more) {
      const page = await client.send(new ListDeliveryStreamsCommand({ Limit: PAGE_SIZE, ExclusiveStartDeliveryStreamName: names.at(-1) }));
      names.push(...(page.DeliveryStreamNames ?? []));
      more = page.HasMoreDeliveryStreams === true && (page.DeliveryStreamNames?.length ?? 0) > 0;
    }
    return Promise.all(
      names.map(async (name): Promise<Resource> => {
        const d = (await client.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }))).DeliveryStreamDescription;
        const vpcDelivery = (d?.Destinations ?? []).some((dest) => Object.values(dest).some((v) => typeof v === 'object' && v !== null && 'VpcConfigurationDescription' in v));
        return {
          type: 'firehose:delivery-stream',
          id: name,
          arn: d?.DeliveryStreamARN,
          name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(d?.CreateTimestamp),
          tags: {},
          props: {
            status: d?.DeliveryStreamStatus,
            deliveryStreamType: d?.DeliveryStreamType,
            vpcDelivery,
            sourceStreamArn: d?.Source?.KinesisStreamSourceDescription?.KinesisStreamARN,
          },
        };
      }),
    );
  },
  async readTags(ctx, resources) {
    const client = ctx.client(FirehoseClient);
    const out = new Map<string, Record<string, string>>();
    await Promise.all(
      resources.map(async (r) => out.set(r.id, tagsOf((await client.send(new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: r.id, Limit: 50 }))).Tags))),
    );
    return out;
  },
  async remove(ctx, resource) {
    const client = ctx.client(FirehoseClient);
    await client.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: resource.id, AllowForceDelete: true }));
    await waitUntilGone(() => isNotFound(() => client.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: resource.id }))), ctx.signal);
  },
  dependsOn: [],
  protect(resource) {
    if (resource.props.status === 'DELETING') return 'already being deleted';
    if (resource.props.status === 'CREATING') return 'still being created (a stream cannot be deleted while CREATING)';
    return undefined;
  },
};
