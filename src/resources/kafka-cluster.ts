import { DeleteClusterCommand, DescribeClusterV2Command, KafkaClient, paginateListClustersV2 } from '@aws-sdk/client-kafka';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { iso, type ResourceType, IN_A_VPC } from './resource-type.js';

/** ListClustersV2 accepts 1..100 results per page. */
const PAGE_SIZE = 100;

export const kafkaCluster: ResourceType = {
  type: 'kafka:cluster',
  description: 'Amazon MSK clusters, provisioned (broker-hours plus storage) and serverless (cluster-hours plus partitions)',
  scope: 'region',
  permissions: {
    list: ['kafka:ListClustersV2'],
    remove: ['kafka:DeleteCluster', 'kafka:DescribeClusterV2'],
  },
  properties: {
    clusterType: { type: 'string', description: 'PROVISIONED | SERVERLESS' },
    state: { type: 'string', description: 'ACTIVE | CREATING | DELETING | FAILED | HEALING | MAINTENANCE | REBOOTING_BROKER | UPDATING' },
    instanceType: { type: 'string', description: 'broker type, e.g. kafka.t3.small (provisioned only)' },
    brokerNodes: { type: 'number', description: 'broker nodes (provisioned only; 0 for serverless)' },
    storageGiBPerBroker: { type: 'number', description: 'EBS storage per broker in GiB (provisioned only)' },
    storageGiB: { type: 'number', description: 'EBS storage across brokers in GiB' },
  },
  // 1 ListClustersV2 call per 100 clusters (provisioned and serverless together); tags come in the same answer.
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateListClustersV2({ client: ctx.client(KafkaClient), stopOnSameToken: true }, { MaxResults: PAGE_SIZE })) {
      for (const c of page.ClusterInfoList ?? []) {
        if (!c.ClusterArn) continue;
        const p = c.Provisioned;
        const brokerNodes = p?.NumberOfBrokerNodes ?? 0;
        const perBroker = p?.BrokerNodeGroupInfo?.StorageInfo?.EbsStorageInfo?.VolumeSize ?? 0;
        out.push({
          type: 'kafka:cluster',
          id: c.ClusterArn,
          arn: c.ClusterArn,
          name: c.ClusterName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(c.CreationTime),
          tags: c.Tags ?? {},
          props: {
            clusterType: c.ClusterType,
            state: c.State,
            instanceType: p?.BrokerNodeGroupInfo?.InstanceType,
            brokerNodes,
            storageGiBPerBroker: perBroker,
            storageGiB: perBroker * brokerNodes,
          },
        });
      }
    }
    return out;
  },
  // Deleting takes minutes; wait so its subnets and security groups can go next.
  async remove(ctx, resource) {
    const client = ctx.client(KafkaClient);
    await client.send(new DeleteClusterCommand({ ClusterArn: resource.id }));
    await waitUntilGone(() => isNotFound(() => client.send(new DescribeClusterV2Command({ ClusterArn: resource.id }))), ctx.signal);
  },
  // It runs in subnets of a VPC: those, its security groups and the VPC are deleted after it.
  deleteBefore: IN_A_VPC,
  dependsOn: [],
  protect(resource) {
    if (resource.props.state === 'DELETING') return 'already being deleted';
    return undefined;
  },
};
