import { Route53Client, paginateListHostedZones } from '@aws-sdk/client-route-53';
import type { Resource } from '../core/model.js';
import { partitionOf } from '../aws/regions.js';
import type { ResourceType } from './resource-type.js';

/** ListHostedZones returns at most 100 zones per page. */
const PAGE_SIZE = 100;

export const route53HostedZone: ResourceType = {
  type: 'route53:hosted-zone',
  description: 'Route 53 hosted zones (billed per zone per month)',
  scope: 'global',
  permissions: {
    list: ['route53:ListHostedZones'],
  },
  properties: {
    privateZone: 'true for a private hosted zone',
    recordCount: 'number of record sets in the zone (2 = only the default NS and SOA)',
    comment: 'the comment given at creation',
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
          // Zone tags need ListTagsForResources (10 zones a call); not read.
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
};
