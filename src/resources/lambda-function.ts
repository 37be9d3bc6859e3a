import { DeleteFunctionCommand, LambdaClient, ListTagsCommand, paginateListFunctions, type FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { Resource } from '../core/model.js';
import type { ResourceType } from './resource-type.js';

/** ListFunctions returns at most 50 functions per page. */
const PAGE_SIZE = 50;

export const lambdaFunction: ResourceType = {
  type: 'lambda:function',
  description: 'Lambda functions (billed per request and duration; free when idle)',
  scope: 'region',
  createdAt: false,
  permissions: {
    list: ['lambda:ListFunctions', 'lambda:ListTags'],
    remove: ['lambda:DeleteFunction'],
  },
  properties: {
    runtime: { type: 'string', description: 'e.g. python3.12, nodejs20.x' },
    role: { type: 'string', description: 'ARN of the execution role', ref: { to: 'iam:role', kind: 'uses' } },
    memorySize: { type: 'number', description: 'memory in MB' },
    packageType: { type: 'string', description: 'Zip | Image' },
    lastModified: { type: 'date', description: 'when the code or configuration last changed (ISO); AWS reports no creation time' },
    vpcId: { type: 'string', description: 'VPC the function runs in, if any', ref: { to: 'ec2:vpc', kind: 'uses' } },
    subnetIds: { type: 'strings', description: 'subnets of its VPC configuration', ref: { to: 'ec2:subnet', kind: 'uses' } },
    securityGroupIds: { type: 'strings', description: 'security groups of its VPC configuration', ref: { to: 'ec2:security-group', kind: 'uses' } },
  },
  // 1 ListFunctions call per 50 functions, then 1 ListTags per function (the listing carries no tags).
  async list(ctx) {
    const lambda = ctx.client(LambdaClient);
    const functions: FunctionConfiguration[] = [];
    for await (const page of paginateListFunctions({ client: lambda, stopOnSameToken: true }, { MaxItems: PAGE_SIZE })) {
      for (const f of page.Functions ?? []) if (f.FunctionName) functions.push(f);
    }
    return Promise.all(
      functions.map(async (f): Promise<Resource> => {
        const tags = f.FunctionArn ? ((await lambda.send(new ListTagsCommand({ Resource: f.FunctionArn }))).Tags ?? {}) : {};
        return {
          type: 'lambda:function',
          id: f.FunctionName as string,
          arn: f.FunctionArn,
          name: f.FunctionName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          tags,
          props: {
            runtime: f.Runtime,
            role: f.Role,
            memorySize: f.MemorySize,
            packageType: f.PackageType,
            lastModified: f.LastModified,
            vpcId: f.VpcConfig?.VpcId || undefined,
            subnetIds: f.VpcConfig?.SubnetIds ?? [],
            securityGroupIds: f.VpcConfig?.SecurityGroupIds ?? [],
          },
        };
      }),
    );
  },
  async remove(ctx, resource) {
    await ctx.client(LambdaClient).send(new DeleteFunctionCommand({ FunctionName: resource.id }));
  },
  dependsOn: ['cloudformation:stack'],
};
