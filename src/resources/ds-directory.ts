import { DeleteDirectoryCommand, DescribeDirectoriesCommand, DirectoryServiceClient, ListTagsForResourceCommand, paginateDescribeDirectories } from '@aws-sdk/client-directory-service';
import type { Resource } from '../core/model.js';
import { waitUntilGone } from '../aws/nuke/wait.js';
import { iso, tagsOf, type ResourceType, IN_A_VPC } from './resource-type.js';

/** DescribeDirectories: a Limit of 0 asks for the service maximum per page. */
const PAGE_SIZE = 0;

export const dsDirectory: ResourceType = {
  type: 'ds:directory',
  description: 'Directory Service directories: Simple AD, AD Connector, Managed Microsoft AD (billed per domain-controller-hour, at least 2)',
  scope: 'region',
  permissions: {
    list: ['ds:DescribeDirectories'],
    remove: ['ds:DeleteDirectory', 'ds:DescribeDirectories', 'ds:ListTagsForResource'],
  },
  properties: {
    directoryType: { type: 'string', description: 'SimpleAD | ADConnector | MicrosoftAD | SharedMicrosoftAD' },
    size: { type: 'string', description: 'Small | Large (Simple AD, AD Connector)' },
    edition: { type: 'string', description: 'Standard | Enterprise | Hybrid (Managed Microsoft AD)' },
    stage: { type: 'string', description: 'Requested | Creating | Created | Active | Inoperable | Impaired | Restoring | RestoreFailed | Deleting | Deleted | Failed | Updating' },
    priceKey: { type: 'string', description: 'type and size or edition, e.g. SimpleAD-Small, MicrosoftAD-Standard' },
    domainControllers: { type: 'number', description: 'domain controllers it runs (at least 2)' },
    vpcId: { type: 'string', description: 'the VPC it runs in', ref: { to: 'ec2:vpc', kind: 'uses' } },
  },
  // 1 DescribeDirectories call per page (the service's maximum); tags only for nuke (readTags).
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateDescribeDirectories({ client: ctx.client(DirectoryServiceClient), stopOnSameToken: true }, { Limit: PAGE_SIZE })) {
      for (const d of page.DirectoryDescriptions ?? []) {
        if (!d.DirectoryId || d.Stage === 'Deleted') continue;
        const variant = d.Type === 'MicrosoftAD' || d.Type === 'SharedMicrosoftAD' ? d.Edition : d.Size;
        out.push({
          type: 'ds:directory',
          id: d.DirectoryId,
          name: d.Name ?? d.DirectoryId,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(d.LaunchTime),
          tags: {},
          props: {
            directoryType: d.Type,
            size: d.Size,
            edition: d.Edition,
            stage: d.Stage,
            priceKey: `${String(d.Type)}-${String(variant)}`,
            domainControllers: Math.max(d.DesiredNumberOfDomainControllers ?? 2, 2),
            vpcId: d.VpcSettings?.VpcId ?? d.ConnectSettings?.VpcId,
          },
        });
      }
    }
    return out;
  },
  async readTags(ctx, resources) {
    const client = ctx.client(DirectoryServiceClient);
    const out = new Map<string, Record<string, string>>();
    await Promise.all(resources.map(async (r) => out.set(r.id, tagsOf((await client.send(new ListTagsForResourceCommand({ ResourceId: r.id }))).Tags))));
    return out;
  },
  // Whatever uses the directory (WorkSpaces, FSx, RDS) goes first. Deleting takes minutes; wait until it reads Deleted
  // or is gone so its VPC's subnets and security groups can go next.
  async remove(ctx, resource) {
    const client = ctx.client(DirectoryServiceClient);
    await client.send(new DeleteDirectoryCommand({ DirectoryId: resource.id }));
    await waitUntilGone(async () => {
      try {
        const d = (await client.send(new DescribeDirectoriesCommand({ DirectoryIds: [resource.id] }))).DirectoryDescriptions?.[0];
        return d === undefined || d.Stage === 'Deleted';
      } catch (error) {
        if (/EntityDoesNotExist|NotFound/i.test((error as Error).name)) return true;
        throw error;
      }
    }, ctx.signal);
  },
  // It runs in subnets of a VPC: those, its security groups and the VPC are deleted after it.
  deleteBefore: IN_A_VPC,
  dependsOn: ['fsx:file-system', 'workspaces:workspace'],
  protect(resource) {
    if (resource.props.stage === 'Deleting') return 'already being deleted';
    if (resource.props.directoryType === 'SharedMicrosoftAD') return 'shared from another account (its owner deletes it)';
    return undefined;
  },
};
