import { DeleteVolumeCommand, EC2Client, paginateDescribeVolumes } from '@aws-sdk/client-ec2';
import type { Resource } from '../core/model.js';
import { partitionOf } from '../aws/regions.js';
import { iso, tagsOf, type ResourceType } from './resource-type.js';

/** DescribeVolumes accepts 5..1000 items per page. */
const PAGE_SIZE = 1000;

export const ec2Volume: ResourceType = {
  type: 'ec2:volume',
  description: 'EBS volumes (billed per GiB-month whether attached or not)',
  scope: 'region',
  permissions: {
    list: ['ec2:DescribeVolumes'],
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
  },
  // 1 DescribeVolumes call per 1000 volumes.
  async list(ctx) {
    const out: Resource[] = [];
    const pages = paginateDescribeVolumes({ client: ctx.client(EC2Client), stopOnSameToken: true }, { MaxResults: PAGE_SIZE });
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
