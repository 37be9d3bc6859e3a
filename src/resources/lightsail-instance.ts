import { DeleteInstanceCommand, GetBundlesCommand, GetInstanceCommand, GetInstancesCommand, LightsailClient } from '@aws-sdk/client-lightsail';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { iso, tagsOf, type ResourceType } from './resource-type.js';

/**
 * Regions AWS offers no Lightsail endpoint in, for the four Lightsail types: absent both from AWS's endpoint data
 * (botocore 1.43 `endpoints.json`, service `lightsail`) and from the Lightsail guide's "Service endpoints by Region"
 * table (docs.aws.amazon.com/lightsail/latest/userguide/access-lightsail.html). The guide lists ap-east-1, eu-south-2
 * and sa-east-1, which the endpoint data does not yet: those are asked (skipping a served region would hide what
 * bills there). No resource can exist in these, and the call would only fail (a DNS error). A region missing from
 * this list (a new one) is asked as usual.
 */
export const LIGHTSAIL_NOT_OFFERED: ReadonlySet<string> = new Set([
  'af-south-1', 'ap-east-2', 'ap-northeast-3', 'ap-south-2', 'ap-southeast-4', 'ap-southeast-6', 'ap-southeast-7', 'ca-west-1',
  'cn-north-1', 'cn-northwest-1', 'eu-central-2', 'eu-south-1', 'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1',
  'us-gov-east-1', 'us-gov-west-1', 'us-west-1',
]);

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
  // One GetInstances call per page (no page size), plus GetBundles pages when there is an instance. No call where
  // Lightsail is not offered.
  async list(ctx) {
    if (LIGHTSAIL_NOT_OFFERED.has(ctx.region)) return [];
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
