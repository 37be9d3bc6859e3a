import {
  DescribeInstancesCommand,
  EC2Client,
  TerminateInstancesCommand,
  paginateDescribeInstanceCreditSpecifications,
  paginateDescribeInstances,
  paginateDescribeInstanceTypes,
  type Instance,
} from '@aws-sdk/client-ec2';
import type { Resource } from '../core/model.js';
import { partitionOf } from '../aws/regions.js';
import { waitUntilGone } from '../aws/nuke/wait.js';
import { iso, sharedListing, tagsOf, type CollectContext, type ResourceType } from './resource-type.js';

/** DescribeInstances and DescribeInstanceCreditSpecifications accept up to 1000 items per page. */
const PAGE_SIZE = 1000;
/** DescribeInstanceTypes accepts at most 100 items per page. */
const TYPES_PAGE_SIZE = 100;

/** Burstable families whose CPU credits can be billed (unlimited mode). */
export const BURSTABLE_FAMILIES = ['t2', 't3', 't3a', 't4g'] as const;

export function instanceFamilyOf(instanceType: string | undefined): string | undefined {
  return instanceType?.split('.')[0];
}

/**
 * The region's instances (all but terminated ones): 1 DescribeInstances call per 1000 instances, made
 * once per collection of the account and region and shared with the other types that read it
 * (ec2:volume, for the volumes of stopped instances).
 */
export function regionInstances(ctx: CollectContext): Promise<Instance[]> {
  return sharedListing(ctx, 'ec2:DescribeInstances', async () => {
    const instances: Instance[] = [];
    const pages = paginateDescribeInstances({ client: ctx.client(EC2Client), stopOnSameToken: true }, { MaxResults: PAGE_SIZE });
    for await (const page of pages) {
      for (const r of page.Reservations ?? []) {
        for (const i of r.Instances ?? []) if (i.InstanceId && i.State?.Name !== 'terminated') instances.push(i);
      }
    }
    return instances;
  });
}

function isBurstable(family: string | undefined): boolean {
  return family !== undefined && (BURSTABLE_FAMILIES as readonly string[]).includes(family);
}

/** Instance types eligible for the (legacy 12-month) free tier in this region: one paginated call. */
async function freeTierEligibleTypes(ctx: CollectContext): Promise<Set<string>> {
  const types = new Set<string>();
  const pages = paginateDescribeInstanceTypes(
    { client: ctx.client(EC2Client), stopOnSameToken: true },
    { Filters: [{ Name: 'free-tier-eligible', Values: ['true'] }], MaxResults: TYPES_PAGE_SIZE },
  );
  for await (const page of pages) for (const t of page.InstanceTypes ?? []) if (t.InstanceType) types.add(t.InstanceType);
  return types;
}

/**
 * Credit option per instance. With no instance ids AWS returns only instances that are (or were) unlimited,
 * each with its current option; burstable instances missing from the answer are standard.
 */
async function creditModes(ctx: CollectContext): Promise<Map<string, string>> {
  const modes = new Map<string, string>();
  const pages = paginateDescribeInstanceCreditSpecifications({ client: ctx.client(EC2Client), stopOnSameToken: true }, { MaxResults: PAGE_SIZE });
  for await (const page of pages) {
    for (const c of page.InstanceCreditSpecifications ?? []) if (c.InstanceId && c.CpuCredits) modes.set(c.InstanceId, c.CpuCredits);
  }
  return modes;
}

/** When the instance was first created: its root volume's attach time (LaunchTime changes on every start). */
function createdAtOf(i: Instance): string | undefined {
  const root = i.BlockDeviceMappings?.find((b) => b.DeviceName === i.RootDeviceName);
  return iso(root?.Ebs?.AttachTime) ?? iso(i.LaunchTime);
}

/** The security groups of every interface of the instance (the instance-level list covers only the primary one). */
function securityGroupIdsOf(i: Instance): string[] {
  const ids = new Set<string>();
  for (const g of i.SecurityGroups ?? []) if (g.GroupId) ids.add(g.GroupId);
  for (const ni of i.NetworkInterfaces ?? []) for (const g of ni.Groups ?? []) if (g.GroupId) ids.add(g.GroupId);
  return [...ids];
}

export const ec2Instance: ResourceType = {
  type: 'ec2:instance',
  description: 'EC2 instances (terminated ones are skipped), with free-tier eligibility and CPU credit mode',
  scope: 'region',
  permissions: {
    list: ['ec2:DescribeInstances', 'ec2:DescribeInstanceTypes', 'ec2:DescribeInstanceCreditSpecifications'],
    remove: ['ec2:TerminateInstances', 'ec2:DescribeInstances'],
  },
  properties: {
    instanceType: { type: 'string', description: 'e.g. t3.micro' },
    instanceFamily: { type: 'string', description: 'the part before the dot, e.g. t3' },
    state: { type: 'string', description: 'pending | running | shutting-down | stopping | stopped' },
    launchTime: { type: 'date', description: 'last start time (ISO)' },
    platform: { type: 'string', description: '"windows" for Windows instances, absent for Linux/UNIX (as the API reports it)' },
    platformDetails: { type: 'string', description: 'e.g. Linux/UNIX, Windows, Red Hat Enterprise Linux' },
    burstable: { type: 'boolean', description: 'true for t2, t3, t3a and t4g instances' },
    cpuCredits: { type: 'string', description: 'unlimited | standard for burstable instances; absent otherwise' },
    freeTierEligible: { type: 'boolean', description: 'true when the instance type is free-tier eligible in this region' },
    publicIp: { type: 'string', description: 'public IPv4 address, if any' },
    vpcId: { type: 'string', description: 'VPC id', ref: { to: 'ec2:vpc', kind: 'uses' } },
    subnetId: { type: 'string', description: 'subnet id', ref: { to: 'ec2:subnet', kind: 'uses' } },
    keyName: { type: 'string', description: 'key pair name', ref: { to: 'ec2:key-pair', kind: 'uses', byName: true } },
    volumeIds: { type: 'strings', description: 'ids of the attached EBS volumes', ref: { to: 'ec2:volume', kind: 'uses' } },
    securityGroupIds: { type: 'strings', description: 'security groups of the instance (all its interfaces)', ref: { to: 'ec2:security-group', kind: 'uses' } },
  },
  // 1 DescribeInstances call per 1000 instances (shared with ec2:volume, see regionInstances). Only when the region has instances: 1 DescribeInstanceTypes
  // (per 100 eligible types), and when it has burstable ones: 1 DescribeInstanceCreditSpecifications per 1000.
  async list(ctx) {
    const instances = await regionInstances(ctx);
    if (instances.length === 0) return [];

    const anyBurstable = instances.some((i) => isBurstable(instanceFamilyOf(i.InstanceType)));
    const [eligible, credits] = await Promise.all([
      freeTierEligibleTypes(ctx),
      anyBurstable ? creditModes(ctx) : Promise.resolve(new Map<string, string>()),
    ]);

    return instances.map((i): Resource => {
      const id = i.InstanceId as string;
      const tags = tagsOf(i.Tags);
      const family = instanceFamilyOf(i.InstanceType);
      const burstable = isBurstable(family);
      return {
        type: 'ec2:instance',
        id,
        arn: `arn:${partitionOf(ctx.region)}:ec2:${ctx.region}:${ctx.accountId}:instance/${id}`,
        name: tags.Name,
        accountId: ctx.accountId,
        region: ctx.resourceRegion,
        createdAt: createdAtOf(i),
        tags,
        props: {
          instanceType: i.InstanceType,
          instanceFamily: family,
          state: i.State?.Name,
          launchTime: iso(i.LaunchTime),
          platform: i.Platform,
          platformDetails: i.PlatformDetails,
          burstable,
          cpuCredits: burstable ? (credits.get(id) ?? 'standard') : undefined,
          freeTierEligible: i.InstanceType !== undefined && eligible.has(i.InstanceType),
          publicIp: i.PublicIpAddress,
          vpcId: i.VpcId,
          subnetId: i.SubnetId,
          keyName: i.KeyName,
          volumeIds: (i.BlockDeviceMappings ?? []).map((b) => b.Ebs?.VolumeId).filter((v): v is string => v !== undefined),
          securityGroupIds: securityGroupIdsOf(i),
        },
      };
    });
  },
  // Terminate and wait until the instance is terminated: its volumes, interfaces and public addresses are
  // released only then, and the subnet, security groups and internet gateway wait for that.
  async remove(ctx, resource) {
    const ec2 = ctx.client(EC2Client);
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [resource.id] }));
    await waitUntilGone(async () => {
      const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [resource.id] }));
      const state = out.Reservations?.[0]?.Instances?.[0]?.State?.Name;
      return state === undefined || state === 'terminated';
    }, ctx.signal);
  },
  dependsOn: ['autoscaling:group', 'eks:nodegroup'],
  // The planner must see its volumes, interfaces and addresses go with it or hang on it.
  collectWith: ['ec2:volume', 'ec2:network-interface', 'ec2:elastic-ip'],
};
