// Seeds moto with a small "lab account" across three regions — costly resources next to clean ones —
// and says exactly which findings the free-tier pack must report for it.
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  AttachVolumeCommand,
  CreateNatGatewayCommand,
  CreateSnapshotCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVolumeCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DescribeImagesCommand,
  RunInstancesCommand,
  StopInstancesCommand,
  type EC2Client,
  type VolumeType,
} from '@aws-sdk/client-ec2';
import { CreateClusterCommand } from '@aws-sdk/client-eks';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateKeyCommand } from '@aws-sdk/client-kms';
import { CreateDBInstanceCommand } from '@aws-sdk/client-rds';
import { CreateHostedZoneCommand } from '@aws-sdk/client-route-53';
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { awsClients, type AwsClients } from './aws.js';

/** The (rule, region, resource) triple the tests compare; region "global" for account-wide findings. */
export interface ExpectedFinding {
  ruleId: string;
  region: string;
  resourceId: string;
}

export const LAB_REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'] as const;

/**
 * Rules whose data moto cannot serve: DescribeClientVpnEndpoints and GetDefaultCreditSpecification are
 * not implemented (HTTP 500 + HTML). A run that needs a clean exit code skips them; the "errors are
 * data" tests run them and expect them as not evaluated.
 */
export const MOTO_GAP_RULES = ['vpc-client-vpn-endpoint', 'ec2-default-credit-unlimited'] as const;
export const MOTO_GAP_OPERATIONS = ['ec2:DescribeClientVpnEndpoints', 'ec2:GetDefaultCreditSpecification'] as const;
export const SKIP_MOTO_GAPS = MOTO_GAP_RULES.flatMap((r) => ['--skip-rule', r]);

/**
 * The lab asserts the free-tier pack's findings exactly; other default packs (IAM hygiene: moto's root
 * account never has MFA) would add findings of their own, so every lab run selects this pack.
 */
export const FREE_TIER_PACK = ['--pack', 'free-tier'] as const;

export function regionFlags(regions: readonly string[]): string[] {
  return regions.flatMap((r) => ['--region', r]);
}

export function key(f: ExpectedFinding): string {
  return `${f.ruleId} ${f.region} ${f.resourceId}`;
}

/** Sorted "ruleId region resourceId" lines: easy to diff in an assertion message. */
export function findingKeys(findings: ExpectedFinding[]): string[] {
  return findings.map(key).sort();
}

export interface CostlyLab {
  accountId: string;
  regions: string[];
  /** Every finding the free-tier pack must report, and nothing else. */
  expected: ExpectedFinding[];
  /** Resources that must not be flagged, with the reason (for readable failures). */
  clean: Array<{ region: string; resourceId: string; why: string }>;
  ids: Record<string, string>;
  /** Sum of every volume's size (all lab regions), for the EBS aggregate message. */
  totalVolumeGiB: number;
}

interface Network {
  vpcId: string;
  subnetA: string;
  subnetB: string;
}

async function network(ec2: EC2Client, region: string, cidrPrefix: string): Promise<Network> {
  const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: `${cidrPrefix}.0.0/16` }));
  const vpcId = vpc.Vpc?.VpcId as string;
  const [a, b] = await Promise.all(
    ['a', 'b'].map((az, n) =>
      ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `${cidrPrefix}.${n + 1}.0/24`, AvailabilityZone: `${region}${az}` })),
    ),
  );
  return { vpcId, subnetA: a.Subnet?.SubnetId as string, subnetB: b.Subnet?.SubnetId as string };
}

async function anyAmi(ec2: EC2Client): Promise<string> {
  const images = await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'], MaxResults: 5 }));
  const id = images.Images?.find((i) => i.ImageId)?.ImageId;
  if (!id) throw new Error('moto returned no AMI');
  return id;
}

async function instance(ec2: EC2Client, ami: string, type: string, subnetId: string, name: string): Promise<string> {
  const out = await ec2.send(
    new RunInstancesCommand({
      ImageId: ami,
      InstanceType: type as never,
      MinCount: 1,
      MaxCount: 1,
      SubnetId: subnetId,
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: name }] }],
    }),
  );
  return out.Instances?.[0]?.InstanceId as string;
}

async function volume(ec2: EC2Client, az: string, sizeGiB: number, type: VolumeType, name: string, iops?: number): Promise<string> {
  const out = await ec2.send(
    new CreateVolumeCommand({
      AvailabilityZone: az,
      Size: sizeGiB,
      VolumeType: type,
      ...(iops ? { Iops: iops } : {}),
      TagSpecifications: [{ ResourceType: 'volume', Tags: [{ Key: 'Name', Value: name }] }],
    }),
  );
  return out.VolumeId as string;
}

async function eip(ec2: EC2Client, name: string): Promise<string> {
  const out = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
  const id = out.AllocationId as string;
  await ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'Name', Value: name }] }));
  return id;
}

/** Root volumes moto gives every instance (its AMIs map one 8 GiB gp2 root). */
const MOTO_ROOT_GIB = 8;

async function seedUsEast1(c: AwsClients): Promise<Record<string, string>> {
  const { ec2 } = c;
  const region = c.region;
  const [net, ami] = await Promise.all([network(ec2, region, '10.10'), anyAmi(ec2)]);
  const webFree = await instance(ec2, ami, 't3.micro', net.subnetA, 'web-free');
  const [eipAttached, natEip, gp2Data, gp3Loose] = await Promise.all([
    eip(ec2, 'web-free-ip'),
    eip(ec2, 'nat-ip'),
    volume(ec2, `${region}a`, 20, 'gp2', 'web-data'),
    volume(ec2, `${region}a`, 5, 'gp3', 'leftover-gp3'),
  ]);
  await ec2.send(new AssociateAddressCommand({ AllocationId: eipAttached, InstanceId: webFree }));
  await ec2.send(new AttachVolumeCommand({ VolumeId: gp2Data, InstanceId: webFree, Device: '/dev/sdf' }));
  const nat = await ec2.send(new CreateNatGatewayCommand({ SubnetId: net.subnetA, AllocationId: natEip }));
  const idleAlb = await c.elbv2.send(new CreateLoadBalancerCommand({ Name: 'idle-alb', Subnets: [net.subnetA, net.subnetB], Type: 'application' }));
  await c.rds.send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: 'free-db',
      DBInstanceClass: 'db.t3.micro',
      Engine: 'mysql',
      AllocatedStorage: 20,
      MultiAZ: false,
      MasterUsername: 'admin',
      MasterUserPassword: 'not-a-secret-1',
    }),
  );
  return {
    webFree,
    eipAttached,
    natEip,
    gp2Data,
    gp3Loose,
    nat: nat.NatGateway?.NatGatewayId as string,
    idleAlb: idleAlb.LoadBalancers?.[0]?.LoadBalancerName as string,
    freeDb: 'free-db',
  };
}

async function seedEuWest1(c: AwsClients): Promise<Record<string, string>> {
  const { ec2 } = c;
  const region = c.region;
  const [net, ami] = await Promise.all([network(ec2, region, '10.20'), anyAmi(ec2)]);
  const [apiBig, io1] = await Promise.all([
    instance(ec2, ami, 'm5.large', net.subnetA, 'api-big'),
    volume(ec2, `${region}a`, 10, 'io1', 'fast-db', 500),
  ]);
  await ec2.send(new AttachVolumeCommand({ VolumeId: io1, InstanceId: apiBig, Device: '/dev/sdf' }));
  const snapshot = await ec2.send(new CreateSnapshotCommand({ VolumeId: io1, Description: 'before upgrade' }));

  const busyAlb = await c.elbv2.send(new CreateLoadBalancerCommand({ Name: 'busy-alb', Subnets: [net.subnetA, net.subnetB], Type: 'application' }));
  const tg = await c.elbv2.send(new CreateTargetGroupCommand({ Name: 'api', Protocol: 'HTTP', Port: 80, VpcId: net.vpcId, TargetType: 'instance' }));
  const tgArn = tg.TargetGroups?.[0]?.TargetGroupArn as string;
  await c.elbv2.send(
    new CreateListenerCommand({
      LoadBalancerArn: busyAlb.LoadBalancers?.[0]?.LoadBalancerArn,
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
    }),
  );
  await c.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: tgArn, Targets: [{ Id: apiBig, Port: 80 }] }));

  const [iface, gateway] = await Promise.all([
    ec2.send(
      new CreateVpcEndpointCommand({
        VpcId: net.vpcId,
        ServiceName: `com.amazonaws.${region}.sqs`,
        VpcEndpointType: 'Interface',
        SubnetIds: [net.subnetA, net.subnetB],
      }),
    ),
    ec2.send(new CreateVpcEndpointCommand({ VpcId: net.vpcId, ServiceName: `com.amazonaws.${region}.s3`, VpcEndpointType: 'Gateway' })),
  ]);
  const [, key] = await Promise.all([
    c.rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: 'big-db',
        DBInstanceClass: 'db.m5.large',
        Engine: 'postgres',
        AllocatedStorage: 20,
        MultiAZ: true,
        MasterUsername: 'admin',
        MasterUserPassword: 'not-a-secret-1',
      }),
    ),
    c.kms.send(new CreateKeyCommand({ Description: 'lab app key' })),
  ]);
  return {
    apiBig,
    io1,
    snapshot: snapshot.SnapshotId as string,
    busyAlb: busyAlb.LoadBalancers?.[0]?.LoadBalancerName as string,
    interfaceEndpoint: iface.VpcEndpoint?.VpcEndpointId as string,
    gatewayEndpoint: gateway.VpcEndpoint?.VpcEndpointId as string,
    bigDb: 'big-db',
    kmsKey: key.KeyMetadata?.KeyId as string,
  };
}

async function seedApSoutheast2(c: AwsClients): Promise<Record<string, string>> {
  const { ec2 } = c;
  const region = c.region;
  const [net, ami] = await Promise.all([network(ec2, region, '10.30'), anyAmi(ec2)]);
  const [stopped, gp2Data, loneEip] = await Promise.all([
    instance(ec2, ami, 't3.micro', net.subnetA, 'batch-stopped'),
    volume(ec2, `${region}a`, 12, 'gp2', 'batch-data'),
    eip(ec2, 'forgotten-ip'),
  ]);
  await ec2.send(new AttachVolumeCommand({ VolumeId: gp2Data, InstanceId: stopped, Device: '/dev/sdf' }));
  await ec2.send(new StopInstancesCommand({ InstanceIds: [stopped] }));
  await Promise.all([
    c.eks.send(
      new CreateClusterCommand({
        name: 'lab-eks',
        roleArn: 'arn:aws:iam::123456789012:role/eks-lab',
        resourcesVpcConfig: { subnetIds: [net.subnetA, net.subnetB] },
      }),
    ),
    c.secretsManager.send(new CreateSecretCommand({ Name: 'lab/api-key', SecretString: 'not-a-secret' })),
  ]);
  return { stopped, gp2DataApse2: gp2Data, loneEip, eks: 'lab-eks', secret: 'lab/api-key' };
}

/**
 * The costly lab. Expected findings (free-tier pack), region by region:
 * - us-east-1: NAT gateway (vpc-nat-gateway), idle ALB (elb-idle), unattached gp3 (ebs-volume-unattached).
 *   Clean: running t3.micro (free-tier eligible, the only one running), its attached Elastic IP and 20 GiB
 *   gp2 data volume, the NAT gateway's Elastic IP (associated), a single-AZ 20 GiB db.t3.micro.
 * - eu-west-1: running m5.large (ec2-instance-not-free-tier), io1 volume (ebs-provisioned-performance),
 *   interface endpoint (vpc-interface-endpoint), Multi-AZ db.m5.large (rds-not-free-tier), customer KMS
 *   key (kms-customer-key). Clean: the S3 gateway endpoint, the ALB with a registered target.
 * - ap-southeast-2: unattached Elastic IP (ec2-eip-unattached), EKS cluster (eks-cluster), secret
 *   (secretsmanager-secret). Clean: the stopped t3.micro and its attached 12 GiB gp2 volume.
 * - global: the hosted zone (route53-hosted-zone) and four account-wide aggregates, resourceId = account id:
 *   ebs-free-tier-storage-exceeded (3 × 8 GiB roots + 20 + 12 gp2 + 5 gp3 + 10 io1 = 71 GiB > 30),
 *   ebs-snapshot-storage (one 10 GiB snapshot > 1 GiB), elb-free-hours-exceeded (2 ALBs > 1) and
 *   ec2-public-ipv4 (the web instance's Elastic IP and the NAT gateway's address: 2 > 1).
 *   Not flagged: ec2-free-tier-hours-exceeded (one eligible instance running, not more than 1).
 */
export async function seedCostlyLab(endpoint: string): Promise<CostlyLab> {
  const [use1, euw1, apse2] = LAB_REGIONS.map((r) => awsClients(endpoint, r));
  try {
    const identity = await use1.sts.send(new GetCallerIdentityCommand({}));
    const accountId = identity.Account as string;
    const [a, b, c, zone] = await Promise.all([
      seedUsEast1(use1),
      seedEuWest1(euw1),
      seedApSoutheast2(apse2),
      use1.route53.send(new CreateHostedZoneCommand({ Name: 'lab.example.com', CallerReference: `costguard-e2e-${Date.now()}` })),
    ]);
    const zoneId = (zone.HostedZone?.Id as string).replace(/^\/hostedzone\//, '');
    const ids: Record<string, string> = { ...a, ...b, ...c, zoneId };
    const expected: ExpectedFinding[] = [
      { ruleId: 'vpc-nat-gateway', region: 'us-east-1', resourceId: ids.nat },
      { ruleId: 'elb-idle', region: 'us-east-1', resourceId: ids.idleAlb },
      { ruleId: 'ebs-volume-unattached', region: 'us-east-1', resourceId: ids.gp3Loose },
      { ruleId: 'ec2-instance-not-free-tier', region: 'eu-west-1', resourceId: ids.apiBig },
      { ruleId: 'ebs-provisioned-performance', region: 'eu-west-1', resourceId: ids.io1 },
      { ruleId: 'vpc-interface-endpoint', region: 'eu-west-1', resourceId: ids.interfaceEndpoint },
      { ruleId: 'rds-not-free-tier', region: 'eu-west-1', resourceId: ids.bigDb },
      { ruleId: 'kms-customer-key', region: 'eu-west-1', resourceId: ids.kmsKey },
      { ruleId: 'ec2-eip-unattached', region: 'ap-southeast-2', resourceId: ids.loneEip },
      { ruleId: 'eks-cluster', region: 'ap-southeast-2', resourceId: ids.eks },
      { ruleId: 'secretsmanager-secret', region: 'ap-southeast-2', resourceId: ids.secret },
      { ruleId: 'route53-hosted-zone', region: 'global', resourceId: zoneId },
      { ruleId: 'ebs-free-tier-storage-exceeded', region: 'global', resourceId: accountId },
      { ruleId: 'ebs-snapshot-storage', region: 'global', resourceId: accountId },
      { ruleId: 'elb-free-hours-exceeded', region: 'global', resourceId: accountId },
      { ruleId: 'ec2-public-ipv4', region: 'global', resourceId: accountId },
    ];
    const clean = [
      { region: 'us-east-1', resourceId: ids.webFree, why: 'running t3.micro is free-tier eligible' },
      { region: 'us-east-1', resourceId: ids.eipAttached, why: 'Elastic IP is associated with an instance' },
      { region: 'us-east-1', resourceId: ids.natEip, why: "Elastic IP is the NAT gateway's address" },
      { region: 'us-east-1', resourceId: ids.gp2Data, why: 'gp2 volume is attached' },
      { region: 'us-east-1', resourceId: ids.freeDb, why: 'db.t3.micro, single-AZ, 20 GiB is within the RDS free tier' },
      { region: 'eu-west-1', resourceId: ids.gatewayEndpoint, why: 'gateway endpoints are free' },
      { region: 'eu-west-1', resourceId: ids.busyAlb, why: 'load balancer has a registered target' },
      { region: 'ap-southeast-2', resourceId: ids.stopped, why: 'instance is stopped' },
      { region: 'ap-southeast-2', resourceId: ids.gp2DataApse2, why: 'gp2 volume is attached' },
    ];
    const totalVolumeGiB = 3 * MOTO_ROOT_GIB + 20 + 5 + 10 + 12;
    return { accountId, regions: [...LAB_REGIONS], expected, clean, ids, totalVolumeGiB };
  } finally {
    for (const c of [use1, euw1, apse2]) c.destroy();
  }
}

/**
 * A clean account that is not empty: one running t3.micro with an Elastic IP (one public IPv4, within the
 * free hours), one ALB with a registered target, an S3 gateway endpoint and a free-tier RDS instance.
 */
export async function seedCleanLab(endpoint: string, region = 'eu-west-1'): Promise<Record<string, string>> {
  const c = awsClients(endpoint, region);
  try {
    const { ec2 } = c;
    const [net, ami] = await Promise.all([network(ec2, region, '10.40'), anyAmi(ec2)]);
    const web = await instance(ec2, ami, 't3.micro', net.subnetA, 'web');
    const ip = await eip(ec2, 'web-ip');
    await ec2.send(new AssociateAddressCommand({ AllocationId: ip, InstanceId: web }));
    const alb = await c.elbv2.send(new CreateLoadBalancerCommand({ Name: 'web-alb', Subnets: [net.subnetA, net.subnetB], Type: 'application' }));
    const tg = await c.elbv2.send(new CreateTargetGroupCommand({ Name: 'web', Protocol: 'HTTP', Port: 80, VpcId: net.vpcId, TargetType: 'instance' }));
    const tgArn = tg.TargetGroups?.[0]?.TargetGroupArn as string;
    await c.elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: alb.LoadBalancers?.[0]?.LoadBalancerArn,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
      }),
    );
    await c.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: tgArn, Targets: [{ Id: web, Port: 80 }] }));
    const gw = await ec2.send(new CreateVpcEndpointCommand({ VpcId: net.vpcId, ServiceName: `com.amazonaws.${region}.s3`, VpcEndpointType: 'Gateway' }));
    await c.rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: 'tiny-db',
        DBInstanceClass: 'db.t4g.micro',
        Engine: 'postgres',
        AllocatedStorage: 20,
        MultiAZ: false,
        MasterUsername: 'admin',
        MasterUserPassword: 'not-a-secret-1',
      }),
    );
    return { web, ip, alb: 'web-alb', gatewayEndpoint: gw.VpcEndpoint?.VpcEndpointId as string, db: 'tiny-db' };
  } finally {
    c.destroy();
  }
}
