import { DescribeEnvironmentsCommand, ElasticBeanstalkClient, TerminateEnvironmentCommand } from '@aws-sdk/client-elastic-beanstalk';
import type { Resource } from '../core/model.js';
import { waitUntilGone } from '../aws/nuke/wait.js';
import { iso, type ResourceType } from './resource-type.js';

/** DescribeEnvironments accepts 1..1000 records per page (the SDK has no paginator for it). */
const PAGE_SIZE = 1000;

export const elasticbeanstalkEnvironment: ResourceType = {
  type: 'elasticbeanstalk:environment',
  description: 'Elastic Beanstalk environments (free themselves; the instances, load balancer and database they run bill)',
  scope: 'region',
  // What it creates carries this tag and goes with it (nuke never deletes such a resource by itself).
  ownerTag: { tag: 'elasticbeanstalk:environment-name', words: 'Elastic Beanstalk environment', rank: 4 },
  permissions: {
    list: ['elasticbeanstalk:DescribeEnvironments'],
    // Terminating an environment deletes its CloudFormation stack; the deletes of what is in it (instances,
    // load balancer, security groups) come from the other types' actions in the same policy.
    remove: ['elasticbeanstalk:TerminateEnvironment', 'elasticbeanstalk:DescribeEnvironments', 'cloudformation:DeleteStack', 'cloudformation:DescribeStacks'],
  },
  properties: {
    status: { type: 'string', description: 'Launching | Updating | Ready | Terminating | Terminated | ...' },
    health: { type: 'string', description: 'Green | Yellow | Red | Grey' },
    tier: { type: 'string', description: 'WebServer | Worker' },
    applicationName: { type: 'string', description: 'the application it belongs to' },
    solutionStack: { type: 'string', description: 'platform, e.g. 64bit Amazon Linux 2023 v6.1.0 running Node.js 20' },
  },
  // 1 DescribeEnvironments call per 1000 environments; terminated ones are left out.
  async list(ctx) {
    const client = ctx.client(ElasticBeanstalkClient);
    const out: Resource[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new DescribeEnvironmentsCommand({ IncludeDeleted: false, MaxRecords: PAGE_SIZE, NextToken: token }));
      for (const e of page.Environments ?? []) {
        if (!e.EnvironmentId || e.Status === 'Terminated') continue;
        out.push({
          type: 'elasticbeanstalk:environment',
          id: e.EnvironmentId,
          arn: e.EnvironmentArn,
          name: e.EnvironmentName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(e.DateCreated),
          tags: {},
          props: { status: e.Status, health: e.Health, tier: e.Tier?.Name, applicationName: e.ApplicationName, solutionStack: e.SolutionStackName },
        });
      }
      token = page.NextToken === token ? undefined : page.NextToken;
    } while (token);
    return out;
  },
  // With its resources (instances, load balancer, security groups); waits until Terminated.
  async remove(ctx, resource) {
    const client = ctx.client(ElasticBeanstalkClient);
    await client.send(new TerminateEnvironmentCommand({ EnvironmentId: resource.id, TerminateResources: true }));
    await waitUntilGone(async () => {
      const e = (await client.send(new DescribeEnvironmentsCommand({ EnvironmentIds: [resource.id], IncludeDeleted: true }))).Environments?.[0];
      return !e || e.Status === 'Terminated';
    }, ctx.signal);
  },
  dependsOn: [],
  protect(resource) {
    return resource.props.status === 'Terminating' ? 'already terminating' : undefined;
  },
};
