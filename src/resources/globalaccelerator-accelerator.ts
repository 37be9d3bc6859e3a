import {
  DeleteAcceleratorCommand,
  DeleteCustomRoutingAcceleratorCommand,
  DeleteCustomRoutingEndpointGroupCommand,
  DeleteCustomRoutingListenerCommand,
  DeleteEndpointGroupCommand,
  DeleteListenerCommand,
  DescribeAcceleratorCommand,
  DescribeCustomRoutingAcceleratorCommand,
  GlobalAcceleratorClient,
  ListTagsForResourceCommand,
  UpdateAcceleratorCommand,
  UpdateCustomRoutingAcceleratorCommand,
  paginateListAccelerators,
  paginateListCustomRoutingAccelerators,
  paginateListCustomRoutingEndpointGroups,
  paginateListCustomRoutingListeners,
  paginateListEndpointGroups,
  paginateListListeners,
  type Accelerator,
  type CustomRoutingAccelerator,
} from '@aws-sdk/client-global-accelerator';
import type { Resource } from '../core/model.js';
import { partitionOf } from '../aws/regions.js';
import { waitUntilGone } from '../aws/nuke/wait.js';
import { tagsOf, iso, type CollectContext, type ResourceType } from './resource-type.js';
import { ownCall, ownDelete, partCall } from '../aws/nuke/own-call.js';

/** ListAccelerators, ListCustomRoutingAccelerators, ListListeners and ListEndpointGroups accept 1..100 results a page. */
const PAGE_SIZE = 100;

/**
 * Global Accelerator's API answers only in US West (Oregon), whatever region the run covers: "you must
 * specify the US West (Oregon) Region". An accelerator itself is global (its ARN has no region), so its
 * resources are recorded in region "global", collected once per account.
 */
export const GLOBAL_ACCELERATOR_API_REGION = 'us-west-2';

/**
 * The SDK client, pinned to the API's one region. The run's client factory builds it (so calls are
 * counted, limited and retried like every other) with the global API region, which this overrides.
 */
export class OregonGlobalAcceleratorClient extends GlobalAcceleratorClient {
  constructor(config: ConstructorParameters<typeof GlobalAcceleratorClient>[0]) {
    super({ ...config, region: GLOBAL_ACCELERATOR_API_REGION });
  }
}

/** The service exists only in the commercial partition (no endpoint in China, GovCloud or ISO). */
function available(ctx: CollectContext): boolean {
  return partitionOf(ctx.region) === 'aws';
}

function client(ctx: CollectContext): GlobalAcceleratorClient {
  return ctx.client(OregonGlobalAcceleratorClient);
}

type Kind = 'standard' | 'custom-routing';

function toResource(ctx: CollectContext, a: Accelerator | CustomRoutingAccelerator, kind: Kind): Resource | undefined {
  if (!a.AcceleratorArn) return undefined;
  const ips = (a.IpSets ?? []).flatMap((s) => s.IpAddresses ?? []);
  return {
    type: 'globalaccelerator:accelerator',
    id: a.AcceleratorArn,
    arn: a.AcceleratorArn,
    name: a.Name ?? a.AcceleratorArn,
    accountId: ctx.accountId,
    region: ctx.resourceRegion,
    createdAt: iso(a.CreatedTime),
    // Tags need ListTagsForResource per accelerator: nuke reads them (readTags), audit does not.
    tags: {},
    props: {
      kind,
      enabled: a.Enabled ?? false,
      status: a.Status,
      ipAddressType: a.IpAddressType,
      staticIpCount: ips.length,
      dnsName: a.DnsName,
      apiRegion: GLOBAL_ACCELERATOR_API_REGION,
    },
  };
}

/** The accelerator's own "not found" (its listeners' and endpoint groups' are theirs). */
const ACCELERATOR_NOT_FOUND = /AcceleratorNotFound/;

/** Wait until the accelerator's last change is deployed (DeleteAccelerator refuses one IN_PROGRESS). */
async function untilDeployed(ctx: CollectContext & { signal?: AbortSignal }, arn: string, kind: Kind): Promise<void> {
  const c = client(ctx);
  await waitUntilGone(async () => {
    const status =
      kind === 'standard'
        ? (await ownCall(c.send(new DescribeAcceleratorCommand({ AcceleratorArn: arn })), ACCELERATOR_NOT_FOUND)).Accelerator?.Status
        : (await ownCall(c.send(new DescribeCustomRoutingAcceleratorCommand({ AcceleratorArn: arn })), ACCELERATOR_NOT_FOUND)).Accelerator?.Status;
    return status === 'DEPLOYED';
  }, ctx.signal);
}

export const globalacceleratorAccelerator: ResourceType = {
  type: 'globalaccelerator:accelerator',
  description:
    'Global Accelerator accelerators, standard and custom routing ($0.025 an hour, $18.25 a month, per standard accelerator until deleted, even disabled; API in us-west-2 only)',
  scope: 'global',
  permissions: {
    list: ['globalaccelerator:ListAccelerators', 'globalaccelerator:ListCustomRoutingAccelerators'],
    remove: [
      'globalaccelerator:ListTagsForResource',
      'globalaccelerator:ListListeners',
      'globalaccelerator:ListEndpointGroups',
      'globalaccelerator:DeleteEndpointGroup',
      'globalaccelerator:DeleteListener',
      'globalaccelerator:UpdateAccelerator',
      'globalaccelerator:DescribeAccelerator',
      'globalaccelerator:DeleteAccelerator',
      'globalaccelerator:ListCustomRoutingListeners',
      'globalaccelerator:ListCustomRoutingEndpointGroups',
      'globalaccelerator:DeleteCustomRoutingEndpointGroup',
      'globalaccelerator:DeleteCustomRoutingListener',
      'globalaccelerator:UpdateCustomRoutingAccelerator',
      'globalaccelerator:DescribeCustomRoutingAccelerator',
      'globalaccelerator:DeleteCustomRoutingAccelerator',
    ],
  },
  properties: {
    kind: { type: 'string', description: 'standard | custom-routing' },
    enabled: { type: 'boolean', description: 'true when the accelerator accepts traffic; a disabled one keeps its static IPs and still bills' },
    status: { type: 'string', description: 'DEPLOYED | IN_PROGRESS (a change is being deployed)' },
    ipAddressType: { type: 'string', description: 'IPV4 | DUAL_STACK' },
    staticIpCount: { type: 'number', description: 'static IP addresses the accelerator holds (2 IPv4, or 4 when dual-stack)' },
    dnsName: { type: 'string', description: 'the DNS name Global Accelerator gave the accelerator' },
    apiRegion: { type: 'string', description: 'the region its API is called in: always us-west-2 (the accelerator itself is global)' },
  },
  // Once per account, in us-west-2: 1 ListAccelerators call per 100 accelerators, then 1
  // ListCustomRoutingAccelerators call per 100. Nothing in partitions without the service.
  async list(ctx) {
    if (!available(ctx)) return [];
    const c = client(ctx);
    const out: Resource[] = [];
    for await (const page of paginateListAccelerators({ client: c, stopOnSameToken: true }, { MaxResults: PAGE_SIZE })) {
      for (const a of page.Accelerators ?? []) {
        const r = toResource(ctx, a, 'standard');
        if (r) out.push(r);
      }
    }
    for await (const page of paginateListCustomRoutingAccelerators({ client: c, stopOnSameToken: true }, { MaxResults: PAGE_SIZE })) {
      for (const a of page.Accelerators ?? []) {
        const r = toResource(ctx, a, 'custom-routing');
        if (r) out.push(r);
      }
    }
    return out;
  },
  // 1 ListTagsForResource per accelerator (both kinds), 8 in flight per the client factory's bound.
  async readTags(ctx, resources) {
    const c = client(ctx);
    const out = new Map<string, Record<string, string>>();
    await Promise.all(resources.map(async (r) => out.set(r.id, tagsOf((await c.send(new ListTagsForResourceCommand({ ResourceArn: r.id }))).Tags))));
    return out;
  },
  // AWS deletes only a disabled accelerator with no listeners: endpoint groups first, then listeners,
  // then disable, wait until that is DEPLOYED (DescribeAccelerator every 2 to 15 s), and delete. The
  // listeners (10 at most per accelerator by default) are read in full before any is deleted. A listener
  // or endpoint group already gone is one less to delete (partCall); only the accelerator's own
  // AcceleratorNotFound (ownCall, ownDelete) says the accelerator is gone.
  async remove(ctx, resource) {
    const c = client(ctx);
    const arn = resource.id;
    const custom = resource.props.kind === 'custom-routing';
    const listeners: string[] = [];
    const listenerPages = custom
      ? paginateListCustomRoutingListeners({ client: c, stopOnSameToken: true }, { AcceleratorArn: arn, MaxResults: PAGE_SIZE })
      : paginateListListeners({ client: c, stopOnSameToken: true }, { AcceleratorArn: arn, MaxResults: PAGE_SIZE });
    const readListeners = async () => {
      for await (const page of listenerPages) for (const l of page.Listeners ?? []) if (l.ListenerArn) listeners.push(l.ListenerArn);
    };
    await ownCall(readListeners(), ACCELERATOR_NOT_FOUND);
    for (const listener of listeners) {
      const groups: string[] = [];
      const groupPages = custom
        ? paginateListCustomRoutingEndpointGroups({ client: c, stopOnSameToken: true }, { ListenerArn: listener, MaxResults: PAGE_SIZE })
        : paginateListEndpointGroups({ client: c, stopOnSameToken: true }, { ListenerArn: listener, MaxResults: PAGE_SIZE });
      const readGroups = async () => {
        for await (const page of groupPages) for (const g of page.EndpointGroups ?? []) if (g.EndpointGroupArn) groups.push(g.EndpointGroupArn);
      };
      await partCall(readGroups());
      for (const group of groups) {
        await partCall(c.send(custom ? new DeleteCustomRoutingEndpointGroupCommand({ EndpointGroupArn: group }) : new DeleteEndpointGroupCommand({ EndpointGroupArn: group })));
      }
      await partCall(c.send(custom ? new DeleteCustomRoutingListenerCommand({ ListenerArn: listener }) : new DeleteListenerCommand({ ListenerArn: listener })));
    }
    await ownCall(c.send(custom ? new UpdateCustomRoutingAcceleratorCommand({ AcceleratorArn: arn, Enabled: false }) : new UpdateAcceleratorCommand({ AcceleratorArn: arn, Enabled: false })), ACCELERATOR_NOT_FOUND);
    await untilDeployed(ctx, arn, custom ? 'custom-routing' : 'standard');
    await ownDelete(c.send(custom ? new DeleteCustomRoutingAcceleratorCommand({ AcceleratorArn: arn }) : new DeleteAcceleratorCommand({ AcceleratorArn: arn })));
  },
  dependsOn: [],
};
