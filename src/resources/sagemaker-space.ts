import { DeleteSpaceCommand, DescribeSpaceCommand, SageMakerClient, paginateListSpaces } from '@aws-sdk/client-sagemaker';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { iso, type ResourceType } from './resource-type.js';
import { SAGEMAKER_NOT_FOUND } from './sagemaker-shared.js';

/** ListSpaces accepts 1..100 results per page. */
const PAGE_SIZE = 100;

export const sagemakerSpace: ResourceType = {
  type: 'sagemaker:space',
  description: 'SageMaker Studio spaces (free themselves; their apps and storage bill)',
  scope: 'region',
  permissions: {
    list: ['sagemaker:ListSpaces'],
    remove: ['sagemaker:DeleteSpace', 'sagemaker:DescribeSpace'],
  },
  properties: {
    domainId: { type: 'string', description: 'Studio domain id', ref: { to: 'sagemaker:domain', kind: 'attached' } },
    status: { type: 'string', description: 'Deleting | Failed | InService | Pending | Updating ...' },
    appType: { type: 'string', description: 'JupyterLab | CodeEditor ...' },
  },
  // 1 ListSpaces call per 100 spaces; the id is "<domainId>/<spaceName>".
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateListSpaces({ client: ctx.client(SageMakerClient), stopOnSameToken: true }, { MaxResults: PAGE_SIZE })) {
      for (const s of page.Spaces ?? []) {
        if (!s.DomainId || !s.SpaceName) continue;
        out.push({
          type: 'sagemaker:space',
          id: `${s.DomainId}/${s.SpaceName}`,
          arn: `arn:aws:sagemaker:${ctx.region}:${ctx.accountId}:space/${s.DomainId}/${s.SpaceName}`,
          name: s.SpaceName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(s.CreationTime),
          tags: {},
          props: { domainId: s.DomainId, status: s.Status, appType: s.SpaceSettingsSummary?.AppType },
        });
      }
    }
    return out;
  },
  // Waits until it is gone so the domain can go next.
  async remove(ctx, resource) {
    const client = ctx.client(SageMakerClient);
    const key = { DomainId: String(resource.props.domainId), SpaceName: resource.name ?? resource.id.split('/')[1] };
    await client.send(new DeleteSpaceCommand(key));
    await waitUntilGone(() => isNotFound(() => client.send(new DescribeSpaceCommand(key)), SAGEMAKER_NOT_FOUND), ctx.signal);
  },
  dependsOn: ['sagemaker:app'],
};
