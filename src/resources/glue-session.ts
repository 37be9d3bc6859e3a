import { DeleteSessionCommand, GlueClient, ListSessionsCommand, StopSessionCommand } from '@aws-sdk/client-glue';
import type { Resource } from '../core/model.js';
import { iso, type ResourceType } from './resource-type.js';
import { ownDelete } from '../aws/nuke/own-call.js';

/** ListSessions accepts 1..1000 results per page (the SDK has no paginator for it). */
const PAGE_SIZE = 1000;

export const glueSession: ResourceType = {
  type: 'glue:session',
  description: 'Glue interactive sessions (bill $0.44 per DPU-hour while READY, until their idle timeout)',
  scope: 'region',
  permissions: {
    list: ['glue:ListSessions'],
    remove: ['glue:StopSession', 'glue:DeleteSession'],
  },
  properties: {
    status: { type: 'string', description: 'PROVISIONING | READY | FAILED | TIMEOUT | STOPPING | STOPPED' },
    maxCapacity: { type: 'number', description: 'DPUs the session may use' },
    idleTimeoutMinutes: { type: 'number', description: 'minutes of inactivity before the session times out' },
  },
  // 1 ListSessions call per 1000 sessions.
  async list(ctx) {
    const client = ctx.client(GlueClient);
    const out: Resource[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListSessionsCommand({ MaxResults: PAGE_SIZE, NextToken: token }));
      for (const s of page.Sessions ?? []) {
        if (!s.Id) continue;
        out.push({
          type: 'glue:session',
          id: s.Id,
          arn: `arn:aws:glue:${ctx.region}:${ctx.accountId}:session/${s.Id}`,
          name: s.Id,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(s.CreatedOn),
          tags: {},
          props: { status: s.Status, maxCapacity: s.MaxCapacity, idleTimeoutMinutes: s.IdleTimeout },
        });
      }
      token = page.NextToken === token ? undefined : page.NextToken;
    } while (token);
    return out;
  },
  // A running session is stopped first; DeleteSession then removes it (both are immediate).
  async remove(ctx, resource) {
    const glue = ctx.client(GlueClient);
    if (resource.props.status === 'READY' || resource.props.status === 'PROVISIONING') {
      try {
        await glue.send(new StopSessionCommand({ Id: resource.id }));
      } catch (error) {
        if (!/IllegalSessionState|EntityNotFound/.test((error as Error).name)) throw error;
      }
    }
    await ownDelete(glue.send(new DeleteSessionCommand({ Id: resource.id })));
  },
  dependsOn: [],
};
