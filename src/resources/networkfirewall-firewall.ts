import { DeleteFirewallCommand, DescribeFirewallCommand, NetworkFirewallClient, paginateListFirewalls } from '@aws-sdk/client-network-firewall';
import type { Resource } from '../core/model.js';
import { isNotFound, waitUntilGone } from '../aws/nuke/wait.js';
import { tagsOf, type ResourceType, IN_A_VPC } from './resource-type.js';

/** ListFirewalls accepts 1..100 results per page. */
const PAGE_SIZE = 100;

export const networkFirewallFirewall: ResourceType = {
  type: 'networkfirewall:firewall',
  description: 'AWS Network Firewall firewalls (every endpoint, one per subnet mapping, bills $0.395 an hour plus data)',
  scope: 'region',
  createdAt: false,
  permissions: {
    list: ['network-firewall:ListFirewalls', 'network-firewall:DescribeFirewall'],
    remove: ['network-firewall:DeleteFirewall', 'network-firewall:DescribeFirewall'],
  },
  properties: {
    status: { type: 'string', description: 'PROVISIONING | DELETING | READY' },
    endpointCount: { type: 'number', description: 'firewall endpoints: one per subnet mapping (availability zone)' },
    deleteProtection: { type: 'boolean', description: 'true when the firewall cannot be deleted until protection is turned off' },
    vpcId: { type: 'string', description: 'the VPC the firewall protects', ref: { to: 'ec2:vpc', kind: 'uses' } },
    subnetIds: { type: 'strings', description: 'subnets holding the firewall endpoints', ref: { to: 'ec2:subnet', kind: 'uses' } },
  },
  // 1 ListFirewalls call per 100 firewalls, then 1 DescribeFirewall per firewall (the list has names only).
  async list(ctx) {
    const client = ctx.client(NetworkFirewallClient);
    const out: Resource[] = [];
    for await (const page of paginateListFirewalls({ client, stopOnSameToken: true }, { MaxResults: PAGE_SIZE })) {
      for (const f of page.Firewalls ?? []) {
        if (!f.FirewallArn) continue;
        const d = await client.send(new DescribeFirewallCommand({ FirewallArn: f.FirewallArn }));
        const fw = d.Firewall;
        const subnetIds = (fw?.SubnetMappings ?? []).map((m) => m.SubnetId).filter((s): s is string => !!s);
        out.push({
          type: 'networkfirewall:firewall',
          id: f.FirewallArn,
          arn: f.FirewallArn,
          name: f.FirewallName,
          accountId: ctx.accountId,
          region: ctx.resourceRegion,
          tags: tagsOf(fw?.Tags),
          props: { status: d.FirewallStatus?.Status, endpointCount: subnetIds.length, deleteProtection: fw?.DeleteProtection ?? false, vpcId: fw?.VpcId, subnetIds },
        });
      }
    }
    return out;
  },
  // DeleteFirewall fails while routes point at its endpoints (reported); deleting takes minutes: wait so the subnets can go next.
  async remove(ctx, resource) {
    const client = ctx.client(NetworkFirewallClient);
    await client.send(new DeleteFirewallCommand({ FirewallArn: resource.id }));
    await waitUntilGone(() => isNotFound(() => client.send(new DescribeFirewallCommand({ FirewallArn: resource.id })), /ResourceNotFound/), ctx.signal);
  },
  // It runs in subnets of a VPC: those, its security groups and the VPC are deleted after it.
  deleteBefore: IN_A_VPC,
  dependsOn: [],
  guard(resource) {
    return resource.props.deleteProtection === true ? 'delete protection is on (turn it off to let nuke delete the firewall)' : undefined;
  },
  protect(resource) {
    return resource.props.status === 'DELETING' ? 'already being deleted' : undefined;
  },
};
