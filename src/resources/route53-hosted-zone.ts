import {
  ChangeResourceRecordSetsCommand,
  DeleteHostedZoneCommand,
  ListResourceRecordSetsCommand,
  ListTagsForResourcesCommand,
  Route53Client,
  paginateListHostedZones,
  type ListResourceRecordSetsCommandInput,
  type ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import type { Resource } from '../core/model.js';
import { partitionOf } from '../aws/regions.js';
import { chunks, tagsOf, type ResourceType } from './resource-type.js';
import { ownCall, ownDelete } from '../aws/nuke/own-call.js';

/** ListHostedZones returns at most 100 zones per page. */
const PAGE_SIZE = 100;
/** ListResourceRecordSets returns up to 300 record sets a page; one change batch takes up to 1,000 changes. */
const RECORDS_PAGE_SIZE = 300;
const CHANGE_BATCH = 1000;
/** ListTagsForResources takes up to 10 resource ids per call. */
const TAGS_BATCH = 10;

/** The zone's own SOA and NS records at its apex: AWS deletes those with the zone. */
function isApexDefault(r: ResourceRecordSet, zoneName: string): boolean {
  const name = (r.Name ?? '').replace(/\.$/, '');
  return (r.Type === 'SOA' || r.Type === 'NS') && name === zoneName.replace(/\.$/, '');
}

export const route53HostedZone: ResourceType = {
  type: 'route53:hosted-zone',
  description: 'Route 53 hosted zones (billed per zone per month)',
  scope: 'global',
  createdAt: false,
  permissions: {
    list: ['route53:ListHostedZones'],
    remove: ['route53:ListTagsForResources', 'route53:ListResourceRecordSets', 'route53:ChangeResourceRecordSets', 'route53:DeleteHostedZone'],
  },
  properties: {
    privateZone: { type: 'boolean', description: 'true for a private hosted zone' },
    recordCount: { type: 'number', description: 'number of record sets in the zone (2 = only the default NS and SOA)' },
    comment: { type: 'string', description: 'the comment given at creation' },
  },
  // 1 ListHostedZones call per 100 zones for the whole account.
  async list(ctx) {
    const out: Resource[] = [];
    const pages = paginateListHostedZones({ client: ctx.client(Route53Client), stopOnSameToken: true }, { MaxItems: PAGE_SIZE });
    for await (const page of pages) {
      for (const z of page.HostedZones ?? []) {
        if (!z.Id) continue;
        const id = z.Id.replace(/^\/hostedzone\//, '');
        out.push({
          type: 'route53:hosted-zone',
          id,
          arn: `arn:${partitionOf(ctx.region)}:route53:::hostedzone/${id}`,
          name: z.Name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          // Zone tags need ListTagsForResources (10 zones a call): nuke reads them (readTags), audit does not.
          tags: {},
          props: {
            privateZone: z.Config?.PrivateZone,
            recordCount: z.ResourceRecordSetCount,
            comment: z.Config?.Comment || undefined,
          },
        });
      }
    }
    return out;
  },
  // Nuke only: 1 ListTagsForResources call per 10 zones (ids without the "/hostedzone/" prefix).
  async readTags(ctx, resources) {
    const route53 = ctx.client(Route53Client);
    const batches = chunks(resources.map((r) => r.id), TAGS_BATCH);
    const pages = await Promise.all(batches.map((ids) => route53.send(new ListTagsForResourcesCommand({ ResourceType: 'hostedzone', ResourceIds: ids }))));
    const out = new Map<string, Record<string, string>>();
    for (const set of pages.flatMap((p) => p.ResourceTagSets ?? [])) {
      if (set.ResourceId) out.set(set.ResourceId.replace(/^\/hostedzone\//, ''), tagsOf(set.Tags));
    }
    return out;
  },
  // A zone with records cannot be deleted: delete every record but the apex SOA and NS (in batches of up to
  // 1,000 changes), then the zone.
  async remove(ctx, resource) {
    const route53 = ctx.client(Route53Client);
    const zoneName = resource.name ?? '';
    const records: ResourceRecordSet[] = [];
    let input: ListResourceRecordSetsCommandInput = { HostedZoneId: resource.id, MaxItems: RECORDS_PAGE_SIZE };
    for (;;) {
      // Listed by zone: a NoSuchHostedZone here is the zone itself gone.
      const page = await ownCall(route53.send(new ListResourceRecordSetsCommand(input)), /NoSuchHostedZone/);
      records.push(...(page.ResourceRecordSets ?? []).filter((r) => !isApexDefault(r, zoneName)));
      if (!page.IsTruncated) break;
      input = { ...input, StartRecordName: page.NextRecordName, StartRecordType: page.NextRecordType, StartRecordIdentifier: page.NextRecordIdentifier };
    }
    for (let i = 0; i < records.length; i += CHANGE_BATCH) {
      const changes = records.slice(i, i + CHANGE_BATCH).map((r) => ({ Action: 'DELETE' as const, ResourceRecordSet: r }));
      await ownCall(route53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: resource.id, ChangeBatch: { Changes: changes } })), /NoSuchHostedZone/);
    }
    await ownDelete(route53.send(new DeleteHostedZoneCommand({ Id: resource.id })));
  },
  dependsOn: [],
};
