import { DeregisterImageCommand, EC2Client, paginateDescribeImages } from '@aws-sdk/client-ec2';
import type { Resource } from '../core/model.js';
import { partitionOf } from '../aws/regions.js';
import { iso, tagsOf, type ResourceType } from './resource-type.js';

/** DescribeImages accepts 5..1000 items per page. */
const PAGE_SIZE = 1000;

export const ec2Image: ResourceType = {
  type: 'ec2:image',
  description: 'AMIs the account owns (free themselves; their EBS snapshots are billed and go after them as ec2:snapshot)',
  scope: 'region',
  permissions: {
    list: ['ec2:DescribeImages'],
    remove: ['ec2:DeregisterImage'],
  },
  properties: {
    state: { type: 'string', description: 'pending | available | invalid | deregistered | failed | error' },
    snapshotIds: { type: 'strings', description: 'EBS snapshots behind the image', ref: { to: 'ec2:snapshot', kind: 'uses' } },
    public: { type: 'boolean', description: 'true when the image is shared publicly' },
    platformDetails: { type: 'string', description: 'e.g. Linux/UNIX, Windows' },
    architecture: { type: 'string', description: 'x86_64 | arm64 | ...' },
  },
  // 1 DescribeImages call per 1000 images. Owners=self keeps it to the account's own images on AWS; the
  // owner-id filter does the same on endpoints that ignore Owners.
  async list(ctx) {
    const out: Resource[] = [];
    const pages = paginateDescribeImages(
      { client: ctx.client(EC2Client), stopOnSameToken: true },
      { Owners: ['self'], Filters: [{ Name: 'owner-id', Values: [ctx.accountId] }], MaxResults: PAGE_SIZE },
    );
    for await (const page of pages) {
      for (const image of page.Images ?? []) {
        if (!image.ImageId) continue;
        const tags = tagsOf(image.Tags);
        out.push({
          type: 'ec2:image',
          id: image.ImageId,
          arn: `arn:${partitionOf(ctx.region)}:ec2:${ctx.region}::image/${image.ImageId}`,
          name: image.Name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(image.CreationDate),
          tags,
          props: {
            state: image.State,
            snapshotIds: (image.BlockDeviceMappings ?? []).map((b) => b.Ebs?.SnapshotId).filter((s): s is string => s !== undefined),
            public: image.Public === true,
            platformDetails: image.PlatformDetails,
            architecture: image.Architecture,
          },
        });
      }
    }
    return out;
  },
  async remove(ctx, resource) {
    await ctx.client(EC2Client).send(new DeregisterImageCommand({ ImageId: resource.id }));
  },
  dependsOn: ['autoscaling:group', 'cloudformation:stack'],
};
