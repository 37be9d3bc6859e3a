import { DeleteTableCommand, DescribeTableCommand, DynamoDBClient, ListTagsOfResourceCommand, paginateListTables } from '@aws-sdk/client-dynamodb';
import type { Resource } from '../core/model.js';
import { iso, tagsOf, type ResourceType } from './resource-type.js';

/** ListTables returns at most 100 names per page. */
const PAGE_SIZE = 100;

export const dynamodbTable: ResourceType = {
  type: 'dynamodb:table',
  description: 'DynamoDB tables (provisioned capacity and storage are billed)',
  scope: 'region',
  permissions: {
    list: ['dynamodb:ListTables', 'dynamodb:DescribeTable', 'dynamodb:ListTagsOfResource'],
    remove: ['dynamodb:DeleteTable'],
  },
  properties: {
    status: { type: 'string', description: 'CREATING | ACTIVE | UPDATING | DELETING | ...' },
    billingMode: { type: 'string', description: 'PROVISIONED | PAY_PER_REQUEST' },
    itemCount: { type: 'number', description: 'approximate number of items' },
    sizeBytes: { type: 'number', description: 'approximate size in bytes' },
    deletionProtection: { type: 'boolean', description: 'true when deletion protection is on' },
    readCapacityUnits: { type: 'number', description: 'provisioned read capacity of the table and its global secondary indexes (0 on demand)' },
    writeCapacityUnits: { type: 'number', description: 'provisioned write capacity of the table and its global secondary indexes (0 on demand)' },
  },
  // 1 ListTables call per 100 tables, then 1 DescribeTable and 1 ListTagsOfResource per table (no batch form).
  async list(ctx) {
    const ddb = ctx.client(DynamoDBClient);
    const names: string[] = [];
    for await (const page of paginateListTables({ client: ddb, stopOnSameToken: true }, { Limit: PAGE_SIZE })) names.push(...(page.TableNames ?? []));
    return Promise.all(
      names.map(async (name): Promise<Resource> => {
        const t = (await ddb.send(new DescribeTableCommand({ TableName: name }))).Table;
        const provisioned = (t?.BillingModeSummary?.BillingMode ?? 'PROVISIONED') === 'PROVISIONED';
        const capacity = (pick: (p: { ReadCapacityUnits?: number; WriteCapacityUnits?: number } | undefined) => number | undefined): number =>
          provisioned ? (pick(t?.ProvisionedThroughput) ?? 0) + (t?.GlobalSecondaryIndexes ?? []).reduce((n, i) => n + (pick(i.ProvisionedThroughput) ?? 0), 0) : 0;
        const tags = t?.TableArn ? tagsOf((await ddb.send(new ListTagsOfResourceCommand({ ResourceArn: t.TableArn }))).Tags) : {};
        return {
          type: 'dynamodb:table',
          id: name,
          arn: t?.TableArn,
          name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(t?.CreationDateTime),
          tags,
          props: {
            status: t?.TableStatus,
            billingMode: t?.BillingModeSummary?.BillingMode ?? 'PROVISIONED',
            itemCount: t?.ItemCount,
            sizeBytes: t?.TableSizeBytes,
            deletionProtection: t?.DeletionProtectionEnabled === true,
            readCapacityUnits: capacity((p) => p?.ReadCapacityUnits),
            writeCapacityUnits: capacity((p) => p?.WriteCapacityUnits),
          },
        };
      }),
    );
  },
  async remove(ctx, resource) {
    await ctx.client(DynamoDBClient).send(new DeleteTableCommand({ TableName: resource.id }));
  },
  dependsOn: ['cloudformation:stack'],
  protect(resource) {
    if (resource.props.deletionProtection === true) return 'deletion protection is on (turn it off to delete the table)';
    if (resource.props.status === 'DELETING') return 'already being deleted';
    return undefined;
  },
};
