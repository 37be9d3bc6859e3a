import { GetStaticIpsCommand, LightsailClient, ReleaseStaticIpCommand } from '@aws-sdk/client-lightsail';
import type { Resource } from '../core/model.js';
import { LIGHTSAIL_NOT_OFFERED, lightsailPages } from './lightsail-instance.js';
import { iso, type ResourceType } from './resource-type.js';

export const lightsailStaticIp: ResourceType = {
  type: 'lightsail:static-ip',
  description: 'Lightsail static IPs (free while attached to an instance; an unattached one bills like any public IPv4)',
  scope: 'region',
  permissions: {
    list: ['lightsail:GetStaticIps'],
    remove: ['lightsail:ReleaseStaticIp'],
  },
  properties: {
    ipAddress: { type: 'string', description: 'the public IPv4 address' },
    isAttached: { type: 'boolean', description: 'true while an instance holds it' },
    attachedTo: { type: 'string', description: 'name of the instance holding it', ref: { to: 'lightsail:instance', kind: 'attached', byName: true } },
  },
  // One GetStaticIps call per page (no page size); static IPs carry no tags. No call where Lightsail is not offered.
  async list(ctx) {
    if (LIGHTSAIL_NOT_OFFERED.has(ctx.region)) return [];
    const client = ctx.client(LightsailClient);
    return (await lightsailPages((pageToken) => client.send(new GetStaticIpsCommand({ pageToken }))))
      .flatMap((p) => p.staticIps ?? [])
      .filter((ip) => ip.name)
      .map((ip): Resource => ({
        type: 'lightsail:static-ip',
        id: ip.name as string,
        arn: ip.arn,
        name: ip.name,
        accountId: ctx.accountId,
        region: ctx.resourceRegion,
        createdAt: iso(ip.createdAt),
        tags: {},
        props: { ipAddress: ip.ipAddress, isAttached: ip.isAttached ?? false, attachedTo: ip.attachedTo },
      }));
  },
  async remove(ctx, resource) {
    await ctx.client(LightsailClient).send(new ReleaseStaticIpCommand({ staticIpName: resource.id }));
  },
  dependsOn: ['lightsail:instance'],
};
