import { DeleteFileSystemCommand, DeleteMountTargetCommand, DescribeFileSystemsCommand, DescribeMountTargetsCommand, EFSClient, paginateDescribeFileSystems } from '@aws-sdk/client-efs';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { iso, tagsOf, type ResourceType, IN_A_VPC } from './resource-type.js';
import { ownCall, ownDelete, partCall } from '../aws/nuke/own-call.js';

/** DescribeFileSystems returns at most 100 file systems per page (MaxItems). */
const PAGE_SIZE = 100;
const GIB = 1024 ** 3;

export const efsFileSystem: ResourceType = {
  type: 'efs:file-system',
  description: 'EFS file systems (stored data bills per GB-month; provisioned throughput bills per MB/s-month)',
  scope: 'region',
  permissions: {
    list: ['elasticfilesystem:DescribeFileSystems'],
    remove: ['elasticfilesystem:DeleteFileSystem', 'elasticfilesystem:DescribeFileSystems', 'elasticfilesystem:DescribeMountTargets', 'elasticfilesystem:DeleteMountTarget'],
  },
  properties: {
    lifeCycleState: { type: 'string', description: 'creating | available | updating | deleting | deleted | error' },
    sizeBytes: { type: 'number', description: 'metered size of the stored data in bytes (updated about hourly)' },
    sizeGiB: { type: 'number', description: 'metered size in GiB' },
    numberOfMountTargets: { type: 'number', description: 'mount targets (one per AZ it is reachable from)' },
    performanceMode: { type: 'string', description: 'generalPurpose | maxIO' },
    throughputMode: { type: 'string', description: 'bursting | provisioned | elastic' },
    provisionedThroughputMibps: { type: 'number', description: 'provisioned throughput in MiB/s (provisioned mode only)' },
  },
  // 1 DescribeFileSystems call per 100 file systems; tags come in the same answer.
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateDescribeFileSystems({ client: ctx.client(EFSClient), stopOnSameToken: true }, { MaxItems: PAGE_SIZE })) {
      for (const f of page.FileSystems ?? []) {
        if (!f.FileSystemId) continue;
        const tags = tagsOf(f.Tags);
        const sizeBytes = f.SizeInBytes?.Value ?? 0;
        out.push({
          type: 'efs:file-system',
          id: f.FileSystemId,
          arn: f.FileSystemArn,
          name: f.Name ?? tags.Name ?? f.FileSystemId,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(f.CreationTime),
          tags,
          props: {
            lifeCycleState: f.LifeCycleState,
            sizeBytes,
            sizeGiB: Math.round((sizeBytes / GIB) * 100) / 100,
            numberOfMountTargets: f.NumberOfMountTargets ?? 0,
            performanceMode: f.PerformanceMode,
            throughputMode: f.ThroughputMode,
            provisionedThroughputMibps: f.ProvisionedThroughputInMibps,
          },
        });
      }
    }
    return out;
  },
  // Its mount targets go first (a file system with mount targets cannot be deleted): delete each, wait until none is
  // left, then delete the file system and wait until it is gone (its subnets and security groups can go next).
  async remove(ctx, resource) {
    const client = ctx.client(EFSClient);
    // Asked by file system: a FileSystemNotFound here is the file system itself gone.
    const mountTargets = async () => (await ownCall(client.send(new DescribeMountTargetsCommand({ FileSystemId: resource.id })), /FileSystemNotFound/)).MountTargets ?? [];
    for (const mt of await mountTargets()) {
      // A mount target already gone (MountTargetNotFound) is one less to delete; the file system stays until its own delete.
      if (mt.MountTargetId && mt.LifeCycleState !== 'deleting') await partCall(client.send(new DeleteMountTargetCommand({ MountTargetId: mt.MountTargetId })));
    }
    await waitUntilGone(async () => (await mountTargets()).length === 0, ctx.signal);
    await ownDelete(client.send(new DeleteFileSystemCommand({ FileSystemId: resource.id })));
    await waitUntilGone(() => isNotFound(() => client.send(new DescribeFileSystemsCommand({ FileSystemId: resource.id }))), ctx.signal);
  },
  // Whatever mounts it (SageMaker Studio domains keep their home file system) goes first.
  // It runs in subnets of a VPC: those, its security groups and the VPC are deleted after it.
  deleteBefore: IN_A_VPC,
  dependsOn: [],
  protect(resource) {
    if (resource.props.lifeCycleState === 'deleting' || resource.props.lifeCycleState === 'deleted') return 'already being deleted';
    return undefined;
  },
};
