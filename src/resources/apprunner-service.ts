import { AppRunnerClient, DeleteServiceCommand, DescribeServiceCommand, ListServicesCommand } from '@aws-sdk/client-apprunner';
import type { Resource } from '../core/model.js';
import { waitUntilGone } from '../aws/nuke/wait.js';
import { iso, type ResourceType } from './resource-type.js';

/** ListServices accepts 1..20 results per page (and the SDK has no paginator for it). */
const PAGE_SIZE = 20;

/**
 * Regions AWS offers no App Runner endpoint in (AWS's endpoint data, botocore 1.43 `endpoints.json`): no service can
 * exist there, and the call would only fail (a DNS error), making every audit of, say, ap-northeast-2 incomplete.
 * A region missing from this list (a new one) is asked as usual.
 */
const NOT_OFFERED = new Set([
  'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-2', 'ap-southeast-3', 'ap-southeast-4',
  'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7', 'ca-central-1', 'ca-west-1', 'cn-north-1', 'cn-northwest-1', 'eu-central-2',
  'eu-north-1', 'eu-south-1', 'eu-south-2', 'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1', 'sa-east-1',
  'us-gov-east-1', 'us-gov-west-1', 'us-west-1',
]);

export const apprunnerService: ResourceType = {
  type: 'apprunner:service',
  description: 'App Runner services (provisioned memory bills $0.007/GB-hour while RUNNING, with or without traffic)',
  scope: 'region',
  permissions: {
    list: ['apprunner:ListServices'],
    remove: ['apprunner:DeleteService', 'apprunner:DescribeService'],
  },
  properties: {
    status: { type: 'string', description: 'CREATE_FAILED | RUNNING | DELETED | DELETE_FAILED | PAUSED | OPERATION_IN_PROGRESS' },
    serviceUrl: { type: 'string', description: 'the service URL' },
  },
  // 1 ListServices call per 20 services; tags are not read (no cheap way). No call where App Runner is not offered.
  async list(ctx) {
    if (NOT_OFFERED.has(ctx.region)) return [];
    const client = ctx.client(AppRunnerClient);
    const out: Resource[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListServicesCommand({ MaxResults: PAGE_SIZE, NextToken: token }));
      for (const s of page.ServiceSummaryList ?? []) {
        if (!s.ServiceArn || s.Status === 'DELETED') continue;
        out.push({
          type: 'apprunner:service',
          id: s.ServiceArn,
          arn: s.ServiceArn,
          name: s.ServiceName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(s.CreatedAt),
          tags: {},
          props: { status: s.Status, serviceUrl: s.ServiceUrl },
        });
      }
      token = page.NextToken === token ? undefined : page.NextToken;
    } while (token);
    return out;
  },
  // Deletion is asynchronous: wait until the service reads DELETED (or is gone).
  async remove(ctx, resource) {
    const client = ctx.client(AppRunnerClient);
    await client.send(new DeleteServiceCommand({ ServiceArn: resource.id }));
    await waitUntilGone(async () => {
      try {
        return (await client.send(new DescribeServiceCommand({ ServiceArn: resource.id }))).Service?.Status === 'DELETED';
      } catch (error) {
        if (/ResourceNotFound/.test((error as Error).name)) return true;
        throw error;
      }
    }, ctx.signal);
  },
  dependsOn: [],
  protect(resource) {
    return resource.props.status === 'OPERATION_IN_PROGRESS' ? 'an operation is in progress (deleting now would fail)' : undefined;
  },
};
