import { DeleteTopicCommand, ListTagsForResourceCommand, SNSClient, paginateListTopics } from '@aws-sdk/client-sns';
import type { Resource } from '../core/model.js';
import { tagsOf, type ResourceType } from './resource-type.js';

export const snsTopic: ResourceType = {
  type: 'sns:topic',
  description: 'SNS topics (free when idle; deliveries are billed)',
  scope: 'region',
  createdAt: false,
  permissions: {
    list: ['sns:ListTopics', 'sns:ListTagsForResource'],
    remove: ['sns:DeleteTopic'],
  },
  properties: {
    topicName: { type: 'string', description: 'topic name (the last part of its ARN)' },
    fifo: { type: 'boolean', description: 'true for a FIFO topic' },
  },
  // 1 ListTopics call per 100 topics (the API's fixed page), then 1 ListTagsForResource per topic. AWS reports no creation time.
  async list(ctx) {
    const sns = ctx.client(SNSClient);
    const arns: string[] = [];
    for await (const page of paginateListTopics({ client: sns, stopOnSameToken: true }, {})) {
      for (const t of page.Topics ?? []) if (t.TopicArn) arns.push(t.TopicArn);
    }
    return Promise.all(
      arns.map(async (arn): Promise<Resource> => {
        const name = arn.split(':').pop() as string;
        const tags = tagsOf((await sns.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags);
        return { type: 'sns:topic', id: arn, arn, name, accountId: ctx.accountId, region: ctx.resourceRegion, tags, props: { topicName: name, fifo: name.endsWith('.fifo') } };
      }),
    );
  },
  async remove(ctx, resource) {
    await ctx.client(SNSClient).send(new DeleteTopicCommand({ TopicArn: resource.arn ?? resource.id }));
  },
  dependsOn: ['cloudformation:stack'],
};
