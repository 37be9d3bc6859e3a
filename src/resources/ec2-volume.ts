import { DeleteVolumeCommand, EC2Client, paginateDescribeVolumes } from '@aws-sdk/client-ec2';
import type { Resource } from '../core/model.js';
import { partitionOf } from '../aws/regions.js';
import { regionInstances } from './ec2-instance.js';
import { iso, tagsOf, type CollectContext, type ResourceType } from './resource-type.js';

/** DescribeVolumes accepts 5..1000 items per page. */
const PAGE_SIZE = 1000;

/**
 * "User initiated (2026-11-01 10:00:00 GMT)": the stop time EC2 writes into StateTransitionReason
 * (moto writes "UTC" for the same zone).
 */
const STOP_TIME = /\((\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) (?:GMT|UTC)\)/;

/** When the instance stopped, from its StateTransitionReason; undefined when the text carries no time. */
export function stoppedAtOf(reason: string | undefined): string | undefined {
  const m = STOP_TIME.exec(reason ?? '');
  return m ? iso(`${m[1]}T${m[2]}Z`) : undefined;
}

/**
 * The region's stopped instances, id → stop time (undefined when unknown), from the region's instance
 * listing: the one ec2:instance makes when it is collected too (regionInstances), else its own.
 */
async function stoppedInstances(ctx: CollectContext): Promise<Map<string, string | undefined>> {
  const out = new Map<string, string | undefined>();
  for (const i of await regionInstances(ctx)) if (i.InstanceId && i.State?.Name === 'stopped') out.set(i.InstanceId, stoppedAtOf(i.StateTransitionReason));
  return out;
}

/** The latest of ISO times, or undefined when any is unknown. */
function latest(times: Array<string | undefined>): string | undefined {
  if (times.some((t) => t === undefined)) return undefined;
  return (times as string[]).reduce((a, b) => (a > b ? a : b));
}

export const ec2Volume: ResourceType = {
  type: 'ec2:volume',
  description: 'EBS volumes (billed per GiB-month whether attached or not)',
  scope: 'region',
  permissions: {
    list: ['ec2:DescribeVolumes', 'ec2:DescribeInstances'],
    remove: ['ec2:DeleteVolume'],
  },
  properties: {
    sizeGiB: { type: 'number', description: 'size in GiB' },
    volumeType: { type: 'string', description: 'gp2 | gp3 | io1 | io2 | st1 | sc1 | standard' },
    state: { type: 'string', description: 'creating | available | in-use | deleting | error' },
    iops: { type: 'number', description: 'provisioned IOPS' },
    throughput: { type: 'number', description: 'provisioned throughput in MiB/s (gp3)' },
    attachedInstanceIds: { type: 'strings', description: 'ids of the instances the volume is attached to', ref: { to: 'ec2:instance', kind: 'both' } },
    attached: { type: 'boolean', description: 'true when attached to at least one instance' },
    encrypted: { type: 'boolean', description: 'true when encrypted' },
    availabilityZone: { type: 'string', description: 'e.g. us-east-1a' },
    deleteOnTermination: { type: 'boolean', description: 'true when every attachment deletes the volume when its instance terminates; absent when not attached' },
    instanceState: { type: 'string', description: '"stopped" when every instance the volume is attached to is stopped (it still bills per GiB-month); absent otherwise (running, not attached, or another state)' },
    stoppedInstanceId: { type: 'string', description: 'the stopped instance the volume is attached to (the first, for a multi-attached volume); absent unless instanceState is "stopped"', ref: { to: 'ec2:instance', kind: 'none' } },
    instanceStoppedAt: { type: 'date', description: 'when that instance stopped (the latest, for a multi-attached volume), parsed from its StateTransitionReason; absent when EC2 gives no time there' },
  },
  // 1 DescribeVolumes call per 1000 volumes; when any volume is attached, the region's instance listing
  // (regionInstances: 1 DescribeInstances call per 1000 instances, none more when ec2:instance is
  // collected too), for instanceState and instanceStoppedAt. No per-volume calls.
  async list(ctx) {
    const client = ctx.client(EC2Client);
    const out: Resource[] = [];
    const pages = paginateDescribeVolumes({ client, stopOnSameToken: true }, { MaxResults: PAGE_SIZE });
    for await (const page of pages) {
      for (const v of page.Volumes ?? []) {
        if (!v.VolumeId) continue;
        const tags = tagsOf(v.Tags);
        const attachments = v.Attachments ?? [];
        const attachedInstanceIds = attachments.map((a) => a.InstanceId).filter((id): id is string => id !== undefined);
        out.push({
          type: 'ec2:volume',
          id: v.VolumeId,
          arn: `arn:${partitionOf(ctx.region)}:ec2:${ctx.region}:${ctx.accountId}:volume/${v.VolumeId}`,
          name: tags.Name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(v.CreateTime),
          tags,
          props: {
            sizeGiB: v.Size,
            volumeType: v.VolumeType,
            state: v.State,
            iops: v.Iops,
            throughput: v.Throughput,
            attachedInstanceIds,
            attached: attachedInstanceIds.length > 0,
            encrypted: v.Encrypted,
            availabilityZone: v.AvailabilityZone,
            deleteOnTermination: attachments.length > 0 ? attachments.every((a) => a.DeleteOnTermination === true) : undefined,
          },
        });
      }
    }
    if (out.some((r) => r.props.attached === true)) {
      const stopped = await stoppedInstances(ctx);
      for (const r of out) {
        const ids = r.props.attachedInstanceIds as string[];
        if (ids.length === 0 || !ids.every((id) => stopped.has(id))) continue;
        r.props.instanceState = 'stopped';
        r.props.stoppedInstanceId = ids[0];
        const at = latest(ids.map((id) => stopped.get(id)));
        if (at !== undefined) r.props.instanceStoppedAt = at;
      }
    }
    return out;
  },
  async remove(ctx, resource) {
    await ctx.client(EC2Client).send(new DeleteVolumeCommand({ VolumeId: resource.id }));
  },
  dependsOn: ['ec2:instance'],
  // A volume deleted on termination goes with its instance: it is no candidate of its own, and it
  // never holds back the instance (nor is deleted while the instance stays).
  protect(resource) {
    if (resource.props.deleteOnTermination !== true) return undefined;
    const ids = Array.isArray(resource.props.attachedInstanceIds) ? resource.props.attachedInstanceIds.join(', ') : '';
    return `deleted with instance ${ids} on termination: it goes or stays with the instance`;
  },
};
