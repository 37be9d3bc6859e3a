import { DescribeWorkspacesCommand, TerminateWorkspacesCommand, WorkSpacesClient, paginateDescribeWorkspaces } from '@aws-sdk/client-workspaces';
import type { Resource } from '../core/model.js';
import { goneByOwnRead, ownCall } from '../aws/nuke/own-call.js';
import { waitUntilGone } from '../aws/nuke/wait.js';
import type { ResourceType } from './resource-type.js';
import { IN_A_VPC } from './resource-type.js';

/** DescribeWorkspaces accepts 1..25 results per page. */
const PAGE_SIZE = 25;

/**
 * Regions AWS offers no WorkSpaces endpoint in: absent from AWS's endpoint data (botocore 1.43 `endpoints.json`,
 * service `workspaces`) and from the AWS General Reference table "Amazon WorkSpaces endpoints and quotas"
 * (docs.aws.amazon.com/general/latest/gr/wsp.html; it does not cover China, where only cn-northwest-1 has one), which
 * agree. No desktop can exist there, and the call would only fail (a DNS error: "lookup
 * workspaces.eu-north-1.amazonaws.com: no such host"). A region missing from this list (a new one) is asked as usual.
 */
const NOT_OFFERED = new Set([
  'ap-east-1', 'ap-east-2', 'ap-northeast-3', 'ap-south-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-6', 'ap-southeast-7',
  'ca-west-1', 'cn-north-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'me-central-1', 'me-south-1', 'mx-central-1',
  'us-west-1',
]);

export const workspacesWorkspace: ResourceType = {
  type: 'workspaces:workspace',
  description: 'WorkSpaces virtual desktops (AlwaysOn bills a monthly bundle fee; AutoStop a monthly fee plus running hours)',
  scope: 'region',
  createdAt: false,
  permissions: {
    list: ['workspaces:DescribeWorkspaces'],
    remove: ['workspaces:TerminateWorkspaces', 'workspaces:DescribeWorkspaces'],
  },
  properties: {
    state: { type: 'string', description: 'PENDING | AVAILABLE | STOPPED | SUSPENDED | TERMINATING | ERROR ...' },
    runningMode: { type: 'string', description: 'ALWAYS_ON | AUTO_STOP | MANUAL' },
    computeType: { type: 'string', description: 'bundle compute type, e.g. STANDARD' },
    bundleId: { type: 'string', description: 'the WorkSpaces bundle id' },
    directoryId: { type: 'string', description: 'the directory it is registered with', ref: { to: 'ds:directory', kind: 'uses' } },
    userName: { type: 'string', description: 'the user the desktop belongs to' },
  },
  // 1 DescribeWorkspaces call per 25 desktops; AWS gives no creation time. No call where WorkSpaces is not offered.
  async list(ctx) {
    if (NOT_OFFERED.has(ctx.region)) return [];
    const out: Resource[] = [];
    for await (const page of paginateDescribeWorkspaces({ client: ctx.client(WorkSpacesClient), stopOnSameToken: true }, { Limit: PAGE_SIZE })) {
      for (const w of page.Workspaces ?? []) {
        if (!w.WorkspaceId || w.State === 'TERMINATED') continue;
        out.push({
          type: 'workspaces:workspace',
          id: w.WorkspaceId,
          arn: `arn:aws:workspaces:${ctx.region}:${ctx.accountId}:workspace/${w.WorkspaceId}`,
          name: w.WorkspaceName ?? w.UserName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          tags: {},
          props: { state: w.State, runningMode: w.WorkspaceProperties?.RunningMode, computeType: w.WorkspaceProperties?.ComputeTypeName, bundleId: w.BundleId, directoryId: w.DirectoryId, userName: w.UserName },
        });
      }
    }
    return out;
  },
  // Asynchronous: wait until the desktop is gone (or reads TERMINATED) so its directory can go next.
  async remove(ctx, resource) {
    const client = ctx.client(WorkSpacesClient);
    const out = await client.send(new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: [{ WorkspaceId: resource.id }] }));
    const failed = out.FailedRequests?.[0];
    const read = async () => (await client.send(new DescribeWorkspacesCommand({ WorkspaceIds: [resource.id] }))).Workspaces?.[0];
    const gone = (w: Awaited<ReturnType<typeof read>>) => !w || w.State === 'TERMINATED';
    if (failed) {
      // A refusal comes inside a successful answer, with a code of its own: the WorkSpace's own read
      // says whether it is gone already.
      const w = await ownCall(read());
      if (gone(w)) throw goneByOwnRead(`WorkSpace ${resource.id} is ${w?.State ?? 'no longer listed'}`);
      throw new Error(`${failed.ErrorCode ?? 'TerminateFailed'}: ${failed.ErrorMessage ?? 'the WorkSpace was not terminated'}`);
    }
    await waitUntilGone(async () => gone(await read()), ctx.signal);
  },
  // It runs in subnets of a VPC: those, its security groups and the VPC are deleted after it.
  deleteBefore: IN_A_VPC,
  dependsOn: [],
  protect(resource) {
    if (resource.props.state === 'SUSPENDED') return 'suspended (AWS refuses to terminate a suspended WorkSpace)';
    return resource.props.state === 'TERMINATING' ? 'already terminating' : undefined;
  },
};
