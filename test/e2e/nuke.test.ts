// costguard nuke end to end on moto: a lab in two regions plus what must survive (kept by tag, the
// default VPC, a resource older than the cut-off, the role the run comes through, another account).
// The dry run changes nothing; the real run removes exactly what the plan said; the survivors remain;
// a second run plans nothing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import * as zlib from 'node:zlib';
import {
  AllocateAddressCommand,
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateKeyPairCommand,
  CreateNatGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeImagesCommand,
  DescribeVpcsCommand,
  EC2Client,
  RunInstancesCommand,
  type TagSpecification,
  type ResourceType as Ec2ResourceType,
} from '@aws-sdk/client-ec2';
import { CreateListenerCommand, CreateLoadBalancerCommand, CreateTargetGroupCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { AttachRolePolicyCommand, CreateAccessKeyCommand, CreatePolicyCommand, CreateRoleCommand, CreateUserCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateAliasCommand, CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateAccountCommand, CreateOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { CreateDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import { CreateBucketCommand, ListObjectVersionsCommand, PutBucketTaggingCommand, PutBucketVersioningCommand, PutObjectCommand, S3Client, type BucketLocationConstraint } from '@aws-sdk/client-s3';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/core/model.js';
import type { NukePlan, NukeReceipt } from '../../src/core/nuke/types.js';
import { MOTO_UNLISTABLE_TYPES, buildOnce, describeRun, parseStdout, runCli, startMoto, type MotoServer } from './helpers/index.js';

const ACCOUNT = '123456789012';
const REGIONS = ['us-east-1', 'eu-west-1'] as const;
/** Versions in the lab bucket: 1,500 keys written twice, 3,000 versions (a real lab has more; moto is slow to fill). */
const LAB_OBJECT_KEYS = 1500;
const LAB = [{ Key: 'lab', Value: 'day1' }];
const KEEP = [...LAB, { Key: 'costguard:keep', Value: 'yes' }];

let moto: MotoServer;
let dir: string;
let cutOff: number;
let memberAccount: string;
/** Credentials of the role the nuke runs as (lab-admin, assumed). */
let runAs: Record<string, string>;
const ids: Record<string, string> = {};

const creds = { accessKeyId: 'testing', secretAccessKey: 'testing' };
function config(region: string, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = creds) {
  return { region, endpoint: moto.endpoint, credentials, maxAttempts: 1 };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tags = (...types: Ec2ResourceType[]): TagSpecification[] => types.map((ResourceType) => ({ ResourceType, Tags: LAB }));

/** A zip file holding one file, written by hand (stored, no compression library needed). */
function zipOf(name: string, text: string): Uint8Array {
  const data = Buffer.from(text);
  const crc = zlib.crc32(data);
  const fileName = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const localSize = local.length + fileName.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(localSize, 16);
  void deflateRawSync;
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root`, Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

/** Things that must survive, created before the cut-off (the "old" ones) or marked to keep. */
async function seedSurvivors(): Promise<void> {
  const ec2 = new EC2Client(config('us-east-1'));
  const s3 = new S3Client(config('us-east-1'));
  const iam = new IAMClient(config('us-east-1'));
  try {
    // Older than the cut-off, though tagged and named like the lab.
    await s3.send(new CreateBucketCommand({ Bucket: 'lab-old-bucket' }));
    await s3.send(new PutBucketTaggingCommand({ Bucket: 'lab-old-bucket', Tagging: { TagSet: LAB } }));
    ids.oldKeyPair = (await ec2.send(new CreateKeyPairCommand({ KeyName: 'lab-old-key', TagSpecifications: tags('key-pair') }))).KeyPairId as string;
    // The role the run comes through, with its policy: named and tagged like the lab.
    await iam.send(new CreateRoleCommand({ RoleName: 'lab-admin', AssumeRolePolicyDocument: TRUST, Tags: LAB }));
    const adminPolicy = await iam.send(new CreatePolicyCommand({ PolicyName: 'lab-admin-policy', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'lab-admin', PolicyArn: adminPolicy.Policy?.Arn }));
  } finally {
    for (const c of [ec2, s3, iam]) c.destroy();
  }
}

/** The lab in one region: network, NAT with its EIP, instances with volumes, security groups that refer to each other. */
async function seedNetwork(region: string, big: boolean): Promise<void> {
  const ec2 = new EC2Client(config(region));
  const p = region === 'us-east-1' ? 'use1' : 'euw1';
  try {
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16', TagSpecifications: tags('vpc') }))).Vpc?.VpcId as string;
    const az = `${region}a`;
    const subnetA = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.20.1.0/24', AvailabilityZone: az, TagSpecifications: tags('subnet') }))).Subnet?.SubnetId as string;
    const subnetB = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.20.2.0/24', AvailabilityZone: `${region}b`, TagSpecifications: tags('subnet') }))).Subnet?.SubnetId as string;
    const igw = (await ec2.send(new CreateInternetGatewayCommand({ TagSpecifications: tags('internet-gateway') }))).InternetGateway?.InternetGatewayId as string;
    await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpc }));
    const rtb = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpc, TagSpecifications: tags('route-table') }))).RouteTable?.RouteTableId as string;
    await ec2.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }));
    await ec2.send(new AssociateRouteTableCommand({ RouteTableId: rtb, SubnetId: subnetA }));
    const web = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'lab-web', Description: 'web', VpcId: vpc, TagSpecifications: tags('security-group') }))).GroupId as string;
    const db = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'lab-db', Description: 'db', VpcId: vpc, TagSpecifications: tags('security-group') }))).GroupId as string;
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: db, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: web }] }] }));
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: web, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: db }] }] }));
    const image = (await ec2.send(new DescribeImagesCommand({}))).Images?.[0]?.ImageId as string;
    await ec2.send(
      new RunInstancesCommand({ ImageId: image, InstanceType: 't3.micro', MinCount: big ? 2 : 1, MaxCount: big ? 2 : 1, SubnetId: subnetA, SecurityGroupIds: [web], KeyName: undefined, TagSpecifications: tags('instance', 'volume') }),
    );
    ids[`${p}Vpc`] = vpc;
    ids[`${p}SubnetB`] = subnetB;
    ids[`${p}Web`] = web;
    if (big) {
      const eip = (await ec2.send(new AllocateAddressCommand({ Domain: 'vpc', TagSpecifications: tags('elastic-ip') }))).AllocationId as string;
      await ec2.send(new CreateNatGatewayCommand({ SubnetId: subnetA, AllocationId: eip, TagSpecifications: tags('natgateway') }));
      const elb = new ElasticLoadBalancingV2Client(config(region));
      try {
        const lb = await elb.send(new CreateLoadBalancerCommand({ Name: 'lab-alb', Subnets: [subnetA, subnetB], SecurityGroups: [web], Tags: LAB }));
        const tg = await elb.send(new CreateTargetGroupCommand({ Name: 'lab-tg', Protocol: 'HTTP', Port: 80, VpcId: vpc, Tags: LAB }));
        await elb.send(
          new CreateListenerCommand({ LoadBalancerArn: lb.LoadBalancers?.[0]?.LoadBalancerArn, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroups?.[0]?.TargetGroupArn }] }),
        );
      } finally {
        elb.destroy();
      }
    } else {
      await ec2.send(new AllocateAddressCommand({ Domain: 'vpc', TagSpecifications: tags('elastic-ip') }));
      await ec2.send(new CreateKeyPairCommand({ KeyName: 'lab-key', TagSpecifications: tags('key-pair') }));
    }
  } finally {
    ec2.destroy();
  }
}

async function seedServices(): Promise<void> {
  const region = 'us-east-1';
  const s3 = new S3Client(config(region));
  const iam = new IAMClient(config(region));
  const lambda = new LambdaClient(config(region));
  const rds = new RDSClient(config(region));
  const kms = new KMSClient(config('eu-west-1'));
  const secrets = new SecretsManagerClient(config('eu-west-1'));
  const s3eu = new S3Client(config('eu-west-1'));
  try {
    // A versioned bucket with LAB_OBJECT_KEYS keys, each written twice.
    await s3.send(new CreateBucketCommand({ Bucket: 'lab-data' }));
    await s3.send(new PutBucketTaggingCommand({ Bucket: 'lab-data', Tagging: { TagSet: LAB } }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'lab-data', VersioningConfiguration: { Status: 'Enabled' } }));
    const keys = Array.from({ length: LAB_OBJECT_KEYS }, (_, i) => `data/${String(i).padStart(5, '0')}.json`);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < keys.length; i += 50) {
        await Promise.all(keys.slice(i, i + 50).map((Key) => s3.send(new PutObjectCommand({ Bucket: 'lab-data', Key, Body: `{"round":${round}}` }))));
      }
    }
    await s3eu.send(new CreateBucketCommand({ Bucket: 'lab-eu-logs', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' as BucketLocationConstraint } }));
    await s3eu.send(new PutBucketTaggingCommand({ Bucket: 'lab-eu-logs', Tagging: { TagSet: LAB } }));
    await s3eu.send(new PutObjectCommand({ Bucket: 'lab-eu-logs', Key: 'a.log', Body: 'x' }));
    // Kept by tag (and tagged like the lab).
    await s3.send(new CreateBucketCommand({ Bucket: 'lab-keep-bucket' }));
    await s3.send(new PutBucketTaggingCommand({ Bucket: 'lab-keep-bucket', Tagging: { TagSet: KEEP } }));

    // IAM users with keys, roles with policies.
    for (const name of ['lab-student-1', 'lab-student-2']) {
      await iam.send(new CreateUserCommand({ UserName: name, Tags: LAB }));
      await iam.send(new CreateAccessKeyCommand({ UserName: name }));
    }
    const policy = await iam.send(new CreatePolicyCommand({ PolicyName: 'lab-read', PolicyDocument: POLICY, Tags: LAB }));
    await iam.send(new CreateRoleCommand({ RoleName: 'lab-fn-role', AssumeRolePolicyDocument: TRUST, Tags: LAB }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'lab-fn-role', PolicyArn: policy.Policy?.Arn }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'lab-fn-role', PolicyName: 'inline', PolicyDocument: POLICY }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'lab-admin', PolicyArn: policy.Policy?.Arn }));

    await lambda.send(
      new CreateFunctionCommand({ FunctionName: 'lab-fn', Runtime: 'python3.12', Role: `arn:aws:iam::${ACCOUNT}:role/lab-fn-role`, Handler: 'index.handler', Code: { ZipFile: zipOf('index.py', 'def handler(e, c):\n    return 1\n') }, Tags: { lab: 'day1' } }),
    );
    await rds.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: 'lab-db', DBInstanceClass: 'db.t3.micro', Engine: 'postgres', MasterUsername: 'admin1', MasterUserPassword: 'password123', AllocatedStorage: 20, Tags: LAB }));
    const key = await kms.send(new CreateKeyCommand({ Description: 'lab key', Tags: [{ TagKey: 'lab', TagValue: 'day1' }] }));
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/lab-key', TargetKeyId: key.KeyMetadata?.KeyId }));
    ids.kmsKey = key.KeyMetadata?.KeyId as string;
    // Named and tagged like the lab, but tagged to keep: KMS returns key tags only from ListResourceTags.
    const keptKey = await kms.send(new CreateKeyCommand({ Description: 'kept key', Tags: KEEP.map((t) => ({ TagKey: t.Key, TagValue: t.Value })) }));
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/lab-kept-key', TargetKeyId: keptKey.KeyMetadata?.KeyId }));
    ids.keptKmsKey = keptKey.KeyMetadata?.KeyId as string;
    await secrets.send(new CreateSecretCommand({ Name: 'lab-secret', SecretString: 's3cr3t', Tags: LAB }));
  } finally {
    for (const c of [s3, iam, lambda, rds, kms, secrets, s3eu]) c.destroy();
  }
}

/** A keep-tagged instance in the default VPC (the default VPC itself must survive too). */
async function seedKeptInstance(): Promise<void> {
  const ec2 = new EC2Client(config('us-east-1'));
  try {
    const image = (await ec2.send(new DescribeImagesCommand({}))).Images?.[0]?.ImageId as string;
    const out = await ec2.send(
      new RunInstancesCommand({ ImageId: image, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, TagSpecifications: [{ ResourceType: 'instance', Tags: KEEP }, { ResourceType: 'volume', Tags: KEEP }] }),
    );
    ids.keptInstance = out.Instances?.[0]?.InstanceId as string;
    ids.defaultVpc = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs?.[0]?.VpcId as string;
  } finally {
    ec2.destroy();
  }
}

/** Another account of the organization, with a lab of its own that this run must not touch. */
async function seedOtherAccount(): Promise<void> {
  const org = new OrganizationsClient(config('us-east-1'));
  const sts = new STSClient(config('us-east-1'));
  try {
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const created = await org.send(new CreateAccountCommand({ AccountName: 'lab-member', Email: 'member@example.com' }));
    memberAccount = created.CreateAccountStatus?.AccountId as string;
    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${memberAccount}:role/OrganizationAccountAccessRole`, RoleSessionName: 'seed' }));
    const c = assumed.Credentials;
    const member = { accessKeyId: c?.AccessKeyId as string, secretAccessKey: c?.SecretAccessKey as string, sessionToken: c?.SessionToken as string };
    const s3 = new S3Client(config('us-east-1', member));
    const ec2 = new EC2Client(config('us-east-1', member));
    try {
      await s3.send(new CreateBucketCommand({ Bucket: 'lab-member-bucket' }));
      await s3.send(new PutBucketTaggingCommand({ Bucket: 'lab-member-bucket', Tagging: { TagSet: LAB } }));
      await ec2.send(new CreateVpcCommand({ CidrBlock: '10.99.0.0/16', TagSpecifications: tags('vpc') }));
    } finally {
      s3.destroy();
      ec2.destroy();
    }
  } finally {
    org.destroy();
    sts.destroy();
  }
}

async function assumeLabAdmin(): Promise<Record<string, string>> {
  const sts = new STSClient(config('us-east-1'));
  try {
    const c = (await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/lab-admin`, RoleSessionName: 'nuke' }))).Credentials;
    return { AWS_ACCESS_KEY_ID: c?.AccessKeyId as string, AWS_SECRET_ACCESS_KEY: c?.SecretAccessKey as string, AWS_SESSION_TOKEN: c?.SessionToken as string };
  } finally {
    sts.destroy();
  }
}

/**
 * The nuke config of these runs: what the lab tagged or named, created since the cut-off (or of
 * unknown age). The CLI is given the clock (--now) the window was computed against, so however long
 * it takes to start, its ages are measured from the same instant: no race with the wall clock. The
 * 2 s margin covers S3's creation times, truncated to the second; survivors were made 4 s earlier.
 */
function writeConfig(now: number): string {
  const seconds = Math.ceil((now - cutOff) / 1000) + 2;
  const file = join(dir, `lab-${seconds}.yml`);
  writeFileSync(
    file,
    [
      'nuke: e2e-lab',
      `regions: [${REGIONS.join(', ')}]`,
      'accounts: { blockTerms: [prod] }',
      `types: { exclude: [${MOTO_UNLISTABLE_TYPES.map((t) => `'${t}'`).join(', ')}] }`,
      'select:',
      '  - any:',
      '      - tags.lab: day1',
      "      - name: { glob: '*lab-*' }",
      '  - any:',
      `      - createdAt: { newerThan: ${seconds}s }`,
      '      - createdAt: { absent: true }',
      '',
    ].join('\n'),
  );
  return file;
}

/**
 * What the account holds, as costguard's own inventory sees it (every collected type, both regions,
 * the global services): keys with their liveness. moto's /moto-api/data.json would be the whole
 * state, but it answers 500 once Lambda and RDS hold resources, so the inventory is the witness.
 */
async function motoState(): Promise<unknown> {
  const keys = await inventoryKeys();
  const resources = [...keys.entries()].map(([key, r]) => `${key} ${alive(r) ? 'alive' : 'going'}`).sort();
  // What the inventory does not list: the object versions inside the lab bucket.
  const s3 = new S3Client(config('us-east-1'));
  let versions = 0;
  try {
    // ListObjectVersions has no SDK paginator: follow the key and version markers.
    let markers: { KeyMarker?: string; VersionIdMarker?: string } = {};
    for (;;) {
      const page = await s3.send(new ListObjectVersionsCommand({ Bucket: 'lab-data', ...markers }));
      versions += (page.Versions?.length ?? 0) + (page.DeleteMarkers?.length ?? 0);
      if (!page.IsTruncated) break;
      markers = { KeyMarker: page.NextKeyMarker, VersionIdMarker: page.NextVersionIdMarker };
    }
  } catch (error) {
    if ((error as { name?: string }).name !== 'NoSuchBucket') throw error;
  } finally {
    s3.destroy();
  }
  return { resources, labDataVersions: versions };
}

async function inventoryKeys(env: Record<string, string> = {}): Promise<Map<string, Inventory['resources'][number]>> {
  const result = await runCli(['inventory', ...REGIONS.flatMap((r) => ['--region', r]), '--allow-partial'], { ...env, AWS_ENDPOINT_URL: moto.endpoint });
  const inv = parseStdout<Inventory>(result);
  return new Map(inv.resources.map((r) => [`${r.accountId}|${r.region}|${r.type}|${r.id}`, r]));
}

/** Still there and not on its way out (a KMS key pending deletion, a secret scheduled for deletion). */
function alive(r: Inventory['resources'][number] | undefined): boolean {
  if (!r) return false;
  if (r.type === 'kms:key' && r.props.keyState === 'PendingDeletion') return false;
  if (r.type === 'secretsmanager:secret' && r.props.deletedDate) return false;
  return true;
}

function nuke(args: string[]) {
  const now = Date.now();
  return runCli(['nuke', '--config', writeConfig(now), '--now', new Date(now).toISOString(), '--allow-management-account', '--format', 'json', ...args], { ...runAs, AWS_ENDPOINT_URL: moto.endpoint }, { timeoutMs: 150_000 });
}

beforeAll(async () => {
  await buildOnce();
  dir = mkdtempSync(join(tmpdir(), 'costguard-e2e-nuke-'));
  moto = await startMoto();
  await seedSurvivors();
  await sleep(4000);
  cutOff = Date.now();
  await Promise.all([seedNetwork('us-east-1', true), seedNetwork('eu-west-1', false), seedServices(), seedKeptInstance(), seedOtherAccount()]);
  runAs = await assumeLabAdmin();
}, 180_000);

afterAll(async () => {
  await moto?.stop();
});

describe('costguard nuke on moto', () => {
  let plan: NukePlan;
  let before: Map<string, Inventory['resources'][number]>;

  it('refuses the Organizations management account without --allow-management-account, changing nothing', async () => {
    const state = await motoState();
    const result = await runCli(['nuke', '--config', writeConfig(Date.now()), '--no-dry-run', '--confirm-account', ACCOUNT], { ...runAs, AWS_ENDPOINT_URL: moto.endpoint });
    expect(result.code, describeRun(result)).toBe(2);
    expect(result.stderr).toMatch(/Organizations management account/);
    expect(await motoState()).toEqual(state);
  });

  it('dry run: plans the lab, skips the survivors with reasons, and changes nothing', async () => {
    before = await inventoryKeys();
    const state = await motoState();
    const result = await nuke([]);
    expect(result.code, describeRun(result)).toBe(0);
    plan = parseStdout<NukePlan>(result);
    expect(await motoState()).toEqual(state);
    expect((state as { labDataVersions: number }).labDataVersions).toBe(2 * LAB_OBJECT_KEYS);

    const planned = new Set(plan.deletions.map((d) => `${d.type} ${d.name ?? d.id}`));
    for (const expected of ['s3:bucket lab-data', 's3:bucket lab-eu-logs', 'iam:user lab-student-1', 'iam:role lab-fn-role', 'lambda:function lab-fn', 'rds:db-instance lab-db', 'secretsmanager:secret lab-secret', 'kms:key alias/lab-key', 'elbv2:load-balancer lab-alb', 'elbv2:target-group lab-tg']) {
      expect(planned, expected).toContain(expected);
    }
    const types = new Set(plan.deletions.map((d) => d.type));
    for (const t of ['ec2:vpc', 'ec2:subnet', 'ec2:internet-gateway', 'ec2:route-table', 'ec2:security-group', 'ec2:nat-gateway', 'ec2:elastic-ip', 'ec2:instance', 'ec2:volume', 'ec2:key-pair']) expect(types, t).toContain(t);
    expect(new Set(plan.deletions.map((d) => d.region))).toEqual(new Set(['us-east-1', 'eu-west-1', 'global']));

    const skipped = new Map(plan.skipped.map((s) => [s.name ?? s.id, s]));
    expect(skipped.get('lab-admin')?.reason).toMatch(/the role this run came through/);
    // Created before the cut-off, so never selected (and attached to the role that stays).
    expect(skipped.get('lab-admin-policy')?.reason).toMatch(/does not match select/);
    // lab-read is also attached to lab-admin, which stays: deleting it would change the surviving role.
    expect(skipped.get('lab-read')?.reason).toMatch(/used by iam:role lab-admin/);
    expect(skipped.get('lab-keep-bucket')).toMatchObject({ category: 'kept', reason: 'tagged costguard:keep' });
    expect(skipped.get('lab-old-bucket')?.reason).toMatch(/does not match select\[1\]|does not match select/);
    expect(plan.skipped.find((s) => s.id === ids.keptInstance)).toMatchObject({ category: 'kept' });
    expect(plan.skipped.find((s) => s.id === ids.keptKmsKey)).toMatchObject({ type: 'kms:key', region: 'eu-west-1', category: 'kept', reason: 'tagged costguard:keep' });
    expect(plan.skipped.find((s) => s.id === ids.defaultVpc)?.reason).toMatch(/the default VPC/);
    expect(plan.deletions.some((d) => d.accountId !== ACCOUNT)).toBe(false);

    // Dependencies first: instances before their subnets, subnets before the VPC, the NAT gateway before its Elastic IP.
    const index = (pred: (d: NukePlan['deletions'][number]) => boolean) => plan.deletions.findIndex(pred);
    const last = (pred: (d: NukePlan['deletions'][number]) => boolean) => plan.deletions.map((d, i) => (pred(d) ? i : -1)).reduce((a, b) => Math.max(a, b), -1);
    const use1 = (type: string) => (d: NukePlan['deletions'][number]) => d.type === type && d.region === 'us-east-1';
    expect(last(use1('ec2:instance'))).toBeLessThan(index(use1('ec2:subnet')));
    expect(last(use1('ec2:subnet'))).toBeLessThan(index(use1('ec2:vpc')));
    expect(last(use1('ec2:nat-gateway'))).toBeLessThan(index(use1('ec2:elastic-ip')));
    expect(last((d) => d.type === 'lambda:function')).toBeLessThan(index((d) => d.type === 'iam:role'));
  }, 120_000);

  it('the real run deletes exactly what the plan said; survivors and the other account remain', async () => {
    const memberBefore = await inventoryKeys();
    const result = await nuke(['--no-dry-run', '--confirm-account', ACCOUNT, '--max-wait', '5m']);
    const receipt = parseStdout<NukeReceipt>(result);
    expect(receipt.items.filter((i) => i.status === 'failed'), describeRun(result)).toEqual([]);
    expect(result.code, describeRun(result)).toBe(0);
    expect(receipt.summary.deleted).toBe(plan.deletions.length);

    const after = await inventoryKeys();
    const planned = new Set(plan.deletions.map((d) => d.key));
    // What goes with its owner (an instance's interfaces, a NAT gateway's interface) may go with it.
    const mayGo = new Set(plan.skipped.filter((s) => s.category === 'managed').map((s) => s.key));
    for (const key of planned) expect(alive(after.get(key)), `${key} should be gone`).toBe(false);
    for (const [key, r] of before) {
      if (planned.has(key) || mayGo.has(key) || r.type === 'ec2:network-interface' || r.type === 'ec2:volume') continue;
      // A user's access keys go with the user.
      if (r.type === 'iam:access-key' && planned.has(`${ACCOUNT}|global|iam:user|${String(r.props.userName)}`)) continue;
      // iam:principal is the permission analysis of a user or role: it goes with its principal.
      if (r.type === 'iam:principal' && planned.has(`${ACCOUNT}|global|iam:${r.id.replace('/', '|')}`)) continue;
      expect(alive(after.get(key)), `${key} (${r.name ?? ''}) should remain`).toBe(true);
    }
    expect(alive(after.get(`${ACCOUNT}|us-east-1|ec2:instance|${ids.keptInstance}`))).toBe(true);
    expect(alive(after.get(`${ACCOUNT}|eu-west-1|kms:key|${ids.keptKmsKey}`))).toBe(true);
    expect(alive(after.get(`${ACCOUNT}|us-east-1|ec2:vpc|${ids.defaultVpc}`))).toBe(true);
    expect(alive(after.get(`${ACCOUNT}|global|iam:role|lab-admin`))).toBe(true);
    expect(alive(after.get(`${ACCOUNT}|us-east-1|s3:bucket|lab-old-bucket`))).toBe(true);
    void memberBefore;

    // The other account of the organization is untouched.
    const sts = new STSClient(config('us-east-1'));
    try {
      const c = (await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${memberAccount}:role/OrganizationAccountAccessRole`, RoleSessionName: 'check' }))).Credentials;
      const member = await inventoryKeys({ AWS_ACCESS_KEY_ID: c?.AccessKeyId as string, AWS_SECRET_ACCESS_KEY: c?.SecretAccessKey as string, AWS_SESSION_TOKEN: c?.SessionToken as string });
      expect(alive(member.get(`${memberAccount}|us-east-1|s3:bucket|lab-member-bucket`))).toBe(true);
      expect([...member.values()].some((r) => r.type === 'ec2:vpc' && r.tags.lab === 'day1')).toBe(true);
    } finally {
      sts.destroy();
    }
  }, 180_000);

  it('a second run plans nothing', async () => {
    const result = await nuke([]);
    expect(result.code, describeRun(result)).toBe(0);
    const second = parseStdout<NukePlan>(result);
    expect(second.deletions.map((d) => `${d.type} ${d.id}`)).toEqual([]);
  }, 120_000);
});
