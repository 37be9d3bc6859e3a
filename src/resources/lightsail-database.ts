import { DeleteRelationalDatabaseCommand, GetRelationalDatabaseBundlesCommand, GetRelationalDatabaseCommand, GetRelationalDatabasesCommand, LightsailClient } from '@aws-sdk/client-lightsail';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { LIGHTSAIL_NOT_OFFERED, lightsailPages } from './lightsail-instance.js';
import { iso, tagsOf, type ResourceType } from './resource-type.js';

export const lightsailDatabase: ResourceType = {
  type: 'lightsail:database',
  description: 'Lightsail managed databases (bill their bundle price, from $15 a month, while they exist)',
  scope: 'region',
  permissions: {
    list: ['lightsail:GetRelationalDatabases', 'lightsail:GetRelationalDatabaseBundles'],
    remove: ['lightsail:DeleteRelationalDatabase', 'lightsail:GetRelationalDatabase'],
  },
  properties: {
    state: { type: 'string', description: 'available | creating | stopped | ...' },
    bundleId: { type: 'string', description: 'e.g. micro_2_0' },
    engine: { type: 'string', description: 'mysql | postgres' },
    monthlyPrice: { type: 'number', description: 'USD a month of the bundle, as GetRelationalDatabaseBundles gives it' },
  },
  // One GetRelationalDatabases call per page (no page size), plus bundle pages when there is a database. No call where
  // Lightsail is not offered.
  async list(ctx) {
    if (LIGHTSAIL_NOT_OFFERED.has(ctx.region)) return [];
    const client = ctx.client(LightsailClient);
    const dbs = (await lightsailPages((pageToken) => client.send(new GetRelationalDatabasesCommand({ pageToken })))).flatMap((p) => p.relationalDatabases ?? []);
    if (dbs.length === 0) return [];
    const prices = new Map<string, number>();
    for (const page of await lightsailPages((pageToken) => client.send(new GetRelationalDatabaseBundlesCommand({ pageToken, includeInactive: true }))))
      for (const b of page.bundles ?? []) if (b.bundleId && b.price !== undefined) prices.set(b.bundleId, b.price);
    return dbs
      .filter((d) => d.name)
      .map((d): Resource => ({
        type: 'lightsail:database',
        id: d.name as string,
        arn: d.arn,
        name: d.name,
        accountId: ctx.accountId,
        region: ctx.resourceRegion,
        createdAt: iso(d.createdAt),
        tags: tagsOf(d.tags?.map((t) => ({ Key: t.key, Value: t.value }))),
        props: { state: d.state, bundleId: d.relationalDatabaseBundleId, engine: d.engine, monthlyPrice: d.relationalDatabaseBundleId ? prices.get(d.relationalDatabaseBundleId) : undefined },
      }));
  },
  // No final snapshot (the default would take one, which bills): a lab database goes entirely.
  async remove(ctx, resource) {
    const client = ctx.client(LightsailClient);
    await client.send(new DeleteRelationalDatabaseCommand({ relationalDatabaseName: resource.id, skipFinalSnapshot: true }));
    await waitUntilGone(() => isNotFound(() => client.send(new GetRelationalDatabaseCommand({ relationalDatabaseName: resource.id })), /NotFound/), ctx.signal);
  },
  dependsOn: [],
  protect(resource) {
    return resource.props.state === 'deleting' ? 'already being deleted' : undefined;
  },
};
