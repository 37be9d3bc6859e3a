import type { CostRole } from '../core/cost-roles.js';
import type { Resource } from '../core/model.js';
import type { ClientConstructor } from '../aws/client-factory.js';
import type { PropertyReference } from '../core/nuke/references.js';
import type { GuardContext } from '../core/nuke/protect.js';

/** What a collector gets: SDK clients for one account and one region, already wired for stats and retries. */
export interface CollectContext {
  accountId: string;
  /** The region being collected; for global types the API region of the partition (us-east-1). */
  region: string;
  /** The region recorded on resources: the region itself, or "global" for global types. */
  resourceRegion: string;
  client<C>(ctor: ClientConstructor<C>): C;
  now: Date;
  /**
   * One answer per account and region for a listing several types read (ec2:DescribeInstances, for
   * the instances and for the volumes of stopped ones): the first caller's fetch, shared with the other
   * types of the same collection, so the call is made once. Only a collection sets it; remove() and
   * readTags() must see AWS as it is now (see sharedListing).
   */
  shared?<T>(key: string, fetch: () => Promise<T>): Promise<T>;
}

/** fetch(), made once per collection of an account and region when the context shares listings (CollectContext.shared). */
export function sharedListing<T>(ctx: CollectContext, key: string, fetch: () => Promise<T>): Promise<T> {
  return ctx.shared ? ctx.shared(key, fetch) : fetch();
}

/** What a guard may ask: the nuke config's --include-default-vpc, and which resources are defaults. */
export type { GuardContext } from '../core/nuke/protect.js';

/** What a deleter gets (nuke). */
export interface RemoveContext extends CollectContext {
  /** Abort long waits when the user presses Ctrl-C or --max-wait passes. */
  signal?: AbortSignal;
  /**
   * Whether this run deletes the resource of that type and id (same account and region). remove()
   * prepares (revokes, detaches) only when its delete is certain, i.e. what still refers to the
   * resource is deleted too; it never changes anything that is not planned.
   */
  isPlanned?(type: string, id: string): boolean;
}

export interface ResourcePermissions {
  /** IAM actions list() needs. */
  list: string[];
  /** IAM actions nuke needs: remove() and readTags(). */
  remove?: string[];
}

/**
 * The kind of value a property holds. It decides which operators a rule may apply to it:
 * string (eq, ne, in, notIn, contains, glob, regex), number (eq, ne, in, notIn, gt, gte, lt, lte),
 * boolean (eq, ne), date (olderThan, newerThan, eq, ne, gt, gte, lt, lte on ISO strings),
 * strings (a list of strings: contains, eq, ne, in/notIn on its members), tags (tags.KEY only),
 * object (a nested record: present/absent only). present/absent fit every kind.
 */
export type PropertyType = 'string' | 'number' | 'boolean' | 'date' | 'strings' | 'tags' | 'object';

/**
 * How a property points at other resources (ids or ARNs, or names when `byName`).
 * `uses`: the holder needs the target (a holder that stays keeps the target; the default).
 * `attached`: the holder hangs on the target (a target that stays keeps the holder).
 * `both`, or `none` for provenance only (a snapshot's source volume). Defined in core (the nuke
 * planner reads it without knowing the types).
 */
export type { PropertyReference, ReferenceKind } from '../core/nuke/references.js';

export interface PropertySpec {
  type: PropertyType;
  description: string;
  /** Set when the value names other resources: nuke's in-use propagation, protection and order read it. */
  ref?: PropertyReference;
}

/**
 * One AWS resource type: how to list it, its properties, how to delete it, what it depends on and
 * the IAM actions it needs. One file per type under src/resources/, registered in registry.ts.
 */
export interface ResourceType {
  /** "ec2:elastic-ip" */
  type: string;
  /** One-line description for docs and `policies show`. */
  description: string;
  scope: 'region' | 'global';
  permissions: ResourcePermissions;
  /**
   * What list() puts in Resource.props: each property's type, description and (when it names other
   * resources) reference. Validation of rules and nuke configs, `policies show`, the generated
   * property reference and nuke's planner read this.
   */
  properties: Record<string, PropertySpec>;
  /** Whether list() records createdAt (AWS gives a creation time). Default true. */
  createdAt?: boolean;
  /** Collecting it costs money (Cost Explorer: $0.01 a request): only what a rule or --type asks for collects it. */
  paid?: boolean;
  /** Price keys (src/cost price table) the rules on this type use. */
  priceKeys?: readonly string[];
  list(ctx: CollectContext): Promise<Resource[]>;
  /**
   * Tags of the given resources, by resource id, for types whose list() cannot carry them (they cost a
   * call per resource or per few resources). Only nuke calls it, before planning, so `costguard:keep`,
   * keep rules and tag selections hold for these types too; audit never pays for it. Resources it
   * returns nothing for have no tags. Its IAM actions belong in `permissions.remove`. Rejects when any
   * tags could not be read (nuke then skips the type's resources there as unverified).
   */
  readTags?(ctx: CollectContext, resources: Resource[]): Promise<Map<string, Record<string, string>>>;
  /** Delete one resource (nuke). Resolves when the delete was accepted. */
  remove?(ctx: RemoveContext, resource: Resource): Promise<void>;
  /** Resource types whose resources must be deleted before this type's (nuke ordering). */
  dependsOn?: string[];
  /**
   * The other direction, kept in this type's file: types whose planned resources are deleted only after
   * this type's — the network a service runs in (IN_A_VPC). It orders a plan and nothing else: unlike
   * dependsOn it does not make this type collected, or a protector, wherever those types are nuked
   * (what a service uses already stays through its `ref` properties).
   */
  deleteBefore?: readonly string[];
  /**
   * Types nuke collects with this one, though they are not deleted with it, so the planner can decide
   * about its resources: what hangs on them (an instance's volumes), what decides "default" (a subnet's VPC).
   */
  collectWith?: readonly string[];
  /**
   * Why a resource goes with something else and is not deleted by itself (AWS-managed interface, a
   * stack's part, ...); undefined when it may be. Checked after the config's keep; holds back nothing.
   */
  protect?(resource: Resource): string | undefined;
  /**
   * Why costguard never deletes a resource, whatever the config says (an SSO role, the default VPC);
   * undefined when it may be. Checked first, and what it uses stays too.
   */
  guard?(resource: Resource, ctx: GuardContext): string | undefined;
  /** Resources of this type are IAM identities a run may act as: the caller's own is never deleted. */
  callerIdentity?: 'user' | 'role';
  /**
   * The property in which other resources list the ids of this type's resources that AWS made for
   * them (a NAT gateway's networkInterfaceIds): nuke lets such a resource go or stay with its owner.
   */
  ownedVia?: string;
  /**
   * The tag AWS puts on what a resource of this type creates (a stack's resources carry
   * `aws:cloudformation:stack-name`): such resources go with their owner and are not deleted by themselves.
   * `rank` orders owners when a resource carries several of these tags (lowest first: a stack before the
   * Auto Scaling group it made); `words` names the owner kind in plans.
   */
  ownerTag?: OwnerTag;
  /** The part of the cost report (and of the bill reconciliation) this type's resources hold. */
  costRole?: CostRole;
}

/** See ResourceType.ownerTag. */
export interface OwnerTag {
  tag: string;
  words: string;
  rank: number;
}

/** The properties of a type that name other resources, with how they do (nuke's planner reads these). */
export function declaredReferences(t: Pick<ResourceType, 'properties'>): Record<string, PropertyReference> {
  const out: Record<string, PropertyReference> = {};
  for (const [key, spec] of Object.entries(t.properties)) if (spec.ref) out[key] = spec.ref;
  return out;
}

/** Helper: AWS tag list → record. */
export function tagsOf(tags: Array<{ Key?: string; Value?: string }> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) if (t.Key !== undefined) out[t.Key] = t.Value ?? '';
  return out;
}

/** Helper: Date | string | undefined → ISO string | undefined. */
export function iso(d: Date | string | undefined | null): string | undefined {
  if (d === undefined || d === null) return undefined;
  const date = d instanceof Date ? d : new Date(d);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Helper: items in batches of at most `size` (APIs that take N ids per call). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** deleteBefore of a service that runs in a VPC: its subnets, security groups and the VPC are deleted after it. */
export const IN_A_VPC: readonly string[] = ['ec2:subnet', 'ec2:security-group', 'ec2:vpc'];
