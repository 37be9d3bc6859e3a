// What costguard never deletes, whatever the selection says. Each rule names its reason; the plan
// lists every protected resource as skipped with that reason.
import type { Resource } from '../model.js';
import type { SkipCategory } from './types.js';

export interface Protection {
  category: SkipCategory;
  reason: string;
  /** Whether what this resource uses must stay too (false for things that go with their owner). */
  propagates: boolean;
  /** The owner it goes with ("cloudformation:stack" named X), when known. */
  owner?: { type: string; name: string };
}

export interface ProtectionContext {
  /** accountId -> the ARN the run acts as there. */
  callerArns: ReadonlyMap<string, string>;
  /** "account|region" -> ids of default VPCs. */
  defaultVpcs: ReadonlyMap<string, ReadonlySet<string>>;
  includeDefaultVpc: boolean;
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

function stringProp(r: Resource, key: string): string | undefined {
  const v = r.props[key];
  return typeof v === 'string' ? v : undefined;
}

const protectedBy = (reason: string): Protection => ({ category: 'protected', reason, propagates: true });

function callerRule(r: Resource, ctx: ProtectionContext): Protection | undefined {
  const arn = ctx.callerArns.get(r.accountId);
  const caller = parseCallerArn(arn);
  if (!caller.name || !r.type.startsWith('iam:')) return undefined;
  if (caller.kind === 'role' && r.type === 'iam:role' && iamName(r) === caller.name) return protectedBy(`the role this run came through (${arn})`);
  if (caller.kind === 'user' && r.type === 'iam:user' && iamName(r) === caller.name) return protectedBy(`the caller's own identity (${arn})`);
  if (caller.kind === 'user' && r.type !== 'iam:user' && stringProp(r, 'userName') === caller.name) return protectedBy(`belongs to the caller's own identity (${arn})`);
  if (caller.kind === 'role' && r.type !== 'iam:role' && stringProp(r, 'roleName') === caller.name) return protectedBy(`belongs to the role this run came through (${arn})`);
  return undefined;
}

function iamRoleRule(r: Resource): Protection | undefined {
  if (r.type !== 'iam:role') return undefined;
  const name = iamName(r);
  const path = stringProp(r, 'path') ?? '';
  if (name.startsWith('AWSReservedSSO_') || path.startsWith('/aws-reserved/sso.amazonaws.com/')) return protectedBy('IAM Identity Center (SSO) role');
  if (path.startsWith('/aws-service-role/') || name.startsWith('AWSServiceRoleFor')) return protectedBy('service-linked role (owned by an AWS service)');
  if (name === 'OrganizationAccountAccessRole') return protectedBy('OrganizationAccountAccessRole (how the Organization reaches this account)');
  if (path.startsWith('/aws-reserved/')) return protectedBy('role reserved by AWS');
  return undefined;
}

function awsManagedRule(r: Resource): Protection | undefined {
  if (r.arn && /^arn:[^:]+:iam::aws:/.test(r.arn)) return protectedBy('AWS-managed');
  if (r.props.awsManaged === true) return protectedBy('AWS-managed');
  return undefined;
}

/** Tags AWS puts on what a service created and deletes with its owner. */
const OWNER_TAGS: ReadonlyArray<{ tag: string; ownerType: string; words: string }> = [
  { tag: 'aws:cloudformation:stack-name', ownerType: 'cloudformation:stack', words: 'CloudFormation stack' },
  { tag: 'aws:autoscaling:groupName', ownerType: 'autoscaling:group', words: 'Auto Scaling group' },
  { tag: 'eks:nodegroup-name', ownerType: 'eks:nodegroup', words: 'EKS node group' },
  { tag: 'elasticbeanstalk:environment-name', ownerType: 'elasticbeanstalk:environment', words: 'Elastic Beanstalk environment' },
];

/** What goes with an owner (a stack, an Auto Scaling group): deleting it alone would fight the owner. */
export function managedBy(r: Resource): Protection | undefined {
  for (const { tag, ownerType, words } of OWNER_TAGS) {
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

/** The default VPC and what came with it: default subnets, its internet gateway. */
function defaultVpcRule(r: Resource, ctx: ProtectionContext): Protection | undefined {
  if (ctx.includeDefaultVpc) return undefined;
  const reason = 'part of the default VPC (pass --include-default-vpc to delete it)';
  if (r.type === 'ec2:vpc' && r.props.isDefault === true) return protectedBy('the default VPC (pass --include-default-vpc to delete it)');
  if (r.type === 'ec2:subnet' && r.props.defaultForAz === true) return protectedBy(reason);
  const defaults = ctx.defaultVpcs.get(`${r.accountId}|${r.region}`);
  if (!defaults || defaults.size === 0) return undefined;
  if (r.type === 'ec2:internet-gateway') {
    const vpcs = Array.isArray(r.props.vpcIds) ? (r.props.vpcIds as unknown[]) : [r.props.vpcId];
    if (vpcs.some((v) => typeof v === 'string' && defaults.has(v))) return protectedBy(reason);
  }
  return undefined;
}

/**
 * Built-in protection, in order: the caller's identity, SSO / service-linked / organization roles,
 * AWS-managed resources, the default VPC. What goes with an owner (managedBy) and type-specific
 * reasons (resource type `protect()`) are applied by the planner after keep.
 */
export function builtinProtection(resource: Resource, ctx: ProtectionContext): Protection | undefined {
  return callerRule(resource, ctx) ?? iamRoleRule(resource) ?? awsManagedRule(resource) ?? defaultVpcRule(resource, ctx);
}

/** "account|region" -> default VPC ids, from the ec2:vpc resources of an inventory. */
export function defaultVpcIndex(resources: readonly Resource[]): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  for (const r of resources) {
    if (r.type !== 'ec2:vpc' || r.props.isDefault !== true) continue;
    const key = `${r.accountId}|${r.region}`;
    const set = index.get(key) ?? new Set<string>();
    set.add(r.id);
    index.set(key, set);
  }
  return index;
}
