import { DeleteLoadBalancerCommand, GetLoadBalancersCommand, LightsailClient } from '@aws-sdk/client-lightsail';
import type { Resource } from '../core/model.js';
import { LIGHTSAIL_NOT_OFFERED, lightsailPages } from './lightsail-instance.js';
import { iso, tagsOf, type ResourceType } from './resource-type.js';

export const lightsailLoadBalancer: ResourceType = {
  type: 'lightsail:load-balancer',
  description: 'Lightsail load balancers (a fixed monthly fee while they exist, with or without instances behind them)',
  scope: 'region',
  permissions: {
    list: ['lightsail:GetLoadBalancers'],
    remove: ['lightsail:DeleteLoadBalancer'],
  },
  properties: {
    state: { type: 'string', description: 'active | provisioning | active_impaired | failed' },
    instanceNames: { type: 'strings', description: 'instances attached behind it', ref: { to: 'lightsail:instance', kind: 'none', byName: true } },
  },
  // One GetLoadBalancers call per page (no page size). No call where Lightsail is not offered.
  async list(ctx) {
    if (LIGHTSAIL_NOT_OFFERED.has(ctx.region)) return [];
    const client = ctx.client(LightsailClient);
    return (await lightsailPages((pageToken) => client.send(new GetLoadBalancersCommand({ pageToken }))))
      .flatMap((p) => p.loadBalancers ?? [])
      .filter((lb) => lb.name)
      .map((lb): Resource => ({
        type: 'lightsail:load-balancer',
        id: lb.name as string,
        arn: lb.arn,
        name: lb.name,
        accountId: ctx.accountId,
        region: ctx.resourceRegion,
        createdAt: iso(lb.createdAt),
        tags: tagsOf(lb.tags?.map((t) => ({ Key: t.key, Value: t.value }))),
        props: { state: lb.state, instanceNames: (lb.instanceHealthSummary ?? []).map((h) => h.instanceName).filter((n): n is string => !!n) },
      }));
  },
  // Also deletes its TLS certificates; immediate.
  async remove(ctx, resource) {
    await ctx.client(LightsailClient).send(new DeleteLoadBalancerCommand({ loadBalancerName: resource.id }));
  },
  dependsOn: [],
};
