// The long tail (issue 13) end to end on moto: a lab in us-east-1 and ap-northeast-2 with resources of
// every long-tail type moto can create and list, plus clean counterparts that must not be flagged.
// `costguard audit` (free-tier + paid-services) flags exactly the billable ones, each priced from the table
// where it has a price (us-east-1) and "unknown", never $0, where it has none (ap-northeast-2, and the rules
// without a figure); then `costguard nuke --no-dry-run` removes the lab in dependency order, the SDK finds
// none of it left, and a second run plans nothing.
//
// Long-tail types left out of the lab, and why:
// - apprunner:service, bedrock:provisioned-throughput, lightsail:instance, lightsail:database,
//   lightsail:load-balancer, lightsail:static-ip, redshiftserverless:workgroup, redshiftserverless:namespace,
//   elasticache:serverless-cache, ec2:placement-group, sagemaker:app, sagemaker:space: moto 5.2 lacks the
//   API to list them (MOTO_UNLISTABLE_TYPES); their rules are skipped.
// - sagemaker:domain: moto lists domains, but a domain is decided with its apps and spaces, which moto
//   cannot list (MOTO_UNLISTABLE_TYPES).
// - kafka:cluster: moto's ListClustersV2 answers creationTime without a time zone, which the SDK refuses
//   ("Invalid RFC-3339 date-time"), so no MSK cluster can be listed (msk-provisioned-cluster and
//   msk-serverless-cluster are not exercised).
// - emr:cluster: moto's EMR takes the region from the host name only, so behind one endpoint every region
//   sees us-east-1's clusters (a cluster would be reported, and deleted, twice).
// - elasticbeanstalk:environment: moto has no TerminateEnvironment (nuke cannot remove one), and no rule
//   flags environments.
// Types in the audit half only (the nuke excludes them, NUKE_MOTO_GAPS below): networkfirewall:firewall (moto
// has no DeleteFirewall), kinesis:stream (moto lacks ListTagsForResource), elasticache:cache-cluster and
// elasticache:replication-group (moto leaves them "deleting" forever).
// Rules of lab types that moto cannot bring to fire: firehose-vpc-delivery (moto echoes a destination's
// VpcConfiguration instead of AWS's VpcConfigurationDescription, so no stream reads as delivering into a VPC;
// the lab's S3 stream stays as a clean counterpart) and efs-storage-over-free (moto meters every file system
// at 0 bytes). logs-group-never-expires runs with its threshold lowered (--param) to what moto can store.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateLogGroupCommand, CreateLogStreamCommand, CloudWatchLogsClient, DescribeLogGroupsCommand, PutLogEventsCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DAXClient, CreateClusterCommand as CreateDaxClusterCommand, DescribeClustersCommand as DescribeDaxClustersCommand } from '@aws-sdk/client-dax';
import { CreateDirectoryCommand, DescribeDirectoriesCommand, DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import {
  AllocateHostsCommand,
  AssociateDhcpOptionsCommand,
  AttachVpnGatewayCommand,
  CreateCustomerGatewayCommand,
  CreateDhcpOptionsCommand,
  CreateNetworkAclCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateTransitGatewayCommand,
  CreateTransitGatewayVpcAttachmentCommand,
  CreateVpcCommand,
  CreateVpnConnectionCommand,
  CreateVpnGatewayCommand,
  DescribeCustomerGatewaysCommand,
  DescribeDhcpOptionsCommand,
  DescribeHostsCommand,
  DescribeNetworkAclsCommand,
  DescribeSubnetsCommand,
  DescribeTransitGatewayAttachmentsCommand,
  DescribeTransitGatewaysCommand,
  DescribeVpcsCommand,
  DescribeVpnConnectionsCommand,
  DescribeVpnGatewaysCommand,
  EC2Client,
  type ResourceType as Ec2ResourceType,
  type TagSpecification,
} from '@aws-sdk/client-ec2';
import { CreateFileSystemCommand as CreateEfsCommand, CreateMountTargetCommand, DescribeFileSystemsCommand as DescribeEfsCommand, EFSClient } from '@aws-sdk/client-efs';
import { CreateCacheClusterCommand, CreateReplicationGroupCommand, DescribeCacheClustersCommand, DescribeReplicationGroupsCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { CreateDeliveryStreamCommand, FirehoseClient, ListDeliveryStreamsCommand } from '@aws-sdk/client-firehose';
import { CreateFileSystemCommand as CreateFsxCommand, DescribeFileSystemsCommand as DescribeFsxCommand, FSxClient } from '@aws-sdk/client-fsx';
import { CreateDevEndpointCommand, CreateSessionCommand, GetDevEndpointsCommand, GlueClient, ListSessionsCommand, StopSessionCommand } from '@aws-sdk/client-glue';
import { AddRoleToInstanceProfileCommand, CreateInstanceProfileCommand, CreateRoleCommand, IAMClient, ListInstanceProfilesCommand, ListRolesCommand } from '@aws-sdk/client-iam';
import { CreateStreamCommand, DescribeStreamSummaryCommand, KinesisClient, ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { CreateClusterCommand as CreateMemoryDbClusterCommand, DescribeClustersCommand as DescribeMemoryDbClustersCommand, MemoryDBClient } from '@aws-sdk/client-memorydb';
import { CreateBrokerCommand, ListBrokersCommand, MqClient } from '@aws-sdk/client-mq';
import { CreateFirewallCommand, ListFirewallsCommand, NetworkFirewallClient } from '@aws-sdk/client-network-firewall';
import { CreateDomainCommand, ListDomainNamesCommand, OpenSearchClient } from '@aws-sdk/client-opensearch';
import { CreateClusterCommand as CreateRedshiftClusterCommand, DescribeClustersCommand, PauseClusterCommand, RedshiftClient } from '@aws-sdk/client-redshift';
import { CreateResolverEndpointCommand, ListResolverEndpointsCommand, Route53ResolverClient } from '@aws-sdk/client-route53resolver';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  CreateNotebookInstanceCommand,
  ListEndpointConfigsCommand,
  ListEndpointsCommand,
  ListModelsCommand,
  ListNotebookInstancesCommand,
  SageMakerClient,
  StopNotebookInstanceCommand,
} from '@aws-sdk/client-sagemaker';
import { CreateWorkspacesCommand, DescribeWorkspacesCommand, RegisterWorkspaceDirectoryCommand, WorkSpacesClient } from '@aws-sdk/client-workspaces';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Report } from '../../src/core/model.js';
import type { NukePlan, NukeReceipt } from '../../src/core/nuke/types.js';
import { MOTO_UNLISTABLE_TYPES, REPO_ROOT, buildOnce, describeRun, parseStdout, runCli, seedClientConfig, startMoto, type MotoServer } from './helpers/index.js';
import { SKIP_MOTO_GAPS } from './helpers/lab.js';

const ACCOUNT = '123456789012';
const USE1 = 'us-east-1';
const APN2 = 'ap-northeast-2';
const REGIONS = [USE1, APN2] as const;
const TAG = { Key: 'lab', Value: 'longtail' };
const LAB_TAGS = [TAG];
const TAG_MAP = { lab: 'longtail' };
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/lt-lab-role`;

let moto: MotoServer;

/** What the lab made: ids by a short name. */
const ids: Record<string, string> = {};

function cfg(region: string) {
  return seedClientConfig(moto.endpoint, region);
}
const ec2Tags = (type: Ec2ResourceType, name: string): TagSpecification[] => [{ ResourceType: type, Tags: [TAG, { Key: 'Name', Value: name }] }];

/** A VPC with two subnets in two zones and a security group, tagged as the lab's or (the firewall's and the services' VPCs) not. */
async function seedNetwork(ec2: EC2Client, region: string, prefix: string, cidr: number, ofLab: boolean): Promise<{ vpc: string; subnets: string[]; sg: string }> {
  const spec = (type: Ec2ResourceType, name: string): TagSpecification[] => (ofLab ? ec2Tags(type, name) : [{ ResourceType: type, Tags: [{ Key: 'Name', Value: name }] }]);
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: `10.${cidr}.0.0/16`, TagSpecifications: spec('vpc', `${prefix}-vpc`) }))).Vpc?.VpcId as string;
  const subnets: string[] = [];
  for (const [i, az] of ['a', 'b'].entries()) {
    const subnet = await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `10.${cidr}.${i + 1}.0/24`, AvailabilityZone: `${region}${az}`, TagSpecifications: spec('subnet', `${prefix}-subnet-${az}`) }));
    subnets.push(subnet.Subnet?.SubnetId as string);
  }
  const sg = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: `${prefix}-sg`, Description: 'lab', VpcId: vpc, TagSpecifications: spec('security-group', `${prefix}-sg`) }))).GroupId as string;
  return { vpc, subnets, sg };
}

async function seedUse1(): Promise<void> {
  const region = USE1;
  const ec2 = new EC2Client(cfg(region));
  const net = await seedNetwork(ec2, region, 'lt', 41, true);
  ids.vpc = net.vpc;
  ids.subnetA = net.subnets[0] as string;
  ids.subnetB = net.subnets[1] as string;
  ids.sg = net.sg;
  const subnetIds = net.subnets;
  try {
    // VPC parts of the long tail: a network ACL, a DHCP option set, a transit gateway and its VPC attachment,
    // a Site-to-Site VPN (customer gateway, virtual private gateway, connection) and a Dedicated Host.
    ids.acl = (await ec2.send(new CreateNetworkAclCommand({ VpcId: net.vpc, TagSpecifications: ec2Tags('network-acl', 'lt-acl') }))).NetworkAcl?.NetworkAclId as string;
    // Not associated with a subnet: moto keeps a deleted subnet's ACL association, and the ACL could never go.
    ids.dhcp = (await ec2.send(new CreateDhcpOptionsCommand({ DhcpConfigurations: [{ Key: 'domain-name', Values: ['lt.example'] }], TagSpecifications: ec2Tags('dhcp-options', 'lt-dhcp') }))).DhcpOptions?.DhcpOptionsId as string;
    await ec2.send(new AssociateDhcpOptionsCommand({ DhcpOptionsId: ids.dhcp, VpcId: net.vpc }));
    // moto drops the TagSpecifications of DHCP option sets and transit gateway attachments: tag them afterwards.
    await ec2.send(new CreateTagsCommand({ Resources: [ids.dhcp], Tags: [TAG, { Key: 'Name', Value: 'lt-dhcp' }] }));
    ids.tgw = (await ec2.send(new CreateTransitGatewayCommand({ Description: 'lab', TagSpecifications: ec2Tags('transit-gateway', 'lt-tgw') }))).TransitGateway?.TransitGatewayId as string;
    ids.tgwAttachment = (
      await ec2.send(new CreateTransitGatewayVpcAttachmentCommand({ TransitGatewayId: ids.tgw, VpcId: net.vpc, SubnetIds: [ids.subnetA], TagSpecifications: ec2Tags('transit-gateway-attachment', 'lt-tgw-attachment') }))
    ).TransitGatewayVpcAttachment?.TransitGatewayAttachmentId as string;
    await ec2.send(new CreateTagsCommand({ Resources: [ids.tgwAttachment], Tags: [TAG, { Key: 'Name', Value: 'lt-tgw-attachment' }] }));
    ids.cgw = (await ec2.send(new CreateCustomerGatewayCommand({ Type: 'ipsec.1', IpAddress: '203.0.113.10', BgpAsn: 65000, TagSpecifications: ec2Tags('customer-gateway', 'lt-cgw') }))).CustomerGateway?.CustomerGatewayId as string;
    ids.vgw = (await ec2.send(new CreateVpnGatewayCommand({ Type: 'ipsec.1', TagSpecifications: ec2Tags('vpn-gateway', 'lt-vgw') }))).VpnGateway?.VpnGatewayId as string;
    await ec2.send(new AttachVpnGatewayCommand({ VpnGatewayId: ids.vgw, VpcId: net.vpc }));
    ids.vpn = (await ec2.send(new CreateVpnConnectionCommand({ Type: 'ipsec.1', CustomerGatewayId: ids.cgw, VpnGatewayId: ids.vgw, TagSpecifications: ec2Tags('vpn-connection', 'lt-vpn') }))).VpnConnection?.VpnConnectionId as string;
    ids.host = (await ec2.send(new AllocateHostsCommand({ InstanceFamily: 'c5', AvailabilityZone: `${region}a`, Quantity: 1, TagSpecifications: ec2Tags('dedicated-host', 'lt-host') }))).HostIds?.[0] as string;
    // The services that put interfaces and security groups of their own into a VPC (the directory and its
    // WorkSpace, the resolver endpoint, the EFS mount target) live in a VPC the nuke does not select: moto makes
    // those interfaces and groups as ordinary ones (not requester-managed), so they would keep a lab VPC in use.
    const svcNet = await seedNetwork(ec2, region, 'svc', 43, false);
    ids.svcVpc = svcNet.vpc;
    await Promise.all([seedFiles(region, svcNet.subnets, svcNet.sg, net.subnets, net.sg), seedDirectoryServices(region, svcNet.vpc, svcNet.subnets, svcNet.sg, net.subnets, net.sg)]);
    // The firewall's VPC is not the lab's: moto cannot delete a firewall, so the nuke leaves both alone.
    const fwNet = await seedNetwork(ec2, region, 'fw', 42, false);
    const fw = new NetworkFirewallClient(cfg(region));
    try {
      ids.firewall = (
        await fw.send(
          new CreateFirewallCommand({
            FirewallName: 'fw-firewall',
            FirewallPolicyArn: `arn:aws:network-firewall:${region}:${ACCOUNT}:firewall-policy/fw-policy`,
            VpcId: fwNet.vpc,
            SubnetMappings: fwNet.subnets.map((SubnetId) => ({ SubnetId })),
          }),
        )
      ).Firewall?.FirewallArn as string;
    } finally {
      fw.destroy();
    }
  } finally {
    ec2.destroy();
  }

  await Promise.all([
    seedSageMaker(region, 'lt', true),
    seedOpenSearch(region),
    seedRedshift(region, 'lt-redshift', 2, true),
    seedElastiCache(region, true),
    seedMemoryDbAndDax(region),
    seedDynamoDb(region, [
      { name: 'lt-ddb-provisioned', rcu: 20, wcu: 20 },
      { name: 'lt-ddb-provisioned-2', rcu: 10, wcu: 15 },
      { name: 'lt-ddb-ondemand' },
    ]),
    seedStreams(region),
    seedLogs(region, true),
    seedGlueAndIam(region, subnetIds),
  ]);
}

async function seedApn2(): Promise<void> {
  const region = APN2;
  const ec2 = new EC2Client(cfg(region));
  try {
    ids.hostApn2 = (await ec2.send(new AllocateHostsCommand({ InstanceFamily: 'c5', AvailabilityZone: `${region}a`, Quantity: 1, TagSpecifications: ec2Tags('dedicated-host', 'lt-host-seoul') }))).HostIds?.[0] as string;
  } finally {
    ec2.destroy();
  }
  const kinesis = kinesisClient(region);
  try {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'lt-stream-seoul', ShardCount: 1, Tags: TAG_MAP }));
  } finally {
    kinesis.destroy();
  }
  await Promise.all([
    seedSageMaker(region, 'lt-seoul', false),
    seedRedshift(region, 'lt-redshift-seoul', 1, false),
    seedElastiCache(region, false),
    // Clean: on-demand capacity is not provisioned, and 5 RCU/5 WCU stay inside the free 25.
    seedDynamoDb(region, [{ name: 'lt-ddb-ondemand-seoul' }, { name: 'lt-ddb-small-seoul', rcu: 5, wcu: 5 }]),
    seedLogs(region, false),
  ]);
}

async function seedSageMaker(region: string, prefix: string, full: boolean): Promise<void> {
  const sm = new SageMakerClient(cfg(region));
  try {
    await sm.send(new CreateNotebookInstanceCommand({ NotebookInstanceName: `${prefix}-notebook`, InstanceType: 'ml.t3.medium', RoleArn: ROLE_ARN, Tags: LAB_TAGS }));
    // Clean: a stopped notebook bills no instance-hours.
    await sm.send(new CreateNotebookInstanceCommand({ NotebookInstanceName: `${prefix}-notebook-stopped`, InstanceType: 'ml.t3.medium', RoleArn: ROLE_ARN, Tags: LAB_TAGS }));
    await sm.send(new StopNotebookInstanceCommand({ NotebookInstanceName: `${prefix}-notebook-stopped` }));
    if (!full) return;
    const container = { Image: `${ACCOUNT}.dkr.ecr.${region}.amazonaws.com/lt-model:latest`, ModelDataUrl: 's3://lt-models/model.tar.gz' };
    await sm.send(new CreateModelCommand({ ModelName: 'lt-model', ExecutionRoleArn: ROLE_ARN, PrimaryContainer: container, Tags: LAB_TAGS }));
    await sm.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: 'lt-endpoint-config',
        ProductionVariants: [{ VariantName: 'main', ModelName: 'lt-model', InitialInstanceCount: 1, InstanceType: 'ml.m5.large' }],
        Tags: LAB_TAGS,
      }),
    );
    await sm.send(new CreateEndpointCommand({ EndpointName: 'lt-endpoint', EndpointConfigName: 'lt-endpoint-config', Tags: LAB_TAGS }));
    // Clean: a serverless endpoint has no idle instance charge.
    await sm.send(new CreateModelCommand({ ModelName: 'lt-model-serverless', ExecutionRoleArn: ROLE_ARN, PrimaryContainer: container, Tags: LAB_TAGS }));
    await sm.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: 'lt-serverless-config',
        ProductionVariants: [{ VariantName: 'main', ModelName: 'lt-model-serverless', ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 } }],
        Tags: LAB_TAGS,
      }),
    );
    await sm.send(new CreateEndpointCommand({ EndpointName: 'lt-endpoint-serverless', EndpointConfigName: 'lt-serverless-config', Tags: LAB_TAGS }));
  } finally {
    sm.destroy();
  }
}

async function seedOpenSearch(region: string): Promise<void> {
  const os = new OpenSearchClient(cfg(region));
  try {
    await os.send(
      new CreateDomainCommand({
        DomainName: 'lt-search',
        EngineVersion: 'OpenSearch_2.11',
        ClusterConfig: { InstanceType: 'r6g.large.search', InstanceCount: 2 },
        EBSOptions: { EBSEnabled: true, VolumeType: 'gp3', VolumeSize: 20 },
        TagList: LAB_TAGS,
      }),
    );
  } finally {
    os.destroy();
  }
}

async function seedRedshift(region: string, name: string, nodes: number, withPaused: boolean): Promise<void> {
  const rs = new RedshiftClient(cfg(region));
  const create = (id: string) =>
    rs.send(
      new CreateRedshiftClusterCommand({
        ClusterIdentifier: id,
        NodeType: 'dc2.large',
        ClusterType: nodes > 1 ? 'multi-node' : 'single-node',
        NumberOfNodes: nodes > 1 ? nodes : undefined,
        MasterUsername: 'labadmin',
        MasterUserPassword: 'Passw0rd-lab',
        Tags: LAB_TAGS,
      }),
    );
  try {
    await create(name);
    if (withPaused) {
      // Clean: a paused cluster bills no node-hours.
      await create(`${name}-paused`);
      await rs.send(new PauseClusterCommand({ ClusterIdentifier: `${name}-paused` }));
    }
  } finally {
    rs.destroy();
  }
}

async function seedElastiCache(region: string, full: boolean): Promise<void> {
  const ec = new ElastiCacheClient(cfg(region));
  try {
    await ec.send(new CreateCacheClusterCommand({ CacheClusterId: full ? 'lt-memcached' : 'lt-memcached-seoul', Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: full ? 2 : 1, Tags: LAB_TAGS }));
    if (!full) return;
    await ec.send(
      new CreateReplicationGroupCommand({ ReplicationGroupId: 'lt-redis', ReplicationGroupDescription: 'lab', Engine: 'redis', CacheNodeType: 'cache.t3.micro', ReplicasPerNodeGroup: 1, Tags: LAB_TAGS }),
    );
  } finally {
    ec.destroy();
  }
}

async function seedMemoryDbAndDax(region: string): Promise<void> {
  const memorydb = new MemoryDBClient(cfg(region));
  const dax = new DAXClient(cfg(region));
  try {
    await memorydb.send(new CreateMemoryDbClusterCommand({ ClusterName: 'lt-memorydb', NodeType: 'db.t4g.small', ACLName: 'open-access', NumShards: 1, NumReplicasPerShard: 1, Tags: LAB_TAGS }));
    await dax.send(new CreateDaxClusterCommand({ ClusterName: 'lt-dax', NodeType: 'dax.t3.small', ReplicationFactor: 3, IamRoleArn: ROLE_ARN, Tags: LAB_TAGS }));
  } finally {
    memorydb.destroy();
    dax.destroy();
  }
}

async function seedDynamoDb(region: string, tables: Array<{ name: string; rcu?: number; wcu?: number }>): Promise<void> {
  const ddb = new DynamoDBClient(cfg(region));
  try {
    for (const t of tables) {
      await ddb.send(
        new CreateTableCommand({
          TableName: t.name,
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          ...(t.rcu === undefined ? { BillingMode: 'PAY_PER_REQUEST' } : { BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: t.rcu, WriteCapacityUnits: t.wcu } }),
          Tags: LAB_TAGS,
        }),
      );
    }
  } finally {
    ddb.destroy();
  }
}

async function seedFiles(region: string, subnetIds: string[], sg: string, labSubnets: string[], labSg: string): Promise<void> {
  const efs = new EFSClient(cfg(region));
  const fsx = new FSxClient(cfg(region));
  try {
    ids.efsProvisioned = (
      await efs.send(new CreateEfsCommand({ CreationToken: 'lt-efs-provisioned', ThroughputMode: 'provisioned', ProvisionedThroughputInMibps: 10, Tags: [TAG, { Key: 'Name', Value: 'lt-efs-provisioned' }] }))
    ).FileSystemId as string;
    // Clean: bursting throughput and (almost) nothing stored.
    ids.efsBursting = (await efs.send(new CreateEfsCommand({ CreationToken: 'lt-efs-bursting', ThroughputMode: 'bursting', Tags: [TAG, { Key: 'Name', Value: 'lt-efs-bursting' }] }))).FileSystemId as string;
    await efs.send(new CreateMountTargetCommand({ FileSystemId: ids.efsBursting, SubnetId: subnetIds[0], SecurityGroups: [sg] }));
    ids.fsx = (
      await fsx.send(
        new CreateFsxCommand({
          FileSystemType: 'WINDOWS',
          StorageCapacity: 32,
          StorageType: 'SSD',
          SubnetIds: [labSubnets[0] as string],
          SecurityGroupIds: [labSg],
          WindowsConfiguration: { ThroughputCapacity: 8, DeploymentType: 'SINGLE_AZ_2' },
          Tags: [TAG, { Key: 'Name', Value: 'lt-fsx' }],
        }),
      )
    ).FileSystem?.FileSystemId as string;
  } finally {
    efs.destroy();
    fsx.destroy();
  }
}

function kinesisClient(region: string): KinesisClient {
  // The Kinesis client speaks HTTP/2 by default; moto answers HTTP/1.1.
  return new KinesisClient({ ...cfg(region), requestHandler: new NodeHttpHandler() });
}

async function seedStreams(region: string): Promise<void> {
  const kinesis = kinesisClient(region);
  const firehose = new FirehoseClient(cfg(region));
  try {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'lt-stream', ShardCount: 2, Tags: TAG_MAP }));
    await kinesis.send(new CreateStreamCommand({ StreamName: 'lt-stream-ondemand', StreamModeDetails: { StreamMode: 'ON_DEMAND' }, Tags: TAG_MAP }));
    const streamArn = (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'lt-stream' }))).StreamDescriptionSummary?.StreamARN;
    // Clean: a stream delivering to S3 bills only per GB; it reads from lt-stream (it must go before it).
    await firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: 'lt-firehose-s3',
        DeliveryStreamType: 'KinesisStreamAsSource',
        KinesisStreamSourceConfiguration: { KinesisStreamARN: streamArn, RoleARN: ROLE_ARN },
        ExtendedS3DestinationConfiguration: { RoleARN: ROLE_ARN, BucketARN: 'arn:aws:s3:::lt-firehose-bucket' },
        Tags: LAB_TAGS,
      }),
    );
  } finally {
    kinesis.destroy();
    firehose.destroy();
  }
}

/** Log data a group holds: moto counts the bytes of the messages put. */
async function seedLogs(region: string, full: boolean): Promise<void> {
  const logs = new CloudWatchLogsClient(cfg(region));
  const group = async (name: string, bytes: number, retention?: number) => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: name, tags: TAG_MAP }));
    if (retention) await logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: retention }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: name, logStreamName: 'main' }));
    const message = 'x'.repeat(1000);
    const events = Array.from({ length: Math.ceil(bytes / 1000) }, (_, i) => ({ timestamp: Date.now() + i, message }));
    if (events.length) await logs.send(new PutLogEventsCommand({ logGroupName: name, logStreamName: 'main', logEvents: events }));
  };
  try {
    if (full) {
      await group('lt-logs-forever', LOG_BYTES_BIG);
      // Clean: below the never-expires threshold, or with a retention.
      await group('lt-logs-small', LOG_BYTES_SMALL);
      await group('lt-logs-retention', LOG_BYTES_BIG, 30);
    } else {
      await group('lt-logs-retention-seoul', LOG_BYTES_BIG, 14);
    }
  } finally {
    logs.destroy();
  }
}
/** The audit lowers the never-expires threshold (logsNeverExpireBytes) to this: moto stores what it is given. */
const LOG_THRESHOLD_BYTES = 50_000;
const LOG_BYTES_BIG = 200_000;
const LOG_BYTES_SMALL = 10_000;

async function seedDirectoryServices(region: string, vpc: string, subnetIds: string[], sg: string, labSubnets: string[], labSg: string): Promise<void> {
  const ds = new DirectoryServiceClient(cfg(region));
  const resolver = new Route53ResolverClient(cfg(region));
  const mq = new MqClient(cfg(region));
  const ws = new WorkSpacesClient(cfg(region));
  try {
    ids.directory = (
      await ds.send(new CreateDirectoryCommand({ Name: 'lt.example.com', ShortName: 'lt', Password: 'Passw0rd-lab-1', Size: 'Small', VpcSettings: { VpcId: vpc, SubnetIds: subnetIds }, Tags: LAB_TAGS }))
    ).DirectoryId as string;
    await ws.send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: ids.directory }));
    const created = await ws.send(
      new CreateWorkspacesCommand({
        Workspaces: [{ DirectoryId: ids.directory, UserName: 'lt-student', BundleId: 'wsb-bh8rsxt14', WorkspaceProperties: { RunningMode: 'AUTO_STOP' }, Tags: LAB_TAGS }],
      }),
    );
    ids.workspace = created.PendingRequests?.[0]?.WorkspaceId as string;
    ids.resolver = (
      await resolver.send(
        new CreateResolverEndpointCommand({
          CreatorRequestId: 'lt-resolver',
          Name: 'lt-resolver',
          Direction: 'INBOUND',
          SecurityGroupIds: [sg],
          IpAddresses: subnetIds.map((SubnetId) => ({ SubnetId })),
          Tags: LAB_TAGS,
        }),
      )
    ).ResolverEndpoint?.Id as string;
    ids.broker = (
      await mq.send(
        new CreateBrokerCommand({
          BrokerName: 'lt-mq',
          EngineType: 'ACTIVEMQ',
          EngineVersion: '5.17.6',
          HostInstanceType: 'mq.t2.micro',
          DeploymentMode: 'SINGLE_INSTANCE',
          PubliclyAccessible: false,
          AutoMinorVersionUpgrade: true,
          SubnetIds: [labSubnets[0] as string],
          SecurityGroups: [labSg],
          Users: [{ Username: 'labadmin', Password: 'Passw0rd-lab-1' }],
          Tags: TAG_MAP,
        }),
      )
    ).BrokerId as string;
  } finally {
    ds.destroy();
    resolver.destroy();
    mq.destroy();
    ws.destroy();
  }
}

async function seedGlueAndIam(region: string, subnetIds: string[]): Promise<void> {
  const glue = new GlueClient(cfg(region));
  const iam = new IAMClient(cfg(region));
  try {
    // Global: an instance profile with its role (both of the lab).
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    await iam.send(new CreateRoleCommand({ RoleName: 'lt-lab-role', AssumeRolePolicyDocument: trust, Tags: LAB_TAGS }));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'lt-profile', Tags: LAB_TAGS }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'lt-profile', RoleName: 'lt-lab-role' }));

    await glue.send(new CreateDevEndpointCommand({ EndpointName: 'lt-devendpoint', RoleArn: ROLE_ARN, WorkerType: 'G.1X', NumberOfWorkers: 5, SubnetId: subnetIds[0], Tags: TAG_MAP }));
    ids.session = (await glue.send(new CreateSessionCommand({ Id: 'lt-session', Role: ROLE_ARN, Command: { Name: 'glueetl', PythonVersion: '3' }, Tags: TAG_MAP }))).Session?.Id as string;
    // Clean: a stopped session bills nothing more.
    await glue.send(new CreateSessionCommand({ Id: 'lt-session-stopped', Role: ROLE_ARN, Command: { Name: 'glueetl', PythonVersion: '3' }, Tags: TAG_MAP }));
    await glue.send(new StopSessionCommand({ Id: 'lt-session-stopped' }));

  } finally {
    glue.destroy();
    iam.destroy();
  }
}

beforeAll(async () => {
  await buildOnce();
  moto = await startMoto();
  await Promise.all([seedUse1(), seedApn2()]);
}, 300_000);

afterAll(async () => {
  await moto?.stop();
});

/** The shipped price table: the monthly USD a key costs in a region (a family member by name), or undefined. */
const PRICES = parse(readFileSync(join(REPO_ROOT, 'policies', 'prices.yml'), 'utf8')) as { keys: Record<string, { regions: Record<string, { usd: number | Record<string, number> }> }> };
function tablePrice(key: string, member?: string): number {
  const entry = PRICES.keys[key]?.regions[USE1] ?? PRICES.keys[key]?.regions['*'];
  const usd = entry === undefined ? undefined : typeof entry.usd === 'number' ? entry.usd : member === undefined ? undefined : entry.usd[member];
  if (usd === undefined) throw new Error(`policies/prices.yml has no us-east-1 price for ${key}${member ? `.${member}` : ''}`);
  return usd;
}
/** Not in the price table for ap-northeast-2 (or a rule without a figure): the cost is unknown, never $0. */
const UNKNOWN = null;

interface Expected {
  rule: string;
  region: string;
  id: () => string;
  /** Monthly USD from the table, or null where it must be unknown. */
  usd: () => number | null;
}

/** Exactly what the paid-services pack must flag, with its price (rules moto cannot serve: see the top of the file). */
const EXPECTED: Expected[] = [
  { rule: 'sagemaker-notebook-running', region: USE1, id: () => 'lt-notebook', usd: () => tablePrice('sagemakerNotebookMonthly', 'ml.t3.medium') },
  { rule: 'sagemaker-notebook-running', region: APN2, id: () => 'lt-seoul-notebook', usd: () => UNKNOWN },
  { rule: 'sagemaker-endpoint-instances', region: USE1, id: () => 'lt-endpoint', usd: () => tablePrice('sagemakerHostingMonthly', 'ml.m5.large') },
  { rule: 'opensearch-domain-running', region: USE1, id: () => 'lt-search', usd: () => 2 * tablePrice('opensearchInstanceMonthly', 'r6g.large.search') },
  { rule: 'redshift-cluster-running', region: USE1, id: () => 'lt-redshift', usd: () => 2 * tablePrice('redshiftNodeMonthly', 'dc2.large') },
  { rule: 'redshift-cluster-running', region: APN2, id: () => 'lt-redshift-seoul', usd: () => UNKNOWN },
  { rule: 'elasticache-replication-group-running', region: USE1, id: () => 'lt-redis', usd: () => 2 * tablePrice('elasticacheNodeMonthly', 'cache.t3.micro') },
  { rule: 'elasticache-cache-cluster-running', region: USE1, id: () => 'lt-memcached', usd: () => 2 * tablePrice('elasticacheNodeMonthly', 'cache.t3.micro') },
  { rule: 'elasticache-cache-cluster-running', region: APN2, id: () => 'lt-memcached-seoul', usd: () => UNKNOWN },
  { rule: 'memorydb-cluster-running', region: USE1, id: () => 'lt-memorydb', usd: () => UNKNOWN },
  { rule: 'dax-cluster-running', region: USE1, id: () => 'lt-dax', usd: () => 3 * tablePrice('daxNodeMonthly', 'dax.t3.small') },
  // 20 + 10 RCU and 20 + 15 WCU provisioned in us-east-1: 5 RCU and 10 WCU over the free 25.
  { rule: 'dynamodb-provisioned-read-over-free', region: USE1, id: () => `${ACCOUNT}/${USE1}`, usd: () => 5 * tablePrice('dynamodbRcuMonthly') },
  { rule: 'dynamodb-provisioned-write-over-free', region: USE1, id: () => `${ACCOUNT}/${USE1}`, usd: () => 10 * tablePrice('dynamodbWcuMonthly') },
  { rule: 'efs-provisioned-throughput', region: USE1, id: () => ids.efsProvisioned as string, usd: () => 10 * tablePrice('efsProvisionedMibpsMonth') },
  { rule: 'fsx-file-system', region: USE1, id: () => ids.fsx as string, usd: () => 32 * tablePrice('fsxStorageGiBMonth', 'WINDOWS') },
  { rule: 'kinesis-provisioned-stream', region: USE1, id: () => 'lt-stream', usd: () => 2 * tablePrice('kinesisShardMonthly') },
  { rule: 'kinesis-provisioned-stream', region: APN2, id: () => 'lt-stream-seoul', usd: () => UNKNOWN },
  { rule: 'kinesis-on-demand-stream', region: USE1, id: () => 'lt-stream-ondemand', usd: () => tablePrice('kinesisOnDemandStreamMonthly') },
  { rule: 'logs-group-never-expires', region: USE1, id: () => 'lt-logs-forever', usd: () => (LOG_BYTES_BIG / 1024 ** 3) * tablePrice('logsStorageGiBMonth') },
  { rule: 'tgw-attachment', region: USE1, id: () => ids.tgwAttachment as string, usd: () => tablePrice('tgwAttachmentMonthly') },
  { rule: 'vpn-connection', region: USE1, id: () => ids.vpn as string, usd: () => tablePrice('vpnConnectionMonthly') },
  { rule: 'ec2-dedicated-host', region: USE1, id: () => ids.host as string, usd: () => tablePrice('ec2HostMonthly', 'c5') },
  { rule: 'ec2-dedicated-host', region: APN2, id: () => ids.hostApn2 as string, usd: () => UNKNOWN },
  { rule: 'route53-resolver-endpoint', region: USE1, id: () => ids.resolver as string, usd: () => 2 * tablePrice('resolverIpMonthly') },
  { rule: 'mq-broker-running', region: USE1, id: () => ids.broker as string, usd: () => tablePrice('mqBrokerInstanceMonthly', 'mq.t2.micro') },
  { rule: 'directory-service-directory', region: USE1, id: () => ids.directory as string, usd: () => tablePrice('directoryMonthly', 'SimpleAD-Small') },
  { rule: 'network-firewall-endpoints', region: USE1, id: () => ids.firewall as string, usd: () => 2 * tablePrice('networkFirewallEndpointMonthly') },
  { rule: 'glue-dev-endpoint', region: USE1, id: () => 'lt-devendpoint', usd: () => 5 * tablePrice('glueDpuMonthly') },
  { rule: 'glue-session-ready', region: USE1, id: () => 'lt-session', usd: () => UNKNOWN },
  { rule: 'workspaces-workspace', region: USE1, id: () => ids.workspace as string, usd: () => UNKNOWN },
];

/** The clean counterparts: lab resources no rule may flag. */
const CLEAN = [
  'lt-notebook-stopped',
  'lt-seoul-notebook-stopped',
  'lt-endpoint-serverless',
  'lt-redshift-paused',
  'lt-logs-small',
  'lt-logs-retention',
  'lt-logs-retention-seoul',
  'lt-session-stopped',
  'lt-firehose-s3',
  'lt-ddb-ondemand',
  'lt-ddb-ondemand-seoul',
  'lt-ddb-small-seoul',
];

/** The paid-services rules on types moto cannot list (their collectors would only report errors). */
const PAID_SERVICES = parse(readFileSync(join(REPO_ROOT, 'policies', 'paid-services.yml'), 'utf8')) as { rules: Array<{ id: string; resource: string }> };
const UNLISTABLE_RULES = PAID_SERVICES.rules
  .filter((r) => MOTO_UNLISTABLE_TYPES.some((t) => (t.endsWith(':*') ? r.resource.startsWith(t.slice(0, -1)) : r.resource === t)))
  .map((r) => r.id);

const key = (rule: string, region: string, id: string) => `${rule} ${region} ${id}`;
const NOW = () => new Date().toISOString();

describe('costguard audit on the long-tail lab', () => {
  let report: Report;

  beforeAll(async () => {
    const result = await runCli(
      ['audit', '--pack', 'free-tier', '--pack', 'paid-services', ...REGIONS.flatMap((r) => ['--region', r]), '--format', 'json', '--offline-prices', '--now', NOW(),
        '--param', `paid-services.logsNeverExpireBytes=${LOG_THRESHOLD_BYTES}`, ...SKIP_MOTO_GAPS, ...UNLISTABLE_RULES.flatMap((r) => ['--skip-rule', r])],
      {},
      { timeoutMs: 240_000 },
    );
    report = parseStdout<Report>(result);
    expect(report.errors, describeRun(result)).toEqual([]);
    expect(result.code, describeRun(result)).toBe(0);
  }, 300_000);

  it('flags exactly the billable long-tail resources, in both regions', () => {
    const got = report.findings.filter((f) => f.pack === 'paid-services').map((f) => key(f.ruleId, f.region, f.resourceId));
    expect(got.sort()).toEqual(EXPECTED.map((e) => key(e.rule, e.region, e.id())).sort());
  });

  it('flags none of the clean counterparts, under any rule', () => {
    const flagged = report.findings.filter((f) => CLEAN.includes(f.resourceId) || CLEAN.includes(f.resourceName ?? ''));
    expect(flagged.map((f) => key(f.ruleId, f.region, f.resourceId))).toEqual([]);
    // The aggregate DynamoDB findings name the tables they count: the on-demand one is not among them, and
    // ap-northeast-2 (on-demand and 5/5 only) has no DynamoDB finding at all.
    for (const f of report.findings.filter((x) => x.ruleId.startsWith('dynamodb-'))) {
      expect(f.region).toBe(USE1);
      expect(f.message).toContain('lt-ddb-provisioned');
      expect(f.message).not.toContain('lt-ddb-ondemand');
    }
  });

  it('prices each finding from the table where it has a price, and says "unknown" (never $0) where it has none', () => {
    const byKey = new Map(report.findings.map((f) => [key(f.ruleId, f.region, f.resourceId), f]));
    for (const e of EXPECTED) {
      const f = byKey.get(key(e.rule, e.region, e.id()));
      const usd = e.usd();
      if (usd === null) {
        expect(f?.monthlyCostUsd, `${e.rule} ${e.id()}`).toBeNull();
        // A rule with a price key whose region has no price says why; a rule without a figure has none.
        if (e.region === APN2) expect(f?.message, `${e.rule} ${e.id()}`).toMatch(/Monthly cost unknown/);
      } else {
        expect(f?.monthlyCostUsd, `${e.rule} ${e.id()}`).toBeCloseTo(usd, 2);
        expect(f?.priceSource, `${e.rule} ${e.id()}`).toBe('table');
      }
    }
    // $0 only where the table priced an amount under a cent: the lab's 200 kB never-expiring log group (moto keeps
    // what it is given; a real one over the default 1 GiB threshold costs cents and up).
    expect(report.findings.filter((f) => f.monthlyCostUsd === 0).map((f) => key(f.ruleId, f.region, f.resourceId))).toEqual([key('logs-group-never-expires', USE1, 'lt-logs-forever')]);
  });
});

/**
 * Long-tail types in the audit half of the lab that the nuke leaves alone, because moto cannot delete them:
 * networkfirewall:firewall (moto has no DeleteFirewall), kinesis:stream (moto lacks ListTagsForResource, which
 * nuke reads keep tags with), elasticache:cache-cluster and elasticache:replication-group (moto leaves them
 * "deleting" forever, so the wait for them to be gone never ends).
 */
const NUKE_MOTO_GAPS = ['networkfirewall:firewall', 'kinesis:stream', 'elasticache:cache-cluster', 'elasticache:replication-group'];

/** The nuke config of the lab: what it tagged or named, in both regions, less what moto cannot list or delete. */
function writeNukeConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'costguard-e2e-long-tail-'));
  const file = join(dir, 'long-tail.yml');
  writeFileSync(
    file,
    [
      'nuke: long-tail-lab',
      `regions: [${REGIONS.join(', ')}]`,
      'accounts: { blockTerms: [prod] }',
      `types: { exclude: [${[...MOTO_UNLISTABLE_TYPES, ...NUKE_MOTO_GAPS].map((t) => `'${t}'`).join(', ')}] }`,
      'select:',
      '  - any:',
      '      - tags.lab: longtail',
      "      - name: { glob: 'lt-*' }",
      '',
    ].join('\n'),
  );
  return file;
}

function nuke(config: string, args: string[]) {
  return runCli(['nuke', '--config', config, '--now', NOW(), '--format', 'json', ...args], {}, { timeoutMs: 240_000 });
}

/** Every lab resource of a long-tail type the SDK still sees (terminal states such as deleted or released count as gone). */
async function labLeftovers(): Promise<string[]> {
  const left: string[] = [];
  const lab = (name: string | undefined) => (name ?? '').startsWith('lt-');
  for (const region of REGIONS) {
    const c = cfg(region);
    const sm = new SageMakerClient(c);
    const ec2 = new EC2Client(c);
    const rs = new RedshiftClient(c);
    const ddb = new DynamoDBClient(c);
    const logs = new CloudWatchLogsClient(c);
    try {
      left.push(...((await sm.send(new ListNotebookInstancesCommand({}))).NotebookInstances ?? []).map((n) => `${region} notebook ${n.NotebookInstanceName}`));
      left.push(...((await ec2.send(new DescribeHostsCommand({}))).Hosts ?? []).filter((h) => !h.State?.startsWith('released')).map((h) => `${region} host ${h.HostId}`));
      left.push(...((await rs.send(new DescribeClustersCommand({}))).Clusters ?? []).map((x) => `${region} redshift ${x.ClusterIdentifier}`));
      left.push(...((await ddb.send(new ListTablesCommand({}))).TableNames ?? []).map((n) => `${region} table ${n}`));
      left.push(...((await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'lt-' }))).logGroups ?? []).map((g) => `${region} log-group ${g.logGroupName}`));
      if (region !== USE1) continue;
      left.push(...((await sm.send(new ListEndpointsCommand({}))).Endpoints ?? []).map((x) => `endpoint ${x.EndpointName}`));
      left.push(...((await sm.send(new ListEndpointConfigsCommand({}))).EndpointConfigs ?? []).map((x) => `endpoint-config ${x.EndpointConfigName}`));
      left.push(...((await sm.send(new ListModelsCommand({}))).Models ?? []).map((x) => `model ${x.ModelName}`));
      left.push(...((await ec2.send(new DescribeTransitGatewaysCommand({}))).TransitGateways ?? []).filter((x) => x.State !== 'deleted').map((x) => `tgw ${x.TransitGatewayId}`));
      left.push(...((await ec2.send(new DescribeTransitGatewayAttachmentsCommand({}))).TransitGatewayAttachments ?? []).filter((x) => x.State !== 'deleted').map((x) => `tgw-attachment ${x.TransitGatewayAttachmentId}`));
      left.push(...((await ec2.send(new DescribeVpnConnectionsCommand({}))).VpnConnections ?? []).filter((x) => x.State !== 'deleted').map((x) => `vpn ${x.VpnConnectionId}`));
      left.push(...((await ec2.send(new DescribeVpnGatewaysCommand({}))).VpnGateways ?? []).filter((x) => x.State !== 'deleted').map((x) => `vgw ${x.VpnGatewayId}`));
      left.push(...((await ec2.send(new DescribeCustomerGatewaysCommand({}))).CustomerGateways ?? []).filter((x) => x.State !== 'deleted').map((x) => `cgw ${x.CustomerGatewayId}`));
      left.push(...((await ec2.send(new DescribeNetworkAclsCommand({ NetworkAclIds: undefined }))).NetworkAcls ?? []).filter((x) => x.NetworkAclId === ids.acl).map((x) => `acl ${x.NetworkAclId}`));
      left.push(...((await ec2.send(new DescribeDhcpOptionsCommand({}))).DhcpOptions ?? []).filter((x) => x.DhcpOptionsId === ids.dhcp).map((x) => `dhcp ${x.DhcpOptionsId}`));
      left.push(...((await ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? []).filter((x) => x.VpcId === ids.vpc).map((x) => `vpc ${x.VpcId}`));
      left.push(...((await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [ids.vpc as string] }] }))).Subnets ?? []).map((x) => `subnet ${x.SubnetId}`));
      const os = new OpenSearchClient(c);
      const memorydb = new MemoryDBClient(c);
      const dax = new DAXClient(c);
      const efs = new EFSClient(c);
      const fsx = new FSxClient(c);
      const firehose = new FirehoseClient(c);
      const resolver = new Route53ResolverClient(c);
      const mq = new MqClient(c);
      const ds = new DirectoryServiceClient(c);
      const glue = new GlueClient(c);
      const ws = new WorkSpacesClient(c);
      const iam = new IAMClient(c);
      try {
        left.push(...((await os.send(new ListDomainNamesCommand({}))).DomainNames ?? []).map((x) => `opensearch ${x.DomainName}`));
        left.push(...((await memorydb.send(new DescribeMemoryDbClustersCommand({}))).Clusters ?? []).map((x) => `memorydb ${x.Name}`));
        left.push(...((await dax.send(new DescribeDaxClustersCommand({}))).Clusters ?? []).filter((x) => x.Status !== 'deleting').map((x) => `dax ${x.ClusterName}`));
        left.push(...((await efs.send(new DescribeEfsCommand({}))).FileSystems ?? []).map((x) => `efs ${x.FileSystemId}`));
        left.push(...((await fsx.send(new DescribeFsxCommand({}))).FileSystems ?? []).map((x) => `fsx ${x.FileSystemId}`));
        left.push(...((await firehose.send(new ListDeliveryStreamsCommand({}))).DeliveryStreamNames ?? []).map((n) => `firehose ${n}`));
        left.push(...((await resolver.send(new ListResolverEndpointsCommand({}))).ResolverEndpoints ?? []).map((x) => `resolver ${x.Id}`));
        left.push(...((await mq.send(new ListBrokersCommand({}))).BrokerSummaries ?? []).map((x) => `mq ${x.BrokerId}`));
        left.push(...((await ds.send(new DescribeDirectoriesCommand({}))).DirectoryDescriptions ?? []).filter((x) => x.Stage !== 'Deleted').map((x) => `directory ${x.DirectoryId}`));
        left.push(...((await glue.send(new GetDevEndpointsCommand({}))).DevEndpoints ?? []).map((x) => `dev-endpoint ${x.EndpointName}`));
        left.push(...((await glue.send(new ListSessionsCommand({}))).Sessions ?? []).map((x) => `session ${x.Id}`));
        left.push(...((await ws.send(new DescribeWorkspacesCommand({}))).Workspaces ?? []).filter((x) => x.State !== 'TERMINATED').map((x) => `workspace ${x.WorkspaceId}`));
        left.push(...((await iam.send(new ListInstanceProfilesCommand({}))).InstanceProfiles ?? []).filter((x) => lab(x.InstanceProfileName)).map((x) => `instance-profile ${x.InstanceProfileName}`));
        left.push(...((await iam.send(new ListRolesCommand({}))).Roles ?? []).filter((x) => lab(x.RoleName)).map((x) => `role ${x.RoleName}`));
      } finally {
        for (const client of [os, memorydb, dax, efs, fsx, firehose, resolver, mq, ds, glue, ws, iam]) client.destroy();
      }
    } finally {
      for (const client of [sm, ec2, rs, ddb, logs]) client.destroy();
    }
  }
  return left.sort();
}

/** The lab's resources of the types the nuke excludes (NUKE_MOTO_GAPS): they must stay untouched. */
async function excludedLab(): Promise<string[]> {
  const out: string[] = [];
  for (const region of REGIONS) {
    const ec = new ElastiCacheClient(cfg(region));
    const kinesis = kinesisClient(region);
    const fw = new NetworkFirewallClient(cfg(region));
    try {
      out.push(...((await ec.send(new DescribeCacheClustersCommand({}))).CacheClusters ?? []).map((x) => `${region} cache-cluster ${x.CacheClusterId} ${x.CacheClusterStatus}`));
      out.push(...((await ec.send(new DescribeReplicationGroupsCommand({}))).ReplicationGroups ?? []).map((x) => `${region} replication-group ${x.ReplicationGroupId} ${x.Status}`));
      out.push(...((await kinesis.send(new ListStreamsCommand({}))).StreamNames ?? []).map((n) => `${region} stream ${n}`));
      out.push(...((await fw.send(new ListFirewallsCommand({}))).Firewalls ?? []).map((x) => `${region} firewall ${x.FirewallName}`));
    } finally {
      for (const client of [ec, kinesis, fw]) client.destroy();
    }
  }
  return out.sort();
}

describe('costguard nuke on the long-tail lab', () => {
  let config: string;
  let plan: NukePlan;
  let excluded: string[];

  beforeAll(() => {
    config = writeNukeConfig();
  });

  it('plans the whole lab in dependency order, and the dry run changes nothing', async () => {
    const before = await labLeftovers();
    excluded = await excludedLab();
    expect(excluded).toEqual(
      [
        'ap-northeast-2 cache-cluster lt-memcached-seoul available',
        'ap-northeast-2 stream lt-stream-seoul',
        'us-east-1 cache-cluster lt-memcached available',
        'us-east-1 firewall fw-firewall',
        'us-east-1 replication-group lt-redis available',
        'us-east-1 stream lt-stream',
        'us-east-1 stream lt-stream-ondemand',
      ].sort(),
    );
    const result = await nuke(config, []);
    expect(result.code, describeRun(result)).toBe(0);
    plan = parseStdout<NukePlan>(result);
    expect(await labLeftovers()).toEqual(before);
    const step = (type: string, id?: string) => {
      const d = plan.deletions.filter((x) => x.type === type && (id === undefined || x.id === id));
      expect(d.length, `${type} ${id ?? ''} is planned`).toBeGreaterThan(0);
      return { first: Math.min(...d.map((x) => x.step)), last: Math.max(...d.map((x) => x.step)) };
    };
    const before_ = (a: ReturnType<typeof step>, b: ReturnType<typeof step>) => expect(a.last).toBeLessThan(b.first);
    before_(step('sagemaker:endpoint'), step('sagemaker:endpoint-config'));
    before_(step('sagemaker:endpoint-config'), step('sagemaker:model'));
    before_(step('ec2:transit-gateway-attachment'), step('ec2:transit-gateway'));
    before_(step('ec2:vpn-connection'), step('ec2:vpn-gateway'));
    before_(step('ec2:vpn-connection'), step('ec2:customer-gateway'));
    before_(step('workspaces:workspace'), step('ds:directory'));
    before_(step('fsx:file-system'), step('ds:directory'));
    before_(step('iam:instance-profile'), step('iam:role', 'lt-lab-role'));
    before_(step('ec2:subnet'), step('ec2:network-acl'));
    before_(step('ec2:network-acl'), step('ec2:vpc'));
    before_(step('ec2:vpc'), step('ec2:dhcp-options'));
    // What runs in a VPC goes before the subnets and security groups of its region (deleteBefore).
    let compared = 0;
    for (const service of ['fsx:file-system', 'mq:broker', 'ec2:transit-gateway-attachment', 'efs:file-system', 'ds:directory', 'route53resolver:endpoint']) {
      for (const network of ['ec2:subnet', 'ec2:security-group']) {
        for (const region of ['us-east-1', 'ap-northeast-2']) {
          const s = plan.deletions.filter((x) => x.type === service && x.region === region).map((x) => x.step);
          const n = plan.deletions.filter((x) => x.type === network && x.region === region).map((x) => x.step);
          if (s.length === 0 || n.length === 0) continue;
          expect(Math.max(...s), `${service} before ${network} in ${region}`).toBeLessThan(Math.min(...n));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(2);
  }, 300_000);

  it('deletes every lab resource, and the SDK finds none left', async () => {
    const result = await nuke(config, ['--no-dry-run', '--confirm-account', ACCOUNT, '--max-wait', '5m']);
    const receipt = parseStdout<NukeReceipt>(result);
    expect(receipt.items.filter((i) => i.status === 'failed').map((i) => `${i.region} ${i.type} ${i.id}: ${i.code ?? ''} ${i.reason ?? ''}`)).toEqual([]);
    expect(result.code, describeRun(result)).toBe(0);
    expect(receipt.summary.deleted).toBe(plan.deletions.length);
    expect(await labLeftovers()).toEqual([]);
    expect(await excludedLab()).toEqual(excluded);
  }, 300_000);

  it('a second run plans nothing', async () => {
    const result = await nuke(config, []);
    expect(result.code, describeRun(result)).toBe(0);
    expect(parseStdout<NukePlan>(result).deletions.map((d) => `${d.region} ${d.type} ${d.id}`)).toEqual([]);
  }, 300_000);
});
