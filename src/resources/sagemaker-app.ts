import { DeleteAppCommand, DescribeAppCommand, SageMakerClient, paginateListApps, type AppType } from '@aws-sdk/client-sagemaker';
import type { Resource } from '../core/model.js';
import { waitUntilGone } from '../aws/nuke/wait.js';
import { iso, type ResourceType } from './resource-type.js';
import { SAGEMAKER_NOT_FOUND, sagemakerTags } from './sagemaker-shared.js';

/** ListApps accepts 1..100 results per page. */
const PAGE_SIZE = 100;

/** DeleteApp and DescribeApp name an app by domain, owner (user profile or space), type and name. */
function appKey(r: Resource) {
  const owner = String(r.props.userProfileName ?? '');
  const space = String(r.props.spaceName ?? '');
  return { DomainId: String(r.props.domainId), AppType: String(r.props.appType) as AppType, AppName: String(r.props.appName), ...(owner ? { UserProfileName: owner } : { SpaceName: space }) };
}

export const sagemakerApp: ResourceType = {
  type: 'sagemaker:app',
  description: 'SageMaker Studio apps (every app but the free system one bills ML instance-hours until it is deleted)',
  scope: 'region',
  permissions: {
    list: ['sagemaker:ListApps'],
    remove: ['sagemaker:DeleteApp', 'sagemaker:DescribeApp', 'sagemaker:ListTags'],
  },
  properties: {
    domainId: { type: 'string', description: 'Studio domain id', ref: { to: 'sagemaker:domain', kind: 'attached' } },
    userProfileName: { type: 'string', description: 'user profile owning the app (absent for a space app)' },
    spaceName: { type: 'string', description: 'space owning the app (absent for a user profile app)', ref: { to: 'sagemaker:space', kind: 'attached', byName: true } },
    appType: { type: 'string', description: 'JupyterServer | KernelGateway | JupyterLab | CodeEditor | RStudioServerPro | Canvas ...' },
    appName: { type: 'string', description: 'app name' },
    status: { type: 'string', description: 'Deleted | Deleting | Failed | InService | Pending' },
    instanceType: { type: 'string', description: 'ML instance type, e.g. ml.t3.medium; system for the free default app' },
    ownerOption: { type: 'string', description: 'the aws CLI option naming its owner: --space-name <space> or --user-profile-name <profile>' },
  },
  // 1 ListApps call per 100 apps; deleted apps are left out. Tags only for nuke (1 ListTags per app).
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateListApps({ client: ctx.client(SageMakerClient), stopOnSameToken: true }, { MaxResults: PAGE_SIZE })) {
      for (const a of page.Apps ?? []) {
        if (!a.DomainId || !a.AppName || !a.AppType || a.Status === 'Deleted') continue;
        const owner = a.UserProfileName ?? `space:${a.SpaceName ?? ''}`;
        out.push({
          type: 'sagemaker:app',
          id: `${a.DomainId}/${owner}/${a.AppType}/${a.AppName}`,
          arn: `arn:aws:sagemaker:${ctx.region}:${ctx.accountId}:app/${a.DomainId}/${a.UserProfileName ?? a.SpaceName}/${a.AppType.toLowerCase()}/${a.AppName}`,
          name: a.AppName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(a.CreationTime),
          tags: {},
          props: { domainId: a.DomainId, userProfileName: a.UserProfileName, spaceName: a.SpaceName, appType: a.AppType, appName: a.AppName, status: a.Status, instanceType: a.ResourceSpec?.InstanceType, ownerOption: a.UserProfileName ? `--user-profile-name ${a.UserProfileName}` : `--space-name ${a.SpaceName ?? ''}` },
        });
      }
    }
    return out;
  },
  readTags: sagemakerTags,
  // Deleting takes minutes; wait until it reads Deleted so its space, profile and domain can go next.
  async remove(ctx, resource) {
    const client = ctx.client(SageMakerClient);
    await client.send(new DeleteAppCommand(appKey(resource)));
    await waitUntilGone(async () => {
      try {
        return (await client.send(new DescribeAppCommand(appKey(resource)))).Status === 'Deleted';
      } catch (error) {
        if (SAGEMAKER_NOT_FOUND.test((error as Error).name) || SAGEMAKER_NOT_FOUND.test((error as Error).message)) return true;
        throw error;
      }
    }, ctx.signal);
  },
  dependsOn: [],
  protect(resource) {
    return resource.props.status === 'Deleting' ? 'already being deleted' : undefined;
  },
};
