// The non-EC2 types nuke adds: how each lists, what it protects, and how it deletes (at the HTTP layer).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pollSettings } from '../../../src/aws/nuke/wait.js';
import { apigatewayRestApi } from '../../../src/resources/apigateway-rest-api.js';
import { apigatewayv2Api } from '../../../src/resources/apigatewayv2-api.js';
import { autoscalingGroup } from '../../../src/resources/autoscaling-group.js';
import { cloudformationStack } from '../../../src/resources/cloudformation-stack.js';
import { cloudwatchAlarm } from '../../../src/resources/cloudwatch-alarm.js';
import { dynamodbTable } from '../../../src/resources/dynamodb-table.js';
import { ecrRepository } from '../../../src/resources/ecr-repository.js';
import { ecsCluster } from '../../../src/resources/ecs-cluster.js';
import { ecsService } from '../../../src/resources/ecs-service.js';
import { eksNodegroup } from '../../../src/resources/eks-nodegroup.js';
import { elasticacheCacheCluster } from '../../../src/resources/elasticache-cache-cluster.js';
import { elbv2TargetGroup } from '../../../src/resources/elbv2-target-group.js';
import { lambdaFunction } from '../../../src/resources/lambda-function.js';
import { logsLogGroup } from '../../../src/resources/logs-log-group.js';
import { rdsDbClusterSnapshot } from '../../../src/resources/rds-db-cluster-snapshot.js';
import { rdsDbSnapshot } from '../../../src/resources/rds-db-snapshot.js';
import { snsTopic } from '../../../src/resources/sns-topic.js';
import { sqsQueue } from '../../../src/resources/sqs-queue.js';
import type { RemoveContext } from '../../../src/resources/resource-type.js';
import { testCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { fakeAws, jsonError, jsonReply, queryError, queryReply, type FakeRequest } from '../resources/fake-aws.js';

const NS = {
  autoscaling: 'http://autoscaling.amazonaws.com/doc/2011-01-01/',
  elbv2: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
  rds: 'http://rds.amazonaws.com/doc/2014-10-31/',
  cloudformation: 'http://cloudformation.amazonaws.com/doc/2010-05-15/',
  sns: 'http://sns.amazonaws.com/doc/2010-03-31/',
  elasticache: 'http://elasticache.amazonaws.com/doc/2015-02-02/',
};
const origin = (host: string) => `https://${host}.us-east-1.amazonaws.com`;
const JSON10 = 'application/x-amz-json-1.0';

let t: TestCollectContext;
const saved = { ...pollSettings };
beforeEach(() => Object.assign(pollSettings, { firstDelayMs: 1, maxDelayMs: 2 }));
afterEach(() => {
  t?.dispose();
  Object.assign(pollSettings, saved);
});
const removeCtx = (): RemoveContext => ({ ...t.ctx, signal: new AbortController().signal });

describe('autoscaling:group', () => {
  const group = (status = '') =>
    `<AutoScalingGroups><member><AutoScalingGroupName>web</AutoScalingGroupName><AutoScalingGroupARN>arn:asg:web</AutoScalingGroupARN><MinSize>0</MinSize><MaxSize>2</MaxSize><DesiredCapacity>1</DesiredCapacity>
     <CreatedTime>2026-11-20T09:00:00Z</CreatedTime><VPCZoneIdentifier>subnet-1,subnet-2</VPCZoneIdentifier><Instances><member><InstanceId>i-1</InstanceId></member></Instances>
     <LaunchTemplate><LaunchTemplateId>lt-1</LaunchTemplateId></LaunchTemplate><TargetGroupARNs><member>arn:tg</member></TargetGroupARNs><Tags><member><Key>lab</Key><Value>day1</Value></member></Tags>${status}</member></AutoScalingGroups>`;

  it('lists what a group owns and uses, and force-deletes it, waiting until it is gone', async () => {
    t = testCollectContext();
    const server = fakeAws(origin('autoscaling'), {
      DescribeAutoScalingGroups: [
        () => queryReply('DescribeAutoScalingGroups', group(), NS.autoscaling),
        () => queryReply('DescribeAutoScalingGroups', group('<Status>Delete in progress</Status>'), NS.autoscaling),
        () => queryReply('DescribeAutoScalingGroups', '<AutoScalingGroups/>', NS.autoscaling),
      ],
      DeleteAutoScalingGroup: () => queryReply('DeleteAutoScalingGroup', '', NS.autoscaling),
    });
    const [g] = await autoscalingGroup.list(t.ctx);
    expect(g).toMatchObject({ id: 'web', tags: { lab: 'day1' }, props: { instanceIds: ['i-1'], launchTemplateId: 'lt-1', subnetIds: ['subnet-1', 'subnet-2'], targetGroupArns: ['arn:tg'] } });
    await autoscalingGroup.remove?.(removeCtx(), g);
    expect(server.calls('DeleteAutoScalingGroup')[0].form.get('ForceDelete')).toBe('true');
    expect(server.calls('DescribeAutoScalingGroups')).toHaveLength(3);
    expect(autoscalingGroup.protect?.({ ...g, props: { status: 'Delete in progress' } })).toBe('already being deleted');
  });
});

describe('elbv2:target-group', () => {
  it('lists target groups with their tags and load balancers, and deletes by ARN', async () => {
    t = testCollectContext();
    const server = fakeAws(origin('elasticloadbalancing'), {
      DescribeTargetGroups: () =>
        queryReply('DescribeTargetGroups', '<TargetGroups><member><TargetGroupArn>arn:tg/web</TargetGroupArn><TargetGroupName>web</TargetGroupName><Protocol>HTTP</Protocol><Port>80</Port><VpcId>vpc-1</VpcId><TargetType>instance</TargetType><LoadBalancerArns><member>arn:lb</member></LoadBalancerArns></member></TargetGroups>', NS.elbv2),
      DescribeTags: () => queryReply('DescribeTags', '<TagDescriptions><member><ResourceArn>arn:tg/web</ResourceArn><Tags><member><Key>lab</Key><Value>day1</Value></member></Tags></member></TagDescriptions>', NS.elbv2),
      DeleteTargetGroup: () => queryReply('DeleteTargetGroup', '', NS.elbv2),
    });
    const [tg] = await elbv2TargetGroup.list(t.ctx);
    expect(tg).toMatchObject({ id: 'web', arn: 'arn:tg/web', tags: { lab: 'day1' }, props: { vpcId: 'vpc-1', loadBalancerArns: ['arn:lb'], port: 80 } });
    await elbv2TargetGroup.remove?.(removeCtx(), tg);
    expect(server.calls('DeleteTargetGroup')[0].form.get('TargetGroupArn')).toBe('arn:tg/web');
  });
});

describe('rds:db-snapshot and rds:db-cluster-snapshot', () => {
  it('lists manual snapshots to delete and protects automated ones', async () => {
    t = testCollectContext();
    const server = fakeAws(origin('rds'), {
      DescribeDBSnapshots: () =>
        queryReply(
          'DescribeDBSnapshots',
          `<DBSnapshots><DBSnapshot><DBSnapshotIdentifier>before-upgrade</DBSnapshotIdentifier><DBInstanceIdentifier>db1</DBInstanceIdentifier><SnapshotType>manual</SnapshotType><Status>available</Status><SnapshotCreateTime>2026-11-20T08:00:00Z</SnapshotCreateTime><AllocatedStorage>20</AllocatedStorage></DBSnapshot>
           <DBSnapshot><DBSnapshotIdentifier>rds:db1-2026-11-20</DBSnapshotIdentifier><DBInstanceIdentifier>db1</DBInstanceIdentifier><SnapshotType>automated</SnapshotType><Status>available</Status></DBSnapshot></DBSnapshots>`,
          NS.rds,
        ),
      DeleteDBSnapshot: () => queryReply('DeleteDBSnapshot', '<DBSnapshot/>', NS.rds),
      DescribeDBClusterSnapshots: () =>
        queryReply('DescribeDBClusterSnapshots', '<DBClusterSnapshots><DBClusterSnapshot><DBClusterSnapshotIdentifier>cs1</DBClusterSnapshotIdentifier><DBClusterIdentifier>c1</DBClusterIdentifier><SnapshotType>manual</SnapshotType><Status>available</Status></DBClusterSnapshot></DBClusterSnapshots>', NS.rds),
      DeleteDBClusterSnapshot: () => queryReply('DeleteDBClusterSnapshot', '<DBClusterSnapshot/>', NS.rds),
    });
    const [manual, automated] = await rdsDbSnapshot.list(t.ctx);
    expect(manual).toMatchObject({ id: 'before-upgrade', createdAt: '2026-11-20T08:00:00.000Z', props: { dbInstanceIdentifier: 'db1', snapshotType: 'manual', allocatedStorageGiB: 20 } });
    expect(rdsDbSnapshot.protect?.(manual)).toBeUndefined();
    expect(rdsDbSnapshot.protect?.(automated)).toMatch(/automated snapshot/);
    await rdsDbSnapshot.remove?.(removeCtx(), manual);
    expect(server.calls('DeleteDBSnapshot')[0].form.get('DBSnapshotIdentifier')).toBe('before-upgrade');
    const [cluster] = await rdsDbClusterSnapshot.list(t.ctx);
    expect(cluster.props).toMatchObject({ dbClusterIdentifier: 'c1', snapshotType: 'manual' });
    await rdsDbClusterSnapshot.remove?.(removeCtx(), cluster);
    expect(server.calls('DeleteDBClusterSnapshot')).toHaveLength(1);
  });
});

describe('cloudformation:stack', () => {
  const stack = (status: string, extra = '') =>
    `<Stacks><member><StackName>lab</StackName><StackId>arn:aws:cloudformation:us-east-1:111111111111:stack/lab/1</StackId><StackStatus>${status}</StackStatus><CreationTime>2026-11-20T08:00:00Z</CreationTime><EnableTerminationProtection>false</EnableTerminationProtection>${extra}</member></Stacks>`;

  it('deletes a stack and waits for DELETE_COMPLETE', async () => {
    t = testCollectContext();
    const server = fakeAws(origin('cloudformation'), {
      DescribeStacks: [
        () => queryReply('DescribeStacks', stack('CREATE_COMPLETE', '<Tags><member><Key>lab</Key><Value>day1</Value></member></Tags>'), NS.cloudformation),
        () => queryReply('DescribeStacks', stack('DELETE_IN_PROGRESS'), NS.cloudformation),
        () => queryReply('DescribeStacks', stack('DELETE_COMPLETE'), NS.cloudformation),
      ],
      DeleteStack: () => queryReply('DeleteStack', '', NS.cloudformation),
    });
    const [s] = await cloudformationStack.list(t.ctx);
    expect(s).toMatchObject({ id: 'lab', tags: { lab: 'day1' }, props: { status: 'CREATE_COMPLETE', terminationProtection: false } });
    await cloudformationStack.remove?.(removeCtx(), s);
    expect(server.calls('DeleteStack')[0].form.get('StackName')).toBe(s.arn);
  });

  it('reports DELETE_FAILED with CloudFormation\'s reason', async () => {
    t = testCollectContext();
    fakeAws(origin('cloudformation'), {
      DeleteStack: () => queryReply('DeleteStack', '', NS.cloudformation),
      DescribeStacks: () => queryReply('DescribeStacks', stack('DELETE_FAILED', '<StackStatusReason>The following resource(s) failed to delete: [Bucket].</StackStatusReason>'), NS.cloudformation),
    });
    const s = { type: 'cloudformation:stack', id: 'lab', arn: 'arn:stack/lab', accountId: '111111111111', region: 'us-east-1', tags: {}, props: {} };
    await expect(cloudformationStack.remove?.(removeCtx(), s)).rejects.toThrow(/failed to delete: \[Bucket\]/);
  });

  it('protects nested stacks and stacks with termination protection', () => {
    const base = { type: 'cloudformation:stack', id: 's', accountId: '1', region: 'us-east-1', tags: {} };
    expect(cloudformationStack.protect?.({ ...base, props: { parentId: 'arn:parent' } })).toMatch(/nested stack/);
    expect(cloudformationStack.protect?.({ ...base, props: { terminationProtection: true } })).toMatch(/termination protection/);
  });
});

describe('sns:topic', () => {
  it('lists topics with their tags and deletes by ARN', async () => {
    t = testCollectContext();
    const arn = 'arn:aws:sns:us-east-1:111111111111:alerts';
    const server = fakeAws(origin('sns'), {
      ListTopics: () => queryReply('ListTopics', `<Topics><member><TopicArn>${arn}</TopicArn></member></Topics>`, NS.sns),
      ListTagsForResource: () => queryReply('ListTagsForResource', '<Tags><member><Key>lab</Key><Value>day1</Value></member></Tags>', NS.sns),
      DeleteTopic: () => queryReply('DeleteTopic', '', NS.sns),
    });
    const [topic] = await snsTopic.list(t.ctx);
    expect(topic).toMatchObject({ id: arn, name: 'alerts', tags: { lab: 'day1' }, props: { topicName: 'alerts', fifo: false } });
    await snsTopic.remove?.(removeCtx(), topic);
    expect(server.calls('DeleteTopic')[0].form.get('TopicArn')).toBe(arn);
  });
});

describe('elasticache:cache-cluster', () => {
  it('deletes a cluster and waits until it is gone; replication group members go with their group', async () => {
    t = testCollectContext();
    const cluster = (id: string, extra = '') => `<CacheCluster><CacheClusterId>${id}</CacheClusterId><ARN>arn:cache:${id}</ARN><Engine>redis</Engine><CacheClusterStatus>available</CacheClusterStatus><CacheNodeType>cache.t3.micro</CacheNodeType><NumCacheNodes>1</NumCacheNodes>${extra}</CacheCluster>`;
    const server = fakeAws(origin('elasticache'), {
      DescribeCacheClusters: [
        () => queryReply('DescribeCacheClusters', `<CacheClusters>${cluster('c1')}${cluster('rg-001', '<ReplicationGroupId>rg</ReplicationGroupId>')}</CacheClusters>`, NS.elasticache),
        () => queryReply('DescribeCacheClusters', `<CacheClusters>${cluster('c1')}</CacheClusters>`, NS.elasticache),
        () => queryError('CacheClusterNotFound', 'CacheCluster not found: c1', 404, NS.elasticache),
      ],
      ListTagsForResource: () => queryReply('ListTagsForResource', '<TagList><Tag><Key>lab</Key><Value>day1</Value></Tag></TagList>', NS.elasticache),
      DeleteCacheCluster: () => queryReply('DeleteCacheCluster', cluster('c1'), NS.elasticache),
    });
    const [c1, member] = await elasticacheCacheCluster.list(t.ctx);
    expect(c1).toMatchObject({ id: 'c1', tags: { lab: 'day1' }, props: { engine: 'redis', cacheNodeType: 'cache.t3.micro' } });
    expect(elasticacheCacheCluster.protect?.(member)).toMatch(/member of replication group rg/);
    await elasticacheCacheCluster.remove?.(removeCtx(), c1);
    expect(server.calls('DeleteCacheCluster')).toHaveLength(1);
    expect(server.calls('DescribeCacheClusters')).toHaveLength(3);
  });
});

describe('dynamodb:table', () => {
  it('lists tables with creation time and deletion protection, and deletes', async () => {
    t = testCollectContext();
    const server = fakeAws(origin('dynamodb'), {
      ListTables: () => jsonReply({ TableNames: ['orders', 'locked'] }, JSON10),
      DescribeTable: (req: FakeRequest) =>
        jsonReply({ Table: { TableName: req.json?.TableName, TableArn: `arn:ddb:${String(req.json?.TableName)}`, TableStatus: 'ACTIVE', CreationDateTime: 1_763_600_000, ItemCount: 3, DeletionProtectionEnabled: req.json?.TableName === 'locked' } }, JSON10),
      ListTagsOfResource: () => jsonReply({ Tags: [{ Key: 'lab', Value: 'day1' }] }, JSON10),
      DeleteTable: () => jsonReply({ TableDescription: {} }, JSON10),
    });
    const [orders, locked] = await dynamodbTable.list(t.ctx);
    expect(orders).toMatchObject({ id: 'orders', createdAt: new Date(1_763_600_000 * 1000).toISOString(), tags: { lab: 'day1' }, props: { status: 'ACTIVE', itemCount: 3, deletionProtection: false } });
    expect(dynamodbTable.protect?.(locked)).toMatch(/deletion protection is on/);
    await dynamodbTable.remove?.(removeCtx(), orders);
    expect(server.calls('DeleteTable')[0].json).toEqual({ TableName: 'orders' });
  });
});

describe('logs:log-group and cloudwatch:alarm', () => {
  it('lists log groups with their creation time and tags, and deletes by name', async () => {
    t = testCollectContext();
    const server = fakeAws(origin('logs'), {
      DescribeLogGroups: () => jsonReply({ logGroups: [{ logGroupName: '/aws/lambda/fn', arn: 'arn:aws:logs:us-east-1:111111111111:log-group:/aws/lambda/fn:*', creationTime: 1_763_600_000_000, storedBytes: 42 }] }),
      ListTagsForResource: (req: FakeRequest) => {
        expect(req.json?.resourceArn).toBe('arn:aws:logs:us-east-1:111111111111:log-group:/aws/lambda/fn');
        return jsonReply({ tags: { lab: 'day1' } });
      },
      DeleteLogGroup: () => jsonReply({}),
    });
    const [g] = await logsLogGroup.list(t.ctx);
    expect(g).toMatchObject({ id: '/aws/lambda/fn', createdAt: new Date(1_763_600_000_000).toISOString(), tags: { lab: 'day1' }, props: { storedBytes: 42 } });
    await logsLogGroup.remove?.(removeCtx(), g);
    expect(server.calls('DeleteLogGroup')[0].json).toEqual({ logGroupName: '/aws/lambda/fn' });
  });

  it('lists alarms, protects billing and target tracking alarms, and deletes by name', async () => {
    t = testCollectContext();
    const server = fakeAws(origin('monitoring'), {
      DescribeAlarms: () =>
        jsonReply(
          {
            MetricAlarms: [
              { AlarmName: 'cpu-high', AlarmArn: 'arn:alarm:cpu-high', Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', StateValue: 'OK' },
              { AlarmName: 'bill', AlarmArn: 'arn:alarm:bill', Namespace: 'AWS/Billing', MetricName: 'EstimatedCharges', StateValue: 'OK' },
              { AlarmName: 'TargetTracking-web-AlarmHigh-1', AlarmArn: 'arn:alarm:tt', Namespace: 'AWS/EC2', StateValue: 'OK' },
            ],
            CompositeAlarms: [],
          },
          JSON10,
        ),
      ListTagsForResource: () => jsonReply({ Tags: [] }, JSON10),
      DeleteAlarms: () => jsonReply({}, JSON10),
    });
    const [cpu, bill, tt] = await cloudwatchAlarm.list(t.ctx);
    expect(cpu).toMatchObject({ id: 'cpu-high', props: { alarmType: 'metric', namespace: 'AWS/EC2', metricName: 'CPUUtilization' } });
    expect(cloudwatchAlarm.protect?.(cpu)).toBeUndefined();
    expect(cloudwatchAlarm.protect?.(bill)).toMatch(/billing alarm/);
    expect(cloudwatchAlarm.protect?.(tt)).toMatch(/target tracking/);
    await cloudwatchAlarm.remove?.(removeCtx(), cpu);
    expect(server.calls('DeleteAlarms')[0].json).toEqual({ AlarmNames: ['cpu-high'] });
  });
});

describe('ecr:repository', () => {
  it('lists repositories and force-deletes them with their images', async () => {
    t = testCollectContext();
    const server = fakeAws(origin('api.ecr'), {
      DescribeRepositories: () => jsonReply({ repositories: [{ repositoryName: 'app', repositoryArn: 'arn:ecr:app', repositoryUri: '111.dkr.ecr/app', createdAt: 1_763_600_000, imageTagMutability: 'MUTABLE' }] }),
      ListTagsForResource: () => jsonReply({ tags: [{ Key: 'lab', Value: 'day1' }] }),
      DeleteRepository: () => jsonReply({ repository: {} }),
    });
    const [repo] = await ecrRepository.list(t.ctx);
    expect(repo).toMatchObject({ id: 'app', tags: { lab: 'day1' }, props: { repositoryUri: '111.dkr.ecr/app', imageTagMutability: 'MUTABLE' } });
    await ecrRepository.remove?.(removeCtx(), repo);
    expect(server.calls('DeleteRepository')[0].json).toEqual({ repositoryName: 'app', force: true });
  });
});

describe('ecs:service and ecs:cluster', () => {
  it('scales a service to zero, deletes it and waits for INACTIVE; stops stand-alone tasks before deleting a cluster', async () => {
    t = testCollectContext();
    const cluster = 'arn:aws:ecs:us-east-1:111111111111:cluster/lab';
    const service = 'arn:aws:ecs:us-east-1:111111111111:service/lab/web';
    const server = fakeAws(origin('ecs'), {
      ListClusters: () => jsonReply({ clusterArns: [cluster] }),
      ListServices: () => jsonReply({ serviceArns: [service] }),
      DescribeServices: [
        () => jsonReply({ services: [{ serviceArn: service, serviceName: 'web', clusterArn: cluster, status: 'ACTIVE', desiredCount: 2, runningCount: 2, launchType: 'FARGATE', createdAt: 1_763_600_000, tags: [{ key: 'lab', value: 'day1' }] }] }),
        () => jsonReply({ services: [{ serviceArn: service, status: 'DRAINING' }] }),
        () => jsonReply({ services: [{ serviceArn: service, status: 'INACTIVE' }] }),
      ],
      UpdateService: () => jsonReply({ service: {} }),
      DeleteService: () => jsonReply({ service: {} }),
      DescribeClusters: () => jsonReply({ clusters: [{ clusterArn: cluster, clusterName: 'lab', status: 'ACTIVE', activeServicesCount: 1, tags: [{ key: 'lab', value: 'day1' }] }] }),
      ListTasks: () => jsonReply({ taskArns: ['arn:task/1'] }),
      StopTask: () => jsonReply({ task: {} }),
      DeleteCluster: () => jsonReply({ cluster: {} }),
    });
    const [svc] = await ecsService.list(t.ctx);
    expect(svc).toMatchObject({ id: service, name: 'web', tags: { lab: 'day1' }, props: { clusterArn: cluster, desiredCount: 2, launchType: 'FARGATE' } });
    await ecsService.remove?.(removeCtx(), svc);
    expect(server.calls('UpdateService')[0].json).toMatchObject({ desiredCount: 0 });
    expect(server.calls('DeleteService')[0].json).toMatchObject({ force: true });
    expect(server.calls('DescribeServices')).toHaveLength(3);

    const [c] = await ecsCluster.list(t.ctx);
    expect(c).toMatchObject({ id: 'lab', arn: cluster, tags: { lab: 'day1' }, props: { status: 'ACTIVE', activeServicesCount: 1 } });
    await ecsCluster.remove?.(removeCtx(), c);
    expect(server.calls('StopTask')[0].json).toMatchObject({ task: 'arn:task/1' });
    expect(server.calls('DeleteCluster')[0].json).toEqual({ cluster });
  });
});

describe('sqs:queue', () => {
  it('lists queues with their creation time and deletes by URL', async () => {
    t = testCollectContext();
    const url = 'https://sqs.us-east-1.amazonaws.com/111111111111/jobs';
    const server = fakeAws(origin('sqs'), {
      ListQueues: () => jsonReply({ QueueUrls: [url] }, JSON10),
      GetQueueAttributes: () => jsonReply({ Attributes: { CreatedTimestamp: '1763600000', QueueArn: 'arn:aws:sqs:us-east-1:111111111111:jobs', ApproximateNumberOfMessages: '4' } }, JSON10),
      ListQueueTags: () => jsonReply({ Tags: { lab: 'day1' } }, JSON10),
      DeleteQueue: () => jsonReply({}, JSON10),
    });
    const [q] = await sqsQueue.list(t.ctx);
    expect(q).toMatchObject({ id: 'jobs', createdAt: new Date(1_763_600_000_000).toISOString(), tags: { lab: 'day1' }, props: { queueUrl: url, approximateMessages: 4, fifo: false } });
    await sqsQueue.remove?.(removeCtx(), q);
    expect(server.calls('DeleteQueue')[0].json).toEqual({ QueueUrl: url });
  });
});

describe('REST APIs: lambda:function, eks:nodegroup, apigateway:rest-api, apigatewayv2:api', () => {
  it('lists functions with tags and VPC config, and deletes by name', async () => {
    t = testCollectContext();
    const server = fakeAws(
      origin('lambda'),
      {
        ListFunctions: () =>
          jsonReply({ Functions: [{ FunctionName: 'fn', FunctionArn: 'arn:aws:lambda:us-east-1:111111111111:function:fn', Runtime: 'python3.12', Role: 'arn:aws:iam::111111111111:role/fn-role', VpcConfig: { VpcId: 'vpc-1', SubnetIds: ['subnet-1'], SecurityGroupIds: ['sg-1'] } }] }, 'application/json'),
        ListTags: () => jsonReply({ Tags: { lab: 'day1' } }, 'application/json'),
        DeleteFunction: () => ({ status: 204, body: '' }),
      },
      { route: (r) => (r.method === 'GET' && r.path.startsWith('/2015-03-31/functions') ? 'ListFunctions' : r.path.startsWith('/2017-03-31/tags/') ? 'ListTags' : r.method === 'DELETE' ? 'DeleteFunction' : undefined) },
    );
    const [fn] = await lambdaFunction.list(t.ctx);
    expect(fn).toMatchObject({ id: 'fn', tags: { lab: 'day1' }, props: { runtime: 'python3.12', role: 'arn:aws:iam::111111111111:role/fn-role', vpcId: 'vpc-1', subnetIds: ['subnet-1'], securityGroupIds: ['sg-1'] } });
    expect(fn.createdAt).toBeUndefined();
    await lambdaFunction.remove?.(removeCtx(), fn);
    expect(server.calls('DeleteFunction')[0].path).toBe('/2015-03-31/functions/fn');
  });

  it('lists node groups of every cluster, and deletes one, waiting until it is gone', async () => {
    t = testCollectContext();
    const server = fakeAws(
      origin('eks'),
      {
        ListClusters: () => jsonReply({ clusters: ['lab'] }, 'application/json'),
        ListNodegroups: () => jsonReply({ nodegroups: ['ng1'] }, 'application/json'),
        DescribeNodegroup: [
          () => jsonReply({ nodegroup: { nodegroupName: 'ng1', clusterName: 'lab', nodegroupArn: 'arn:ng1', status: 'ACTIVE', createdAt: 1_763_600_000, subnets: ['subnet-1'], instanceTypes: ['t3.small'], scalingConfig: { desiredSize: 2 }, tags: { lab: 'day1' } } }, 'application/json'),
          () => jsonReply({ nodegroup: { nodegroupName: 'ng1', status: 'DELETING' } }, 'application/json'),
          () => jsonError('ResourceNotFoundException', 'No node group found for name: ng1.', 404, 'application/json'),
        ],
        DeleteNodegroup: () => jsonReply({ nodegroup: {} }, 'application/json'),
      },
      {
        route: (r) =>
          r.method === 'GET' && r.path === '/clusters'
            ? 'ListClusters'
            : r.method === 'GET' && r.path.endsWith('/node-groups')
              ? 'ListNodegroups'
              : r.method === 'GET'
                ? 'DescribeNodegroup'
                : r.method === 'DELETE'
                  ? 'DeleteNodegroup'
                  : undefined,
      },
    );
    const [ng] = await eksNodegroup.list(t.ctx);
    expect(ng).toMatchObject({ id: 'lab/ng1', name: 'ng1', tags: { lab: 'day1' }, props: { clusterName: 'lab', subnetIds: ['subnet-1'], instanceTypes: ['t3.small'], desiredSize: 2 } });
    await eksNodegroup.remove?.(removeCtx(), ng);
    expect(server.calls('DeleteNodegroup')[0].path).toBe('/clusters/lab/node-groups/ng1');
    expect(server.calls('DescribeNodegroup')).toHaveLength(3);
  });

  it('lists REST and HTTP APIs with their tags and deletes them', async () => {
    t = testCollectContext();
    const server = fakeAws(
      origin('apigateway'),
      {
        GetRestApis: () => jsonReply({ item: [{ id: 'abc123', name: 'pets', createdDate: 1_763_600_000, tags: { lab: 'day1' }, endpointConfiguration: { types: ['REGIONAL'] } }] }, 'application/json'),
        DeleteRestApi: () => ({ status: 202, body: '' }),
        GetApis: () => jsonReply({ items: [{ apiId: 'h1', name: 'http', protocolType: 'HTTP', createdDate: '2026-11-20T08:00:00Z', tags: { lab: 'day1' } }] }, 'application/json'),
        DeleteApi: () => ({ status: 204, body: '' }),
      },
      {
        route: (r) =>
          r.path === '/restapis' ? 'GetRestApis' : r.path.startsWith('/restapis/') ? 'DeleteRestApi' : r.path === '/v2/apis' ? 'GetApis' : r.path.startsWith('/v2/apis/') ? 'DeleteApi' : undefined,
      },
    );
    const [rest] = await apigatewayRestApi.list(t.ctx);
    expect(rest).toMatchObject({ id: 'abc123', name: 'pets', tags: { lab: 'day1' }, props: { endpointTypes: ['REGIONAL'] } });
    await apigatewayRestApi.remove?.(removeCtx(), rest);
    expect(server.calls('DeleteRestApi')[0].method).toBe('DELETE');
    const [http] = await apigatewayv2Api.list(t.ctx);
    expect(http).toMatchObject({ id: 'h1', createdAt: '2026-11-20T08:00:00.000Z', props: { protocolType: 'HTTP' } });
    await apigatewayv2Api.remove?.(removeCtx(), http);
    expect(server.calls('DeleteApi')[0].path).toBe('/v2/apis/h1');
  });
});
