// costguard nuke end to end under faults and interrupts: the built CLI talks to moto through the
// fault-injecting proxy (AWS_ENDPOINT_URL = the proxy), which records every call. A small lab in one
// region plus IAM and S3: a lab VPC that goes, a kept VPC and the default VPC whose lab-tagged parts
// must stay, a kept instance whose security group references another group, keep-name-glob
// survivors. The runs prove: with ec2:DescribeVpcs denied nothing protected is deleted (it is
// "unverified"); at 30% faults repeated runs converge to exactly the selection; no mutating call ever
// names a kept or protected id; Ctrl-C stops a real run with an interrupted receipt and a re-run
// finishes the job.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AllocateAddressCommand,
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateKeyPairCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeKeyPairsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
  RunInstancesCommand,
  type Tag,
  type TagSpecification,
  type ResourceType as Ec2ResourceType,
} from '@aws-sdk/client-ec2';
import { CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateBucketCommand, ListBucketsCommand, PutBucketTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NukePlan, NukeReceipt } from '../../src/core/nuke/types.js';
import { startFaultProxy, type FaultProxy, type FaultRule, type ProxiedCall } from './helpers/fault-proxy.js';
import { MOTO_UNLISTABLE_TYPES, buildOnce, cliEnv, cliRoot, describeRun, parseStdout, runCli, startMoto, type CliResult, type MotoServer } from './helpers/index.js';
import { REPO_ROOT } from './helpers/paths.js';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const LAB: { Key: string; Value: string }[] = [{ Key: 'lab', Value: 'day1' }];
const KEEP: { Key: string; Value: string }[] = [...LAB, { Key: 'costguard:keep', Value: 'yes' }];
/** Every run is bounded by the CLI itself; the test's own limit is only a safety net. */
const RUN_LIMIT_MS = 360_000;

let moto: MotoServer;
let proxy: FaultProxy;
let dir: string;

const seedConfig = () => ({ region: REGION, endpoint: moto.endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }, maxAttempts: 1 });
const tags = (values: Tag[], ...types: Ec2ResourceType[]): TagSpecification[] => types.map((ResourceType) => ({ ResourceType, Tags: values }));

/** What the lab holds: what must stay (with every id no mutating call may name) and what should go. */
interface Lab {
  defaultVpc: string;
  /**
   * Lab-tagged parts of the default VPC and of the kept VPC. The gateways are protected (the default
   * VPC's, a kept VPC's); the subnets, route tables and groups are selected, but only once the VPCs
   * are listed: while they cannot be, every one of them stays, unverified.
   */
  protectedParts: Record<string, string>;
  keptInstance: string;
  keptGroup: string;
  referencedGroup: string;
  /** Ids and names no mutating call may name: everything kept, protected or held by what is kept. */
  untouchable: Set<string>;
  /** Ids of the kept and protected resources whose describe dump must not change. */
  dumpIds: DumpIds;
  /** The same with the lab-tagged parts of the default and kept VPCs (while the VPCs cannot be listed). */
  withParts: DumpIds;
}

interface DumpIds {
  vpcs: string[];
  subnets: string[];
  gateways: string[];
  routeTables: string[];
  groups: string[];
  instances: string[];
  keyPairs: string[];
  buckets: string[];
}

/** The lab: a fresh moto account each time (reset), seeded in a few seconds. */
async function seedLab(): Promise<Lab> {
  await moto.reset();
  const ec2 = new EC2Client(seedConfig());
  const s3 = new S3Client({ ...seedConfig(), forcePathStyle: true });
  const iam = new IAMClient(seedConfig());
  try {
    const image = (await ec2.send(new DescribeImagesCommand({}))).Images?.[0]?.ImageId as string;
    const defaultVpc = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs?.[0]?.VpcId as string;
    const net = async (vpc: string, cidr: string, zone: string, name: string, tagSet: Tag[] = LAB) => {
      const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: cidr, AvailabilityZone: `${REGION}${zone}`, TagSpecifications: tags(tagSet, 'subnet') }))).Subnet?.SubnetId as string;
      const igw = (await ec2.send(new CreateInternetGatewayCommand({ TagSpecifications: tags(tagSet, 'internet-gateway') }))).InternetGateway?.InternetGatewayId as string;
      await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpc }));
      const rtb = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpc, TagSpecifications: tags(tagSet, 'route-table') }))).RouteTable?.RouteTableId as string;
      await ec2.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }));
      await ec2.send(new AssociateRouteTableCommand({ RouteTableId: rtb, SubnetId: subnet }));
      const sg = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: `${name}-sg`, Description: name, VpcId: vpc, TagSpecifications: tags(tagSet, 'security-group') }))).GroupId as string;
      return { subnet, igw, rtb, sg };
    };
    const group = async (vpc: string, name: string) => (await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpc, TagSpecifications: tags(LAB, 'security-group') }))).GroupId as string;
    const allow = (groupId: string, from: string, port: number) =>
      ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: port, ToPort: port, UserIdGroupPairs: [{ GroupId: from }] }] }));

    // AWS deletes an instance's primary interface when it terminates; moto does so only when asked.
    const primary = (SubnetId: string, Groups: string[]) => ({ DeviceIndex: 0, SubnetId, Groups, DeleteOnTermination: true });

    // The default VPC with lab-tagged parts (an internet gateway among them): all protected.
    const inDefault = await net(defaultVpc, '172.31.200.0/24', 'a', 'lab-default');
    // A kept VPC with lab-tagged parts: kept, and it keeps its parts.
    const keptVpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.30.0.0/16', TagSpecifications: tags(KEEP, 'vpc') }))).Vpc?.VpcId as string;
    const inKept = await net(keptVpc, '10.30.1.0/24', 'a', 'lab-keptvpc');

    // The lab VPC: everything in it goes.
    const labVpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16', TagSpecifications: tags(LAB, 'vpc') }))).Vpc?.VpcId as string;
    const lab = await net(labVpc, '10.20.1.0/24', 'a', 'lab-main');
    const web = await group(labVpc, 'lab-web');
    const db = await group(labVpc, 'lab-db');
    await allow(db, web, 5432);
    await allow(web, db, 8080);
    await ec2.send(new RunInstancesCommand({ ImageId: image, InstanceType: 't3.micro', MinCount: 2, MaxCount: 2, NetworkInterfaces: [primary(lab.subnet, [web, lab.sg])], TagSpecifications: tags(LAB, 'instance', 'volume') }));
    await ec2.send(new AllocateAddressCommand({ Domain: 'vpc', TagSpecifications: tags(LAB, 'elastic-ip') }));
    await ec2.send(new CreateKeyPairCommand({ KeyName: 'lab-key', TagSpecifications: tags(LAB, 'key-pair') }));

    // A lab VPC that holds a kept instance: the instance keeps its group, which keeps the group its
    // rule references; a group kept by the keep name glob; a free group that goes.
    const appVpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.40.0.0/16', TagSpecifications: tags(LAB, 'vpc') }))).Vpc?.VpcId as string;
    const appSubnet = (await ec2.send(new CreateSubnetCommand({ VpcId: appVpc, CidrBlock: '10.40.1.0/24', AvailabilityZone: `${REGION}a`, TagSpecifications: tags(LAB, 'subnet') }))).Subnet?.SubnetId as string;
    const keptGroup = await group(appVpc, 'lab-kept-sg');
    const referencedGroup = await group(appVpc, 'lab-kept-ref');
    await allow(keptGroup, referencedGroup, 443);
    const globGroup = await group(appVpc, 'lab-keepme-sg');
    await allow(globGroup, keptGroup, 22);
    await group(appVpc, 'lab-app-free');
    const kept = await ec2.send(new RunInstancesCommand({ ImageId: image, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, NetworkInterfaces: [primary(appSubnet, [keptGroup])], TagSpecifications: tags(KEEP, 'instance', 'volume') }));
    const keptInstance = kept.Instances?.[0]?.InstanceId as string;
    const keptKey = (await ec2.send(new CreateKeyPairCommand({ KeyName: 'lab-keepme-key', TagSpecifications: tags(LAB, 'key-pair') }))).KeyPairId as string;

    // S3 (REST-XML) and IAM (query): one of each goes, a bucket kept by the name glob stays.
    for (const [bucket, tagSet] of [['lab-bucket', LAB], ['lab-keepme-bucket', LAB], ['lab-keeptag-bucket', KEEP]] as const) {
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
      await s3.send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: tagSet } }));
    }
    await iam.send(new CreateUserCommand({ UserName: 'lab-student', Tags: LAB }));

    // Everything the default VPC already holds (its subnets, main route table, default group).
    const defaultSubnets = ((await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [defaultVpc] }] }))).Subnets ?? []).map((s) => s.SubnetId as string);
    const defaultTables = ((await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [defaultVpc, keptVpc] }] }))).RouteTables ?? []).map((t) => t.RouteTableId as string);
    const defaultGroups = ((await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [defaultVpc, keptVpc] }] }))).SecurityGroups ?? []).map((g) => g.GroupId as string);
    const defaultGateways = ((await ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [defaultVpc, keptVpc] }] }))).InternetGateways ?? []).map((g) => g.InternetGatewayId as string);
    const keptDetail = (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [keptInstance] }))).Reservations?.[0]?.Instances?.[0];
    const keptVolumes = (keptDetail?.BlockDeviceMappings ?? []).map((b) => b.Ebs?.VolumeId as string);
    const keptInterfaces = (keptDetail?.NetworkInterfaces ?? []).map((n) => n.NetworkInterfaceId as string);

    const parts = new Set([inDefault.subnet, inDefault.rtb, inDefault.sg, inKept.subnet, inKept.rtb, inKept.sg]);
    const protectedParts = {
      'default-vpc subnet': inDefault.subnet,
      'default-vpc internet gateway': inDefault.igw,
      'default-vpc route table': inDefault.rtb,
      'default-vpc security group': inDefault.sg,
      'kept-vpc subnet': inKept.subnet,
      'kept-vpc internet gateway': inKept.igw,
      'kept-vpc route table': inKept.rtb,
      'kept-vpc security group': inKept.sg,
    };
    const dumpIds: DumpIds = {
      vpcs: [defaultVpc, keptVpc, appVpc],
      subnets: [...defaultSubnets.filter((id) => !parts.has(id)), appSubnet],
      gateways: defaultGateways,
      routeTables: defaultTables.filter((id) => !parts.has(id)),
      groups: [...defaultGroups.filter((id) => !parts.has(id)), keptGroup, referencedGroup, globGroup],
      instances: [keptInstance],
      keyPairs: ['lab-keepme-key'],
      buckets: ['lab-keepme-bucket', 'lab-keeptag-bucket'],
    };
    const untouchable = new Set<string>([
      ...Object.values(dumpIds).flat(),
      ...keptVolumes,
      ...keptInterfaces,
      keptKey,
    ]);
    const withParts: DumpIds = {
      ...dumpIds,
      subnets: [...dumpIds.subnets, inDefault.subnet, inKept.subnet],
      routeTables: [...dumpIds.routeTables, inDefault.rtb, inKept.rtb],
      groups: [...dumpIds.groups, inDefault.sg, inKept.sg],
    };
    return { defaultVpc, protectedParts, keptInstance, keptGroup, referencedGroup, untouchable, dumpIds, withParts };
  } finally {
    for (const c of [ec2, s3, iam]) c.destroy();
  }
}

/** A describe dump of what must stay: present, with its rules, routes, attachments and tags. */
async function dump(ids: DumpIds): Promise<unknown> {
  const ec2 = new EC2Client(seedConfig());
  const s3 = new S3Client({ ...seedConfig(), forcePathStyle: true });
  const sortTags = (t: Tag[] | undefined) => [...(t ?? [])].sort((a, b) => String(a.Key).localeCompare(String(b.Key)));
  try {
    const vpcs = ((await ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? []).filter((v) => ids.vpcs.includes(v.VpcId as string));
    // Filters, not ids: an id that is gone shows as missing in the dump instead of failing the call.
    const subnets = ((await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: ids.vpcs }] }))).Subnets ?? []).filter((s) => ids.subnets.includes(s.SubnetId as string));
    const gateways = ((await ec2.send(new DescribeInternetGatewaysCommand({}))).InternetGateways ?? []).filter((g) => ids.gateways.includes(g.InternetGatewayId as string));
    const tables = ((await ec2.send(new DescribeRouteTablesCommand({}))).RouteTables ?? []).filter((t) => ids.routeTables.includes(t.RouteTableId as string));
    const groups = ((await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups ?? []).filter((g) => ids.groups.includes(g.GroupId as string));
    const instances = ((await ec2.send(new DescribeInstancesCommand({}))).Reservations ?? []).flatMap((r) => r.Instances ?? []).filter((i) => ids.instances.includes(i.InstanceId as string));
    const keyPairs = ((await ec2.send(new DescribeKeyPairsCommand({}))).KeyPairs ?? []).filter((k) => ids.keyPairs.includes(k.KeyName as string));
    const buckets = ((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name as string).filter((b) => ids.buckets.includes(b));
    const byId = <T>(items: T[], id: (t: T) => string | undefined) => [...items].sort((a, b) => String(id(a)).localeCompare(String(id(b))));
    const found = new Set([...vpcs.map((v) => v.VpcId), ...subnets.map((x) => x.SubnetId), ...gateways.map((g) => g.InternetGatewayId), ...tables.map((t) => t.RouteTableId), ...groups.map((g) => g.GroupId), ...instances.map((i) => i.InstanceId), ...keyPairs.map((k) => k.KeyName), ...buckets]);
    return {
      missing: Object.values(ids).flat().filter((id: string) => !found.has(id)),
      vpcs: byId(vpcs, (v) => v.VpcId).map((v) => ({ id: v.VpcId, cidr: v.CidrBlock, default: v.IsDefault, tags: sortTags(v.Tags) })),
      subnets: byId(subnets, (s) => s.SubnetId).map((s) => ({ id: s.SubnetId, vpc: s.VpcId, cidr: s.CidrBlock, tags: sortTags(s.Tags) })),
      gateways: byId(gateways, (g) => g.InternetGatewayId).map((g) => ({ id: g.InternetGatewayId, attachments: g.Attachments?.map((a) => a.VpcId), tags: sortTags(g.Tags) })),
      routeTables: byId(tables, (t) => t.RouteTableId).map((t) => ({
        id: t.RouteTableId,
        routes: (t.Routes ?? []).map((r) => `${r.DestinationCidrBlock} ${r.GatewayId ?? ''}`).sort(),
        associations: (t.Associations ?? []).map((a) => `${a.SubnetId ?? ''}${a.Main ? ' main' : ''}`).sort(),
        tags: sortTags(t.Tags),
      })),
      groups: byId(groups, (g) => g.GroupId).map((g) => ({ id: g.GroupId, name: g.GroupName, ingress: g.IpPermissions, egress: g.IpPermissionsEgress, tags: sortTags(g.Tags) })),
      instances: instances.map((i) => ({ id: i.InstanceId, state: i.State?.Name, groups: i.SecurityGroups?.map((g) => g.GroupId), subnet: i.SubnetId })),
      keyPairs: keyPairs.map((k) => k.KeyName),
      buckets: [...buckets].sort(),
    };
  } finally {
    ec2.destroy();
    s3.destroy();
  }
}

/**
 * The config of these runs: what the lab tagged, created in the last hour (or of unknown age), minus
 * the keep name glob. The CLI is given its clock (--now), so ages do not depend on how long it takes.
 */
function nukeArgs(extra: string[]): string[] {
  const file = join(dir, 'lab.yml');
  writeFileSync(
    file,
    [
      'nuke: e2e-faults',
      `regions: [${REGION}]`,
      'types:',
      "  include: ['ec2:*', 's3:bucket', 'iam:user']",
      `  exclude: [${MOTO_UNLISTABLE_TYPES.map((t) => `'${t}'`).join(', ')}]`,
      'select:',
      '  - tags.lab: day1',
      '  - any:',
      '      - createdAt: { newerThan: 1h }',
      '      - createdAt: { absent: true }',
      'keep:',
      "  - name: { glob: 'lab-keepme-*' }",
      '',
    ].join('\n'),
  );
  return ['nuke', '--config', file, '--now', new Date().toISOString(), '--format', 'json', '--max-wait', '5m', ...extra];
}

const REAL = ['--no-dry-run', '--confirm-account', ACCOUNT];
const viaProxy = () => ({ AWS_ENDPOINT_URL: proxy.url });
const nuke = (extra: string[] = []) => runCli(nukeArgs(extra), viaProxy(), { timeoutMs: RUN_LIMIT_MS });

function dryPlan(result: CliResult): NukePlan {
  const plan = parseStdout<NukePlan>(result);
  expect(plan.kind, describeRun(result)).toBe('nuke-plan');
  return plan;
}

/** Mutating calls (forwarded or faulted) that name anything the lab must keep. */
function touched(calls: ProxiedCall[], untouchable: Set<string>): string[] {
  return calls.filter((c) => c.mutating && c.values.some((v) => untouchable.has(v))).map((c) => `${c.operation} ${c.values.filter((v) => untouchable.has(v)).join(',')}${c.fault ? ` (${c.fault})` : ''}`);
}

beforeAll(async () => {
  await buildOnce();
  dir = mkdtempSync(join(tmpdir(), 'costguard-e2e-nuke-faults-'));
  moto = await startMoto();
  proxy = await startFaultProxy({ upstream: moto.endpoint, seed: 12 });
}, 300_000);

afterAll(async () => {
  await proxy?.close();
  await moto?.stop();
});

describe('costguard nuke under faults (moto behind a fault-injecting proxy)', () => {
  it('with ec2:DescribeVpcs denied, a real run deletes nothing protected and lists it as unverified', async () => {
    const lab = await seedLab();
    const before = await dump(lab.withParts);
    expect(before).toMatchObject({ missing: [] });
    proxy.setRules([{ match: ['DescribeVpcs'], fault: 'denied', rate: 1 }]);
    const from = proxy.calls.length;
    try {
      const plan = dryPlan(await nuke());
      const result = await nuke(REAL);
      const receipt = parseStdout<NukeReceipt>(result);
      expect(receipt.kind, describeRun(result)).toBe('nuke-receipt');
      expect(plan.errors.map((e) => `${e.resourceTypes.join(',')} ${e.operation} ${e.code}`).join('\n')).toMatch(/ec2:vpc\S* ec2:DescribeVpcs UnauthorizedOperation/);
      for (const [what, id] of Object.entries(lab.protectedParts)) {
        expect(plan.deletions.find((d) => d.id === id), `${what} ${id} planned`).toBeUndefined();
        const skipped = plan.skipped.find((s) => s.id === id);
        expect(skipped, `${what} ${id} in the plan`).toMatchObject({ category: 'unverified', reason: expect.stringMatching(/ec2:vpc could not be listed.*UnauthorizedOperation/) });
        const item = receipt.items.find((i) => i.id === id);
        expect(item, `${what} ${id} in the receipt`).toMatchObject({ status: 'skipped', category: 'unverified', reason: expect.stringMatching(/ec2:vpc could not be listed.*UnauthorizedOperation/) });
      }
      // The run may delete what nothing protects (the lab's instances, its key pair, the bucket), and
      // says the listing failed (exit 3), or that a deletion failed (1).
      expect([1, 3], describeRun(result)).toContain(result.code);
    } finally {
      proxy.setRules([]);
    }
    expect(await dump(lab.withParts)).toEqual(before);
    expect(touched(proxy.calls.slice(from), new Set([...lab.untouchable, ...Object.values(lab.protectedParts)]))).toEqual([]);
  }, 600_000);

  it('repeated runs at 30% faults converge to exactly the selection, touching nothing kept', async () => {
    const lab = await seedLab();
    const before = await dump(lab.dumpIds);
    expect(before).toMatchObject({ missing: [] });
    const from = proxy.calls.length;
    const selection = dryPlan(await nuke());
    expect(selection.errors).toEqual([]);
    const planned = new Set(selection.deletions.map((d) => d.id));
    // The selection holds the lab and none of what stays.
    for (const id of lab.untouchable) expect(planned.has(id), `${id} planned`).toBe(false);
    expect(selection.deletions.map((d) => d.name ?? d.id)).toEqual(expect.arrayContaining(['lab-key', 'lab-bucket', 'lab-student', 'lab-web', 'lab-db', 'lab-app-free']));
    expect(new Set(selection.deletions.map((d) => d.type))).toEqual(
      new Set(['ec2:instance', 'ec2:volume', 'ec2:vpc', 'ec2:subnet', 'ec2:internet-gateway', 'ec2:route-table', 'ec2:security-group', 'ec2:elastic-ip', 'ec2:key-pair', 's3:bucket', 'iam:user']),
    );
    expect(selection.skipped.find((s) => s.id === lab.keptGroup)?.reason).toMatch(/used by|kept|in use/i);
    expect(selection.skipped.find((s) => s.id === lab.referencedGroup)?.reason).toMatch(/used by|kept|in use/i);

    // Calls take turns as candidates for one kind of fault (deletes half the time for
    // DependencyViolation); 30% of the candidates get it (seeded).
    const kind = (n: number) => proxy.calls.length % 4 === n;
    const rules: FaultRule[] = [
      { match: (c) => (kind(0) || kind(1)) && c.mutating && /^Delete/.test(c.operation), fault: 'dependency', rate: 0.3 },
      { match: () => kind(0) || kind(1), fault: 'unavailable', rate: 0.3 },
      { match: () => kind(2), fault: 'throttle', rate: 0.3 },
      { match: () => kind(3), fault: 'drop', rate: 0.3 },
    ];
    proxy.setRules(rules);
    // Each run: what it did and its exit code. A run whose plan is empty (what it could verify is
    // gone, something could not be listed) deletes nothing and says so with exit 3.
    const runs: string[] = [];
    const codes: number[] = [];
    try {
      for (let run = 0; run < 8; run++) {
        const result = await nuke(REAL);
        const out = parseStdout<NukeReceipt | NukePlan>(result);
        const errors = out.errors.map((e) => `${e.operation} ${e.code}`);
        codes.push(result.code);
        if (out.kind === 'nuke-plan') {
          runs.push(`exit ${result.code}: nothing to delete; listing errors: ${errors.join(', ')}`);
          expect(out.deletions, describeRun(result)).toEqual([]);
          expect(result.code, describeRun(result)).toBe(errors.length > 0 ? 3 : 0);
          if (errors.length === 0) break;
          continue;
        }
        expect(out.kind, describeRun(result)).toBe('nuke-receipt');
        runs.push(`exit ${result.code}: ${out.summary.deleted} deleted, ${out.summary.failed} failed; listing errors: ${errors.join(', ')}`);
        // Nothing outside the selection is ever deleted.
        for (const item of out.items.filter((i) => i.status === 'deleted')) expect(planned.has(item.id), `${item.type} ${item.id} deleted`).toBe(true);
        // Exit 1 while deletions fail, 3 while something could not be listed, 0 once all is done.
        expect(result.code, describeRun(result)).toBe(out.summary.failed > 0 || out.interrupted ? 1 : errors.length > 0 ? 3 : 0);
        if (result.code === 0) break;
      }
    } finally {
      proxy.setRules([]);
    }
    process.stderr.write(`nuke runs at 30% faults:\n  ${runs.join('\n  ')}\n`);
    const faults = new Set(proxy.calls.slice(from).map((c) => c.fault));
    expect([...faults].sort()).toEqual(['dependency', 'drop', 'throttle', 'unavailable', undefined]);
    expect(codes.at(-1), runs.join('\n')).toBe(0);

    const last = dryPlan(await nuke());
    expect(last.errors).toEqual([]);
    expect(last.deletions.map((d) => `${d.type} ${d.id}`)).toEqual([]);
    expect(await dump(lab.dumpIds)).toEqual(before);
    expect(touched(proxy.calls.slice(from), lab.untouchable)).toEqual([]);
  }, 900_000);

  it('Ctrl-C during deletions stops the run with an interrupted receipt; a re-run finishes, a third plans nothing', async () => {
    const lab = await seedLab();
    const before = await dump(lab.dumpIds);
    expect(before).toMatchObject({ missing: [] });
    const from = proxy.calls.length;
    // Deletions take a while here, so some are in flight when Ctrl-C comes.
    proxy.setDelay((c) => (c.mutating ? 1_500 : 0));
    let result: CliResult;
    let signalled = false;
    try {
      result = await new Promise<CliResult>((resolve, reject) => {
        const started = Date.now();
        const child = spawn(process.execPath, [join(cliRoot(), 'bin', 'run.js'), ...nukeArgs(REAL)], { cwd: REPO_ROOT, env: cliEnv(viaProxy()), stdio: ['ignore', 'pipe', 'pipe'] });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on('data', (c: Buffer) => out.push(c));
        child.stderr.on('data', (c: Buffer) => err.push(c));
        const text = () => `--- stdout\n${Buffer.concat(out).toString('utf8').slice(-3000)}\n--- stderr\n${Buffer.concat(err).toString('utf8').slice(-3000)}`;
        let safety: ReturnType<typeof setTimeout> | undefined;
        // Once the first deletion reaches the proxy, press Ctrl-C.
        const watch = setInterval(() => {
          if (signalled || !proxy.calls.slice(from).some((c) => c.mutating)) return;
          signalled = true;
          child.kill('SIGINT');
          // A safety net only: the CLI stops within 2 s by itself.
          safety = setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error(`the run did not stop within 60 s of SIGINT\n${text()}`));
          }, 60_000);
        }, 20);
        const limit = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`the run did not finish\n${text()}`));
        }, RUN_LIMIT_MS);
        child.once('close', (code) => {
          clearInterval(watch);
          clearTimeout(safety);
          clearTimeout(limit);
          resolve({ code: code ?? 128, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), durationMs: Date.now() - started });
        });
      });
    } finally {
      proxy.setDelay(() => 0);
    }
    expect(signalled, describeRun(result)).toBe(true);
    expect(result.code, describeRun(result)).toBe(1);
    expect(result.stderr).toMatch(/Stopping: no new deletions start/);
    const receipt = parseStdout<NukeReceipt>(result);
    expect(receipt).toMatchObject({ kind: 'nuke-receipt', interrupted: true, stopReason: expect.stringMatching(/Ctrl-C/) });
    expect(receipt.items.some((i) => i.category === 'interrupted'), describeRun(result)).toBe(true);

    const rerun = await nuke(REAL);
    const second = parseStdout<NukeReceipt>(rerun);
    expect(second.summary.failed, describeRun(rerun)).toBe(0);
    expect(second.summary.deleted, describeRun(rerun)).toBeGreaterThan(0);
    expect(rerun.code, describeRun(rerun)).toBe(0);

    const third = dryPlan(await nuke());
    expect(third.deletions.map((d) => `${d.type} ${d.id}`)).toEqual([]);
    expect(await dump(lab.dumpIds)).toEqual(before);
    expect(touched(proxy.calls.slice(from), lab.untouchable)).toEqual([]);
  }, 600_000);
});
