import { CloudWatchLogsClient, DeleteLogGroupCommand, ListTagsForResourceCommand, paginateDescribeLogGroups, type LogGroup } from '@aws-sdk/client-cloudwatch-logs';
import type { Resource } from '../core/model.js';
import { iso, type ResourceType } from './resource-type.js';

/** DescribeLogGroups returns at most 50 groups per page. */
const PAGE_SIZE = 50;

export const logsLogGroup: ResourceType = {
  type: 'logs:log-group',
  description: 'CloudWatch Logs log groups (stored log data is billed per GiB-month)',
  scope: 'region',
  permissions: {
    list: ['logs:DescribeLogGroups', 'logs:ListTagsForResource'],
    remove: ['logs:DeleteLogGroup'],
  },
  properties: {
    storedBytes: { type: 'number', description: 'bytes of log data stored' },
    retentionInDays: { type: 'number', description: 'days logs are kept; absent means forever' },
    logGroupClass: { type: 'string', description: 'STANDARD | INFREQUENT_ACCESS' },
  },
  // 1 DescribeLogGroups call per 50 groups, then 1 ListTagsForResource per group (the listing carries no tags).
  async list(ctx) {
    const logs = ctx.client(CloudWatchLogsClient);
    const groups: LogGroup[] = [];
    for await (const page of paginateDescribeLogGroups({ client: logs, stopOnSameToken: true }, { limit: PAGE_SIZE })) {
      for (const g of page.logGroups ?? []) if (g.logGroupName) groups.push(g);
    }
    return Promise.all(
      groups.map(async (g): Promise<Resource> => {
        const arn = g.arn?.replace(/:\*$/, '');
        const tags = arn ? ((await logs.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags ?? {}) : {};
        return {
          type: 'logs:log-group',
          id: g.logGroupName as string,
          arn,
          name: g.logGroupName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(g.creationTime === undefined ? undefined : new Date(g.creationTime)),
          tags,
          props: { storedBytes: g.storedBytes, retentionInDays: g.retentionInDays, logGroupClass: g.logGroupClass },
        };
      }),
    );
  },
  async remove(ctx, resource) {
    await ctx.client(CloudWatchLogsClient).send(new DeleteLogGroupCommand({ logGroupName: resource.id }));
  },
  // Services recreate their log groups while they run: delete the writers first.
  dependsOn: ['lambda:function', 'eks:cluster', 'rds:db-instance', 'ecs:service', 'cloudformation:stack'],
};
