import { DeleteSnapshotCommand, EC2Client, paginateDescribeSnapshots } from '@aws-sdk/client-ec2';
import type { Resource } from '../core/model.js';
import { partitionOf } from '../aws/regions.js';
import { iso, tagsOf, type ResourceType } from './resource-type.js';

/** DescribeSnapshots accepts 5..1000 items per page. */
const PAGE_SIZE = 1000;

export const ec2Snapshot: ResourceType = {
  type: 'ec2:snapshot',
  description: 'EBS snapshots the account owns (billed per GiB-month stored)',
  scope: 'region',
  permissions: {
    list: ['ec2:DescribeSnapshots'],
    remove: ['ec2:DeleteSnapshot'],
  },
  properties: {
    volumeSizeGiB: { type: 'number', description: 'size of the source volume in GiB (the stored data is usually smaller)' },
    state: { type: 'string', description: 'pending | completed | error | recoverable | recovering' },
    volumeId: { type: 'string', description: 'source volume id', ref: { to: 'ec2:volume', kind: 'none' } },
    description: { type: 'string', description: 'the description given at creation (AMI snapshots name their AMI here)' },
    startTime: { type: 'date', description: 'when the snapshot was started (ISO)' },
  },
  // 1 DescribeSnapshots call per 1000 snapshots. OwnerIds=self keeps the answer to the account's own snapshots on
  // AWS; the owner-id filter does the same on endpoints that ignore OwnerIds (moto).
  async list(ctx) {
    const out: Resource[] = [];
    const pages = paginateDescribeSnapshots(
      { client: ctx.client(EC2Client), stopOnSameToken: true },
      { OwnerIds: ['self'], Filters: [{ Name: 'owner-id', Values: [ctx.accountId] }], MaxResults: PAGE_SIZE },
    );
    for await (const page of pages) {
      for (const s of page.Snapshots ?? []) {
        if (!s.SnapshotId) continue;
        const tags = tagsOf(s.Tags);
        out.push({
          type: 'ec2:snapshot',
          id: s.SnapshotId,
          // Snapshot ARNs carry no account id.
          arn: `arn:${partitionOf(ctx.region)}:ec2:${ctx.region}::snapshot/${s.SnapshotId}`,
          name: tags.Name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(s.StartTime),
          tags,
          props: {
            volumeSizeGiB: s.VolumeSize,
            state: s.State,
            volumeId: s.VolumeId,
            description: s.Description || undefined,
            startTime: iso(s.StartTime),
          },
        });
      }
    }
    return out;
  },
  async remove(ctx, resource) {
    await ctx.client(EC2Client).send(new DeleteSnapshotCommand({ SnapshotId: resource.id }));
  },
  // A snapshot behind a registered AMI cannot be deleted: the image is deregistered first.
  dependsOn: ['ec2:image'],
};
