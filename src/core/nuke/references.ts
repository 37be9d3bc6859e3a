// "What stays keeps what it uses": a resource that stays (kept, protected, not selected) keeps the
// resources its properties point at (its subnet, its volumes, its role...), and a resource attached
// to something that stays (an Elastic IP on a kept instance) stays too.
import type { Resource } from '../model.js';

/**
 * How a property of a type points at another resource. `uses`: the holder needs the target (holder
 * stays -> target stays). `attached`: the holder hangs on the target (target stays -> holder stays).
 * `both`, or `none` for provenance (a snapshot's source volume).
 */
export type ReferenceKind = 'uses' | 'attached' | 'both' | 'none';

/** A property that names other resources, as a resource type declares it (`PropertySpec.ref`). */
export interface PropertyReference {
  /** The resource type(s) the value names. */
  to: string | readonly string[];
  kind: ReferenceKind;
  /** Also match the value against resource names (key pairs, IAM users by name). */
  byName?: boolean;
}

/** type -> property -> reference, as the resource types declare them. */
export type ReferenceTable = ReadonlyMap<string, Readonly<Record<string, PropertyReference>>>;

/** The declared references of the given types, by type. */
export function referenceTable(types: ReadonlyArray<{ type: string; references?: Readonly<Record<string, PropertyReference>> }>): ReferenceTable {
  return new Map(types.filter((t) => t.references).map((t) => [t.type, t.references as Readonly<Record<string, PropertyReference>>]));
}

/** The types a reference points at, as a list. */
export function referenceTargets(ref: PropertyReference): readonly string[] {
  return typeof ref.to === 'string' ? [ref.to] : ref.to;
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

/** Index resources of one account and type by id, ARN and (separately) name. */
class ResourceIndex {
  private readonly byIdOrArn = new Map<string, Resource[]>();
  private readonly byName = new Map<string, Resource[]>();

  constructor(resources: readonly Resource[]) {
    for (const r of resources) {
      this.add(this.byIdOrArn, `${r.accountId}|${r.type}|${r.id}`, r);
      if (r.arn) this.add(this.byIdOrArn, `${r.accountId}|${r.type}|${r.arn}`, r);
      if (r.name) this.add(this.byName, `${r.accountId}|${r.type}|${r.name}`, r);
    }
  }

  private add(map: Map<string, Resource[]>, key: string, r: Resource): void {
    const list = map.get(key);
    if (list) list.push(r);
    else map.set(key, [r]);
  }

  lookup(accountId: string, type: string, value: string, names: boolean): Resource[] {
    const byId = this.byIdOrArn.get(`${accountId}|${type}|${value}`) ?? [];
    if (!names) return byId;
    const byName = this.byName.get(`${accountId}|${type}|${value}`) ?? [];
    return byName.length === 0 ? byId : [...byId, ...byName.filter((r) => !byId.includes(r))];
  }
}

/**
 * Every reference from one resource's properties to another resource of the same account, as the
 * types declare them (`references`): a property without a declared reference names nothing.
 */
export function referencesOf(resources: readonly Resource[], types: ReadonlyArray<{ type: string; references?: Readonly<Record<string, PropertyReference>> }>): Reference[] {
  const table = referenceTable(types);
  const index = new ResourceIndex(resources);
  const out: Reference[] = [];
  for (const from of resources) {
    const declared = table.get(from.type);
    if (!declared) continue;
    for (const [key, ref] of Object.entries(declared)) {
      if (ref.kind === 'none') continue;
      const values: string[] = [];
      strings(from.props?.[key], values);
      for (const v of values) {
        for (const type of referenceTargets(ref)) {
          for (const to of index.lookup(from.accountId, type, v, ref.byName === true)) {
            if (to !== from && regionsMeet(from, to)) out.push({ from, to, key, kind: ref.kind });
          }
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
