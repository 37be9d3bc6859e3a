import { DescribeHostsCommand, EC2Client, ReleaseHostsCommand, paginateDescribeHosts } from '@aws-sdk/client-ec2';
import type { Resource } from '../core/model.js';
import { goneByOwnRead, ownCall } from '../aws/nuke/own-call.js';
import { iso, tagsOf, type ResourceType } from './resource-type.js';

/** DescribeHosts accepts 5..500 results per page. */
const PAGE_SIZE = 500;

export const ec2Host: ResourceType = {
  type: 'ec2:host',
  description: 'EC2 Dedicated Hosts (billed per host-hour while allocated, whether or not instances run on it)',
  scope: 'region',
  permissions: {
    list: ['ec2:DescribeHosts'],
    remove: ['ec2:ReleaseHosts', 'ec2:DescribeHosts'],
  },
  properties: {
    state: { type: 'string', description: 'available | under-assessment | permanent-failure | released | released-permanent-failure | pending' },
    instanceFamily: { type: 'string', description: 'e.g. c5, m5, mac1' },
    instanceType: { type: 'string', description: 'the one instance type it supports, when fixed' },
    instanceIds: { type: 'strings', description: 'instances running on it', ref: { to: 'ec2:instance', kind: 'attached' } },
  },
  // 1 DescribeHosts call per 500 hosts; tags come in the same answer. Released hosts are left out.
  async list(ctx) {
    const out: Resource[] = [];
    for await (const page of paginateDescribeHosts({ client: ctx.client(EC2Client), stopOnSameToken: true }, { MaxResults: PAGE_SIZE })) {
      for (const h of page.Hosts ?? []) {
        if (!h.HostId || (h.State ?? '').startsWith('released')) continue;
        const tags = tagsOf(h.Tags);
        out.push({
          type: 'ec2:host',
          id: h.HostId,
          name: tags.Name,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          createdAt: iso(h.AllocationTime),
          tags,
          props: {
            state: h.State,
            instanceFamily: h.HostProperties?.InstanceFamily ?? h.HostProperties?.InstanceType?.split('.')[0],
            instanceType: h.HostProperties?.InstanceType,
            instanceIds: (h.Instances ?? []).flatMap((i) => (i.InstanceId ? [i.InstanceId] : [])),
          },
        });
      }
    }
    return out;
  },
  // Its instances go first (a host with running instances cannot be released).
  async remove(ctx, resource) {
    const ec2 = ctx.client(EC2Client);
    const result = await ec2.send(new ReleaseHostsCommand({ HostIds: [resource.id] }));
    const failure = result.Unsuccessful?.[0];
    if (!failure) return;
    // A refusal comes inside a successful answer, with a code of its own: the host's own read says
    // whether it is gone already (its "not found" counts as gone through ownCall).
    const host = (await ownCall(ec2.send(new DescribeHostsCommand({ HostIds: [resource.id] })))).Hosts?.[0];
    if (!host || host.State === 'released' || host.State === 'released-permanent-failure') {
      throw goneByOwnRead(`host ${resource.id} is ${host?.State ?? 'no longer listed'}`);
    }
    throw new Error(`ReleaseHosts refused ${resource.id}: ${failure.Error?.Code ?? ''} ${failure.Error?.Message ?? ''}`.trim());
  },
  dependsOn: ['ec2:instance'],
};
