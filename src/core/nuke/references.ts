// "What stays keeps what it uses": a resource that stays (kept, protected, not selected) keeps the
// resources its properties point at (its subnet, its volumes, its role...), and a resource attached
// to something that stays (an Elastic IP on a kept instance) stays too.
import type { Resource } from '../model.js';

/**
 * How a property of a type points at another resource. `uses`: the holder needs the target (holder
 * stays -> target stays; the default). `attached`: the holder hangs on the target (target stays ->
 * holder stays). `both`, or `none` for provenance (a snapshot's source volume).
 */
export type ReferenceKind = 'uses' | 'attached' | 'both' | 'none';

export const REFERENCE_KINDS: Readonly<Record<string, Readonly<Record<string, ReferenceKind>>>> = {
  'ec2:elastic-ip': { instanceId: 'attached', networkInterfaceId: 'attached', associationId: 'none', allocationId: 'none' },
  'ec2:volume': { attachedInstanceIds: 'both' },
  'ec2:network-interface': { attachmentInstanceId: 'both' },
  'ec2:snapshot': { volumeId: 'none' },
  'ec2:image': { sourceInstanceId: 'none' },
  'rds:db-snapshot': { dbInstanceIdentifier: 'none' },
  'rds:db-cluster-snapshot': { dbClusterIdentifier: 'none' },
  'elbv2:target-group': { loadBalancerArns: 'attached' },
  'ec2:route-table': { subnetIds: 'attached' },
  // A gateway exists for its VPC: a VPC that stays keeps its gateways.
  'ec2:internet-gateway': { vpcIds: 'both' },
  'ec2:egress-only-internet-gateway': { vpcIds: 'both' },
};

function kindOf(type: string, key: string): ReferenceKind {
  return REFERENCE_KINDS[type]?.[key] ?? 'uses';
}

/** Only properties named like a name (keyName, roleName) are matched against resource names; ids and ARNs always. */
function matchesNames(key: string): boolean {
  return /name$|names$/i.test(key);
}

function strings(value: unknown, out: string[], depth = 0): void {
  if (typeof value === 'string') {
    if (value.length > 0) out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) strings(v, out, depth + 1);
  } else if (value && typeof value === 'object' && depth < 2) {
    for (const v of Object.values(value)) strings(v, out, depth + 1);
  }
}

export interface Reference {
  from: Resource;
  to: Resource;
  key: string;
  kind: ReferenceKind;
}

function regionsMeet(a: Resource, b: Resource): boolean {
  return a.region === b.region || a.region === 'global' || b.region === 'global';
}

/** Index resources of one account by id, ARN and (separately) name. */
class ResourceIndex {
  private readonly byIdOrArn = new Map<string, Resource[]>();
  private readonly byName = new Map<string, Resource[]>();

  constructor(resources: readonly Resource[]) {
    for (const r of resources) {
      this.add(this.byIdOrArn, `${r.accountId}|${r.id}`, r);
      if (r.arn) this.add(this.byIdOrArn, `${r.accountId}|${r.arn}`, r);
      if (r.name) this.add(this.byName, `${r.accountId}|${r.name}`, r);
    }
  }

  private add(map: Map<string, Resource[]>, key: string, r: Resource): void {
    const list = map.get(key);
    if (list) list.push(r);
    else map.set(key, [r]);
  }

  lookup(accountId: string, value: string, names: boolean): Resource[] {
    const byId = this.byIdOrArn.get(`${accountId}|${value}`) ?? [];
    if (!names) return byId;
    const byName = this.byName.get(`${accountId}|${value}`) ?? [];
    return byName.length === 0 ? byId : [...byId, ...byName];
  }
}

/** Every reference from one resource's properties to another resource of the same account. */
export function referencesOf(resources: readonly Resource[]): Reference[] {
  const index = new ResourceIndex(resources);
  const out: Reference[] = [];
  for (const from of resources) {
    for (const [key, value] of Object.entries(from.props ?? {})) {
      const kind = kindOf(from.type, key);
      if (kind === 'none') continue;
      const values: string[] = [];
      strings(value, values);
      for (const v of values) {
        for (const to of index.lookup(from.accountId, v, matchesNames(key))) {
          if (to !== from && regionsMeet(from, to)) out.push({ from, to, key, kind });
        }
      }
    }
  }
  return out;
}

/**
 * For each resource that stays, the resources it keeps: targets of its `uses` references, holders of
 * `attached` references pointing at it. Returns resource -> [kept resource, why].
 */
export function keepEdges(references: readonly Reference[]): Map<Resource, Array<{ target: Resource; why: string }>> {
  const edges = new Map<Resource, Array<{ target: Resource; why: string }>>();
  const add = (source: Resource, target: Resource, why: string) => {
    const list = edges.get(source);
    if (list) list.push({ target, why });
    else edges.set(source, [{ target, why }]);
  };
  for (const ref of references) {
    if (ref.kind === 'uses') add(ref.from, ref.to, `used by ${ref.from.type} ${ref.from.id} (${ref.key})`);
    if (ref.kind === 'both') add(ref.from, ref.to, `has ${ref.from.type} ${ref.from.id} attached (${ref.key})`);
    if (ref.kind === 'attached' || ref.kind === 'both') add(ref.to, ref.from, `attached to ${ref.to.type} ${ref.to.id} (${ref.key})`);
  }
  return edges;
}
