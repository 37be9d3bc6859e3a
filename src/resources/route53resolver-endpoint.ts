import { DeleteResolverEndpointCommand, GetResolverEndpointCommand, ListTagsForResourceCommand, Route53ResolverClient, paginateListResolverEndpoints } from '@aws-sdk/client-route53resolver';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { iso, tagsOf, type ResourceType, IN_A_VPC } from './resource-type.js';

/** ListResolverEndpoints accepts 1..100 results per page. */
const PAGE_SIZE = 100;

export const route53resolverEndpoint: ResourceType = {
  type: 'route53resolver:endpoint',
  description: 'Route 53 Resolver inbound and outbound endpoints (every IP address, one per AZ, bills per hour)',
  scope: 'region',
  permissions: {
    list: ['route53resolver:ListResolverEndpoints'],
    remove: ['route53resolver:DeleteResolverEndpoint', 'route53resolver:GetResolverEndpoint', 'route53resolver:ListTagsForResource'],
  },
  properties: {
    status: { type: 'string', description: 'CREATING | OPERATIONAL | UPDATING | AUTO_RECOVERING | ACTION_NEEDED | DELETING' },
    direction: { type: 'string', description: 'INBOUND | OUTBOUND | INBOUND_DELEGATION' },
    ipAddressCount: { type: 'number', description: 'IP addresses (elastic network interfaces), each billed per hour' },
    vpcId: { type: 'string', description: 'the VPC it serves', ref: { to: 'ec2:vpc', kind: 'uses' } },
    securityGroupIds: { type: 'strings', description: 'its security groups', ref: { to: 'ec2:security-group', kind: 'uses' } },
  },
  // 1 ListResolverEndpoints call per 100 endpoints; tags only for nuke (readTags: 1 ListTagsForResource per endpoint).
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateListResolverEndpoints({ client: ctx.client(Route53ResolverClient), stopOnSameToken: true }, { MaxResults: PAGE_SIZE })) {
      for (const e of page.ResolverEndpoints ?? []) {
        if (!e.Id) continue;
        out.push({
          type: 'route53resolver:endpoint',
          id: e.Id,
          arn: e.Arn,
          name: e.Name ?? e.Id,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(e.CreationTime),
          tags: {},
          props: { status: e.Status, direction: e.Direction, ipAddressCount: e.IpAddressCount ?? 0, vpcId: e.HostVPCId, securityGroupIds: e.SecurityGroupIds ?? [] },
        });
      }
    }
    return out;
  },
  async readTags(ctx, resources) {
    const client = ctx.client(Route53ResolverClient);
    const out = new Map<string, Record<string, string>>();
    await Promise.all(resources.map(async (r) => r.arn && out.set(r.id, tagsOf((await client.send(new ListTagsForResourceCommand({ ResourceArn: r.arn, MaxResults: 100 }))).Tags))));
    return out;
  },
  // Deleting releases its network interfaces; wait until it is gone so its security groups and subnets can go next.
  async remove(ctx, resource) {
    const client = ctx.client(Route53ResolverClient);
    await client.send(new DeleteResolverEndpointCommand({ ResolverEndpointId: resource.id }));
    await waitUntilGone(() => isNotFound(() => client.send(new GetResolverEndpointCommand({ ResolverEndpointId: resource.id }))), ctx.signal);
  },
  // It runs in subnets of a VPC: those, its security groups and the VPC are deleted after it.
  deleteBefore: IN_A_VPC,
  dependsOn: [],
  protect(resource) {
    if (resource.props.status === 'DELETING') return 'already being deleted';
    return undefined;
  },
};
