import { DeleteDevEndpointCommand, GetDevEndpointCommand, GlueClient, paginateGetDevEndpoints } from '@aws-sdk/client-glue';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { iso, type ResourceType, IN_A_VPC } from './resource-type.js';

/** GetDevEndpoints accepts 1..1000 results per page. */
const PAGE_SIZE = 1000;
/** DPUs of one worker of each worker type. */
const WORKER_DPU: Record<string, number> = { Standard: 1, 'G.1X': 1, 'G.2X': 2, 'G.025X': 0.25, 'G.4X': 4, 'G.8X': 8 };

export const glueDevEndpoint: ResourceType = {
  type: 'glue:dev-endpoint',
  description: 'Glue development endpoints (bill $0.44 per DPU-hour the whole time they are READY)',
  scope: 'region',
  permissions: {
    list: ['glue:GetDevEndpoints'],
    remove: ['glue:DeleteDevEndpoint', 'glue:GetDevEndpoint'],
  },
  properties: {
    status: { type: 'string', description: 'PROVISIONING | READY | FAILED | TERMINATING ...' },
    dpus: { type: 'number', description: 'DPUs the endpoint holds: NumberOfNodes, or workers × DPUs of the worker type' },
    workerType: { type: 'string', description: 'Standard | G.1X | G.2X ... (absent for node-sized endpoints)' },
  },
  // 1 GetDevEndpoints call per 1000 endpoints.
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateGetDevEndpoints({ client: ctx.client(GlueClient), stopOnSameToken: true }, { MaxResults: PAGE_SIZE })) {
      for (const e of page.DevEndpoints ?? []) {
        if (!e.EndpointName) continue;
        const dpus = e.WorkerType ? (e.NumberOfWorkers ?? 0) * (WORKER_DPU[e.WorkerType] ?? 1) : (e.NumberOfNodes ?? 0);
        out.push({
          type: 'glue:dev-endpoint',
          id: e.EndpointName,
          arn: `arn:aws:glue:${ctx.region}:${ctx.accountId}:devEndpoint/${e.EndpointName}`,
          name: e.EndpointName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(e.CreatedTimestamp),
          tags: {},
          props: { status: e.Status, dpus, workerType: e.WorkerType },
        });
      }
    }
    return out;
  },
  async remove(ctx, resource) {
    const glue = ctx.client(GlueClient);
    await glue.send(new DeleteDevEndpointCommand({ EndpointName: resource.id }));
    await waitUntilGone(() => isNotFound(() => glue.send(new GetDevEndpointCommand({ EndpointName: resource.id })), /EntityNotFound/), ctx.signal);
  },
  // It runs in subnets of a VPC: those, its security groups and the VPC are deleted after it.
  deleteBefore: IN_A_VPC,
  dependsOn: [],
};
