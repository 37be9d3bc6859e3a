import { DeleteDomainCommand, DescribeDomainCommand, DescribeDomainsCommand, ListDomainNamesCommand, ListTagsCommand, OpenSearchClient } from '@aws-sdk/client-opensearch';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { chunks, tagsOf, type ResourceType, IN_A_VPC } from './resource-type.js';

/** DescribeDomains takes at most 5 domain names per call (AWS documentation). */
const DESCRIBE_BATCH = 5;

export const opensearchDomain: ResourceType = {
  type: 'opensearch:domain',
  description: 'OpenSearch Service (and Elasticsearch) domains (every node bills per hour, plus EBS storage; no pause)',
  scope: 'region',
  createdAt: false,
  permissions: {
    list: ['es:ListDomainNames', 'es:DescribeDomains'],
    remove: ['es:DeleteDomain', 'es:DescribeDomain', 'es:ListTags'],
  },
  properties: {
    engineVersion: { type: 'string', description: 'e.g. OpenSearch_2.11, Elasticsearch_7.10' },
    instanceType: { type: 'string', description: 'data node type, e.g. r6g.large.search' },
    instanceCount: { type: 'number', description: 'data nodes' },
    dedicatedMasterEnabled: { type: 'boolean', description: 'true when dedicated master nodes run' },
    dedicatedMasterType: { type: 'string', description: 'dedicated master node type' },
    dedicatedMasterCount: { type: 'number', description: 'dedicated master nodes (0 when none)' },
    warmCount: { type: 'number', description: 'UltraWarm nodes (0 when none)' },
    ebsVolumeType: { type: 'string', description: 'gp2 | gp3 | io1 | standard (absent without EBS)' },
    ebsVolumeSizeGiB: { type: 'number', description: 'EBS size per data node in GiB (0 without EBS)' },
    ebsTotalGiB: { type: 'number', description: 'EBS storage across data nodes in GiB' },
    processing: { type: 'boolean', description: 'true while a configuration change is applied' },
    deleted: { type: 'boolean', description: 'true when deletion was requested' },
  },
  // 1 ListDomainNames call (no pagination: every domain in one answer), then 1 DescribeDomains per 5 domains.
  // No creation time exists in the API. Tags only for nuke (readTags: 1 ListTags per domain).
  async list(ctx) {
    const client = ctx.client(OpenSearchClient);
    const names = ((await client.send(new ListDomainNamesCommand({}))).DomainNames ?? []).flatMap((d) => (d.DomainName ? [d.DomainName] : []));
    const batches = await Promise.all(chunks(names, DESCRIBE_BATCH).map((batch) => client.send(new DescribeDomainsCommand({ DomainNames: batch }))));
    return batches.flatMap((b) =>
      (b.DomainStatusList ?? []).flatMap((d): Resource[] => {
        if (!d.DomainName) return [];
        const c = d.ClusterConfig ?? {};
        const ebs = d.EBSOptions?.EBSEnabled ? d.EBSOptions : undefined;
        const instanceCount = c.InstanceCount ?? 1;
        const domain: Resource = {
          type: 'opensearch:domain',
          id: d.DomainName,
          arn: d.ARN,
          name: d.DomainName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          tags: {},
          props: {
            engineVersion: d.EngineVersion,
            instanceType: c.InstanceType,
            instanceCount,
            dedicatedMasterEnabled: c.DedicatedMasterEnabled === true,
            dedicatedMasterType: c.DedicatedMasterEnabled ? c.DedicatedMasterType : undefined,
            dedicatedMasterCount: c.DedicatedMasterEnabled ? (c.DedicatedMasterCount ?? 0) : 0,
            warmCount: c.WarmEnabled ? (c.WarmCount ?? 0) : 0,
            ebsVolumeType: ebs?.VolumeType,
            ebsVolumeSizeGiB: ebs?.VolumeSize ?? 0,
            ebsTotalGiB: (ebs?.VolumeSize ?? 0) * instanceCount,
            processing: d.Processing === true,
            deleted: d.Deleted === true,
          },
        };
        return [domain];
      }),
    );
  },
  async readTags(ctx, resources) {
    const client = ctx.client(OpenSearchClient);
    const out = new Map<string, Record<string, string>>();
    await Promise.all(resources.map(async (r) => r.arn && out.set(r.id, tagsOf((await client.send(new ListTagsCommand({ ARN: r.arn }))).TagList))));
    return out;
  },
  // No deletion protection and no final snapshot exist for domains; a deleted domain cannot be recovered. Deleting
  // takes minutes: wait until it is gone so the VPC's subnets and security groups can go next.
  async remove(ctx, resource) {
    const client = ctx.client(OpenSearchClient);
    await client.send(new DeleteDomainCommand({ DomainName: resource.id }));
    await waitUntilGone(() => isNotFound(() => client.send(new DescribeDomainCommand({ DomainName: resource.id }))), ctx.signal);
  },
  // It runs in subnets of a VPC: those, its security groups and the VPC are deleted after it.
  deleteBefore: IN_A_VPC,
  dependsOn: [],
  protect(resource) {
    if (resource.props.deleted === true) return 'already being deleted';
    return undefined;
  },
};
