import { DeleteInstanceCommand, GetBundlesCommand, GetInstanceCommand, GetInstancesCommand, LightsailClient } from '@aws-sdk/client-lightsail';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { iso, tagsOf, type ResourceType } from './resource-type.js';

/** Every page of a Lightsail Get* call, following nextPageToken (Lightsail takes no page size). */
export async function lightsailPages<T extends { nextPageToken?: string }>(get: (pageToken: string | undefined) => Promise<T>): Promise<T[]> {
  const pages: T[] = [];
  let token: string | undefined;
  do {
    const page = await get(token);
    pages.push(page);
    token = page.nextPageToken === token ? undefined : page.nextPageToken;
  } while (token);
  return pages;
}

export const lightsailInstance: ResourceType = {
  type: 'lightsail:instance',
  description: 'Lightsail instances (bill their bundle price, e.g. $5 a month, while they exist, running or stopped)',
  scope: 'region',
  permissions: {
    list: ['lightsail:GetInstances', 'lightsail:GetBundles'],
    remove: ['lightsail:DeleteInstance', 'lightsail:GetInstance'],
  },
  properties: {
    state: { type: 'string', description: 'pending | running | stopping | stopped | ...' },
    bundleId: { type: 'string', description: 'e.g. nano_3_0' },
    monthlyPrice: { type: 'number', description: 'USD a month of the bundle, as GetBundles gives it' },
  },
  // One GetInstances call per page (no page size), plus GetBundles pages when there is an instance.
  async list(ctx) {
    const client = ctx.client(LightsailClient);
    const instances = (await lightsailPages((pageToken) => client.send(new GetInstancesCommand({ pageToken }))))
      .flatMap((p) => p.instances ?? []);
    if (instances.length === 0) return [];
    const prices = new Map<string, number>();
    for (const page of await lightsailPages((pageToken) => client.send(new GetBundlesCommand({ pageToken, includeInactive: true }))))
      for (const b of page.bundles ?? []) if (b.bundleId && b.price !== undefined) prices.set(b.bundleId, b.price);
    return instances
      .filter((i) => i.name)
      .map((i): Resource => ({
        type: 'lightsail:instance',
        id: i.name as string,
        arn: i.arn,
        name: i.name,
        accountId: ctx.accountId,
        region: ctx.resourceRegion,
        createdAt: iso(i.createdAt),
        tags: tagsOf(i.tags?.map((t) => ({ Key: t.key, Value: t.value }))),
        props: { state: i.state?.name, bundleId: i.bundleId, monthlyPrice: i.bundleId ? prices.get(i.bundleId) : undefined },
      }));
  },
  // With its add-ons (automatic snapshots); waits until it is gone so its static IP can be released next.
  async remove(ctx, resource) {
    const client = ctx.client(LightsailClient);
    await client.send(new DeleteInstanceCommand({ instanceName: resource.id, forceDeleteAddOns: true }));
    await waitUntilGone(() => isNotFound(() => client.send(new GetInstanceCommand({ instanceName: resource.id })), /NotFound/), ctx.signal);
  },
  dependsOn: [],
};
