import { DeleteBrokerCommand, DescribeBrokerCommand, ListTagsCommand, MqClient, paginateListBrokers } from '@aws-sdk/client-mq';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { iso, type ResourceType, IN_A_VPC } from './resource-type.js';

/** ListBrokers accepts 5..100 results per page. */
const PAGE_SIZE = 100;
/** Instances a deployment mode runs (each bills per hour). */
const INSTANCES: Record<string, number> = { SINGLE_INSTANCE: 1, ACTIVE_STANDBY_MULTI_AZ: 2, CLUSTER_MULTI_AZ: 3 };

export const mqBroker: ResourceType = {
  type: 'mq:broker',
  description: 'Amazon MQ brokers, ActiveMQ and RabbitMQ (broker instance-hours plus storage)',
  scope: 'region',
  permissions: {
    list: ['mq:ListBrokers'],
    remove: ['mq:DeleteBroker', 'mq:DescribeBroker', 'mq:ListTags'],
  },
  properties: {
    state: { type: 'string', description: 'CREATION_IN_PROGRESS | CREATION_FAILED | DELETION_IN_PROGRESS | RUNNING | REBOOT_IN_PROGRESS | CRITICAL_ACTION_REQUIRED | REPLICA' },
    engineType: { type: 'string', description: 'ACTIVEMQ | RABBITMQ' },
    deploymentMode: { type: 'string', description: 'SINGLE_INSTANCE | ACTIVE_STANDBY_MULTI_AZ | CLUSTER_MULTI_AZ' },
    hostInstanceType: { type: 'string', description: 'e.g. mq.t3.micro' },
    instanceCount: { type: 'number', description: 'broker instances its deployment mode runs (1, 2 or 3)' },
  },
  // 1 ListBrokers call per 100 brokers; tags only for nuke (readTags: 1 ListTags per broker).
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateListBrokers({ client: ctx.client(MqClient), stopOnSameToken: true }, { MaxResults: PAGE_SIZE })) {
      for (const b of page.BrokerSummaries ?? []) {
        if (!b.BrokerId) continue;
        out.push({
          type: 'mq:broker',
          id: b.BrokerId,
          arn: b.BrokerArn,
          name: b.BrokerName ?? b.BrokerId,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(b.Created),
          tags: {},
          props: { state: b.BrokerState, engineType: b.EngineType, deploymentMode: b.DeploymentMode, hostInstanceType: b.HostInstanceType, instanceCount: INSTANCES[String(b.DeploymentMode)] ?? 1 },
        });
      }
    }
    return out;
  },
  async readTags(ctx, resources) {
    const client = ctx.client(MqClient);
    const out = new Map<string, Record<string, string>>();
    await Promise.all(resources.map(async (r) => r.arn && out.set(r.id, (await client.send(new ListTagsCommand({ ResourceArn: r.arn }))).Tags ?? {})));
    return out;
  },
  // Deleting is asynchronous; wait until it is gone so its subnets and security groups can go next.
  async remove(ctx, resource) {
    const client = ctx.client(MqClient);
    await client.send(new DeleteBrokerCommand({ BrokerId: resource.id }));
    await waitUntilGone(() => isNotFound(() => client.send(new DescribeBrokerCommand({ BrokerId: resource.id }))), ctx.signal);
  },
  // It runs in subnets of a VPC: those, its security groups and the VPC are deleted after it.
  deleteBefore: IN_A_VPC,
  dependsOn: [],
  protect(resource) {
    if (resource.props.state === 'DELETION_IN_PROGRESS') return 'already being deleted';
    return undefined;
  },
};
