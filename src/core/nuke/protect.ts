// What costguard never deletes, whatever the selection says. Each rule names its reason; the plan
// lists every protected resource as skipped with that reason.
import type { Resource } from '../model.js';
import { referenceTargets } from './references.js';
import type { GuardContext, NukeTypeInfo, SkipCategory } from './types.js';

export interface Protection {
  category: SkipCategory;
  reason: string;
  /** Whether what this resource uses must stay too (false for things that go with their owner). */
  propagates: boolean;
  /** The owner it goes with (its type and name: a CloudFormation stack named X), when known. */
  owner?: { type: string; name: string };
}

export type { GuardContext } from './types.js';

export interface ProtectionContext extends GuardContext {
  /** accountId -> the ARN the run acts as there. */
  callerArns: ReadonlyMap<string, string>;
  /** The types, for their guards, caller identities and references. */
  types?: ReadonlyMap<string, NukeTypeInfo>;
}

export interface CallerIdentity {
  kind: 'user' | 'role' | 'root' | 'other';
  name?: string;
}

/** What an sts:GetCallerIdentity ARN says about who we are. */
export function parseCallerArn(arn: string | undefined): CallerIdentity {
  if (!arn) return { kind: 'other' };
  const resource = arn.split(':').slice(5).join(':');
  if (resource === 'root') return { kind: 'root' };
  if (resource.startsWith('user/')) return { kind: 'user', name: resource.split('/').pop() };
  if (resource.startsWith('assumed-role/')) return { kind: 'role', name: resource.split('/')[1] };
  if (resource.startsWith('role/')) return { kind: 'role', name: resource.split('/').pop() };
  return { kind: 'other' };
}

/** The name an IAM resource goes by: its name, else the last part of its id or ARN. */
function iamName(r: Resource): string {
  return r.name ?? r.arn?.split('/').pop() ?? r.id;
}

const protectedBy = (reason: string): Protection => ({ category: 'protected', reason, propagates: true });

/** The caller's own identity (a type with callerIdentity), and what names it (a byName reference to such a type: its access keys). */
function callerRule(r: Resource, ctx: ProtectionContext): Protection | undefined {
  const arn = ctx.callerArns.get(r.accountId);
  const caller = parseCallerArn(arn);
  if (!caller.name || (caller.kind !== 'user' && caller.kind !== 'role')) return undefined;
  const own = caller.kind === 'role' ? `the role this run came through (${arn})` : `the caller's own identity (${arn})`;
  const info = ctx.types?.get(r.type);
  if (info?.callerIdentity === caller.kind) return iamName(r) === caller.name ? protectedBy(own) : undefined;
  for (const [key, ref] of Object.entries(info?.references ?? {})) {
    if (!ref.byName || r.props[key] !== caller.name) continue;
    if (referenceTargets(ref).some((t) => ctx.types?.get(t)?.callerIdentity === caller.kind)) return protectedBy(`belongs to ${own}`);
  }
  return undefined;
}

function guardRule(r: Resource, ctx: ProtectionContext): Protection | undefined {
  const reason = ctx.types?.get(r.type)?.guard?.(r, ctx);
  return reason ? protectedBy(reason) : undefined;
}

function awsManagedRule(r: Resource): Protection | undefined {
  if (r.arn && /^arn:[^:]+:iam::aws:/.test(r.arn)) return protectedBy('AWS-managed');
  if (r.props.awsManaged === true) return protectedBy('AWS-managed');
  return undefined;
}

/** An owner type and the tag AWS puts on what it creates (from the types' ownerTag). */
export interface OwnerTagRule {
  tag: string;
  ownerType: string;
  words: string;
}

/** The types' owner tags, in the order they decide (ResourceType.ownerTag.rank: a stack before its Auto Scaling group). */
export function ownerTagRules(types: Iterable<NukeTypeInfo>): OwnerTagRule[] {
  return [...types]
    .filter((t): t is NukeTypeInfo & { ownerTag: NonNullable<NukeTypeInfo['ownerTag']> } => t.ownerTag !== undefined)
    .sort((a, b) => a.ownerTag.rank - b.ownerTag.rank || a.type.localeCompare(b.type))
    .map((t) => ({ tag: t.ownerTag.tag, ownerType: t.type, words: t.ownerTag.words }));
}

/** What goes with an owner (a stack, an Auto Scaling group): deleting it alone would fight the owner. */
export function managedBy(r: Resource, owners: readonly OwnerTagRule[]): Protection | undefined {
  for (const { tag, ownerType, words } of owners) {
    const owner = r.tags[tag];
    if (owner === undefined || (r.type === ownerType && (r.name === owner || r.id === owner))) continue;
    return {
      category: 'managed',
      reason: `managed by ${words} "${owner}": it goes when that goes`,
      propagates: true,
      owner: { type: ownerType, name: owner },
    };
  }
  return undefined;
}

/**
 * Built-in protection, in order: the caller's identity, AWS-managed resources, the types' guards (SSO
 * and service-linked roles, the default VPC). What goes with an owner (managedBy) and type-specific
 * reasons (resource type `protect()`) are applied by the planner after keep.
 */
export function builtinProtection(resource: Resource, ctx: ProtectionContext): Protection | undefined {
  return callerRule(resource, ctx) ?? awsManagedRule(resource) ?? guardRule(resource, ctx);
}

/** "account|region" -> ids of the resources that are the default of their kind (props.isDefault: the default VPC). */
export function defaultVpcIndex(resources: readonly Resource[]): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  for (const r of resources) {
    if (r.props.isDefault !== true) continue;
    const key = `${r.accountId}|${r.region}`;
    const set = index.get(key) ?? new Set<string>();
    set.add(r.id);
    index.set(key, set);
  }
  return index;
}
