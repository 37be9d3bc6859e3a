import { DeleteLaunchTemplateCommand, EC2Client, paginateDescribeLaunchTemplates } from '@aws-sdk/client-ec2';
import type { Resource } from '../core/model.js';
import { partitionOf } from '../aws/regions.js';
import { iso, tagsOf, type ResourceType } from './resource-type.js';

/** DescribeLaunchTemplates accepts 1..200 items per page. */
const PAGE_SIZE = 200;

export const ec2LaunchTemplate: ResourceType = {
  type: 'ec2:launch-template',
  description: 'EC2 launch templates (free; Auto Scaling groups and EKS node groups launch from them)',
  scope: 'region',
  permissions: {
    list: ['ec2:DescribeLaunchTemplates'],
    remove: ['ec2:DeleteLaunchTemplate'],
  },
  properties: {
    defaultVersion: { type: 'number', description: 'default version number' },
    latestVersion: { type: 'number', description: 'latest version number' },
    createdBy: { type: 'string', description: 'ARN of who created it' },
  },
  // 1 DescribeLaunchTemplates call per 200 templates.
  async list(ctx) {
    const out: Resource[] = [];
    const pages = paginateDescribeLaunchTemplates({ client: ctx.client(EC2Client), stopOnSameToken: true }, { MaxResults: PAGE_SIZE });
    for await (const page of pages) {
      for (const t of page.LaunchTemplates ?? []) {
        if (!t.LaunchTemplateId) continue;
        const tags = tagsOf(t.Tags);
        out.push({
          type: 'ec2:launch-template',
          id: t.LaunchTemplateId,
          arn: `arn:${partitionOf(ctx.region)}:ec2:${ctx.region}:${ctx.accountId}:launch-template/${t.LaunchTemplateId}`,
          name: t.LaunchTemplateName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(t.CreateTime),
          tags,
          props: { defaultVersion: t.DefaultVersionNumber, latestVersion: t.LatestVersionNumber, createdBy: t.CreatedBy },
        });
      }
    }
    return out;
  },
  async remove(ctx, resource) {
    await ctx.client(EC2Client).send(new DeleteLaunchTemplateCommand({ LaunchTemplateId: resource.id }));
  },
  dependsOn: ['autoscaling:group', 'eks:nodegroup', 'cloudformation:stack'],
};
