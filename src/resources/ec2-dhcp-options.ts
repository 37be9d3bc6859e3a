import { DeleteDhcpOptionsCommand, EC2Client, paginateDescribeDhcpOptions } from '@aws-sdk/client-ec2';
import type { Resource } from '../core/model.js';
import { partitionOf } from '../aws/regions.js';
import { tagsOf, type ResourceType } from './resource-type.js';

/** DescribeDhcpOptions accepts 5..1000 items per page. */
const PAGE_SIZE = 1000;

export const ec2DhcpOptions: ResourceType = {
  type: 'ec2:dhcp-options',
  description: 'VPC DHCP option sets (free). A set a VPC uses stays with it; the default VPC keeps the default set',
  scope: 'region',
  createdAt: false,
  permissions: {
    list: ['ec2:DescribeDhcpOptions'],
    remove: ['ec2:DeleteDhcpOptions'],
  },
  properties: {
    domainName: { type: 'string', description: 'the domain-name option, e.g. ec2.internal' },
  },
  // 1 DescribeDhcpOptions call per 1000 sets. AWS reports no creation time.
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateDescribeDhcpOptions({ client: ctx.client(EC2Client), stopOnSameToken: true }, { MaxResults: PAGE_SIZE })) {
      for (const d of page.DhcpOptions ?? []) {
        if (!d.DhcpOptionsId) continue;
        const tags = tagsOf(d.Tags);
        const domainName = d.DhcpConfigurations?.find((c) => c.Key === 'domain-name')?.Values?.[0]?.Value;
        out.push({
          type: 'ec2:dhcp-options',
          id: d.DhcpOptionsId,
          arn: `arn:${partitionOf(ctx.region)}:ec2:${ctx.region}:${d.OwnerId ?? ctx.accountId}:dhcp-options/${d.DhcpOptionsId}`,
          name: tags.Name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          tags,
          props: { domainName },
        });
      }
    }
    return out;
  },
  // Fails while a VPC uses the set (reported): VPCs go first, and a VPC that stays keeps its set.
  async remove(ctx, resource) {
    await ctx.client(EC2Client).send(new DeleteDhcpOptionsCommand({ DhcpOptionsId: resource.id }));
  },
  dependsOn: ['ec2:vpc'],
  collectWith: ['ec2:vpc'],
  // The set AWS creates for a region (new VPCs get it): untagged, with the region's Amazon domain name.
  guard(resource) {
    const domain = typeof resource.props.domainName === 'string' ? resource.props.domainName : '';
    const amazon = domain === 'ec2.internal' || /^[a-z]{2}(-[a-z]+)+-\d\.compute\.internal$/.test(domain);
    return amazon && Object.keys(resource.tags).length === 0 ? 'the default DHCP options set of the region (new VPCs get it)' : undefined;
  },
};
