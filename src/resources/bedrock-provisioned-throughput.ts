import { BedrockClient, DeleteProvisionedModelThroughputCommand, GetProvisionedModelThroughputCommand, paginateListProvisionedModelThroughputs } from '@aws-sdk/client-bedrock';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { iso, type ResourceType } from './resource-type.js';

/** ListProvisionedModelThroughputs accepts 1..1000 results per page. */
const PAGE_SIZE = 1000;

export const bedrockProvisionedThroughput: ResourceType = {
  type: 'bedrock:provisioned-throughput',
  description: 'Bedrock provisioned throughput (model-unit-hours the whole time it exists, used or not; tens of dollars an hour)',
  scope: 'region',
  permissions: {
    list: ['bedrock:ListProvisionedModelThroughputs'],
    remove: ['bedrock:DeleteProvisionedModelThroughput', 'bedrock:GetProvisionedModelThroughput'],
  },
  properties: {
    status: { type: 'string', description: 'Creating | InService | Updating | Failed' },
    modelUnits: { type: 'number', description: 'model units purchased' },
    commitmentDuration: { type: 'string', description: 'OneMonth | SixMonths; absent when there is no commitment' },
    commitmentExpiresAt: { type: 'date', description: 'when the commitment term ends (it cannot be deleted before)' },
    modelArn: { type: 'string', description: 'the foundation or custom model it serves' },
  },
  // 1 ListProvisionedModelThroughputs call per 1000.
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateListProvisionedModelThroughputs({ client: ctx.client(BedrockClient), stopOnSameToken: true }, { maxResults: PAGE_SIZE })) {
      for (const p of page.provisionedModelSummaries ?? []) {
        if (!p.provisionedModelArn) continue;
        out.push({
          type: 'bedrock:provisioned-throughput',
          id: p.provisionedModelArn,
          arn: p.provisionedModelArn,
          name: p.provisionedModelName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(p.creationTime),
          tags: {},
          props: { status: p.status, modelUnits: p.modelUnits, commitmentDuration: p.commitmentDuration, commitmentExpiresAt: iso(p.commitmentExpirationTime), modelArn: p.modelArn },
        });
      }
    }
    return out;
  },
  async remove(ctx, resource) {
    const client = ctx.client(BedrockClient);
    await client.send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId: resource.id }));
    await waitUntilGone(() => isNotFound(() => client.send(new GetProvisionedModelThroughputCommand({ provisionedModelId: resource.id })), /ResourceNotFound/), ctx.signal);
  },
  dependsOn: [],
  protect(resource) {
    const ends = typeof resource.props.commitmentExpiresAt === 'string' ? Date.parse(resource.props.commitmentExpiresAt) : NaN;
    return resource.props.commitmentDuration && ends > Date.now() ? `committed until ${String(resource.props.commitmentExpiresAt)} (AWS refuses to delete it before)` : undefined;
  },
};
