import { CloudFormationClient, DeleteStackCommand, DescribeStacksCommand, paginateDescribeStacks, type Stack } from '@aws-sdk/client-cloudformation';
import type { Resource } from '../core/model.js';
import { waitUntilGone } from '../aws/nuke/wait.js';
import { iso, tagsOf, type ResourceType } from './resource-type.js';

const GONE = new Set(['DELETE_COMPLETE']);

class StackDeleteFailed extends Error {
  constructor(stack: string, reason: string | undefined) {
    super(`stack ${stack} could not be deleted: ${reason ?? 'DELETE_FAILED'}`);
    this.name = 'DeleteStackFailed';
  }
}

export const cloudformationStack: ResourceType = {
  type: 'cloudformation:stack',
  description: 'CloudFormation stacks; deleting a stack deletes the resources it created (they are not deleted one by one)',
  scope: 'region',
  // What it creates carries this tag and goes with it (nuke never deletes such a resource by itself).
  ownerTag: { tag: 'aws:cloudformation:stack-name', words: 'CloudFormation stack', rank: 1 },
  permissions: {
    list: ['cloudformation:DescribeStacks'],
    remove: ['cloudformation:DeleteStack', 'cloudformation:DescribeStacks'],
  },
  properties: {
    status: { type: 'string', description: 'e.g. CREATE_COMPLETE, ROLLBACK_COMPLETE, DELETE_IN_PROGRESS' },
    parentId: { type: 'string', description: 'the parent stack of a nested stack', ref: { to: 'cloudformation:stack', kind: 'uses' } },
    roleArn: { type: 'string', description: 'service role CloudFormation uses for it', ref: { to: 'iam:role', kind: 'uses' } },
    terminationProtection: { type: 'boolean', description: 'true when termination protection is on' },
    description: { type: 'string', description: 'template description' },
  },
  // 1 DescribeStacks call per 100 stacks (tags included); deleted stacks are not returned.
  async list(ctx) {
    const out: Resource[] = [];
    const stacks: Stack[] = [];
    for await (const page of paginateDescribeStacks({ client: ctx.client(CloudFormationClient), stopOnSameToken: true }, {})) stacks.push(...(page.Stacks ?? []));
    for (const s of stacks) {
      if (!s.StackName || GONE.has(String(s.StackStatus))) continue;
      out.push({
        type: 'cloudformation:stack',
        id: s.StackName,
        arn: s.StackId,
        name: s.StackName,
        accountId: ctx.accountId,
        region: ctx.resourceRegion,
        createdAt: iso(s.CreationTime),
        tags: tagsOf(s.Tags),
        props: {
          status: s.StackStatus,
          parentId: s.ParentId,
          roleArn: s.RoleARN,
          terminationProtection: s.EnableTerminationProtection === true,
          description: s.Description,
        },
      });
    }
    return out;
  },
  // Delete and wait for DELETE_COMPLETE; DELETE_FAILED is reported with CloudFormation's reason.
  async remove(ctx, resource) {
    const cfn = ctx.client(CloudFormationClient);
    const stackId = resource.arn ?? resource.id;
    await cfn.send(new DeleteStackCommand({ StackName: stackId }));
    await waitUntilGone(async () => {
      let stack: Stack | undefined;
      try {
        stack = (await cfn.send(new DescribeStacksCommand({ StackName: stackId }))).Stacks?.[0];
      } catch (error) {
        if (/does not exist/i.test((error as Error).message)) return true;
        throw error;
      }
      if (!stack || GONE.has(String(stack.StackStatus))) return true;
      if (stack.StackStatus === 'DELETE_FAILED') throw new StackDeleteFailed(resource.id, stack.StackStatusReason);
      return false;
    }, ctx.signal);
  },
  dependsOn: [],
  protect(resource) {
    if (resource.props.parentId) return 'nested stack: it goes with its parent stack';
    if (resource.props.terminationProtection === true) return 'termination protection is on (turn it off to delete the stack)';
    if (resource.props.status === 'DELETE_IN_PROGRESS') return 'already being deleted';
    return undefined;
  },
};
