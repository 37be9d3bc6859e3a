import { DeleteQueueCommand, GetQueueAttributesCommand, ListQueueTagsCommand, SQSClient, paginateListQueues } from '@aws-sdk/client-sqs';
import type { Resource } from '../core/model.js';
import { partitionOf } from '../aws/regions.js';
import type { ResourceType } from './resource-type.js';

/** ListQueues accepts 1..1000 results per page. */
const PAGE_SIZE = 1000;

export const sqsQueue: ResourceType = {
  type: 'sqs:queue',
  description: 'SQS queues (free when idle; requests are billed)',
  scope: 'region',
  permissions: {
    list: ['sqs:ListQueues', 'sqs:GetQueueAttributes', 'sqs:ListQueueTags'],
    remove: ['sqs:DeleteQueue'],
  },
  properties: {
    queueUrl: { type: 'string', description: 'queue URL' },
    fifo: { type: 'boolean', description: 'true for a FIFO queue' },
    approximateMessages: { type: 'number', description: 'approximate number of visible messages' },
  },
  // 1 ListQueues call per 1000 queues, then 1 GetQueueAttributes and 1 ListQueueTags per queue (no batch form).
  async list(ctx) {
    const sqs = ctx.client(SQSClient);
    const urls: string[] = [];
    for await (const page of paginateListQueues({ client: sqs, stopOnSameToken: true }, { MaxResults: PAGE_SIZE })) urls.push(...(page.QueueUrls ?? []));
    return Promise.all(
      urls.map(async (url): Promise<Resource> => {
        const name = url.split('/').pop() as string;
        const [attributes, tags] = await Promise.all([
          sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['CreatedTimestamp', 'ApproximateNumberOfMessages', 'QueueArn'] })),
          sqs.send(new ListQueueTagsCommand({ QueueUrl: url })),
        ]);
        const a = attributes.Attributes ?? {};
        const created = a.CreatedTimestamp ? new Date(Number(a.CreatedTimestamp) * 1000) : undefined;
        return {
          type: 'sqs:queue',
          id: name,
          arn: a.QueueArn ?? `arn:${partitionOf(ctx.region)}:sqs:${ctx.region}:${ctx.accountId}:${name}`,
          name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          ...(created && !Number.isNaN(created.getTime()) ? { createdAt: created.toISOString() } : {}),
          tags: tags.Tags ?? {},
          props: { queueUrl: url, fifo: name.endsWith('.fifo'), approximateMessages: a.ApproximateNumberOfMessages === undefined ? undefined : Number(a.ApproximateNumberOfMessages) },
        };
      }),
    );
  },
  async remove(ctx, resource) {
    await ctx.client(SQSClient).send(new DeleteQueueCommand({ QueueUrl: String(resource.props.queueUrl) }));
  },
  dependsOn: ['lambda:function', 'cloudformation:stack'],
};
