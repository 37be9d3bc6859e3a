import { DeleteFileSystemCommand, DescribeFileSystemsCommand, FSxClient, paginateDescribeFileSystems, type DeleteFileSystemCommandInput } from '@aws-sdk/client-fsx';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { iso, tagsOf, type ResourceType, IN_A_VPC } from './resource-type.js';

/** DescribeFileSystems has no documented maximum page size (the service caps it); ask for the model's largest. */
const PAGE_SIZE = 2147483647;

export const fsxFileSystem: ResourceType = {
  type: 'fsx:file-system',
  description: 'FSx file systems: Lustre, Windows File Server, NetApp ONTAP, OpenZFS (storage, throughput and IOPS bill whether used or not)',
  scope: 'region',
  permissions: {
    list: ['fsx:DescribeFileSystems'],
    remove: ['fsx:DeleteFileSystem', 'fsx:DescribeFileSystems'],
  },
  properties: {
    fileSystemType: { type: 'string', description: 'WINDOWS | LUSTRE | ONTAP | OPENZFS' },
    lifecycle: { type: 'string', description: 'AVAILABLE | CREATING | FAILED | DELETING | MISCONFIGURED | UPDATING | MISCONFIGURED_UNAVAILABLE' },
    storageCapacityGiB: { type: 'number', description: 'provisioned storage in GiB' },
    storageType: { type: 'string', description: 'SSD | HDD | INTELLIGENT_TIERING' },
    deploymentType: { type: 'string', description: 'e.g. MULTI_AZ_1, SINGLE_AZ_2, PERSISTENT_2, SCRATCH_2' },
    throughputCapacity: { type: 'number', description: 'provisioned throughput in MB/s (Windows, ONTAP, OpenZFS)' },
    vpcId: { type: 'string', description: 'the VPC it runs in', ref: { to: 'ec2:vpc', kind: 'uses' } },
  },
  // 1 DescribeFileSystems call per page; tags come in the same answer.
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateDescribeFileSystems({ client: ctx.client(FSxClient), stopOnSameToken: true }, { MaxResults: PAGE_SIZE })) {
      for (const f of page.FileSystems ?? []) {
        if (!f.FileSystemId) continue;
        const tags = tagsOf(f.Tags);
        const config = f.WindowsConfiguration ?? f.LustreConfiguration ?? f.OntapConfiguration ?? f.OpenZFSConfiguration;
        const throughput = f.WindowsConfiguration?.ThroughputCapacity ?? f.OntapConfiguration?.ThroughputCapacity ?? f.OpenZFSConfiguration?.ThroughputCapacity;
        out.push({
          type: 'fsx:file-system',
          id: f.FileSystemId,
          arn: f.ResourceARN,
          name: tags.Name ?? f.FileSystemId,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(f.CreationTime),
          tags,
          props: {
            fileSystemType: f.FileSystemType,
            lifecycle: f.Lifecycle,
            storageCapacityGiB: f.StorageCapacity,
            storageType: f.StorageType,
            deploymentType: config?.DeploymentType,
            throughputCapacity: throughput,
            vpcId: f.VpcId,
          },
        });
      }
    }
    return out;
  },
  // No final backup (Windows and OpenZFS take one by default, kept and billed until deleted by hand); OpenZFS child
  // volumes and snapshots go with it. Deleting takes minutes; wait so its subnets and security groups can go next.
  async remove(ctx, resource) {
    const client = ctx.client(FSxClient);
    const input: DeleteFileSystemCommandInput = { FileSystemId: resource.id };
    if (resource.props.fileSystemType === 'WINDOWS') input.WindowsConfiguration = { SkipFinalBackup: true };
    if (resource.props.fileSystemType === 'OPENZFS') input.OpenZFSConfiguration = { SkipFinalBackup: true, Options: ['DELETE_CHILD_VOLUMES_AND_SNAPSHOTS'] };
    await client.send(new DeleteFileSystemCommand(input));
    // Gone: FileSystemNotFound, or an answer that no longer lists it (an empty list means the same).
    let listed = true;
    await waitUntilGone(
      async () =>
        (await isNotFound(async () => {
          listed = ((await client.send(new DescribeFileSystemsCommand({ FileSystemIds: [resource.id] }))).FileSystems ?? []).some((f) => f.FileSystemId === resource.id);
        })) || !listed,
      ctx.signal,
    );
  },
  // It runs in subnets of a VPC: those, its security groups and the VPC are deleted after it.
  deleteBefore: IN_A_VPC,
  dependsOn: [],
  protect(resource) {
    if (resource.props.lifecycle === 'DELETING') return 'already being deleted';
    // ONTAP needs its volumes and storage virtual machines deleted first; costguard does not delete those yet.
    if (resource.props.fileSystemType === 'ONTAP') return 'an ONTAP file system needs its volumes and storage virtual machines deleted first (not done by costguard yet)';
    return undefined;
  },
};
