import { DeletePlacementGroupCommand, DescribePlacementGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { Resource } from '../core/model.js';
import { partitionOf } from '../aws/regions.js';
import { tagsOf, type ResourceType } from './resource-type.js';

export const ec2PlacementGroup: ResourceType = {
  type: 'ec2:placement-group',
  description: 'EC2 placement groups (free; labs leave them behind after their instances are gone)',
  scope: 'region',
  createdAt: false,
  permissions: {
    list: ['ec2:DescribePlacementGroups'],
    remove: ['ec2:DeletePlacementGroup'],
  },
  properties: {
    strategy: { type: 'string', description: 'cluster | spread | partition' },
    state: { type: 'string', description: 'pending | available | deleting | deleted' },
  },
  // DescribePlacementGroups is not paginated: 1 call returns every group of the region.
  async list(ctx) {
    const out = await ctx.client(EC2Client).send(new DescribePlacementGroupsCommand({}));
    return (out.PlacementGroups ?? [])
      .filter((g) => g.GroupName && g.State !== 'deleted')
      .map((g): Resource => ({
        type: 'ec2:placement-group',
        id: g.GroupName as string,
        arn: g.GroupArn ?? `arn:${partitionOf(ctx.region)}:ec2:${ctx.region}:${ctx.accountId}:placement-group/${g.GroupName}`,
        name: g.GroupName,
        accountId: ctx.accountId,
        region: ctx.resourceRegion,
        tags: tagsOf(g.Tags),
        props: { strategy: g.Strategy, state: g.State },
      }));
  },
  // Fails while an instance is in the group (reported): instances go first.
  async remove(ctx, resource) {
    await ctx.client(EC2Client).send(new DeletePlacementGroupCommand({ GroupName: resource.id }));
  },
  dependsOn: ['ec2:instance', 'autoscaling:group'],
};
